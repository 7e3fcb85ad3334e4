"""Loads the official administrative units from the package vietnam-provinces.

Nothing here is typed by hand: the 2025 units, the pre-2025 units and the old→new
conversion table all come from the package, and loading twice changes nothing.
"""

from django.db import transaction
from vietnam_provinces import Province as VPProvince
from vietnam_provinces import Ward as VPWard
from vietnam_provinces import legacy as vp_legacy

from .models import (
    Commune,
    LegacyCommune,
    LegacyDistrict,
    LegacyMapping,
    LegacyProvince,
    Province,
)


def _kind(unit) -> str:
    return str(unit.division_type.value)


def _upsert(model, objects, fields):
    model.objects.bulk_create(
        objects,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=fields,
    )


@transaction.atomic
def load_units() -> dict[str, int]:
    _upsert(
        Province,
        [
            Province(code=p.code.value, name=p.name, kind=_kind(p), codename=p.codename)
            for p in VPProvince.iter_all()
        ],
        ["name", "kind", "codename"],
    )
    _upsert(
        Commune,
        [
            Commune(
                code=w.code.value,
                name=w.name,
                kind=_kind(w),
                codename=w.codename,
                province_id=w.province_code.value,
            )
            for w in VPWard.iter_all()
        ],
        ["name", "kind", "codename", "province"],
    )
    _upsert(
        LegacyProvince,
        [
            LegacyProvince(code=p.code.value, name=p.name, kind=_kind(p))
            for p in vp_legacy.Province.iter_all()
        ],
        ["name", "kind"],
    )
    _upsert(
        LegacyDistrict,
        [
            LegacyDistrict(
                code=d.code.value, name=d.name, kind=_kind(d), province_id=d.province_code.value
            )
            for d in vp_legacy.District.iter_all()
        ],
        ["name", "kind", "province"],
    )
    _upsert(
        LegacyCommune,
        [
            LegacyCommune(
                code=w.code.value, name=w.name, kind=_kind(w), district_id=w.district_code.value
            )
            for w in vp_legacy.Ward.iter_all()
        ],
        ["name", "kind", "district"],
    )
    LegacyMapping.objects.bulk_create(
        [
            LegacyMapping(legacy_commune_id=old, commune_id=new, is_partly_merged=partly)
            for old, new, partly in old_to_new()
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    return unit_counts()


def old_to_new() -> list[tuple[int, int, bool]]:
    """(old commune, today's commune, is the old commune partly merged) for every entry
    of the official conversion table whose old commune the package lists.

    The pairs come from the public API (Ward.get_legacy_sources() of each of today's
    communes). The "partly merged" flag does not: the official table flags an old
    commune that was divided even when it lists only one of today's communes for it
    (132 old communes, 7 of them in Sơn La), so counting its new communes would drop the
    ※ mark of the mapped view for them. The flag alone is read from the package's table,
    here and nowhere else; tests/areas/test_units.py pins both."""
    from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW  # the flag only

    partly = {code: entry.old_ward.is_partly_merged for code, entry in OLD_TO_NEW.items()}
    return [
        (old.code.value, ward.code.value, partly[old.code.value])
        for ward in VPWard.iter_all()
        for old in ward.get_legacy_sources()
    ]


def unit_counts() -> dict[str, int]:
    return {
        "provinces": Province.objects.count(),
        "communes": Commune.objects.count(),
        "legacy_provinces": LegacyProvince.objects.count(),
        "legacy_districts": LegacyDistrict.objects.count(),
        "legacy_communes": LegacyCommune.objects.count(),
        "legacy_mappings": LegacyMapping.objects.count(),
    }

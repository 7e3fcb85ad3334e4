import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from vietnam_provinces import Ward
from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW

from khuyenhoc.areas.models import (
    Commune,
    LegacyCommune,
    LegacyDistrict,
    LegacyMapping,
    LegacyProvince,
    Province,
)
from khuyenhoc.areas.units import load_units, unit_counts

pytestmark = pytest.mark.django_db


def test_it_loads_the_34_provinces_and_3321_communes_of_2025():
    assert Province.objects.count() == 34
    assert Commune.objects.count() == 3321
    kinds = Counter(Commune.objects.values_list("kind", flat=True))
    assert kinds == {"xã": 2621, "phường": 687, "đặc khu": 13}


def test_it_loads_the_legacy_units_apart_from_the_new_ones():
    assert LegacyProvince.objects.count() == 63
    assert LegacyDistrict.objects.count() == 696
    assert LegacyCommune.objects.count() == 10051
    # the same number names different places in the two code spaces
    assert Commune.objects.get(code=3646).name == "Phường Tô Hiệu"
    assert LegacyCommune.objects.get(code=3646).name == "Phường Chiềng Lề"


def test_it_loads_every_old_to_new_pair_the_package_knows():
    expected = {
        (entry.old_ward.code, new.code, entry.old_ward.is_partly_merged)
        for entry in OLD_TO_NEW.values()
        for new in entry.new_wards
    }
    known_old = set(LegacyCommune.objects.values_list("code", flat=True))
    known_new = set(Commune.objects.values_list("code", flat=True))
    expected = {e for e in expected if e[0] in known_old and e[1] in known_new}
    stored = set(
        LegacyMapping.objects.values_list("legacy_commune_id", "commune_id", "is_partly_merged")
    )
    assert stored == expected
    assert len(stored) > 10_000
    sources = {w.code.value for w in Ward.from_code(3646).get_legacy_sources()}
    assert (
        set(Commune.objects.get(code=3646).legacy_sources.values_list("code", flat=True)) == sources
    )


def test_it_marks_old_communes_split_between_new_ones_as_partly_merged():
    split = LegacyMapping.objects.filter(is_partly_merged=True).values("legacy_commune").distinct()
    assert split.count() > 0
    one = LegacyMapping.objects.filter(legacy_commune__code=19).values_list("commune_id", flat=True)
    assert sorted(one) == [4, 70, 190, 226]


def test_loading_twice_changes_nothing():
    before = unit_counts()
    assert load_units() == before


def test_the_mapping_agrees_with_the_public_search_from_legacy_for_every_old_commune_of_son_la():
    olds = LegacyCommune.objects.filter(district__province__name__contains="Sơn La")
    assert olds.count() > 100
    for code in olds.values_list("code", flat=True):
        public = {w.ward.code.value for w in Ward.search_from_legacy(code=code)}
        stored = set(
            LegacyMapping.objects.filter(legacy_commune_id=code).values_list(
                "commune_id", flat=True
            )
        )
        assert stored == public, code


def test_only_the_partly_merged_flag_is_read_from_a_private_module_of_the_package():
    root = Path(settings.BASE_DIR)
    # the project's own packages only: walking .venv's thousands of files took 5 s
    private_reads = [
        (path.relative_to(root), line.strip())
        for top in ("khuyenhoc", "titles", "members", "funds", "scripts")
        for path in (root / top).rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"vietnam_provinces\._", line)
    ]
    assert private_reads == [
        (
            Path("khuyenhoc/areas/units.py"),
            "from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW  # the flag only",
        )
    ]

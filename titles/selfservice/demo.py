"""Demo self-service, so that a newcomer tries it at once: household codes for a village
of the demo staff account's first commune, printed by seed_demo on every run, and two
citizens' registrations waiting in that commune's queue.

The codes come from the demo's seeded stream rather than the secrets module: only their
digests are stored, and drawing them again is how a later run prints the same codes."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from khuyenhoc.areas.demo_names import person_name
from khuyenhoc.areas.models import Village
from khuyenhoc.areas.views import current_year
from khuyenhoc.core.access.scope import can_touch

from ..models import HouseholdCode, SelfRegistration
from . import codes, evidence, services

FREE = 4  # codes printed for the newcomer
SENT = 2  # codes whose household already sent a citizen's registration


def _commune(ctx):
    return ctx.active_communes[0]


def _drawn(ctx) -> list[str]:
    """The demo's codes, in the order they were issued."""
    rng = ctx.rng("selfservice")
    return [
        "".join(rng.choice(codes.ALPHABET) for _ in range(codes.LENGTH)) for _ in range(FREE + SENT)
    ]


def _photo(rng) -> list[evidence.Kept]:
    """A certificate's photo as a phone sends it, kept as evidence is."""
    out = io.BytesIO()
    colour = tuple(rng.randint(120, 230) for _ in range(3))
    Image.new("RGB", (320, 240), colour).save(out, format="JPEG")
    return [evidence.kept(SimpleUploadedFile("giay-khen.jpg", out.getvalue()))]


def seed(ctx):
    commune = _commune(ctx)
    village = Village.objects.filter(commune=commune, is_active=True).order_by("id").first()
    if village is None:
        return
    staff = ctx.accounts.get("canbo")
    staff = staff if staff is not None and can_touch(staff, commune.code) else None
    drawn = iter(_drawn(ctx))
    issued = services.codes_issue(
        user=staff, commune=commune, village=village, count=FREE + SENT, draw=lambda: next(drawn)
    )
    rng = ctx.rng("selfservice:sent")
    year = current_year()
    # citizens: the demo's household list of the year is already sent for recognition,
    # and the staff could not accept a household's registration into it
    for (code, _), (sex, group) in zip(issued[FREE:], [("nu", 1), ("nam", 2)], strict=True):
        _, indicators = services.criteria_for("citizen", year, group)
        services.submission_send(
            code=code,
            year=year,
            title="citizen",
            data={
                "village": village,
                "full_name": person_name(rng, sex),
                "birth_year": rng.randint(1965, 2000),
                "sex": sex,
                "group": group,
            },
            answers={i.id: max(i.max_points - rng.randint(0, 2), 0) for i in indicators},
            files=_photo(rng),
        )
    ctx.say(
        f"  Người dân tự đăng ký: {len(issued)} mã của hộ ở {commune.name}, {SENT} hồ sơ chờ xã."
    )


def describe(ctx):
    """The codes still free to try, as seed_demo prints them after the accounts."""
    commune = _commune(ctx)
    wanted = {codes.digest(code): code for code in _drawn(ctx)[:FREE]}
    unused = (
        HouseholdCode.objects.filter(digest__in=wanted, revoked_at__isnull=True)
        .exclude(pk__in=SelfRegistration.objects.values("code"))
        .select_related("village")
        .order_by("number")
    )
    address = reverse("selfservice:commune", args=[commune.code])
    queue = reverse("titles:self_queue", args=[commune.code])
    found = list(unused)
    if not found:  # a demo seeded before self-service, or with another --seed
        issue = reverse("titles:self_codes", args=[commune.code])
        ctx.say(f"Người dân tự đăng ký: cán bộ cấp mã của hộ ở {issue}, rồi mở {address}")
        return
    ctx.say(
        f"Người dân tự đăng ký: mở {address} trên điện thoại và nhập một mã của hộ "
        f"({found[0].village.name}, {commune.name}); cán bộ xem hồ sơ ở {queue}"
    )
    for row in found:
        ctx.say(f"  {row}: {codes.shown(wanted[row.digest])}")

"""Addresses of every routed page filled with real records of one commune, so that a
smoke test can tell a right 404 (nothing there) from a wrong one (the record exists and
is in scope, yet the page says it does not)."""

from django.urls import reverse
from django.urls.converters import IntConverter

from funds.models import Campaign, Fund, Payout, Receipt, SignedList, Transfer
from khuyenhoc.areas.models import CommuneGroup, LegacyCommune, Village
from khuyenhoc.jobs.models import Job
from members.models import Branch, Member
from titles.models import HouseholdCode, Registration, SelfEvidence, SelfRegistration

YEAR = 2025  # a year the demo seeds for today's communes
LEGACY_YEAR = 2024  # a year of the old communes, for the pages of the years before the reform
TITLE = "household"


def _registration(commune, *, recognised=False):
    rows = Registration.objects.filter(commune=commune, year=YEAR, title=TITLE)
    if recognised:
        rows = rows.filter(state=Registration.State.RECOGNISED)
    return rows.order_by("pk").first()


def _member(commune):
    return Member.objects.filter(commune=commune).order_by("pk").first()


def _finished_job(commune):
    """An import of the commune that finished with a file to download: the demo seeds
    no jobs, so one is made here (the module's transaction takes it back)."""
    job = Job.objects.filter(commune=commune, state=Job.State.DONE).first()
    if job is None:
        staff = commune.staff_profiles.first()
        job = Job.objects.create(
            kind="members.import",
            label="Nhập hội viên",
            user=staff.user,
            commune=commune,
            state=Job.State.DONE,
            message="Đã nhập 3 hội viên.",
            output=b"Ho va ten\n",
            output_name="ket-qua.csv",
        )
    return job


def _self_submission(commune):
    """What a household of the commune sent, with one evidence file: the demo seeds no
    self-service, so one is made here (the module's transaction takes it back)."""
    found = SelfRegistration.objects.filter(commune=commune).first()
    if found is None:
        village = _village(commune)
        code = HouseholdCode.objects.create(
            commune=commune, village=village, number=900_000, digest=f"{commune.pk:064}"
        )
        found = SelfRegistration.objects.create(
            code=code,
            commune=commune,
            year=YEAR,
            title="citizen",
            village=village,
            full_name="Người Tự Đăng Ký",
            birth_year=1990,
            sex="nu",
            group=1,
            consent_at=code.issued_at,
        )
        SelfEvidence.objects.create(
            submission=found, name="anh.jpg", content_type="image/jpeg", size=3, content=b"abc"
        )
    return found


def _reminder(commune):
    """A reminder from the province to the commune: the demo sends none."""
    from django.utils import timezone

    from khuyenhoc.quality.models import Reminder

    return Reminder.objects.filter(commune=commune).first() or Reminder.objects.create(
        commune=commune, year=YEAR, text="Đề nghị gửi danh sách.", sent_at=timezone.now()
    )


def _village(commune):
    return Village.objects.filter(commune=commune, is_active=True).order_by("pk").first()


def _fund(commune):
    return Fund.objects.filter(branch__commune=commune).order_by("pk").first()


def _batch(commune):
    """A payout by count (tests/trust/conftest.py: issue25_records)."""
    return Payout.objects.filter(fund__branch__commune=commune, unit_amount__isnull=False).first()


# route name → (the record its pk names, values of its text parts)
RECORDS = {
    "areas:history": (
        lambda c: Member.objects.filter(commune=c).first(),
        {"label": "members.member"},
    ),
    "areas:legacy_report": (
        lambda c: LegacyCommune.objects.filter(mappings__commune=c).order_by("pk").first(),
        {},
    ),
    "reports:legacy_district": (
        lambda c: LegacyCommune.objects.filter(mappings__commune=c).order_by("pk").first().district,
        {},
    ),
    "areas:village_edit": (_village, {}),
    "areas:village_merge": (
        lambda c: Village.objects.filter(commune=c, is_active=True).first(),
        {},
    ),
    "funds:payout": (lambda c: Payout.objects.filter(fund__branch__commune=c).first(), {}),
    "funds:receipt": (lambda c: Receipt.objects.filter(fund__branch__commune=c).first(), {}),
    "funds:reverse": (
        lambda c: Receipt.objects.filter(fund__branch__commune=c, reverses__isnull=True).first(),
        {"kind": "thu"},
    ),
    "funds:campaign": (lambda c: Campaign.objects.order_by("pk").first(), {}),
    "funds_public:campaign": (lambda c: Campaign.objects.order_by("pk").first(), {}),
    "funds:payout_names": (_batch, {}),
    "funds:payout_scan": (_batch, {}),
    "funds:payout_voucher": (_batch, {}),
    "funds:payout_sign_list": (_batch, {}),
    "funds:payout_certificates": (_batch, {}),
    "funds:signed_list_file": (
        lambda c: SignedList.objects.filter(payout__fund__branch__commune=c).first(),
        {},
    ),
    "funds:transfer_confirm": (lambda c: Transfer.objects.order_by("pk").first(), {}),
    "funds:transfer_refuse": (lambda c: Transfer.objects.order_by("pk").first(), {}),
    "funds:transfer_cancel": (lambda c: Transfer.objects.order_by("pk").first(), {}),
    "funds:transfer_undo": (lambda c: Transfer.objects.order_by("pk").first(), {}),
    "jobs:detail": (_finished_job, {}),
    "jobs:download": (_finished_job, {}),
    "members:branch_dissolve": (
        lambda c: Branch.objects.filter(commune=c, kind__in=Branch.GRASSROOTS).first(),
        {},
    ),
    "members:branch_edit": (
        lambda c: Branch.objects.filter(commune=c, kind__in=Branch.GRASSROOTS).first(),
        {},
    ),
    "members:edit": (_member, {}),
    "members:erase": (_member, {}),
    "members:leave": (_member, {}),
    "stats:group": (lambda c: CommuneGroup.objects.filter(communes=c).first(), {}),
    "quality:reminder_read": (_reminder, {}),
    "titles:certificate": (lambda c: _registration(c, recognised=True), {}),
    "titles:correct": (_registration, {}),
    "titles:erase": (_registration, {}),
    "titles:evaluate": (_registration, {}),
    "titles:withdraw": (_registration, {}),
    "titles:self_detail": (_self_submission, {}),
    "titles:self_evidence": (lambda c: _self_submission(c).evidence.first(), {}),
    "titles:self_code_revoke": (lambda c: _self_submission(c).code, {}),
}
TEXTS = {"kind": "thu", "title": TITLE}


def real_url(name, converters, commune) -> str:
    """The address of `name` for `commune`, every part naming a record that exists."""
    record, texts = RECORDS.get(name, (_fund, {}))
    kwargs = {}
    for key, converter in converters.items():
        if key == "code":
            kwargs[key] = commune.code
        elif key in ("year", "nam"):
            kwargs[key] = YEAR
        elif key == "legacy_year":
            kwargs[key] = LEGACY_YEAR
        elif isinstance(converter, IntConverter):
            found = record(commune)
            assert found is not None, f"{name}: the demo has no record for {commune}"
            kwargs[key] = found.pk
        else:
            kwargs[key] = texts.get(key, TEXTS.get(key, "x"))
    return reverse(name, kwargs=kwargs)

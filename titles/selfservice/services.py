"""Every write of self-service: codes issued and revoked by the commune's staff, what a
household sends with its code, and the commune's decision on it. An accepted
submission becomes a registration and an evaluation through titles.services, the one
write path of the lists, whose figures follow in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from khuyenhoc.areas.models import Commune
from khuyenhoc.core.access.scope import require_writable
from khuyenhoc.core.text import fold

from .. import rules, services
from ..models import CriteriaSet, HouseholdCode, SelfEvidence, SelfRegistration
from . import codes
from .retention import delete_sent as _delete
from .tasks import keep_purging

State = SelfRegistration.State
MAX_CODES = 500  # one village's sheet; a bigger village prints two
MAX_EVIDENCE = 5


# Codes -------------------------------------------------------------------------------


@transaction.atomic
def codes_issue(
    *, user, commune, village, count, draw=codes.new_code
) -> list[tuple[HouseholdCode, str]]:
    """`count` new codes for households of `village`: [(code row, the code itself)]. The
    code is returned once, to be printed; only its digest is stored. `draw` makes one
    code: the secrets module's, except in the demo, which draws from its seeded stream
    so that every run of seed_demo can print the same codes again."""
    require_writable(user, commune)
    services.village_of(commune, village)
    if not 1 <= count <= MAX_CODES:
        raise ValidationError(f"Mỗi lần cấp từ 1 đến {MAX_CODES} mã.")
    # numbers follow each other in a commune; locking its row keeps two issues from
    # taking the same numbers
    list(Commune.objects.select_for_update().filter(pk=commune.pk).values_list("pk"))
    last = HouseholdCode.objects.filter(commune=commune).aggregate(n=Max("number"))["n"] or 0
    now = timezone.now()
    issued = []
    for offset in range(1, count + 1):
        plain = draw()
        row = HouseholdCode(
            commune=commune,
            village=village,
            number=last + offset,
            digest=codes.digest(plain),
            issued_at=now,
            issued_by=user,
        )
        row._history_user = user
        issued.append((row, plain))
    HouseholdCode.objects.bulk_create([row for row, _ in issued])
    return issued


@transaction.atomic
def code_revoke(*, user, code) -> HouseholdCode:
    """A lost or misused slip stops opening its household's page; what was sent with it
    stays with the commune."""
    require_writable(user, code.commune)
    code = HouseholdCode.objects.select_for_update().get(pk=code.pk)
    if code.is_revoked:
        raise ValidationError(f"{code} đã bị thu hồi.")
    code.revoked_at = timezone.now()
    code._history_user = user
    code._change_reason = "Thu hồi mã"
    code.save(update_fields=["revoked_at"])
    return code


def code_of(typed) -> HouseholdCode | None:
    """The code a person typed, if it is one in use; None otherwise."""
    plain = codes.normalised(typed)
    if plain is None:
        return None
    return (
        HouseholdCode.objects.select_related("commune", "village")
        .filter(digest=codes.digest(plain), revoked_at__isnull=True)
        .first()
    )


# What a household sends --------------------------------------------------------------


def criteria_for(title, year, group=None):
    """(criteria set in force, its indicators for the group), or a ValidationError."""
    criteria_set = CriteriaSet.objects.in_force(title=title, year=year)
    if criteria_set is None:
        raise ValidationError(f"Chưa có bộ tiêu chí áp dụng cho năm {year}; hãy hỏi xã.")
    return criteria_set, list(criteria_set.indicators(group if title == "citizen" else None))


def _checked_answers(indicators, answers) -> dict:
    return {str(i.id): rules.check_points(i, answers.get(i.id)) for i in indicators}


@transaction.atomic
def submission_send(
    *, code, year, title, data, answers, files=(), submission=None
) -> SelfRegistration:
    """A new registration for the year from the household of `code`, or (`submission`,
    returned by the commune) the same one fixed and sent again. `data` holds the
    person's fields (village, full_name, birth_year, sex, id_number, group, members),
    `answers` {indicator id: points}, `files` the evidence, already checked
    (evidence.kept). The sender has no account: the code is the only key, checked here
    again under a lock."""
    code = HouseholdCode.objects.select_for_update().get(pk=code.pk)
    if code.is_revoked:
        raise ValidationError("Mã này đã bị thu hồi; hãy hỏi cán bộ khuyến học xã.")
    if title not in ("citizen", "household"):
        raise ValidationError("Danh hiệu không hợp lệ.")
    services.check_year(year)
    services.village_of(code.commune, data["village"])
    _, indicators = criteria_for(title, year, data.get("group"))
    if submission is None:
        submission = SelfRegistration(code=code, commune=code.commune, year=year, title=title)
    else:
        submission = SelfRegistration.objects.select_for_update().get(pk=submission.pk)
        if submission.code_id != code.pk or not submission.is_open:
            raise ValidationError("Hồ sơ này không sửa được nữa.")
    for field in ("village", "full_name", "birth_year", "group", "members"):
        setattr(submission, field, data.get(field))
    submission.sex = data.get("sex") or ""
    submission.id_number = data.get("id_number") or ""
    submission.name_folded = fold(submission.full_name)
    submission.answers = _checked_answers(indicators, answers)
    submission.consent_at = timezone.now()
    submission.state = State.SENT
    submission.sent_at = timezone.now()
    _refuse_repeat(submission)
    already = submission.evidence.count() if submission.pk else 0
    if already + len(files) > MAX_EVIDENCE:
        raise ValidationError(f"Gửi tối đa {MAX_EVIDENCE} tệp minh chứng.")
    submission._change_reason = "Gửi lại sau khi bổ sung" if submission.pk else "Người dân gửi"
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError as exc:
        raise ValidationError("Hộ đã gửi đăng ký Gia đình học tập năm nay.") from exc
    SelfEvidence.objects.bulk_create(
        SelfEvidence(
            submission=submission,
            name=f.name,
            content_type=f.content_type,
            size=len(f.content),
            content=f.content,
        )
        for f in files
    )
    keep_purging()
    return submission


def _refuse_repeat(submission):
    """The same person twice from one household in a year, or the household twice."""
    same = SelfRegistration.objects.filter(
        code=submission.code, year=submission.year, title=submission.title
    ).exclude(state=State.REJECTED)
    if submission.pk:
        same = same.exclude(pk=submission.pk)
    if submission.title == "household" and same.exists():
        raise ValidationError("Hộ đã gửi đăng ký Gia đình học tập năm nay.")
    if same.filter(name_folded=submission.name_folded, birth_year=submission.birth_year).exists():
        raise ValidationError(f"{submission.full_name} đã được gửi đăng ký năm nay.")


# The commune's decision ----------------------------------------------------------------


def _open_for_decision(user, submission) -> SelfRegistration:
    require_writable(user, submission.commune)
    submission = (
        SelfRegistration.objects.select_for_update()
        .select_related("commune", "code", "village")
        .get(pk=submission.pk)
    )
    if submission.state != State.SENT:
        raise ValidationError(
            f"Hồ sơ của {submission.full_name} đang ở trạng thái "
            f"«{submission.get_state_display()}», không xử lý được."
        )
    return submission


def _decided(user, submission, state, reason, note):
    submission.state = state
    submission.reason = reason
    submission.decided_at = timezone.now()
    submission.decided_by = user
    submission._history_user = user
    submission._change_reason = note
    submission.save()
    keep_purging()
    return submission


@transaction.atomic
def submission_accept(*, user, submission) -> SelfRegistration:
    """The household's registration joins the commune's list for the year, scored as
    the person scored themselves (staff may correct the scores on the evaluation page),
    with its evidence, which stays linked to it."""
    submission = _open_for_decision(user, submission)
    commune = submission.commune
    if submission.title == "household":
        code = HouseholdCode.objects.select_for_update().get(pk=submission.code_id)
        subject = code.household
        if subject is None or subject.is_erased:
            subject = services.household_create(
                user=user,
                commune=commune,
                village=submission.village,
                head_name=submission.full_name,
                members=submission.members,
            )
            code.household = subject
            code._history_user = user
            code.save(update_fields=["household"])
    else:
        subject = services.citizen_create(
            user=user,
            commune=commune,
            village=submission.village,
            full_name=submission.full_name,
            birth_year=submission.birth_year,
            sex=submission.sex,
            group=submission.group,
        )
        submission.citizen = subject
    registration = services.registration_create(
        user=user, commune=commune, year=submission.year, title=submission.title, subject=subject
    )
    services.registration_evaluate(
        user=user,
        registration=registration,
        points={int(k): v for k, v in submission.answers.items()},
    )
    submission.registration = registration
    return _decided(user, submission, State.ACCEPTED, "", "Xã tiếp nhận")


def submissions_accept(*, user, submissions) -> tuple[int, list[str]]:
    """Accepts each of `submissions` on its own: one that cannot be accepted (already
    decided, its household registered by staff meanwhile) is reported and the others
    go on. (number accepted, the reasons of those refused)."""
    accepted, refused = 0, []
    for submission in submissions:
        try:
            submission_accept(user=user, submission=submission)
            accepted += 1
        except ValidationError as exc:
            refused.append(f"{submission.full_name}: {' '.join(exc.messages)}")
    return accepted, refused


def _reason(reason, what):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(f"Cần ghi lý do {what} để người dân biết.")
    return reason


@transaction.atomic
def submission_return(*, user, submission, reason) -> SelfRegistration:
    """Back to the household, who reads the reason with its code, fixes and resends."""
    reason = _reason(reason, "trả lại")
    submission = _open_for_decision(user, submission)
    return _decided(user, submission, State.RETURNED, reason, "Xã trả lại để bổ sung")


@transaction.atomic
def submission_reject(*, user, submission, reason) -> SelfRegistration:
    reason = _reason(reason, "không tiếp nhận")
    submission = _open_for_decision(user, submission)
    return _decided(user, submission, State.REJECTED, reason, "Xã không tiếp nhận")


# Personal data -------------------------------------------------------------------------


@transaction.atomic
def submission_erase(*, user, submission) -> None:
    """On the person's request, before the commune decided (or after it refused): what
    they sent goes, with its history; the household's code stays. An accepted one is
    erased with the person (titles.corrections.person_erase), so that the
    registration's subject goes too."""
    require_writable(user, submission.commune)
    submission = SelfRegistration.objects.select_for_update().get(pk=submission.pk)
    if submission.state == State.ACCEPTED:
        raise ValidationError(
            "Hồ sơ đã vào danh sách: xoá thông tin cá nhân ở trang đăng ký của người đó."
        )
    _delete(SelfRegistration.objects.filter(pk=submission.pk))


def submissions_erase(*, registrations) -> int:
    """Called in the transaction of titles.corrections.person_erase: what the person
    sent for `registrations` (their own, every year) goes with their details."""
    return _delete(SelfRegistration.objects.filter(registration__in=list(registrations)))

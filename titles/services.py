"""Every write of the titles app's subjects, registrations and evaluations, and the
checks the recognition workflow (recognition.py) shares. Views, admin actions, imports
and commands call these functions, bulk.py for many rows at once, and nothing else
writes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from khuyenhoc.areas import summaries
from khuyenhoc.areas.models import Village
from khuyenhoc.core import checks
from khuyenhoc.core.access.scope import require_reviewer, require_writable
from khuyenhoc.core.web import params

from . import bulk, figures, rules
from .metrics import TITLES
from .models import (
    SUBJECT_ELSEWHERE,
    VILLAGE_ELSEWHERE,
    Citizen,
    Clan,
    CriteriaSet,
    Evaluation,
    Household,
    RecognitionList,
    Registration,
    Score,
    Unit,
    require_in_commune,
)
from .models.registrations import SUBJECT_FIELDS

State = Registration.State
ListState = RecognitionList.State

LOCKED_PROPOSED = "Danh sách đã gửi đề nghị công nhận nên không sửa được; chờ thẩm định."
LOCKED_APPROVED = (
    "Danh sách đã được công nhận và đã khóa; cần cán bộ Hội tỉnh mở lại trước khi sửa."
)


def require_list_reviewer(user, commune):
    """A list of the province's own communes, reviewed by a reviewer (or the system)."""
    if commune.province_id != settings.PROVINCE_CODE:
        raise ValidationError("Xã, phường này không thuộc tỉnh của Hội; không thể thẩm định.")
    require_reviewer(user, "duyệt, trả lại hay mở lại danh sách đề nghị công nhận")


def check_year(year):
    first, last = params.FIRST_YEAR, params.last_year()
    if not first <= int(year) <= last:
        raise ValidationError(f"Năm {year} không hợp lệ (từ {first} đến {last}).")


def check_title(title):
    if title not in TITLES:
        raise ValidationError("Danh hiệu không hợp lệ.")


def recognition_list(*, commune, year, title, lock=False) -> RecognitionList:
    """The list a write goes to, made by the first one. Pages read it with
    selectors.list_or_blank: a GET never makes one."""
    rlist, _ = RecognitionList.objects.get_or_create(commune=commune, year=year, title=title)
    if lock:
        rlist = RecognitionList.objects.select_for_update().get(pk=rlist.pk)
    return rlist


def lock_refusal(rlist) -> str:
    """Why nothing on `rlist` can be changed now, or "" when it is open (None: no list yet)."""
    if rlist is not None and rlist.state == ListState.PROPOSED:
        return LOCKED_PROPOSED
    if rlist is not None and rlist.state == ListState.APPROVED:
        return LOCKED_APPROVED
    return ""


def require_editable(rlist):
    refusal = lock_refusal(rlist)
    if refusal:
        raise ValidationError(refusal)


def scoring_refusal(registration, rlist) -> str:
    """Why `registration` cannot be scored now, or "" when it can: the one rule that the
    evaluation page shows and its save enforces. `rlist` is its list, None if it has none."""
    refusal = lock_refusal(rlist)
    if refusal:
        return refusal
    if registration.state not in (State.REGISTERED, State.EVALUATED):
        return "Chỉ đánh giá được đăng ký đang chờ hoặc đã đánh giá."
    return ""


def refresh_figures(commune, year):
    summaries.refresh(figures, commune=commune, year=year)


def village_of(commune, village) -> Village:
    return require_in_commune(village, commune.code, VILLAGE_ELSEWHERE)


# Subjects ---------------------------------------------------------------------------


def validated_save(subject):
    subject.full_clean(exclude=["name_folded"])
    subject.save()
    return subject


@transaction.atomic
def citizen_create(*, user, commune, village, full_name, birth_year, sex, group) -> Citizen:
    require_writable(user, commune)
    return validated_save(
        Citizen(
            commune=commune,
            village=village_of(commune, village),
            full_name=full_name,
            birth_year=birth_year,
            sex=sex,
            group=group,
        )
    )


@transaction.atomic
def household_create(*, user, commune, village, head_name, members) -> Household:
    require_writable(user, commune)
    return validated_save(
        Household(
            commune=commune,
            village=village_of(commune, village),
            head_name=head_name,
            members=members,
        )
    )


@transaction.atomic
def clan_create(*, user, commune, name, villages=()) -> Clan:
    require_writable(user, commune)
    for village in villages:
        village_of(commune, village)
    clan = validated_save(Clan(commune=commune, name=name))
    clan.villages.set(villages)
    return clan


@transaction.atomic
def unit_create(*, user, commune, name, kind) -> Unit:
    require_writable(user, commune)
    return validated_save(Unit(commune=commune, name=name, kind=kind))


# Registrations ----------------------------------------------------------------------


@transaction.atomic
def registration_create(*, user, commune, year, title, subject=None, when=None) -> Registration:
    """Registers one subject (none for the commune itself). `when` (default now) is the
    moment recorded, for the demo's past years, as in the bulk writers."""
    require_writable(user, commune)
    check_title(title)
    check_year(year)
    rlist = recognition_list(commune=commune, year=year, title=title, lock=True)
    require_editable(rlist)
    field = SUBJECT_FIELDS[title]
    when = when or timezone.now()
    registration = Registration(
        commune=commune, year=year, title=title, created_by=user, created_at=when
    )
    if field:
        require_in_commune(subject, commune.code, SUBJECT_ELSEWHERE)
        setattr(registration, field, subject)
        lookup = {field: subject}
        if title == "citizen":
            registration.citizen_group = subject.group
    else:
        lookup = {"commune": commune, "title": "commune"}
    if Registration.objects.filter(year=year, **lookup).exclude(state=State.WITHDRAWN).exists():
        raise ValidationError(
            f"{registration.subject_name} đã đăng ký «{TITLES[title][0]}» năm {year}."
        )
    registration._history_user = user
    registration._history_date = when
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:
        raise ValidationError("Đối tượng này đã đăng ký danh hiệu này trong năm.") from exc
    refresh_figures(commune, year)
    registration.warnings = checks.check_figures(
        commune=commune, year=year, stage=checks.ENTRY, titles=[title]
    )
    return registration


@transaction.atomic
def subject_register(*, user, commune, year, title, data) -> Registration:
    """Creates the subject from the form's fields and registers it, or neither."""
    check_title(title)
    creators = {
        "citizen": citizen_create,
        "household": household_create,
        "clan": clan_create,
        "unit": unit_create,
    }
    if title in creators:
        subject = creators[title](user=user, commune=commune, **data)
    elif title == "village":
        subject = village_of(commune, data.get("village"))
    else:
        subject = None
    return registration_create(user=user, commune=commune, year=year, title=title, subject=subject)


def editable_registration(registration) -> Registration:
    """The registration as stored now, once its list is locked and known to be editable."""
    rlist = recognition_list(
        commune=registration.commune, year=registration.year, title=registration.title, lock=True
    )
    require_editable(rlist)
    return Registration.objects.select_related("commune").get(pk=registration.pk)


@transaction.atomic
def registration_withdraw(*, user, registration) -> Registration:
    require_writable(user, registration.commune)
    registration = editable_registration(registration)
    if registration.state in (State.RECOGNISED, State.NOT_RECOGNISED, State.WITHDRAWN):
        raise ValidationError("Chỉ rút được đăng ký chưa có quyết định công nhận.")
    registration.state = State.WITHDRAWN
    registration._history_user = user
    registration.save(update_fields=["state"])
    refresh_figures(registration.commune, registration.year)
    return registration


@transaction.atomic
def registration_evaluate(*, user, registration, points: dict) -> Evaluation:
    """`points` maps indicator id (or code) → points; all indicators must be scored."""
    require_writable(user, registration.commune)
    rlist = recognition_list(
        commune=registration.commune, year=registration.year, title=registration.title, lock=True
    )
    registration = Registration.objects.select_related("commune").get(pk=registration.pk)
    refusal = scoring_refusal(registration, rlist)
    if refusal:
        raise ValidationError(refusal)
    criteria_set = CriteriaSet.objects.in_force(title=registration.title, year=registration.year)
    if criteria_set is None:
        raise ValidationError(f"Chưa có bộ tiêu chí áp dụng cho năm {registration.year}.")
    indicators = list(criteria_set.indicators_for(registration))
    checked = {}
    for indicator in indicators:
        raw = points.get(indicator.id, points.get(indicator.code))
        checked[indicator.id] = rules.check_points(indicator, raw)
    outcome = rules.judge(
        criteria_set, indicators, checked, disadvantaged=registration.commune.is_disadvantaged
    )
    evaluation = store_evaluation(
        user=user,
        registration=registration,
        criteria_set=criteria_set,
        outcome=outcome,
        points=checked,
    )
    refresh_figures(registration.commune, registration.year)
    return evaluation


def store_evaluation(*, user, registration, criteria_set, outcome, points) -> Evaluation:
    """Writes checked scores; callers have checked scope, lock and every point."""
    evaluation = Evaluation.objects.filter(registration=registration).first() or Evaluation(
        registration=registration
    )
    evaluation.criteria_set = criteria_set
    evaluation.total = outcome.total
    evaluation.passed = outcome.passed
    evaluation.reason = outcome.reason
    evaluation.evaluated_by = user
    evaluation._history_user = user
    evaluation.save()
    evaluation.scores.all().delete()
    Score.objects.bulk_create(
        [Score(evaluation=evaluation, indicator_id=i, points=p) for i, p in points.items()]
    )
    if registration.state != State.EVALUATED:
        registration.state = State.EVALUATED
        registration._history_user = user
        registration.save(update_fields=["state"])
    return evaluation


@transaction.atomic
def first_evaluations_add(*, user, criteria_set, results, entries, reason, when=None) -> int:
    """The first evaluations of many registrations, written in bulk (bulk.add_evaluations
    takes `results`), then every registration of `entries` that is scored but still
    registered becomes evaluated, one history row each; all dated `when` (default now).
    Returns the number of evaluations added."""
    when = when or timezone.now()
    added = bulk.add_evaluations(
        user=user, criteria_set=criteria_set, results=results, reason=reason, when=when
    )
    scored = entries.filter(state=State.REGISTERED, evaluation__isnull=False)
    bulk.set_state(scored, State.EVALUATED, user=user, reason=reason, when=when)
    return added

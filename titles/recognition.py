"""The recognition workflow of a commune's list for one title and year, like DHIS2's
data approval: the commune proposes its evaluated list, a provincial reviewer approves
it with the decision (number, date, signer) or returns it with a reason, and reopens an
approved list. Every move is a Transition, and moves the list's registrations with it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from khuyenhoc.core import checks
from khuyenhoc.core.access.scope import require_writable

from . import bulk
from .models import RecognitionList, Registration, Transition
from .services import (
    check_title,
    recognition_list,
    refresh_figures,
    require_editable,
    require_list_reviewer,
)

State = Registration.State
ListState = RecognitionList.State


def _move(rlist, *, user, to_state, when, note="", fields=()):
    Transition.objects.create(
        recognition_list=rlist,
        actor=user,
        from_state=rlist.state,
        to_state=to_state,
        note=note,
        at=when,
    )
    rlist.state = to_state
    rlist._history_user = user
    rlist._history_date = when
    rlist.save(update_fields=["state", *fields])


@transaction.atomic
def list_propose(*, user, commune, year, title, when=None) -> RecognitionList:
    """`when` (default now) is the moment recorded, for the demo's past years."""
    when = when or timezone.now()
    require_writable(user, commune)
    check_title(title)
    rlist = recognition_list(commune=commune, year=year, title=title, lock=True)
    require_editable(rlist)
    entries = Registration.objects.filter(commune=commune, year=year, title=title)
    waiting = entries.filter(state=State.REGISTERED).count()
    if waiting:
        raise ValidationError(
            f"Còn {waiting} đăng ký chưa đánh giá; hãy đánh giá hoặc rút đăng ký trước khi "
            "đề nghị công nhận."
        )
    count = bulk.set_state(
        entries.filter(state=State.EVALUATED),
        State.PROPOSED,
        user=user,
        reason="Đề nghị công nhận",
        when=when,
    )
    if not count:
        raise ValidationError("Danh sách chưa có đăng ký nào đã đánh giá để đề nghị.")
    rlist.proposed_at = when
    rlist.proposed_by = user
    rlist.return_reason = ""
    _move(
        rlist,
        user=user,
        to_state=ListState.PROPOSED,
        when=when,
        note=f"{count} đăng ký",
        fields=["proposed_at", "proposed_by", "return_reason"],
    )
    refresh_figures(commune, year)
    # a list breaking a blocking rule (more registered than the denominator) is not sent up
    rlist.warnings = checks.check_figures(
        commune=commune, year=year, stage=checks.SUBMISSION, titles=[title]
    )
    return rlist


def _reviewed(user, rlist, expected) -> RecognitionList:
    require_list_reviewer(user, rlist.commune)
    # a list nobody wrote to yet is shown unsaved, as open (selectors.list_or_blank)
    stored = RecognitionList.objects.select_for_update().filter(pk=rlist.pk).first() or rlist
    if stored.pk is None or stored.state != expected:
        raise ValidationError(
            f"Danh sách đang ở trạng thái «{stored.get_state_display()}», không thực hiện được."
        )
    return stored


@transaction.atomic
def list_approve(
    *, user, rlist, decision_number, decision_date, signer, when=None
) -> RecognitionList:
    """`when` (default now) is the moment recorded, for the demo's past years."""
    when = when or timezone.now()
    rlist = _reviewed(user, rlist, ListState.PROPOSED)
    decision_number = (decision_number or "").strip()
    signer = (signer or "").strip()
    if not decision_number or not signer or decision_date is None:
        raise ValidationError("Cần nhập số quyết định, ngày quyết định và người ký.")
    proposed_on = timezone.localdate(rlist.proposed_at)
    if decision_date < proposed_on:
        raise ValidationError(
            f"Ngày quyết định {decision_date:%d/%m/%Y} trước ngày đề nghị {proposed_on:%d/%m/%Y}."
        )
    if decision_date > timezone.localdate():
        raise ValidationError("Ngày quyết định không thể ở tương lai.")
    entries = Registration.objects.filter(commune=rlist.commune, year=rlist.year, title=rlist.title)
    if entries.filter(state__in=[State.REGISTERED, State.EVALUATED]).exists():
        raise ValidationError("Danh sách còn đăng ký chưa đánh giá hoặc chưa đề nghị.")
    proposed = entries.filter(state=State.PROPOSED)
    reason = f"Quyết định {decision_number}"
    passed = bulk.set_state(
        proposed.filter(evaluation__passed=True),
        State.RECOGNISED,
        user=user,
        reason=reason,
        when=when,
    )
    failed = bulk.set_state(proposed, State.NOT_RECOGNISED, user=user, reason=reason, when=when)
    rlist.decision_number = decision_number
    rlist.decision_date = decision_date
    rlist.signer = signer
    rlist.decided_by = user
    _move(
        rlist,
        user=user,
        to_state=ListState.APPROVED,
        when=when,
        note=f"Quyết định {decision_number}: {passed} đạt, {failed} không đạt",
        fields=["decision_number", "decision_date", "signer", "decided_by"],
    )
    refresh_figures(rlist.commune, rlist.year)
    return rlist


@transaction.atomic
def list_return(*, user, rlist, reason) -> RecognitionList:
    rlist = _reviewed(user, rlist, ListState.PROPOSED)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Cần ghi lý do trả lại danh sách.")
    entries = Registration.objects.filter(
        commune=rlist.commune, year=rlist.year, title=rlist.title, state=State.PROPOSED
    )
    now = timezone.now()
    bulk.set_state(entries, State.EVALUATED, user=user, reason="Trả lại", when=now)
    rlist.return_reason = reason
    _move(
        rlist,
        user=user,
        to_state=ListState.RETURNED,
        when=now,
        note=reason,
        fields=["return_reason"],
    )
    refresh_figures(rlist.commune, rlist.year)
    return rlist


@transaction.atomic
def list_reopen(*, user, rlist, reason) -> RecognitionList:
    rlist = _reviewed(user, rlist, ListState.APPROVED)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Cần ghi lý do mở lại danh sách đã công nhận.")
    entries = Registration.objects.filter(
        commune=rlist.commune,
        year=rlist.year,
        title=rlist.title,
        state__in=[State.RECOGNISED, State.NOT_RECOGNISED],
    )
    now = timezone.now()
    bulk.set_state(entries, State.EVALUATED, user=user, reason="Mở lại", when=now)
    _move(rlist, user=user, to_state=ListState.OPEN, when=now, note=reason)
    refresh_figures(rlist.commune, rlist.year)
    return rlist

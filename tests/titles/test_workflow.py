import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from khuyenhoc.areas.models import Commune, Figure
from khuyenhoc.areas.summaries import rebuild_all
from titles import recognition, services
from titles.models import Household, RecognitionList, Registration, Transition

from .conftest import YEAR, full_points

pytestmark = pytest.mark.django_db


def today():
    """Asked at each use: a run that passes midnight in Vietnam must not date a decision
    before a proposal made after midnight."""
    return timezone.localdate()


def test_registering_the_same_household_twice_in_a_year_is_refused(
    staff_a, commune_a, household, registration
):
    with pytest.raises(ValidationError, match="đã đăng ký «Gia đình học tập» năm 2026"):
        services.registration_create(
            user=staff_a, commune=commune_a, year=YEAR, title="household", subject=household
        )
    assert Registration.objects.count() == 1


def test_the_database_also_refuses_a_duplicate(commune_a, household, registration):
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            commune=commune_a, year=YEAR, title="household", household=household
        )


def test_the_database_refuses_a_subject_that_does_not_match_the_title(commune_a, household):
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            commune=commune_a, year=YEAR, title="citizen", household=household
        )


def test_the_same_household_registers_again_the_next_year(
    staff_a, commune_a, household, registration
):
    services.registration_create(
        user=staff_a, commune=commune_a, year=YEAR - 1, title="household", subject=household
    )
    assert household.registrations.count() == 2


def test_a_registration_dated_in_the_past_carries_that_moment_in_its_record_and_history(
    staff_a, commune_a, household
):
    when = timezone.make_aware(datetime.datetime(YEAR - 1, 3, 2, 8, 0))
    registration = services.registration_create(
        user=staff_a,
        commune=commune_a,
        year=YEAR - 1,
        title="household",
        subject=household,
        when=when,
    )
    registration.refresh_from_db()
    created = registration.history.get(history_type="+")
    assert (registration.created_at, created.history_date, created.history_user) == (
        when,
        when,
        staff_a,
    )


def test_a_household_in_another_communes_village_is_refused(staff_a, commune_a, village_b):
    with pytest.raises(ValidationError, match="thuộc xã, phường khác"):
        services.household_create(
            user=staff_a, commune=commune_a, village=village_b, head_name="Hà Văn A", members=4
        )
    assert not Household.objects.exists()


def test_staff_of_another_commune_cannot_register(staff_b, commune_a, household):
    with pytest.raises(ValidationError, match="không có quyền"):
        services.registration_create(
            user=staff_b, commune=commune_a, year=YEAR, title="household", subject=household
        )


def test_a_score_above_the_maximum_writes_nothing(staff_a, registration):
    points = full_points("household", **{"1_1": 11})
    with pytest.raises(ValidationError, match="tối đa 10 điểm"):
        services.registration_evaluate(user=staff_a, registration=registration, points=points)
    registration.refresh_from_db()
    assert registration.state == "registered"
    assert not hasattr(registration, "evaluation")


def test_evaluation_computes_pass_and_reason(staff_a, registration):
    points = full_points("household", **{"1_1": 0, "2_1": 0, "3_1": 0})
    evaluation = services.registration_evaluate(
        user=staff_a, registration=registration, points=points
    )
    assert (evaluation.total, evaluation.passed) == (70, False)
    assert evaluation.reason == "Tổng 70 điểm, dưới ngưỡng 80"
    assert evaluation.scores.count() == 10


def test_proposing_a_list_with_an_unevaluated_entry_is_refused(staff_a, commune_a, registration):
    with pytest.raises(ValidationError, match="Còn 1 đăng ký chưa đánh giá"):
        recognition.list_propose(user=staff_a, commune=commune_a, year=YEAR, title="household")
    assert not Transition.objects.exists()
    registration.refresh_from_db()
    assert registration.state == "registered"


def test_approving_with_unevaluated_entries_is_refused(
    reviewer, commune_a, village_a, proposed_list
):
    # an entry slipped in behind the workflow's back, e.g. by a direct database write
    other = Household.objects.create(
        commune=commune_a, village=village_a, head_name="Hà Thị Lan", members=3
    )
    Registration.objects.create(commune=commune_a, year=YEAR, title="household", household=other)
    with pytest.raises(ValidationError, match="chưa đánh giá"):
        recognition.list_approve(
            user=reviewer,
            rlist=proposed_list,
            decision_number="12/QĐ-UBND",
            decision_date=today(),
            signer="Nguyễn Văn Bình",
        )
    proposed_list.refresh_from_db()
    assert proposed_list.state == "proposed"


def test_a_decision_dated_before_the_proposal_is_refused(reviewer, proposed_list):
    with pytest.raises(ValidationError, match="trước ngày đề nghị"):
        recognition.list_approve(
            user=reviewer,
            rlist=proposed_list,
            decision_number="12/QĐ-UBND",
            decision_date=today() - datetime.timedelta(days=1),
            signer="Nguyễn Văn Bình",
        )
    proposed_list.refresh_from_db()
    assert proposed_list.state == "proposed"
    assert proposed_list.decision_number == ""


def test_commune_staff_cannot_approve(staff_a, proposed_list):
    with pytest.raises(ValidationError, match="Chỉ cán bộ Hội tỉnh"):
        recognition.list_approve(
            user=staff_a,
            rlist=proposed_list,
            decision_number="1",
            decision_date=today(),
            signer="X",
        )


def test_a_reviewer_action_outside_the_province_is_refused(reviewer):
    hanoi_ward = Commune.objects.get(code=4)
    rlist = RecognitionList.objects.create(
        commune=hanoi_ward,
        year=YEAR,
        title="household",
        state="proposed",
        proposed_at=timezone.now(),
    )
    with pytest.raises(ValidationError, match="không thuộc tỉnh"):
        recognition.list_approve(
            user=reviewer, rlist=rlist, decision_number="1", decision_date=today(), signer="X"
        )
    with pytest.raises(ValidationError, match="không thuộc tỉnh"):
        recognition.list_return(user=reviewer, rlist=rlist, reason="Thiếu hồ sơ")
    rlist.refresh_from_db()
    assert rlist.state == "proposed"


def test_approval_recognises_passes_locks_and_keeps_every_transition(
    staff_a, reviewer, commune_a, registration, proposed_list
):
    recognition.list_approve(
        user=reviewer,
        rlist=proposed_list,
        decision_number="12/QĐ-UBND",
        decision_date=today(),
        signer="Nguyễn Văn Bình",
    )
    registration.refresh_from_db()
    assert registration.state == "recognised"
    assert registration.history.first().history_user == reviewer
    steps = list(Transition.objects.values_list("from_state", "to_state", "actor"))
    assert steps == [("open", "proposed", staff_a.pk), ("proposed", "approved", reviewer.pk)]

    with pytest.raises(ValidationError, match="đã khóa"):
        services.registration_evaluate(
            user=staff_a, registration=registration, points=full_points("household")
        )
    with pytest.raises(ValidationError, match="đã khóa"):
        services.registration_withdraw(user=staff_a, registration=registration)
    registration.refresh_from_db()
    assert registration.state == "recognised"

    recognition.list_reopen(user=reviewer, rlist=proposed_list, reason="Sửa điểm")
    services.registration_evaluate(
        user=staff_a, registration=registration, points=full_points("household", **{"1_1": 0})
    )
    registration.refresh_from_db()
    assert registration.state == "evaluated"


def test_a_returned_list_can_be_corrected_and_proposed_again(
    staff_a, reviewer, commune_a, registration, proposed_list
):
    with pytest.raises(ValidationError, match="lý do"):
        recognition.list_return(user=reviewer, rlist=proposed_list, reason=" ")
    recognition.list_return(user=reviewer, rlist=proposed_list, reason="Thiếu minh chứng")
    registration.refresh_from_db()
    assert registration.state == "evaluated"
    rlist = recognition.list_propose(user=staff_a, commune=commune_a, year=YEAR, title="household")
    assert rlist.state == "proposed"


def figures_of(commune):
    return dict(
        Figure.objects.filter(commune=commune, metric__startswith="titles.").values_list(
            "metric", "value"
        )
    )


def test_figures_count_each_stage_reached_and_match_a_full_rebuild(
    staff_a, reviewer, commune_a, village_a, registration, proposed_list
):
    citizen = services.citizen_create(
        user=staff_a,
        commune=commune_a,
        village=village_a,
        full_name="Lò Thị Hoa",
        birth_year=1990,
        sex="nu",
        group=1,
    )
    services.registration_create(
        user=staff_a, commune=commune_a, year=YEAR, title="citizen", subject=citizen
    )
    recognition.list_approve(
        user=reviewer,
        rlist=proposed_list,
        decision_number="12/QĐ-UBND",
        decision_date=today(),
        signer="Nguyễn Văn Bình",
    )
    incremental = figures_of(commune_a)
    assert incremental["titles.household.registered"] == 1
    assert incremental["titles.household.evaluated"] == 1
    assert incremental["titles.household.recognised"] == 1
    assert incremental["titles.citizen.registered"] == 1
    assert incremental["titles.citizen.g1.registered"] == 1
    assert "titles.household.not_recognised" not in incremental
    rebuild_all()
    assert figures_of(commune_a) == incremental


def test_a_withdrawn_registration_leaves_the_counts_and_frees_the_subject(
    staff_a, commune_a, household, registration
):
    services.registration_withdraw(user=staff_a, registration=registration)
    assert "titles.household.registered" not in figures_of(commune_a)
    again = services.registration_create(
        user=staff_a, commune=commune_a, year=YEAR, title="household", subject=household
    )
    assert again.pk != registration.pk
    assert figures_of(commune_a)["titles.household.registered"] == 1


def test_registering_into_a_proposed_or_approved_list_is_refused(
    staff_a, reviewer, commune_a, village_a, proposed_list
):
    other = services.household_create(
        user=staff_a, commune=commune_a, village=village_a, head_name="Hà Thị Lan", members=3
    )
    with pytest.raises(ValidationError, match="đã gửi đề nghị"):
        services.registration_create(
            user=staff_a, commune=commune_a, year=YEAR, title="household", subject=other
        )
    recognition.list_approve(
        user=reviewer,
        rlist=proposed_list,
        decision_number="12/QĐ-UBND",
        decision_date=today(),
        signer="Nguyễn Văn Bình",
    )
    with pytest.raises(ValidationError, match="đã khóa"):
        services.registration_create(
            user=staff_a, commune=commune_a, year=YEAR, title="household", subject=other
        )
    assert Registration.objects.count() == 1

import pytest
from django.conf import settings
from django.utils import timezone

from khuyenhoc.areas import demo as area_demo
from khuyenhoc.areas import summaries
from khuyenhoc.areas.models import Figure
from titles import demo, figures, rules
from titles.models import Evaluation, RecognitionList, Registration

pytestmark = pytest.mark.django_db


def titles_figures():
    return sorted(
        Figure.objects.filter(metric__startswith="titles.").values_list(
            "commune_id", "year", "metric", "value"
        )
    )


def test_the_demo_registers_every_title_with_decisions_for_2025_and_proposals_for_2026(units):
    ctx = area_demo.build_context(province_code=settings.PROVINCE_CODE, scale="small", seed=7)
    area_demo.seed(ctx)
    ctx.accounts = {}
    demo.seed(ctx)
    commune = ctx.active_communes[0]
    denominator = commune.denominators.get(year=2026)
    households = Registration.objects.filter(commune=commune, year=2026, title="household")
    assert 0.85 <= households.count() / denominator.households <= 1
    citizens = Registration.objects.filter(commune=commune, year=2026, title="citizen")
    assert 0.65 <= citizens.count() / denominator.adults <= 0.85  # 74,7 % in Sơn La, 2024
    assert set(Registration.objects.values_list("title", flat=True)) == {
        "citizen",
        "household",
        "clan",
        "village",
        "commune",
        "unit",
    }
    assert not RecognitionList.objects.filter(year=2025).exclude(state="approved").exists()
    assert RecognitionList.objects.filter(year=2026, state="proposed").exists()
    assert Registration.objects.filter(year=2025, state="recognised").exists()
    assert not Registration.objects.filter(year=2025, state__in=["registered", "proposed"]).exists()
    subject = households.first().household
    assert subject.registrations.count() in (1, 2)
    assert subject.history.get().history_change_reason == "Nhập từ Excel"
    decided = Registration.objects.filter(
        commune=commune, year=2025, title="household", state="recognised"
    ).first()
    steps = [(h.state, h.history_change_reason) for h in decided.history.order_by("history_id")]
    decision = RecognitionList.objects.get(commune=commune, year=2025, title="household")
    assert steps == [
        ("registered", "Nhập từ Excel"),
        ("evaluated", "Đánh giá"),
        ("proposed", "Đề nghị công nhận"),
        ("recognised", f"Quyết định {decision.decision_number}"),
    ]
    moments = [h.history_date for h in decided.history.order_by("history_id")]
    assert moments == sorted(moments) and moments[0].year == 2025  # dated as it happened
    assert timezone.localtime(moments[-1]).date() == decision.decision_date
    assert decided.created_at == moments[0]
    evaluation = decided.evaluation
    assert evaluation.history.get().history_change_reason == "Đánh giá"
    points = dict(evaluation.scores.values_list("indicator_id", "points"))
    indicators = list(evaluation.criteria_set.indicators())
    assert set(points) == {i.id for i in indicators}
    outcome = rules.judge(
        evaluation.criteria_set, indicators, points, disadvantaged=commune.is_disadvantaged
    )
    assert (evaluation.total, evaluation.passed) == (outcome.total, True)
    failed = Evaluation.objects.filter(registration__commune=commune, passed=False).first()
    assert failed.reason.startswith("Tổng ") or "dưới mức tối thiểu" in failed.reason
    assert failed.total == sum(failed.scores.values_list("points", flat=True))

    for code in [c.code for c in ctx.active_communes]:
        for year in ctx.record_years:
            summaries.refresh(figures, commune=code, year=year)
    incremental = titles_figures()
    summaries.rebuild_all()
    assert titles_figures() == incremental
    recognised = Figure.objects.get(
        commune=commune, year=2025, metric="titles.household.recognised"
    ).value
    assert (
        recognised
        == Registration.objects.filter(
            commune=commune, year=2025, title="household", state="recognised"
        ).count()
    )

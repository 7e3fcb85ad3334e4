"""The pure module that turns {metric: value} into the report's sections."""

from decimal import Decimal

from khuyenhoc.reports import indicators
from tests import metric_names as m

from .conftest import SAMPLE


def _row(sections, key):
    return indicators.find(sections, key)


def test_it_orders_the_groups_as_an_association_reports_them():
    sections = indicators.build(SAMPLE, 2025)
    assert [s["key"] for s in sections] == ["to-chuc", "hoi-vien", "cong-dan", "danh-hieu", "quy"]


def test_it_gives_registered_achieved_and_the_rate_of_each_title():
    household = _row(indicators.build(SAMPLE, 2025), "household")
    assert household["registered"] == 8_700
    assert household["value"] == 6_723
    assert household["denominator"] == 9_000
    assert round(household["rate"], 1) == Decimal("74.7")
    assert household["target"] == m.target_for("household", 2025) == 40
    assert household["below"] is False


def test_it_marks_a_title_below_the_677_target():
    unit = _row(indicators.build(SAMPLE, 2025), "unit")
    assert unit["rate"] == 40 and unit["target"] == 60 and unit["below"] is True


def test_it_counts_the_commune_level_title_against_the_number_of_communes():
    one = _row(indicators.build(SAMPLE, 2025), "commune")
    assert (one["registered"], one["value"], one["denominator"]) == (1, 0, 1)
    province = _row(indicators.build(SAMPLE, 2025, communes=4), "commune")
    assert province["registered_rate"] == 25


def test_it_compares_with_the_previous_year():
    previous = {**SAMPLE, m.MEMBERS_END: 1_000}
    members = _row(indicators.build(SAMPLE, 2025, previous=previous), "members.end")
    assert (members["value"], members["previous"], members["change"]) == (1_100, 1_000, 100)


def test_it_says_no_data_rather_than_zero_when_an_app_wrote_nothing():
    sections = indicators.build({m.POPULATION: 100}, 2025)
    assert _row(sections, "members.end")["value"] is None
    assert _row(sections, "household")["value"] is None
    assert _row(sections, "funds.receipts")["value"] is None
    assert _row(sections, "population")["value"] == 100


def test_it_splits_payouts_into_portions_and_amounts():
    sections = indicators.build(SAMPLE, 2025)
    assert _row(sections, "funds.hoc_bong.portions")["value"] == 40
    assert _row(sections, "funds.hoc_bong.amount")["value"] == 20_000_000
    assert _row(sections, "funds.khen_thuong.amount")["value"] == 0
    assert _row(sections, "funds.receipts")["value"] == 55_000_000


def test_the_flat_cells_split_titles_into_registered_achieved_and_rate():
    sections = indicators.build(SAMPLE, 2025)
    cells = dict(indicators.flat_cells(sections[3]))
    assert cells["Gia đình học tập: đăng ký"] == 8_700
    assert cells["Gia đình học tập: đạt"] == 6_723
    assert round(cells["Gia đình học tập: tỷ lệ đạt (%)"], 1) == Decimal("74.7")


def test_the_headline_reads_like_a_report():
    text = "; ".join(indicators.headline(indicators.build(SAMPLE, 2025)))
    assert "Toàn xã có 12 chi hội và Ban khuyến học với 1.100 hội viên" in text
    assert "6.723 hộ đạt Gia đình học tập, 7 dòng họ học tập" in text
    assert "thu quỹ 55.000.000 đ" in text

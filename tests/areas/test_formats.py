from datetime import date

from django.template import Context, Template
from django.utils import formats, translation

from khuyenhoc.core import numbers


def test_numbers_are_written_the_vietnamese_way():
    assert numbers.number(11089) == "11.089"
    assert numbers.percent(numbers.rate(747, 1000)) == "74,7 %"
    assert numbers.money(2_189_200_000) == "2.189.200.000 đ"
    assert numbers.percent(numbers.rate(1, 0)) == "–"


def test_dates_are_written_day_month_year():
    with translation.override("vi"):
        assert formats.date_format(date(2024, 11, 13), "SHORT_DATE_FORMAT") == "13/11/2024"
        rendered = Template("{{ d|date:'SHORT_DATE_FORMAT' }} {% load vn %}{{ n|so }}").render(
            Context({"d": date(2024, 11, 13), "n": 11089})
        )
        assert rendered == "13/11/2024 11.089"


def test_whole_rates_print_without_decimals_and_others_round_half_up_on_the_exact_fraction():
    assert numbers.percent(numbers.rate(12, 12)) == "100 %"
    assert numbers.percent(numbers.rate(0, 12)) == "0 %"
    assert numbers.percent(numbers.rate(56_000, 74_967)) == "74,7 %"
    assert numbers.percent(numbers.rate(1, 2000)) == "0,1 %"  # 0,05 exactly: half up
    assert numbers.percent(numbers.rate(9996, 10000)) == "100,0 %"  # not everyone
    assert numbers.percent_figure(numbers.rate(12, 12)) == 100
    assert numbers.percent_figure(numbers.rate(1, 2000)) == 0.1
    assert numbers.percent_figure(numbers.rate(56_000, 74_967)) == 74.7

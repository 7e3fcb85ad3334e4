"""Goods by quantity read the way the association writes them: a counting word such as
"cái" is left out, a measure such as "tập" or "thùng" is kept, and one item typed with
and without accents by two communes is one line, spelled as most of it was."""

from funds import goods_words as goods
from khuyenhoc.core.numbers import quantity
from tests.metric_names import goods_item_metric


def test_a_counting_word_is_left_out_and_a_measure_is_kept():
    assert quantity(520, "cái", "ba lô") == "520 ba lô"
    assert quantity(3, "chiếc", "xe đạp") == "3 xe đạp"
    assert quantity(2000, "tập", "giấy") == "2.000 tập giấy"
    assert quantity(200, "thùng", "quần áo") == "200 thùng quần áo"
    assert quantity(40, "", "vở") == "40 vở"
    assert quantity(12, "bộ", "Bộ sách giáo khoa") == "12 Bộ sách giáo khoa"


def test_the_same_item_from_two_areas_is_one_line_in_name_order():
    metrics = {
        goods_item_metric("in", "quần áo", "thùng"): 200,
        goods_item_metric("in", "ba lô", "cái"): 500,
        goods_item_metric("in", "Ba lo", "Cái"): 20,
        goods_item_metric("in", "giấy", "tập"): 2000,
        goods_item_metric("out", "ba lô", "cái"): 520,
        "funds.receipts.in_kind": 304_000_000,
    }
    assert goods.phrase(metrics, "in") == "520 ba lô, 2.000 tập giấy, 200 thùng quần áo"
    assert goods.phrase(metrics, "out") == "520 ba lô"
    assert goods.phrase({}, "in") == ""

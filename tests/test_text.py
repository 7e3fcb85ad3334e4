"""Folding is what every search and import matches names on."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from khuyenhoc.core.text import fold, nfc


def fold_by_definition(value):
    """fold() as its docstring defines it, one character at a time."""
    decomposed = unicodedata.normalize("NFD", (value or "").replace("đ", "d").replace("Đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFC", stripped).lower().split())


def test_vietnamese_names_fold_to_plain_lower_case_letters():
    assert fold("Nguyễn Văn Ánh") == "nguyen van anh"
    assert fold("  ĐẶNG   Thị Ngọc\tHường ") == "dang thi ngoc huong"
    assert fold(None) == ""


@given(st.text())
def test_folding_takes_off_every_combining_mark_of_any_script_like_its_definition(text):
    assert fold(text) == fold_by_definition(text)


@given(st.text(alphabet="aăâđeêioôơuưyAĐƠ àáảãạằắẳẵặầấẩẫậềếểễệọộớờởỡợứừửữự\u034f\u05b0"))
def test_a_name_typed_in_nfc_or_nfd_folds_the_same(text):
    assert fold(nfc(text)) == fold(unicodedata.normalize("NFD", text)) == fold(text)

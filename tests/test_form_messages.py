"""Django's own form messages that its Vietnamese catalogue words badly are reworded in
khuyenhoc/locale (a whole number was "một số tổng thể"); the rest stay Django's."""

import pytest
from django import forms


class Sample(forms.Form):
    members = forms.IntegerField(min_value=1, max_value=50)
    kind = forms.ChoiceField(choices=[("a", "A")])


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ("ba", "Hãy nhập một số nguyên."),
        ("0", "Giá trị phải lớn hơn hoặc bằng 1."),
        ("51", "Giá trị phải nhỏ hơn hoặc bằng 50."),
    ],
)
def test_number_errors_read_as_plain_vietnamese(members, message):
    form = Sample({"members": members, "kind": "a"})
    assert form.errors["members"] == [message]


def test_a_choice_not_offered_names_the_value_and_asks_to_choose_again():
    form = Sample({"members": "3", "kind": "<b>"})
    assert form.errors["kind"] == ["Lựa chọn «<b>» không có trong danh sách; hãy chọn lại."]


def test_the_untouched_messages_are_still_djangos_vietnamese():
    assert Sample({}).errors["members"] == ["Trường này là bắt buộc."]


def test_the_empty_choice_of_a_select_is_in_vietnamese():
    from titles.models import Indicator

    field = Indicator._meta.get_field("citizen_group").formfield()
    assert field.choices[0] == ("", "— Chọn —")

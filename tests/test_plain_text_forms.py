"""Text typed into a staff form is stored as the person meant it: NFC, without control
characters or direction marks, line ends kept."""

import importlib
import inspect
import unicodedata

import pytest
from django import forms

from khuyenhoc.core.web.forms import PlainTextMixin
from khuyenhoc.reports.forms import NarrativeForm
from titles.forms import DecisionForm, ReasonForm

FORM_MODULES = [
    "funds.forms",
    "khuyenhoc.areas.forms",
    "khuyenhoc.areas.views_villages",
    "khuyenhoc.reports.forms",
    "members.forms",
    "titles.forms",
]


def test_every_staff_form_cleans_its_text():
    found = []
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                found.append(cls)
                assert issubclass(cls, PlainTextMixin), f"{name}.{cls.__name__}"
    assert len(found) >= 15


def test_control_characters_and_direction_marks_are_removed_and_the_rest_is_nfc():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")
    form = DecisionForm(
        data={
            "decision_number": "125/\u202eQĐ-UBND\x07",
            "decision_date": "2026-11-13",
            "signer": f"\x00 {decomposed}\u200f",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["decision_number"] == "125/QĐ-UBND"
    assert form.cleaned_data["signer"] == "Nguyễn Thị Hằng"
    assert unicodedata.is_normalized("NFC", form.cleaned_data["signer"])


def test_a_required_field_holding_only_invisible_characters_is_missing():
    form = ReasonForm(data={"reason": "\x1b\u2066\x7f"})
    assert not form.is_valid()
    assert "reason" in form.errors


@pytest.mark.django_db
def test_line_ends_of_a_narrative_are_kept():
    form = NarrativeForm(
        data={"highlights": "Dòng một\r\nDòng\x0c hai", "difficulties": "", "proposals": ""}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["highlights"] == "Dòng một\r\nDòng hai"

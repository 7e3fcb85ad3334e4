from django import forms

from khuyenhoc.core.web.forms import PlainTextMixin

from .legacy_fields import FIELDS
from .models import Denominator, LegacyReport, Village


class DenominatorForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Denominator
        fields = Denominator.FIELDS
        widgets = {
            f: forms.NumberInput(attrs={"inputmode": "numeric", "min": 0})
            for f in Denominator.FIELDS
        }
        error_messages = {
            f: {"invalid": "Hãy nhập một số nguyên không âm.", "min_value": "Không được là số âm."}
            for f in Denominator.FIELDS
        }


class VillageForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Village
        fields = ["name", "kind"]


class LegacyReportForm(PlainTextMixin, forms.ModelForm):
    """A year's figures of one old commune; empty means not reported, 0 means none."""

    class Meta:
        model = LegacyReport
        fields = list(FIELDS)
        widgets = {f: forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}) for f in FIELDS}
        error_messages = {
            f: {"invalid": "Hãy nhập một số nguyên không âm.", "min_value": "Không được là số âm."}
            for f in FIELDS
        }

    def validate_unique(self):
        """The service finds the stored report of the commune and year itself."""

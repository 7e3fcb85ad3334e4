from django import forms

from khuyenhoc.core.web.forms import PlainTextMixin

from .models import AnnualReport


class NarrativeForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["highlights", "difficulties", "proposals"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in fields}

from django import forms

from khuyenhoc.areas.models import Village
from khuyenhoc.core.web.forms import PlainTextMixin

from .metrics import CITIZEN_GROUPS
from .models import Citizen, Clan, Registration, Unit
from .models.registrations import VILLAGE_TITLES


def _villages(commune):
    return Village.objects.filter(commune=commune, is_active=True).order_by("name")


class SubjectForm(PlainTextMixin, forms.Form):
    """The fields of a subject for one title, new or (given `subject`) to be corrected;
    the commune itself needs none."""

    def __init__(self, *args, commune, title, subject=None, **kwargs):
        super().__init__(*args, **kwargs)
        villages = _villages(commune)
        if subject is not None:
            self.initial = _fields_of(subject, title)
            if title in VILLAGE_TITLES:  # a village merged away stays choosable for its people
                villages = villages | Village.objects.filter(pk=subject.village_id)
        fields = self.fields
        if title == "citizen":
            fields["full_name"] = forms.CharField(label="Họ và tên", max_length=120)
            fields["birth_year"] = forms.IntegerField(
                label="Năm sinh", min_value=1900, max_value=2100
            )
            fields["sex"] = forms.ChoiceField(label="Giới tính", choices=Citizen.Sex.choices)
            fields["group"] = forms.TypedChoiceField(
                label="Nhóm đối tượng", choices=sorted(CITIZEN_GROUPS.items()), coerce=int
            )
        elif title == "household":
            fields["head_name"] = forms.CharField(label="Chủ hộ", max_length=120)
            fields["members"] = forms.IntegerField(label="Số nhân khẩu", min_value=1, max_value=50)
        elif title in ("clan", "unit"):
            fields["name"] = forms.CharField(
                label="Tên dòng họ" if title == "clan" else "Tên đơn vị",
                max_length=(Clan if title == "clan" else Unit).name_max_length(),
            )
            if title == "unit":
                fields["kind"] = forms.ChoiceField(label="Loại", choices=Unit.Kind.choices)
        if title in ("citizen", "household", "village"):
            fields["village"] = forms.ModelChoiceField(
                label="Thôn, bản, tổ dân phố", queryset=villages, empty_label="— Chọn —"
            )
        if title == "clan":
            fields["villages"] = forms.ModelMultipleChoiceField(
                label="Thôn, bản sinh sống",
                queryset=villages,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )


def _fields_of(subject, title) -> dict:
    initial = {
        field: getattr(subject, f"{field}_id" if field == "village" else field)
        for field in subject.CORRECTABLE
    }
    if title == "clan":
        initial["villages"] = list(subject.villages.values_list("pk", flat=True))
    return initial


class ScoresForm(PlainTextMixin, forms.Form):
    def __init__(self, *args, indicators, initial_points=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"i{indicator.id}"] = forms.IntegerField(
                label=f"{indicator.code}. {indicator.name} (tối đa {indicator.max_points})",
                min_value=0,
                initial=(initial_points or {}).get(indicator.id),
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def points(self):
        return {i.id: self.cleaned_data[f"i{i.id}"] for i in self.indicators}


class DecisionForm(PlainTextMixin, forms.Form):
    decision_number = forms.CharField(label="Số quyết định", max_length=60)
    decision_date = forms.DateField(
        label="Ngày quyết định", widget=forms.DateInput(attrs={"type": "date"})
    )
    signer = forms.CharField(label="Người ký", max_length=120)


class ReasonForm(PlainTextMixin, forms.Form):
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 3}))


class ListFilterForm(PlainTextMixin, forms.Form):
    """The staff list's search: a name (with or without diacritics) or a registration
    code, a state, and for people and households their village."""

    q = forms.CharField(label="Tìm theo tên hoặc mã đăng ký", required=False, max_length=120)
    state = forms.ChoiceField(label="Trạng thái", required=False)
    village = forms.ModelChoiceField(
        label="Thôn, bản, tổ", required=False, queryset=None, empty_label="Mọi thôn, bản, tổ"
    )

    def __init__(self, *args, commune, title, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "Mọi trạng thái"), *Registration.State.choices]
        if title in VILLAGE_TITLES:
            self.fields["village"].queryset = commune.villages.order_by("name")
        else:
            del self.fields["village"]

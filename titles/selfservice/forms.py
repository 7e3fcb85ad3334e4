"""Forms of self-service: the staff's (codes, decisions) and the household's phone form."""

from django import forms
from django.core.exceptions import ValidationError

from khuyenhoc.areas.models import Village
from khuyenhoc.core.web.forms import PlainTextMixin

from ..metrics import CITIZEN_GROUPS
from ..models import SelfRegistration
from . import cccd, evidence
from .services import MAX_CODES, MAX_EVIDENCE

CONSENT = (
    "Tôi đồng ý để Hội Khuyến học và Ủy ban nhân dân xã, phường xử lý các thông tin cá nhân "
    "trên (họ tên, năm sinh, giới tính, số căn cước công dân, thôn, tự đánh giá và minh "
    "chứng) chỉ để xét công nhận danh hiệu học tập năm nay, theo Nghị định 13/2023/NĐ-CP về "
    "bảo vệ dữ liệu cá nhân. Thông tin chỉ cán bộ khuyến học của xã, phường xem, không công "
    "khai, được xoá khi tôi yêu cầu và sau thời hạn lưu giữ của tỉnh."
)


def villages_of(commune):
    return Village.objects.filter(commune=commune, is_active=True).order_by("name")


class CodesForm(PlainTextMixin, forms.Form):
    village = forms.ModelChoiceField(
        label="Thôn, bản, tổ dân phố", queryset=None, empty_label="— Chọn —"
    )
    count = forms.IntegerField(
        label="Số mã (mỗi hộ một mã)",
        min_value=1,
        max_value=MAX_CODES,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages_of(commune)


class DecisionForm(PlainTextMixin, forms.Form):
    reason = forms.CharField(
        label="Lý do (bắt buộc khi trả lại hay không tiếp nhận; người dân đọc được)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã đăng ký (10 ký tự, in trên phiếu)",
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files in one input (Django's documented pattern), each checked by its
    content and cleaned (evidence.kept)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": "image/jpeg,image/png,image/webp,.pdf", "data-resize": ""}
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > MAX_EVIDENCE:
            raise ValidationError(f"Gửi tối đa {MAX_EVIDENCE} tệp minh chứng.")
        return [evidence.kept(super(EvidenceField, self).clean(f, initial)) for f in files]


class SelfRegistrationForm(PlainTextMixin, forms.Form):
    """The phone form of one person (Công dân học tập) or of a household's head (Gia
    đình học tập): who, where, a score for every indicator, evidence, consent."""

    def __init__(self, *args, commune, title, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.title, self.indicators = title, indicators
        f = self.fields
        name_label = "Họ và tên" if title == "citizen" else "Họ và tên chủ hộ"
        f["full_name"] = forms.CharField(
            label=name_label + " (gõ có dấu hay không dấu đều được)", max_length=120
        )
        f["birth_year"] = forms.IntegerField(
            label="Năm sinh",
            min_value=1900,
            max_value=2100,
            required=title == "citizen",
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )
        f["sex"] = forms.ChoiceField(
            label="Giới tính",
            choices=[("", "— Chọn —"), *SelfRegistration.Sex.choices],
            required=title == "citizen",
        )
        f["id_number"] = forms.CharField(
            label="Số căn cước công dân (12 chữ số, không bắt buộc)",
            required=False,
            max_length=20,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )
        f["village"] = forms.ModelChoiceField(
            label="Thôn, bản, tổ dân phố", queryset=villages_of(commune), empty_label=None
        )
        if title == "household":
            f["members"] = forms.IntegerField(
                label="Số nhân khẩu của hộ",
                min_value=1,
                max_value=50,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        for indicator in indicators:
            f[f"i{indicator.id}"] = forms.IntegerField(
                label=f"{indicator.code}. {indicator.name} (0 đến {indicator.max_points} điểm)",
                min_value=0,
                max_value=indicator.max_points,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        f["evidence"] = EvidenceField(
            label=f"Minh chứng: ảnh chụp hoặc PDF, tối đa {MAX_EVIDENCE} tệp", required=False
        )
        f["consent"] = forms.BooleanField(
            label=CONSENT,
            error_messages={"required": "Cần đánh dấu đồng ý thì xã mới xử lý được hồ sơ."},
        )

    def score_fields(self):
        return [self[f"i{i.id}"] for i in self.indicators]

    def person_fields(self):
        names = ["full_name", "birth_year", "sex", "id_number", "village", "members"]
        return [self[n] for n in names if n in self.fields]

    def clean(self):
        data = super().clean()
        number = data.get("id_number")
        if number:
            try:
                data["id_number"] = cccd.check(
                    number, birth_year=data.get("birth_year"), sex=data.get("sex", "")
                )
            except ValidationError as exc:
                self.add_error("id_number", exc)
        return data

    def answers(self) -> dict:
        return {i.id: self.cleaned_data[f"i{i.id}"] for i in self.indicators}

    def person(self) -> dict:
        keys = ("village", "full_name", "birth_year", "sex", "id_number", "members")
        return {k: self.cleaned_data.get(k) for k in keys}


def group_choices():
    return sorted(CITIZEN_GROUPS.items())

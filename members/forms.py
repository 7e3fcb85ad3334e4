from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from khuyenhoc.core.web.forms import PlainTextMixin

from .models import Branch, Member, validate_member_number

DATE_WIDGET = {"type": "date"}


def date_field(label, *, required=True):
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Ngày không hợp lệ (ngày/tháng/năm)."},
    )


def add_service_errors(form, exc: ValidationError):
    """A service's ValidationError onto the form, keys it lacks as form-wide errors."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class MemberForm(PlainTextMixin, forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    gender = forms.ChoiceField(
        label="Giới tính", choices=Member.Gender.choices, widget=forms.RadioSelect
    )
    birth_year = forms.IntegerField(
        label="Năm sinh",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": "Năm sinh phải là một số, ví dụ 1975."},
    )
    phone = forms.CharField(
        label="Điện thoại (không bắt buộc)",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    branch = forms.ModelChoiceField(label="Chi hội", queryset=Branch.objects.none())
    joined_on = date_field("Ngày vào hội")
    member_number = forms.CharField(
        label="Số thẻ (để trống để tự cấp)",
        required=False,
        max_length=20,
        validators=[validate_member_number],
    )

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = Branch.objects.filter(
            commune=commune, dissolved_on__isnull=True
        ).order_by("kind", "name")
        if not self.is_bound and "joined_on" not in self.initial:
            self.initial["joined_on"] = timezone.localdate()


class LeaveForm(PlainTextMixin, forms.Form):
    left_on = date_field("Ngày ra hội")
    reason = forms.CharField(label="Lý do", required=False, max_length=200)


class BranchForm(PlainTextMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Loại",
        choices=[(k, label) for k, label in Branch.Kind.choices if k != Branch.Kind.PROVINCE],
    )
    name = forms.CharField(label="Tên", max_length=200)
    village = forms.ModelChoiceField(
        label="Thôn, bản, tổ dân phố (nếu có)", required=False, queryset=None
    )
    founded_on = date_field("Ngày thành lập", required=False)

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = commune.villages.filter(is_active=True).order_by("name")


class DissolveForm(PlainTextMixin, forms.Form):
    dissolved_on = date_field("Ngày giải thể")


class FilterForm(PlainTextMixin, forms.Form):
    STATUS = [
        ("", "Mọi tình trạng"),
        ("dang", "Đang sinh hoạt"),
        ("roi", "Đã ra hội"),
        ("xoa", "Đã xoá thông tin"),
    ]
    q = forms.CharField(label="Tìm theo tên hoặc số thẻ", required=False, max_length=120)
    branch = forms.ModelChoiceField(
        label="Chi hội", required=False, queryset=None, empty_label="Mọi chi hội"
    )
    village = forms.ModelChoiceField(
        label="Thôn, bản", required=False, queryset=None, empty_label="Mọi thôn, bản"
    )
    status = forms.ChoiceField(label="Tình trạng", required=False, choices=STATUS)
    year = forms.IntegerField(
        label="Năm vào hội",
        required=False,
        min_value=1900,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = Branch.objects.filter(commune=commune).order_by("name")
        self.fields["village"].queryset = commune.villages.order_by("name")

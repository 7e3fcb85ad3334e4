from django import forms
from django.utils import timezone

from khuyenhoc.core.sheets.spreadsheets import parse_money
from khuyenhoc.core.web.forms import PlainTextMixin

from .metrics import PAYOUT_KINDS
from .models import Campaign, Payout, Receipt


class MoneyField(forms.CharField):
    """Whole đồng typed as 1000000, 1.000.000 or 1,000,000; fractions and ambiguous
    forms refused with a message."""

    def __init__(self, *args, allow_zero=False, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            amount = parse_money(value)
        except ValueError as exc:
            raise forms.ValidationError(f"Số tiền: {exc}.") from exc
        if amount == 0 and not self.allow_zero:
            raise forms.ValidationError("Số tiền phải lớn hơn 0 đồng.")
        return amount


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class FundForm(PlainTextMixin, forms.Form):
    name = forms.CharField(label="Tên quỹ", max_length=200, initial="Quỹ khuyến học")
    branch = forms.ModelChoiceField(
        label="Hội, chi hội giữ quỹ",
        queryset=None,
        required=False,
        empty_label="Hội Khuyến học của xã, phường",
    )
    opening_year = forms.IntegerField(label="Năm bắt đầu ghi sổ", min_value=2000)
    opening_balance = MoneyField(label="Tồn quỹ đầu năm đó (đồng)", required=False, allow_zero=True)

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        self.fields["opening_year"].initial = timezone.localdate().year


def drive_field():
    return forms.ModelChoiceField(
        label="Thuộc đợt vận động",
        queryset=Campaign.objects.none(),
        required=False,
        empty_label="—",
    )


class ReceiptForm(PlainTextMixin, forms.Form):
    date = forms.DateField(label="Ngày thu", widget=DateInput(), initial=timezone.localdate)
    donor_category = forms.ChoiceField(
        label="Người ủng hộ là", choices=Receipt.DonorCategory.choices
    )
    donor_name = forms.CharField(label="Tên người, đơn vị ủng hộ", max_length=200, required=False)
    donor_name_public = forms.BooleanField(
        label="Người ủng hộ đồng ý công khai tên", required=False
    )
    amount = MoneyField(label="Số tiền (đồng)", help_text="Ví dụ 1.000.000")
    in_kind = forms.BooleanField(label="Ủng hộ bằng hiện vật (quy ra tiền)", required=False)
    item_description = forms.CharField(label="Hiện vật", max_length=200, required=False)
    item_quantity = forms.IntegerField(label="Số lượng", min_value=1, required=False)
    unit = forms.CharField(
        label="Đơn vị tính",
        max_length=30,
        required=False,
        help_text="Ví dụ: cái, bộ, thùng, tập. Có số lượng thì hiện vật được theo dõi trong kho "
        "và trao lại được. «Cái», «chiếc» chỉ để đếm nên không in ra (520 ba lô); «tập», "
        "«thùng», «bộ» được in (2.000 tập giấy).",
    )
    campaign = forms.CharField(
        label="Đợt vận động",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"list": "campaigns"}),
    )
    drive = drive_field()
    number = forms.IntegerField(
        label="Số phiếu (để trống để tự đánh số)",
        min_value=1,
        required=False,
        help_text="Chỉ nhập khi phiếu giấy đã có số.",
    )
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)


class PayoutForm(PlainTextMixin, forms.Form):
    date = forms.DateField(label="Ngày chi", widget=DateInput(), initial=timezone.localdate)
    kind = forms.ChoiceField(label="Loại chi", choices=list(PAYOUT_KINDS.items()))
    decision_ref = forms.CharField(label="Số quyết định", max_length=120, required=False)
    description = forms.CharField(label="Nội dung", max_length=300, required=False)
    default_amount = MoneyField(
        label="Số tiền mỗi suất (đồng)",
        required=False,
        help_text="Áp dụng cho người nhận không ghi số tiền riêng.",
    )
    people = forms.CharField(
        label="Danh sách người nhận",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Mỗi dòng một người: họ tên; trường; lớp; số tiền; có (đồng ý công khai "
        "tên). Có thể dán từ Excel.",
    )
    sheet = forms.FileField(
        label="Hoặc tải lên tệp Excel (.xlsx)",
        required=False,
        help_text="Các cột: Họ và tên, Trường, Lớp, Số tiền, Đồng ý công khai tên.",
    )

    def clean(self):
        data = super().clean()
        if not data.get("people", "").strip() and not data.get("sheet"):
            raise forms.ValidationError("Hãy nhập danh sách người nhận hoặc tải lên tệp Excel.")
        return data


class ReverseForm(PlainTextMixin, forms.Form):
    reason = forms.CharField(label="Lý do điều chỉnh", max_length=300)


class OverdraftForm(PlainTextMixin, forms.Form):
    amount = MoneyField(label="Được chi vượt số dư tối đa (đồng)")
    reason = forms.CharField(label="Lý do", max_length=300)


LEVELS = ["Mầm non", "Tiểu học", "THCS", "THPT", "Sinh viên", "Học sinh giỏi cấp tỉnh"]


class BatchPayoutForm(PlainTextMixin, forms.Form):
    date = forms.DateField(label="Ngày chi", widget=DateInput(), initial=timezone.localdate)
    kind = forms.ChoiceField(label="Loại chi", choices=list(PAYOUT_KINDS.items()))
    portions = forms.IntegerField(label="Số suất", min_value=1, max_value=1_000_000)
    unit_amount = MoneyField(label="Số tiền mỗi suất (đồng)", help_text="Ví dụ 500.000")
    through = forms.ChoiceField(
        label="Chi qua",
        choices=[("", "—"), *Payout.Through.choices],
        required=False,
    )
    through_name = forms.CharField(label="Tên trường, thôn, bản", max_length=200, required=False)
    level = forms.CharField(
        label="Cấp học, loại giải",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"list": "levels"}),
    )
    decision_ref = forms.CharField(label="Số quyết định", max_length=120, required=False)
    description = forms.CharField(label="Nội dung", max_length=300, required=False)
    drive = drive_field()
    scan = forms.FileField(
        label="Danh sách ký nhận đã quét (PDF, JPEG, PNG; không bắt buộc)",
        required=False,
        help_text="Tối đa 10 MB. Có thể tải lên hoặc nhập họ tên sau.",
    )


class NamesForm(PlainTextMixin, forms.Form):
    people = forms.CharField(
        label="Họ tên người nhận",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Mỗi dòng một người: họ tên; trường; lớp. Có thể dán từ Excel.",
    )
    sheet = forms.FileField(label="Hoặc tải lên tệp Excel (.xlsx)", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("people", "").strip() and not data.get("sheet"):
            raise forms.ValidationError("Hãy nhập họ tên người nhận hoặc tải lên tệp Excel.")
        return data


class ScanForm(PlainTextMixin, forms.Form):
    scan = forms.FileField(label="Danh sách ký nhận đã quét (PDF, JPEG, PNG; tối đa 10 MB)")


class GoodsPayoutForm(PlainTextMixin, forms.Form):
    date = forms.DateField(label="Ngày trao", widget=DateInput(), initial=timezone.localdate)
    kind = forms.ChoiceField(label="Loại chi", choices=list(PAYOUT_KINDS.items()), initial="qua")
    item = forms.ChoiceField(label="Hiện vật trong kho")
    quantity = forms.IntegerField(label="Số lượng trao", min_value=1)
    portions = forms.IntegerField(
        label="Số suất (để trống: mỗi hiện vật một suất)", min_value=1, required=False
    )
    through = forms.ChoiceField(
        label="Trao qua", choices=[("", "—"), *Payout.Through.choices], required=False
    )
    through_name = forms.CharField(label="Tên trường, thôn, bản", max_length=200, required=False)
    decision_ref = forms.CharField(label="Số quyết định", max_length=120, required=False)
    description = forms.CharField(label="Nội dung", max_length=300, required=False)
    drive = drive_field()

    def __init__(self, *args, stock, **kwargs):
        super().__init__(*args, **kwargs)
        self.stock = {str(i): row for i, row in enumerate(stock)}
        self.fields["item"].choices = [
            (i, f"{row['item']} (còn {row['quantity']:,} {row['unit']})".replace(",", "."))
            for i, row in self.stock.items()
        ]


class TransferForm(PlainTextMixin, forms.Form):
    date = forms.DateField(label="Ngày chuyển", widget=DateInput(), initial=timezone.localdate)
    amount = MoneyField(label="Số tiền (đồng)")
    to_fund = forms.ModelChoiceField(
        label="Chuyển đến quỹ trong tỉnh", queryset=None, required=False, empty_label="—"
    )
    external_party = forms.CharField(
        label="Hoặc nơi nhận ngoài tỉnh",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "external"}),
        help_text="Ví dụ: Quỹ Hội Khuyến học Việt Nam; Hội Khuyến học tỉnh Yên Bái.",
    )
    note = forms.CharField(label="Nội dung", max_length=300, required=False)
    drive = drive_field()

    def __init__(self, *args, funds, drives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_fund"].queryset = funds
        self.fields["drive"].queryset = drives
        self.fields["drive"].help_text = (
            "Chuyển ra ngoài tỉnh cho đợt vận động được tính vào số đã chuyển của đợt; chuyển "
            "cho quỹ khác trong tỉnh vẫn thuộc đợt."
        )
        self.fields["to_fund"].label_from_instance = lambda f: f"{f.branch.name} · {f.name}"


class CampaignForm(PlainTextMixin, forms.Form):
    name = forms.CharField(label="Tên đợt vận động", max_length=120)
    starts_on = forms.DateField(label="Từ ngày", widget=DateInput())
    ends_on = forms.DateField(label="Đến ngày", widget=DateInput())
    target = MoneyField(label="Chỉ tiêu (đồng)", required=False, allow_zero=True)
    branches = forms.ModelMultipleChoiceField(
        label="Hội tham gia (để trống: mọi hội trong tỉnh)",
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branches"].queryset = branches

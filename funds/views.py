"""Staff pages of the funds: thin, every write through services.py, every read scoped."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from khuyenhoc.core.access.scope import get_commune_or_404, is_reviewer, reviewer_action
from khuyenhoc.core.sheets.spreadsheets import ImportRejected, read_upload
from khuyenhoc.core.web import confirm, params
from khuyenhoc.imports.views import SheetImport, import_page
from khuyenhoc.jobs.registry import registers
from khuyenhoc.jobs.services import Background
from khuyenhoc.submissions.once import submits_once
from members.models import Branch

from . import campaigns, goods, imports, ledger, services
from .forms import FundForm, OverdraftForm, PayoutForm, ReceiptForm, ReverseForm
from .models import Fund, FundYear, Payout, Receipt, Transfer
from .rules import last_closed_year

CAMPAIGNS = ["Tháng Khuyến học", "Tuần lễ học tập suốt đời", "Ủng hộ học sinh vùng lũ"]


def fund_or_404(user, pk) -> Fund:
    fund = Fund.objects.for_user(user).select_related("branch__commune").filter(pk=pk).first()
    if fund is None:
        raise Http404("Không tìm thấy quỹ này trong phạm vi của bạn.")
    return fund


def entry_or_404(user, model, pk):
    entry = model.objects.for_user(user).select_related("fund__branch__commune").filter(pk=pk)
    entry = entry.first()
    if entry is None:
        raise Http404("Không tìm thấy phiếu này trong phạm vi của bạn.")
    return entry


def book_year(fund, year) -> int:
    """The year of an address, if the fund kept a book that year; else a 404."""
    return params.url_year(year, first=fund.opening_year, last=timezone.localdate().year)


def beneficiaries_given(data) -> list[dict]:
    """The people a payout form names: its uploaded sheet (read through the one reader
    that stops at the size limit) or else its text, a line each."""
    if data["sheet"]:
        return imports.beneficiaries_from_sheet(read_upload(data["sheet"]))
    return imports.beneficiaries_from_text(data["people"])


def _errors(form, exc):
    for message in exc.messages if isinstance(exc, ValidationError) else map(str, exc.errors):
        form.add_error(None, message)


@login_required
@submits_once
def commune(request, code):
    commune = get_commune_or_404(request.user, code)
    funds = list(
        Fund.objects.for_user(request.user)
        .filter(branch__commune=commune)
        .select_related("branch")
        .order_by("branch__kind", "name")
    )
    held = ledger.balances(funds)
    branches = Branch.objects.for_user(request.user).filter(commune=commune)
    form = FundForm(request.POST or None, branches=branches)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            fund = services.fund_create(
                user=request.user,
                commune=commune,
                branch=data["branch"],
                name=data["name"],
                opening_year=data["opening_year"],
                opening_balance=data["opening_balance"] or 0,
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, f"Đã tạo {fund.name}.")
            return redirect("funds:fund", pk=fund.pk)
    rows = [(fund, held[fund.pk]) for fund in funds]
    return render(
        request,
        "funds/commune.html",
        {"commune": commune, "rows": rows, "total": sum(held.values()), "form": form},
    )


@login_required
def fund(request, pk):
    fund = fund_or_404(request.user, pk)
    today = timezone.localdate()
    year = params.query_year(
        request, default=today.year, years=range(fund.opening_year, today.year + 1)
    )
    opening, rows = ledger.ledger_rows(fund, year)
    book = FundYear.objects.filter(fund=fund, year=year).first()
    return render(
        request,
        "funds/fund.html",
        {
            "fund": fund,
            "commune": fund.branch.commune,
            "year": year,
            "years": range(today.year, fund.opening_year - 1, -1),
            "opening": opening,
            "rows": rows,
            "closing": rows[-1]["balance"] if rows else opening,
            "balance": ledger.balance(fund),
            "book": book,
            "goods": goods.stock(fund),
            "incoming": fund.transfers_in.filter(state=Transfer.State.PENDING).select_related(
                "from_fund__branch"
            ),
            "transfers": Transfer.objects.filter(Q(from_fund=fund) | Q(to_fund=fund))
            .select_related("from_fund__branch", "to_fund__branch", "payout", "receipt")
            .order_by("-date", "-id")[:50],
        },
    )


@login_required
@submits_once
def receipt_create(request, pk):
    fund = fund_or_404(request.user, pk)
    form = ReceiptForm(request.POST or None)
    form.fields["drive"].queryset = campaigns.for_fund(fund)
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.receipt_record(user=request.user, fund=fund, **form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, f"Đã ghi phiếu thu số {receipt.number}/{receipt.year}.")
            return redirect("funds:receipt", pk=receipt.pk)
    return render(
        request, "funds/receipt_form.html", {"fund": fund, "form": form, "campaigns": CAMPAIGNS}
    )


@login_required
@submits_once
def payout_create(request, pk):
    fund = fund_or_404(request.user, pk)
    form = PayoutForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            payout = services.payout_record(
                user=request.user,
                fund=fund,
                date=data["date"],
                kind=data["kind"],
                beneficiaries=beneficiaries_given(data),
                default_amount=data["default_amount"],
                decision_ref=data["decision_ref"],
                description=data["description"],
            )
        except (ValidationError, ImportRejected) as exc:
            _errors(form, exc)
        else:
            messages.success(
                request,
                f"Đã ghi phiếu chi số {payout.number}/{payout.year}: {payout.portions} suất.",
            )
            return redirect("funds:payout", pk=payout.pk)
    return render(
        request,
        "funds/payout_form.html",
        {"fund": fund, "form": form, "balance": ledger.balance(fund)},
    )


@login_required
def payout(request, pk):
    payout = entry_or_404(request.user, Payout, pk)
    return render(
        request,
        "funds/payout.html",
        {
            "payout": payout,
            "fund": payout.fund,
            "people": list(payout.beneficiaries.all()),
            "scans": payout.signed_lists.all(),
        },
    )


@login_required
@submits_once
def entry_reverse(request, kind, pk):
    model = {"thu": Receipt, "chi": Payout}.get(kind)
    if model is None:
        raise Http404
    entry = entry_or_404(request.user, model, pk)
    closed_through = last_closed_year(entry.fund)
    entry_closed = closed_through is not None and entry.year <= closed_through
    form = ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reversal = services.entry_reverse(
                user=request.user, entry=entry, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            booked = (
                f" (ghi vào sổ năm {reversal.year}; quyết toán năm {entry.year} giữ nguyên)"
                if entry_closed
                else ""
            )
            messages.success(request, f"Đã lập phiếu điều chỉnh cho {entry}: {reversal}{booked}.")
            return redirect("funds:fund", pk=entry.fund_id)
    today = timezone.localdate()
    return render(
        request,
        "funds/reverse_form.html",
        {
            "entry": entry,
            "kind": kind,
            "fund": entry.fund,
            "form": form,
            "today": today,
            "entry_closed": entry_closed,
            "today_closed": closed_through is not None and today.year <= closed_through,
        },
    )


@reviewer_action
@login_required
def statement(request, pk, year):
    fund = fund_or_404(request.user, pk)
    year = book_year(fund, year)
    book = FundYear.objects.filter(fund=fund, year=year).select_related("closed_by").first()
    if request.method == "POST" and not confirm.confirmed(request):
        return confirm.confirmation(
            request,
            heading=f"Duyệt quyết toán và khóa sổ năm {year}: {fund.name}",
            consequences=[
                f"Quyết toán năm {year} được chốt như trang này đang hiện.",
                "Không phiếu thu, chi, điều chỉnh hay tệp nhập nào ghi được ngày trong năm "
                f"{year}; sai sót sửa bằng phiếu điều chỉnh ghi vào năm đang mở.",
                "Sổ đã khóa không mở lại được.",
            ],
            button=f"Xác nhận khóa sổ năm {year}",
            cancel_url=request.path,
        )
    if request.method == "POST":
        try:
            services.year_close(user=request.user, fund=fund, year=year)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Đã duyệt quyết toán và khóa sổ năm {year}.")
        return redirect("funds:statement", pk=fund.pk, year=year)
    data = book.statement if book and book.is_closed else ledger.statement(fund, year)
    return render(
        request,
        "funds/statement.html",
        {
            "fund": fund,
            "year": year,
            "data": data,
            "book": book,
            "can_close": is_reviewer(request.user),
            "goods": goods.stock(fund),
        },
    )


@reviewer_action
@login_required
@submits_once
def overdraft(request, pk):
    fund = fund_or_404(request.user, pk)
    if not is_reviewer(request.user):
        raise Http404
    form = OverdraftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.overdraft_allow(user=request.user, fund=fund, **form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, "Đã cho phép chi vượt số dư một lần.")
            return redirect("funds:fund", pk=fund.pk)
    return render(request, "funds/overdraft_form.html", {"fund": fund, "form": form})


@registers("receipts")
def run_import(data, *, user, commune, params, skip_existing):
    """The import, whether the page runs it or a background job does; the job finds the
    fund again in the user's scope."""
    fund = fund_or_404(user, params["fund"])
    return imports.receipts_import(user=user, fund=fund, data=data, skip_existing=skip_existing)


@login_required
@submits_once
def receipts_import(request, pk):
    fund = fund_or_404(request.user, pk)
    spec = SheetImport(
        kind="receipts",
        run=partial(run_import, user=request.user, commune=None, params={"fund": fund.pk}),
        template="funds/import_form.html",
        context={"fund": fund, "headers": imports.RECEIPT_HEADERS.values()},
        done=reverse("funds:fund", kwargs={"pk": fund.pk}),
        what="phiếu thu",
        field="sheet",  # as the fund pages have always posted it
        # a job is kept in a commune's scope: a fund of the province imports on the page
        background=fund.branch.commune
        and Background(
            kind="receipts",
            commune=fund.branch.commune,
            label=f"Nhập phiếu thu từ Excel · {fund.name}",
            what="phiếu thu",
            args={"fund": fund.pk},
        ),
    )
    return import_page(request, spec)

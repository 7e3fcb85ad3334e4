"""Excel files of the funds: the yearly statement, the ledger, and blank import sheets."""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from khuyenhoc.core.web.downloads import xlsx_response

from . import imports, ledger
from .models import FundYear
from .views import book_year, fund_or_404


@login_required
def statement_xlsx(request, pk, year):
    fund = fund_or_404(request.user, pk)
    year = book_year(fund, year)
    book = FundYear.objects.filter(fund=fund, year=year, closed_at__isnull=False).first()
    data = book.statement if book else ledger.statement(fund, year)
    return xlsx_response(
        f"quyet-toan-quy-{fund.pk}-{year}.xlsx", [ledger.statement_sheet(fund, data)]
    )


@login_required
def ledger_xlsx(request, pk, year):
    fund = fund_or_404(request.user, pk)
    year = book_year(fund, year)
    opening, rows = ledger.ledger_rows(fund, year)
    lines = [["", "", "Số dư đầu năm", "", "", opening]]
    for row in rows:
        entry = row["entry"]
        kind = "Thu" if row["is_receipt"] else "Chi"
        if entry.is_reversal:
            what = f"Điều chỉnh {entry.reverses}: {entry.reason}"
        elif row["is_receipt"]:
            what = entry.donor_name or "Ẩn danh"
            if entry.in_kind:
                what += f" (hiện vật: {entry.item_description})"
        else:
            what = f"{entry.get_kind_display()} {entry.portions} suất {entry.decision_ref}"
        lines.append(
            [
                entry.date.strftime("%d/%m/%Y"),
                f"{kind} {entry.number}",
                what.strip(),
                "" if row["received"] is None else row["received"],
                "" if row["paid"] is None else row["paid"],
                row["balance"],
            ]
        )
    headers = ["Ngày", "Phiếu", "Nội dung", "Thu (đồng)", "Chi (đồng)", "Tồn quỹ (đồng)"]
    return xlsx_response(f"so-quy-{fund.pk}-{year}.xlsx", [(f"Sổ quỹ {year}", headers, lines)])


@login_required
def blank_sheet(request, kind):
    headers = {"thu": imports.RECEIPT_HEADERS, "chi": imports.BENEFICIARY_HEADERS}.get(kind)
    if headers is None:
        raise Http404
    return xlsx_response(f"mau-danh-sach-{kind}.xlsx", [("Danh sách", list(headers.values()), [])])

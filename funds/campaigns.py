"""Campaigns (đợt vận động): created by the provincial office, joined by branches; the
receipts and payouts linked to one, and its totals raised / paid / target, per commune.
Totals name nobody: the staff page adds up the ledger, the public page reads the same
totals from the summary tables (funds/figures.py writes them per area and year)."""

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum

from khuyenhoc.areas.models import Commune
from khuyenhoc.core.access.scope import require_province_office
from khuyenhoc.core.text import nfc
from khuyenhoc.figures import selectors as figures_api

from .ledger import MOVED, MOVED_OUT_OF_PROVINCE, SIGNED, SIGNED_PORTIONS
from .metrics import CAMPAIGN_MEASURES, campaign_metric, campaign_prefix
from .models import Campaign, Fund, Payout, Receipt
from .rules import MAX_AMOUNT


@transaction.atomic
def campaign_create(
    *, user, name: str, starts_on: date, ends_on: date, target: int = 0, branches=()
) -> Campaign:
    require_province_office(user, "tạo đợt vận động")
    name = nfc(name).strip()
    if not name:
        raise ValidationError("Hãy nhập tên đợt vận động.")
    if ends_on < starts_on:
        raise ValidationError("Ngày kết thúc phải sau ngày bắt đầu.")
    if target is None or target < 0 or target > MAX_AMOUNT:
        raise ValidationError("Chỉ tiêu không hợp lệ.")
    campaign = Campaign(
        province_id=settings.PROVINCE_CODE,
        name=name[:120],
        starts_on=starts_on,
        ends_on=ends_on,
        target=target or 0,
    )
    campaign.full_clean()
    campaign.save()
    campaign.branches.set(branches)
    return campaign


def check_drive(fund: Fund, drive: Campaign | None, day: date) -> None:
    """An entry joins a campaign of the province, within its period, from a fund whose
    branch (or the association it belongs to) takes part; with no branch listed, every
    fund of the province may."""
    if drive is None:
        return
    if drive.province_id != fund.branch.province_id:
        raise ValidationError("Đợt vận động không thuộc tỉnh này.")
    if not drive.starts_on <= day <= drive.ends_on:
        raise ValidationError(
            f"Ngày {day:%d/%m/%Y} ngoài thời gian của đợt vận động «{drive.name}» "
            f"({drive.starts_on:%d/%m/%Y} – {drive.ends_on:%d/%m/%Y})."
        )
    taking_part = set(drive.branches.values_list("pk", flat=True))
    if taking_part and not {fund.branch_id, fund.branch.parent_id} & taking_part:
        raise ValidationError(f"{fund.branch.name} không tham gia đợt vận động «{drive.name}».")


def for_fund(fund: Fund):
    """The campaigns a fund takes part in (the forms' choices; the service checks the
    date)."""
    mine = Q(branches=None) | Q(
        branches__in=[b for b in (fund.branch_id, fund.branch.parent_id) if b]
    )
    return (
        Campaign.objects.filter(province_id=fund.branch.province_id)
        .filter(mine)
        .distinct()
        .order_by("-starts_on")
    )


def totals(drive: Campaign) -> dict:
    """Raised (cash and in kind), paid, portions, sent out of the province and target,
    overall and per commune (None: the provincial association's own funds), from the
    ledger: the staff page. A move between two funds of the province stays in the
    campaign (funds/figures.py counts the same)."""
    per = defaultdict(lambda: dict.fromkeys(CAMPAIGN_MEASURES, 0))
    for row in (
        Receipt.objects.filter(drive=drive)
        .values("fund__branch__commune_id")
        .annotate(total=Sum(SIGNED))
        .order_by()
    ):
        per[row["fund__branch__commune_id"]]["raised"] += row["total"] or 0
    for row in (
        Payout.objects.filter(drive=drive)
        .values("fund__branch__commune_id", moved=MOVED, external=MOVED_OUT_OF_PROVINCE)
        .annotate(total=Sum(SIGNED), portions=Sum(SIGNED_PORTIONS))
        .order_by()
    ):
        cell = per[row["fund__branch__commune_id"]]
        if row["moved"]:
            cell["sent"] += (row["total"] or 0) if row["external"] else 0
            continue
        cell["paid"] += row["total"] or 0
        cell["portions"] += row["portions"] or 0
    return _assemble(drive, per)


def published_totals(drive: Campaign) -> dict:
    """The same totals read from the summary tables through the one read API of figures,
    as every public page reads them: two queries, whatever the number of entries."""
    by_area = figures_api.all_years_by_area(drive.province_id, prefix=campaign_prefix(drive.pk))
    per = {
        code: {m: metrics.get(campaign_metric(drive.pk, m), 0) for m in CAMPAIGN_MEASURES}
        for code, metrics in by_area.items()
    }
    return _assemble(drive, per)


def _assemble(drive: Campaign, per: dict) -> dict:
    # an area whose entries were all reversed has nothing to show (no zero figures kept)
    per = {code: cell for code, cell in per.items() if any(cell.values())}
    names = dict(Commune.objects.filter(code__in=[c for c in per if c]).values_list("code", "name"))
    rows = sorted(
        ((names.get(code, "Hội Khuyến học tỉnh"), code, cell) for code, cell in per.items()),
        key=lambda r: (r[1] is not None, r[0]),
    )
    raised = sum(c["raised"] for c in per.values())
    return {
        "raised": raised,
        "paid": sum(c["paid"] for c in per.values()),
        "portions": sum(c["portions"] for c in per.values()),
        "sent": sum(c["sent"] for c in per.values()),
        "target": drive.target,
        "percent": 100 * raised / drive.target if drive.target else None,
        "rows": rows,
    }

"""Demo funds whose sizes look like real reports, scaled to a commune.

Bắc Kạn city (about 45,000 people) collected more than 768 million đồng in 2022 and
gave more than 481 million in awards; Lào Cai province gave 4,373 scholarships worth
2,189,200,000 đ in 2024 (about 500,000 đ each), 6,902 gifts (about 216,000 đ) and
awards to 3,610 pupils (about 140,000 đ). Each commune association here receives
150–450 million a year and pays out most of it; the first year is closed and signed off.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from khuyenhoc.areas.demo_names import person_name
from khuyenhoc.core.db.copy import copy_into, copy_line, run_copies, uses_copy
from khuyenhoc.core.numbers import money, number
from members.models import Branch

from . import ledger
from .models import Beneficiary, Fund, FundYear, Payout, Receipt

Category = Receipt.DonorCategory
ENTERPRISES = ["Công ty Điện lực", "Ngân hàng Nông nghiệp chi nhánh", "Công ty Thủy điện",
               "Hợp tác xã chè", "Công ty Xi măng", "Bưu điện"]  # fmt: skip
ORGANISATIONS = ["Đoàn Thanh niên", "Hội Phụ nữ", "Hội Cựu chiến binh", "Trường THCS",
                 "Trạm Y tế", "Hội Nông dân"]  # fmt: skip
GIFTS_IN_KIND = [("Sách giáo khoa", 400), ("Vở viết", 3000), ("Xe đạp", 40_000), ("Áo ấm", 1200)]
CAMPAIGNS = ["Tháng Khuyến học", "Tuần lễ học tập suốt đời", "", ""]
SCHOOLS = ["Trường Tiểu học", "Trường THCS", "Trường PTDT bán trú", "Trường THPT"]
# kind: (share of the year's payouts, typical amount per suất)
PAYOUT_PLAN = {
    "hoc_bong": (0.40, 500_000),
    "khen_thuong": (0.30, 150_000),
    "qua": (0.22, 220_000),
    "ho_tro": (0.08, 1_000_000),
}


def _branch(ctx, commune):
    kind = Branch.Kind.COMMUNE if commune else Branch.Kind.PROVINCE
    place = commune.name if commune else ctx.province.name
    branch = Branch.objects.filter(province=ctx.province, commune=commune, kind=kind).first()
    return branch or Branch.objects.create(
        province=ctx.province, commune=commune, kind=kind, name=f"Hội Khuyến học {place}"
    )


def _day(rng, year, today):
    last = min(date(year, 12, 31), today)
    return date(year, 1, 1) + timedelta(days=rng.randint(0, (last - date(year, 1, 1)).days))


def _receipts(rng, fund, year, target, today, recorder):
    rows, total = [], 0
    while total < target:
        roll = rng.random()
        if roll < 0.12:
            category, name, amount = Category.ENTERPRISE, rng.choice(ENTERPRISES), 5_000_000
            amount *= rng.randint(1, 10)
        elif roll < 0.30:
            category, name = Category.ORGANISATION, rng.choice(ORGANISATIONS)
            amount = rng.randint(2, 20) * 1_000_000
        elif roll < 0.40:
            category, name, amount = Category.ANONYMOUS, "", rng.randint(1, 20) * 100_000
        else:
            gender = rng.choice(["nam", "nu"])
            category, name = Category.PERSON, person_name(rng, gender)
            amount = rng.choice([200_000, 300_000, 500_000, 1_000_000, 2_000_000, 5_000_000])
        item = rng.choice(GIFTS_IN_KIND) if rng.random() < 0.08 else None
        quantity = rng.randint(10, 200) if item else None
        if item:
            amount = item[1] * quantity
        rows.append(
            Receipt(
                fund=fund,
                year=year,
                date=_day(rng, year, today),
                amount=amount,
                donor_category=category,
                donor_name=name,
                donor_name_public=bool(name) and rng.random() < 0.6,
                in_kind=bool(item),
                item_description=item[0] if item else "",
                item_quantity=quantity,
                campaign=rng.choice(CAMPAIGNS),
                recorded_by=recorder,
            )
        )
        total += amount
    rows.sort(key=lambda r: r.date)
    for position, row in enumerate(rows, start=1):
        row.number = position
    return rows, total


def _payouts(rng, fund, year, budget, today, recorder):
    payouts, people = [], []
    for kind, (share, each) in PAYOUT_PLAN.items():
        left = int(budget * share)
        while left >= each * 5:
            count = min(rng.randint(5, 60), left // each)
            payout = Payout(
                fund=fund,
                year=year,
                date=_day(rng, year, today),
                kind=kind,
                amount=count * each,
                portions=count,
                recorded_by=recorder,
                decision_ref=f"{rng.randint(1, 99)}/QĐ-KH",
                description="Theo danh sách duyệt",
            )
            payouts.append(payout)
            people.append(
                [
                    Beneficiary(
                        name=person_name(rng, rng.choice(["nam", "nu"])),
                        school=rng.choice(SCHOOLS),
                        grade=f"Lớp {rng.randint(1, 12)}",
                        amount=each,
                        name_public=rng.random() < 0.1,
                    )
                    for _ in range(count)
                ]
            )
            left -= count * each
    order = sorted(range(len(payouts)), key=lambda i: payouts[i].date)
    payouts = [payouts[i] for i in order]
    people = [people[i] for i in order]
    for position, payout in enumerate(payouts, start=1):
        payout.number = position
    return payouts, people


def _seed_fund(ctx, rng, fund, size, today, recorder):
    balance = fund.opening_balance
    books, all_receipts, all_payouts, all_people = [], [], [], []
    for year in sorted(y for y in ctx.record_years if y <= today.year):
        receipts, received = _receipts(rng, fund, year, int(size * rng.uniform(0.7, 1.3)),
                                       today, recorder)  # fmt: skip
        budget = min(balance + received, int(received * rng.uniform(0.75, 0.95)))
        payouts, people = _payouts(rng, fund, year, budget, today, recorder)
        balance += received - sum(p.amount for p in payouts)
        books.append(FundYear(fund=fund, year=year, last_receipt_number=len(receipts),
                              last_payout_number=len(payouts)))  # fmt: skip
        all_receipts += receipts
        all_payouts += payouts
        all_people += people
    Receipt.objects.bulk_create(all_receipts, batch_size=2000)
    Payout.objects.bulk_create(all_payouts, batch_size=2000)
    beneficiaries = []
    for payout, group in zip(all_payouts, all_people, strict=True):
        for person in group:
            person.payout = payout
            beneficiaries.append(person)
    _write_beneficiaries(beneficiaries)
    FundYear.objects.bulk_create(books)
    return len(all_receipts), len(beneficiaries)


BENEFICIARY_FIELDS = ["payout", "name", "school", "grade", "amount", "name_public"]


def _write_beneficiaries(rows):
    """By the one bulk writer's COPY on PostgreSQL (a whole province gives about 300,000
    suất, which bulk_create builds one model instance at a time), bulk_create elsewhere."""
    if not uses_copy():
        Beneficiary.objects.bulk_create(rows, batch_size=5000)
        return
    names = [Beneficiary._meta.get_field(name).attname for name in BENEFICIARY_FIELDS]
    lines = [copy_line([getattr(row, name) for name in names]) for row in rows]
    if lines:
        run_copies([(copy_into(Beneficiary, BENEFICIARY_FIELDS), "\n".join(lines) + "\n")])


@transaction.atomic
def seed(ctx):
    if Fund.objects.filter(branch__province=ctx.province).exists():
        ctx.say("  Quỹ: đã có, không tạo thêm.")
        return
    rng = ctx.rng("funds")
    today = timezone.localdate()
    first_year = min(ctx.record_years)
    recorder = ctx.accounts.get("canbo")
    reviewer = ctx.accounts.get("thamdinh")
    scale = ctx.size_factor  # a smaller bench province raises and gives less
    plans = [(None, 1_500_000_000 * scale)] + [
        (c, (450_000_000 if c.kind == "phường" else 150_000_000) * scale * rng.uniform(0.6, 1.2))
        for c in ctx.active_communes
    ]
    receipts = portions = 0
    funds = []
    for commune, size in plans:
        branch = _branch(ctx, commune)
        fund = Fund.objects.create(
            branch=branch,
            name="Quỹ khuyến học" if commune else "Quỹ khuyến học, khuyến tài tỉnh",
            opening_year=first_year,
            opening_balance=rng.randint(20, 150) * 1_000_000 * (10 if commune is None else 1),
        )
        counted = _seed_fund(ctx, rng, fund, int(size), today, recorder)
        receipts += counted[0]
        portions += counted[1]
        funds.append(fund)
    closed = [y for y in ctx.record_years if y < today.year]
    for fund in funds:
        for year in sorted(closed):
            FundYear.objects.filter(fund=fund, year=year).update(
                statement=ledger.statement(fund, year), closed_at=timezone.now(),
                closed_by=reviewer,
            )  # fmt: skip
    total = sum(ledger.balances(funds).values())
    ctx.say(
        f"  Quỹ: {len(funds)} quỹ, {number(receipts)} phiếu thu, "
        f"{number(portions)} suất chi; "
        f"tồn {money(total)}; đã khóa sổ các năm {', '.join(map(str, closed)) or 'không'}."
    )

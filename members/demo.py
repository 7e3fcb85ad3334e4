"""Demo register: a Hội per commune, its chi hội and Ban khuyến học, and members.

Proportions follow a real report (Bắc Kạn city 2022: 161 chi hội và Ban khuyến học,
11.089 hội viên for about 45,000 people): here 5–20 % of each commune's population.
Rows go in with bulk_create, commune by commune, so memory stays flat at province scale.
"""

from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from khuyenhoc.areas.demo_names import family_name, person_name
from khuyenhoc.areas.models import Denominator, Village
from khuyenhoc.core.numbers import number
from khuyenhoc.core.text import fold

from .bulk import insert_members
from .models import Branch

Kind = Branch.Kind
LEAVE_REASONS = ["Chuyển nơi ở", "Tuổi cao, sức yếu", "Xin ra hội", "Đã mất"]


@transaction.atomic
def seed(ctx):
    rng = ctx.rng("members")
    today = timezone.localdate()
    province_branch = Branch.objects.filter(province=ctx.province, kind=Kind.PROVINCE).first()
    if province_branch is None:
        province_branch = Branch.objects.create(
            province=ctx.province,
            kind=Kind.PROVINCE,
            name=f"Hội Khuyến học {ctx.province.name}",
            founded_on=date(1997, 11, 20),
        )
    codes = [c.code for c in ctx.active_communes]
    population = dict(
        Denominator.objects.filter(commune__in=codes)
        .order_by("commune_id", "year")
        .values_list("commune_id", "population")
    )
    villages: dict[int, list[Village]] = {}
    for village in Village.objects.filter(commune__in=codes, is_active=True).order_by("name"):
        villages.setdefault(village.commune_id, []).append(village)

    heads = Branch.objects.bulk_create(
        [
            Branch(
                province=ctx.province,
                commune=commune,
                kind=Kind.COMMUNE,
                name=f"Hội Khuyến học {commune.name}",
                parent=province_branch,
                founded_on=date(rng.randint(1998, 2008), rng.randint(1, 12), 1),
            )
            for commune in ctx.active_communes
        ]
    )
    grassroots = []
    for commune, head in zip(ctx.active_communes, heads, strict=True):
        grassroots.extend(_grassroots(rng, commune, head, villages.get(commune.code, []), today))
    Branch.objects.bulk_create(grassroots, batch_size=2000)
    by_commune: dict[int, list[Branch]] = {}
    for branch in grassroots:
        by_commune.setdefault(branch.commune_id, []).append(branch)

    folded: dict[str, str] = {}
    total = 0
    for commune in ctx.active_communes:
        people = population.get(commune.code) or 15_000
        count = int(people * rng.uniform(0.05, 0.20))
        branches = by_commune[commune.code]
        weights = [5 if b.kind == Kind.VILLAGE else 2 for b in branches]
        members = [
            _member(rng, commune, branch, n, today, folded)
            for n, branch in enumerate(rng.choices(branches, weights=weights, k=count), start=1)
        ]
        insert_members(members, history=False)
        total += count
    if connection.vendor == "postgresql":
        # check the deferred foreign keys now, so that no trigger event stays pending
        # (a later TRUNCATE in the same transaction, as `flush` does, would refuse)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    ctx.say(
        f"  Hội viên: {number(len(heads) + len(grassroots))} hội và chi hội, "
        f"{number(total)} hội viên."
    )


def _grassroots(rng, commune, head, villages, today):
    def branch(kind, name, village=None):
        start = max(head.founded_on.year, 2000)
        founded = date(rng.randint(start, min(start + 12, today.year - 1)), rng.randint(1, 12), 1)
        return Branch(
            province_id=commune.province_id,
            commune=commune,
            kind=kind,
            name=name,
            village=village,
            parent=head,
            founded_on=founded,
        )

    result = [branch(Kind.VILLAGE, f"Chi hội {v.name}", v) for v in villages]
    schools = ["Trường Tiểu học", "Trường THCS", "Trường Mầm non"]
    for school in rng.sample(schools, k=rng.randint(1, 3)):
        result.append(branch(Kind.SCHOOL, f"Chi hội {school} {commune.name}"))
    if rng.random() < 0.4:
        result.append(branch(Kind.SCHOOL_BOARD, f"Ban khuyến học Trường THPT {commune.name}"))
    for agency in rng.sample(["UBND", "Trạm Y tế", "Công an"], k=rng.randint(0, 2)):
        result.append(branch(Kind.AGENCY, f"Chi hội {agency} {commune.name}"))
    if rng.random() < 0.3:
        result.append(branch(Kind.ENTERPRISE, f"Chi hội Hợp tác xã {commune.name}"))
    for family in sorted({family_name(rng) for _ in range(rng.randint(2, 6))}):
        result.append(branch(Kind.CLAN_BOARD, f"Ban khuyến học dòng họ {family}"))
    return result


def _member(rng, commune, branch, n, today, folded) -> tuple:
    """One member as a bulk.COLUMNS tuple."""
    gender = "nam" if rng.random() < 0.45 else "nu"
    name = person_name(rng, gender)
    if name not in folded:
        folded[name] = fold(name)
    joined = date.fromordinal(rng.randint(branch.founded_on.toordinal(), today.toordinal()))
    left_on, reason = None, ""
    if rng.random() < 0.08:
        left_on = joined + timedelta(days=rng.randint(0, (today - joined).days))
        reason = rng.choice(LEAVE_REASONS)
    phone = f"09{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.6 else ""
    return (
        commune.province_id,
        commune.code,
        branch.pk,
        f"{commune.code:05d}-{n:05d}",
        name,
        folded[name],
        rng.randint(1940, 2006),
        gender,
        phone,
        joined,
        left_on,
        reason,
    )

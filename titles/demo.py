"""Demo titles: every title registered in every active commune for 2025 and 2026.

Households, clans, villages, units and the commune itself are registered at realistic
rates (Sơn La city 2024: 95,9 % of households; 100 % of villages and units). Citizens
are a sample of at most CITIZEN_SAMPLE a commune: the real 70–80 % of adults would be
millions of rows at province scale, so citizen rates in the demo are low on purpose.
Evaluations carry totals only (no per-indicator rows). 2025's lists are approved with a
decision; 2026's are proposed and await the provincial reviewer (citizens still open).
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from khuyenhoc.areas.demo_names import family_name, person_name
from khuyenhoc.areas.metrics import TITLES
from khuyenhoc.areas.models import Denominator, Village
from khuyenhoc.numbers import number
from khuyenhoc.text import fold

from .models import (
    Citizen,
    Clan,
    CriteriaSet,
    Evaluation,
    Household,
    RecognitionList,
    Registration,
    Transition,
    Unit,
)

CITIZEN_SAMPLE = 300
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
UNIT_NAMES = [
    ("Ủy ban nhân dân", Unit.Kind.AGENCY),
    ("Trường Mầm non", Unit.Kind.SCHOOL),
    ("Trường Tiểu học", Unit.Kind.SCHOOL),
    ("Trường Trung học cơ sở", Unit.Kind.SCHOOL),
    ("Trạm Y tế", Unit.Kind.AGENCY),
    ("Công an", Unit.Kind.AGENCY),
    ("Hợp tác xã Nông nghiệp", Unit.Kind.ENTERPRISE),
    ("Bưu điện văn hóa", Unit.Kind.OTHER),
]
# Share of the denominator registering, and share of evaluated entries that pass.
RATES = {
    "household": (0.90, 0.97, 0.80, 0.92),
    "clan": (0.70, 0.95, 0.75, 0.90),
    "village": (1.0, 1.0, 0.85, 0.97),
    "unit": (0.9, 1.0, 0.85, 0.97),
    "citizen": (1.0, 1.0, 0.75, 0.90),
    "commune": (1.0, 1.0, 1.0, 1.0),
}


@transaction.atomic
def seed(ctx):
    rng = ctx.rng("titles")
    staff = ctx.accounts.get("canbo")
    reviewer = ctx.accounts.get("thamdinh")
    codes = [c.code for c in ctx.active_communes]
    villages: dict[int, list[Village]] = {}
    for village in Village.objects.filter(commune__in=codes, is_active=True).order_by("id"):
        villages.setdefault(village.commune_id, []).append(village)
    denominators = {
        (d.commune_id, d.year): d for d in Denominator.objects.filter(commune__in=codes)
    }
    sets = {
        (title, year): CriteriaSet.objects.in_force(title=title, year=year)
        for title in TITLES
        for year in ctx.record_years
    }
    totals = dict.fromkeys(TITLES, 0)
    for commune in ctx.active_communes:
        own = villages.get(commune.code, [])
        if not own:
            continue
        latest = denominators.get((commune.code, max(ctx.record_years)))
        subjects = _subjects(rng, commune, own, latest)
        for year in sorted(ctx.record_years):
            for title, pool in subjects.items():
                low, high, pass_low, pass_high = RATES[title]
                share = rng.uniform(low, high)
                chosen = [s for s in pool if rng.random() < share]
                made = _register(
                    rng,
                    commune,
                    year,
                    title,
                    chosen,
                    sets[(title, year)],
                    rng.uniform(pass_low, pass_high),
                    staff,
                    reviewer,
                    final=year < max(ctx.record_years),
                )
                totals[title] += made
    ctx.say(
        "  Danh hiệu học tập: "
        + "; ".join(f"{number(n)} đăng ký {TITLES[t][0]}" for t, n in totals.items())
        + f" (công dân: mẫu tối đa {CITIZEN_SAMPLE} người mỗi xã)."
    )


def _subjects(rng, commune, villages, denominator):
    households = denominator.households if denominator and denominator.households else 1000
    clans = denominator.clans if denominator and denominator.clans else 10
    units = denominator.units if denominator and denominator.units else 10
    new_households = []
    for _ in range(households):
        name = person_name(rng, rng.choice(["nam", "nam", "nu"]))
        new_households.append(
            Household(
                commune=commune,
                village=rng.choice(villages),
                head_name=name,
                name_folded=fold(name),
                members=rng.randint(2, 7),
            )
        )
    new_citizens = []
    for _ in range(CITIZEN_SAMPLE):
        sex = rng.choice(["nam", "nu"])
        name = person_name(rng, sex)
        new_citizens.append(
            Citizen(
                commune=commune,
                village=rng.choice(villages),
                full_name=name,
                name_folded=fold(name),
                birth_year=rng.randint(1950, 2008),
                sex=sex,
                group=rng.choices([1, 2, 3, 4], weights=[50, 25, 12, 13])[0],
            )
        )
    new_clans, seen = [], set()
    while len(new_clans) < clans and len(seen) < 200:
        name = family_name(rng)
        village = rng.choice(villages)
        label = name if name not in seen else f"{name} ({village.name})"
        if label in seen:
            seen.add(label)
            continue
        seen.add(label)
        new_clans.append(Clan(commune=commune, name=label, name_folded=fold(label)))
    new_units = []
    for index in range(units):
        base, kind = UNIT_NAMES[index % len(UNIT_NAMES)]
        label = f"{base} {commune.name}" + (
            f" số {index // len(UNIT_NAMES) + 1}" if index >= len(UNIT_NAMES) else ""
        )
        new_units.append(Unit(commune=commune, name=label, name_folded=fold(label), kind=kind))
    return {
        "household": Household.objects.bulk_create(new_households, batch_size=5000),
        "citizen": Citizen.objects.bulk_create(new_citizens, batch_size=5000),
        "clan": Clan.objects.bulk_create(new_clans),
        "unit": Unit.objects.bulk_create(new_units),
        "village": list(villages),
        "commune": [commune],
    }


def _moment(day, hour):
    return datetime.combine(day, time(hour, 0), tzinfo=TZ)


def _register(
    rng, commune, year, title, chosen, criteria_set, pass_rate, staff, reviewer, *, final
):
    if not chosen:
        return 0
    proposing = final or title != "citizen"
    evaluated_share = 1.0 if proposing else 0.6
    registrations, outcomes = [], []
    for subject in chosen:
        registration = Registration(commune=commune, year=year, title=title, created_by=staff)
        if title != "commune":
            setattr(registration, title, subject)
        outcome = None
        if rng.random() < evaluated_share:
            passed = rng.random() < pass_rate
            outcome = (passed, rng.randint(80, 98) if passed else rng.randint(60, 79))
            if final:
                registration.state = "recognised" if passed else "not_recognised"
            else:
                registration.state = "proposed" if proposing else "evaluated"
        registrations.append(registration)
        outcomes.append(outcome)
    registrations = Registration.objects.bulk_create(registrations, batch_size=5000)
    evaluations = [
        Evaluation(
            registration=registration,
            criteria_set=criteria_set,
            total=outcome[1],
            passed=outcome[0],
            reason=""
            if outcome[0]
            else f"Tổng {outcome[1]} điểm, dưới ngưỡng {criteria_set.pass_mark}",
            evaluated_by=staff,
        )
        for registration, outcome in zip(registrations, outcomes, strict=True)
        if outcome is not None
    ]
    Evaluation.objects.bulk_create(evaluations, batch_size=5000)
    if proposing:
        _list(rng, commune, year, title, staff, reviewer, final=final)
    return len(registrations)


def _list(rng, commune, year, title, staff, reviewer, *, final):
    proposed_on = date(year, 11, rng.randint(15, 28))
    rlist = RecognitionList(
        commune=commune,
        year=year,
        title=title,
        proposed_at=_moment(proposed_on, 9),
        proposed_by=staff,
        state="approved" if final else "proposed",
    )
    if final:
        decided = proposed_on + timedelta(days=rng.randint(3, 14))
        rlist.decision_number = f"{rng.randint(100, 999)}/QĐ-UBND"
        rlist.decision_date = decided
        rlist.signer = "Chủ tịch UBND " + commune.name
        rlist.decided_by = reviewer
    rlist.save()
    steps = [
        Transition(recognition_list=rlist, actor=staff, from_state="open", to_state="proposed")
    ]
    if final:
        steps.append(
            Transition(
                recognition_list=rlist,
                actor=reviewer,
                from_state="proposed",
                to_state="approved",
                note=f"Quyết định {rlist.decision_number}",
            )
        )
    Transition.objects.bulk_create(steps)

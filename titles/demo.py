"""Demo titles: every title registered in every active commune for 2025 and 2026.

Each commune's lists go through the import's own write path (titles.imports), as if its
staff had imported them: subjects and registrations get their history rows, a household
registered both years is one subject, and the figures are refreshed as an import does.
Rates are realistic (Sơn La city 2024: 74,7 % of adults and 95,9 % of households
registered; 100 % of villages and units). Each evaluation has its points per indicator,
judged by the criteria set's rules as a form would. 2025's lists are approved with a
decision; 2026's are proposed and await the provincial reviewer (citizens still open,
partly evaluated). Proposals and decisions go through the recognition workflow
(titles.recognition), dated in the past: the demo's staff account acts in the communes
it works in, the system (no user, as an administrator's command) in the others.
"""

import math
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from khuyenhoc.areas.demo_names import family_name, person_name
from khuyenhoc.areas.models import Denominator, Village
from khuyenhoc.core.access.scope import can_touch
from khuyenhoc.core.numbers import number
from khuyenhoc.core.text import fold

from . import recognition, rules, services
from .imports import registration_rows_write
from .metrics import TITLES
from .models import CriteriaSet, Registration, Unit
from .selfservice import demo as selfservice_demo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
EVALUATED = "Đánh giá"
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
# Share of the commune's adults who ever register (the pool a year draws from).
CITIZEN_POOL = (0.82, 0.88)
# Share of the pool registering in a year, and share of evaluated entries scoring strongly
# (nearly all of whom pass; a few weak ones pass too).
RATES = {
    "household": (0.90, 0.97, 0.80, 0.92),
    "clan": (0.70, 0.95, 0.75, 0.90),
    "village": (1.0, 1.0, 0.85, 0.97),
    "unit": (0.9, 1.0, 0.85, 0.97),
    "citizen": (0.86, 0.93, 0.75, 0.90),
    "commune": (1.0, 1.0, 1.0, 1.0),
}


def seed(ctx):
    # Each step commits on its own, as it would from the staff's and the reviewer's
    # pages. In one transaction, every move of a registration written earlier in it
    # would re-run all six of its foreign-key checks (PostgreSQL re-checks a row its
    # own transaction inserted, even when the keys did not change): about a tenth of
    # the province demo's time.
    # (a whole province on PostgreSQL is seeded by demo_province.py instead: seed_demo)
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
        here = staff if staff is not None and can_touch(staff, commune.code) else None
        pools = _pools(rng, commune, own, latest)
        for year in sorted(ctx.record_years):
            for title, pool in pools.items():
                low, high, pass_low, pass_high = RATES[title]
                share = rng.uniform(low, high)
                chosen = [row for row in pool if rng.random() < share]
                if not chosen:
                    continue
                _register(here, commune, year, title, chosen, _moment(_day(rng, year, 3), 8))
                totals[title] += len(chosen)
                _evaluate(
                    rng,
                    commune,
                    year,
                    title,
                    sets[(title, year)],
                    rng.uniform(pass_low, pass_high),
                    here,
                    reviewer,
                    final=year < max(ctx.record_years),
                )
    ctx.say(
        "  Danh hiệu học tập: "
        + "; ".join(f"{number(n)} đăng ký {TITLES[t][0]}" for t, n in totals.items())
        + "."
    )
    selfservice_demo.seed(ctx)


def describe(ctx):
    """What seed_demo prints on every run after the accounts: codes to try self-service."""
    selfservice_demo.describe(ctx)


def _pools(rng, commune, villages, denominator):
    """Each title's subjects as the rows of its import sheet (cells by column key), one
    row per subject: the import would refuse two rows of the same subject."""
    households = denominator.households if denominator and denominator.households else 1000
    adults = denominator.adults if denominator and denominator.adults else 3000
    clans = denominator.clans if denominator and denominator.clans else 10
    units = denominator.units if denominator and denominator.units else 10
    return {
        "household": _unique_rows(
            households,
            lambda: {
                "head_name": person_name(rng, rng.choice(["nam", "nam", "nu"])),
                "village": rng.choice(villages).name,
                "members": rng.randint(2, 7),
            },
            ("village", "head_name"),
        ),
        "citizen": _unique_rows(
            int(adults * rng.uniform(*CITIZEN_POOL)),
            lambda: _citizen(rng, villages),
            ("village", "full_name", "birth_year"),
        ),
        "clan": _clans(rng, villages, clans),
        "unit": [
            {
                "name": _unit_name(commune, index),
                "kind": UNIT_NAMES[index % len(UNIT_NAMES)][1].label,
            }
            for index in range(units)
        ],
        "village": [{"village": village.name} for village in villages],
        "commune": [{}],
    }


def _unique_rows(count, draw, identity):
    rows, seen = [], set()
    for _ in range(count * 2):  # a bounded number of tries: names can run out
        if len(rows) == count:
            break
        row = draw()
        key = tuple(fold(str(row[column])) for column in identity)
        if key not in seen:
            seen.add(key)
            rows.append(row)
    return rows


def _citizen(rng, villages):
    sex = rng.choice(["nam", "nu"])
    return {
        "full_name": person_name(rng, sex),
        "birth_year": rng.randint(1950, 2008),
        "sex": "Nam" if sex == "nam" else "Nữ",
        "group": rng.choices([1, 2, 3, 4], weights=[50, 25, 12, 13])[0],
        "village": rng.choice(villages).name,
    }


def _clans(rng, villages, count):
    rows, seen = [], set()
    while len(rows) < count and len(seen) < 200:
        name = family_name(rng)
        village = rng.choice(villages)
        label = name if name not in seen else f"{name} ({village.name})"
        if label not in seen:
            rows.append({"name": label, "village": village.name})
        seen.add(label)
    return rows


def _unit_name(commune, index):
    base = UNIT_NAMES[index % len(UNIT_NAMES)][0]
    number_part = f" số {index // len(UNIT_NAMES) + 1}" if index >= len(UNIT_NAMES) else ""
    return f"{base} {commune.name}{number_part}"


def _register(staff, commune, year, title, rows, when):
    if title == "commune":  # the commune itself has no list to import
        services.registration_create(user=staff, commune=commune, year=year, title=title, when=when)
        return
    registration_rows_write(
        user=staff,
        commune=commune,
        year=year,
        title=title,
        rows=enumerate(rows, start=2),
        when=when,
    )


def _moment(day, hour):
    """A moment of the demo's calendar, never later than today."""
    return datetime.combine(min(day, timezone.localdate()), time(hour, 0), tzinfo=TZ)


def _day(rng, year, month):
    return date(year, month, rng.randint(1, 28))


def _evaluate(rng, commune, year, title, criteria_set, pass_rate, staff, reviewer, *, final):
    """Scores the year's list, proposes it and, for a past year, decides it, moving the
    registrations as staff and the reviewer would (a history row for each move)."""
    proposing = final or title != "citizen"  # this year's citizens are still being scored
    evaluated_share = 1.0 if proposing else 0.6
    entries = Registration.objects.filter(commune=commune, year=year, title=title)
    indicators = {}  # by group of people: a citizen is scored on the group's indicators
    results = []
    for registration_id, group in entries.order_by("id").values_list("id", "citizen_group"):
        if rng.random() >= evaluated_share:
            continue
        if group not in indicators:
            indicators[group] = list(criteria_set.indicators(group))
        points = _points(rng, indicators[group], strong=rng.random() < pass_rate)
        outcome = rules.judge(
            criteria_set, indicators[group], points, disadvantaged=commune.is_disadvantaged
        )
        results.append((registration_id, outcome, points))
    evaluated_at = _moment(_day(rng, year, 10), 14)
    services.first_evaluations_add(
        user=staff,
        criteria_set=criteria_set,
        results=results,
        entries=entries,
        reason=EVALUATED,
        when=evaluated_at,
    )
    if not proposing:
        return
    proposed_on = min(date(year, 11, rng.randint(15, 28)), timezone.localdate())
    rlist = recognition.list_propose(
        user=staff, commune=commune, year=year, title=title, when=_moment(proposed_on, 9)
    )
    if final:
        decided_on = proposed_on + timedelta(days=rng.randint(3, 14))
        recognition.list_approve(
            user=reviewer,
            rlist=rlist,
            decision_number=f"{rng.randint(100, 999)}/QĐ-UBND",
            decision_date=decided_on,
            signer="Chủ tịch UBND " + commune.name,
            when=_moment(decided_on, 15),
        )


def _points(rng, indicators, *, strong):
    """Points per indicator as an evaluation team gives them: a strong subject scores
    every indicator in the top fifth, a weak one anywhere from a third of the maximum
    up. The set's own rules then decide, and give the reason a subject failed."""
    low = 0.8 if strong else 0.3
    return {i.id: rng.randint(math.ceil(i.max_points * low), i.max_points) for i in indicators}

"""The validation rules evaluated on a commune's figures of a year (the summary table, so a
rule reads the same numbers the public pages publish), and the checker the writing
services call through khuyenhoc.core.checks."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count

from khuyenhoc.areas import metrics as m
from khuyenhoc.areas import summaries
from khuyenhoc.areas.models import Village
from khuyenhoc.core import checks, registry
from khuyenhoc.core.numbers import decimal, number
from khuyenhoc.figures import selectors as figures_api

from .models import ValidationRule

Kind = ValidationRule.Kind
DENOMINATOR_LABELS = {
    m.POPULATION: "Dân số",
    m.ADULTS: "Số người trưởng thành",
    m.HOUSEHOLDS: "Số hộ gia đình",
    m.CLANS: "Số dòng họ",
    m.VILLAGES: "Số thôn, bản, tổ dân phố",
    m.UNITS: "Số cơ quan, đơn vị",
}
STAGE_WORDS = {"registered": "số đăng ký", "recognised": "số được công nhận"}
SAMPLE = {
    "xa": "Xã Mẫu",
    "nam": 2026,
    "muc": "Gia đình học tập: số đăng ký",
    "gia_tri": "2.500",
    "moc": "2.400",
    "nam_truoc": 2025,
    "truoc": "2.000",
}


@dataclass(frozen=True)
class Violation:
    rule: ValidationRule
    commune_code: int
    commune_name: str
    text: str

    @property
    def blocks(self) -> bool:
        return self.rule.severity == ValidationRule.Severity.BLOCK


class _Blank(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def render(message: str, values: dict) -> str:
    """The rule's message with its placeholders filled; an unknown one stays as typed."""
    try:
        return message.format_map(_Blank(values))
    except (ValueError, IndexError, AttributeError):
        return message


def active_rules() -> list[ValidationRule]:
    return list(ValidationRule.objects.filter(is_active=True))


def _title_metrics(titles):
    """The registered titles with a rate (of `titles`, or all): their indicators."""
    for indicator in registry.rated_titles():
        if titles is None or indicator.title in titles:
            yield indicator


def _findings(rule, figures, previous, listed_villages, titles, stage):
    """(item, value, bound, previous value) for each breach of the rule."""
    out = []
    if rule.kind == Kind.WITHIN_DENOMINATOR:
        for indicator in _title_metrics(titles):
            denominator = figures.get(indicator.denominator)
            for metric, words in zip(indicator.metrics, STAGE_WORDS.values(), strict=False):
                value = figures.get(metric, 0)
                if denominator is not None and value > denominator:
                    out.append((f"{indicator.label}: {words}", value, denominator, None))
    elif rule.kind == Kind.VILLAGES_LISTED:
        declared = figures.get(m.VILLAGES)
        if declared is not None and listed_villages and declared != listed_villages:
            out.append((DENOMINATOR_LABELS[m.VILLAGES], declared, listed_villages, None))
    elif rule.kind in (Kind.PEOPLE_PER_HOUSEHOLD, Kind.ADULTS_SHARE):
        part, whole = (
            (m.POPULATION, m.HOUSEHOLDS)
            if rule.kind == Kind.PEOPLE_PER_HOUSEHOLD
            else (m.ADULTS, m.POPULATION)
        )
        if figures.get(part) and figures.get(whole):
            ratio = Decimal(figures[part]) / Decimal(figures[whole])
            if rule.kind == Kind.ADULTS_SHARE:
                ratio *= 100
            outside = (rule.low is not None and ratio < rule.low) or (
                rule.high is not None and ratio > rule.high
            )
            if outside:
                bound = f"{decimal(rule.low)}–{decimal(rule.high)}"
                out.append((rule.name, ratio, bound, None))
    elif rule.kind == Kind.CHANGE and rule.high is not None:
        keys = list(DENOMINATOR_LABELS)
        if stage == checks.SUBMISSION:  # lists grow while imported: judged when sent up
            keys += [indicator.metrics[0] for indicator in _title_metrics(titles)]
        for key in keys:
            before, now = previous.get(key), figures.get(key)
            if before and now is not None:
                change = abs(Decimal(now - before)) * 100 / before
                if change > rule.high:
                    out.append((_label(key), now, rule.high, before))
    return out


def _label(key):
    if key in DENOMINATOR_LABELS:
        return DENOMINATOR_LABELS[key]
    title = next(i for i in registry.titles() if i.metrics[0] == key)
    return f"{title.label}: số đăng ký"


def _show(value):
    if isinstance(value, Decimal):
        return decimal(value)
    return number(value) if isinstance(value, int) else str(value)


def evaluate(
    *, rules, code, name, year, figures, previous, listed_villages, titles=None, stage=None
) -> list[Violation]:
    found = []
    for rule in rules:
        for item, value, bound, before in _findings(
            rule, figures, previous, listed_villages, titles, stage
        ):
            values = {
                "xa": name,
                "nam": year,
                "muc": item,
                "gia_tri": _show(value),
                "moc": _show(bound),
                "nam_truoc": year - 1,
                "truoc": _show(before),
            }
            found.append(Violation(rule, code, name, render(rule.message, values)))
    return found


def check(*, commune, year, stage, titles=None) -> list[str]:
    """The checker registered in khuyenhoc.core.checks: blocking rules raise, the others
    come back as warnings. Skipped while the summary table is not kept up to date (the
    demo seed rebuilds it at its end)."""
    if summaries.is_deferred():
        return []
    rules = active_rules()
    if not rules:
        return []
    code = commune.code
    found = evaluate(
        rules=rules,
        code=code,
        name=commune.name,
        year=year,
        figures=figures_api.of_commune(code, year),
        previous=figures_api.of_commune(code, year - 1),
        listed_villages=Village.objects.filter(commune_id=code, is_active=True).count(),
        titles=titles,
        stage=stage,
    )
    blocking = [v.text for v in found if v.blocks]
    if blocking:
        raise ValidationError(blocking)
    return [v.text for v in found]


def province_violations(*, year, communes) -> list[Violation]:
    """Every rule broken in a year by the given communes [(code, name)]: four queries."""
    rules = active_rules()
    codes = [code for code, _name in communes]
    this_year = figures_api.of_communes(year=year, communes=codes)
    last_year = figures_api.of_communes(year=year - 1, communes=codes)
    listed = dict(
        Village.objects.filter(commune__in=codes, is_active=True)
        .values("commune_id")
        .annotate(n=Count("id"))
        .values_list("commune_id", "n")
        .order_by()
    )
    found = []
    for code, name in communes:
        if code not in this_year:
            continue
        found += evaluate(
            rules=rules,
            code=code,
            name=name,
            year=year,
            figures=this_year[code],
            previous=last_year.get(code, {}),
            listed_villages=listed.get(code, 0),
            stage=checks.SUBMISSION,
        )
    return found

"""The one rule that a count declared without a named list never leaves its title above
the year's denominator, checked from both sides: when counts are declared
(titles/declared_services.py) and when the denominators change (services.denominator_save,
whatever the door). Titles counted only from named lists are judged by the configurable
validation rules (khuyenhoc.quality), blocking by default; a declared count, entered
without any list to check it against, always meets this floor."""

from dataclasses import dataclass

from khuyenhoc.core import registry

STAGES = ("registered", "recognised")
STAGE_WORDS = {"registered": "đăng ký", "recognised": "được công nhận"}

# What a title's count is compared with: each denominator (a Denominator field) in the
# words of the denominators' form.
FIELD_WORDS = {
    "adults": "người trưởng thành",
    "households": "hộ gia đình",
    "clans": "dòng họ",
    "villages": "thôn, bản, tổ dân phố",
    "units": "cơ quan, đơn vị",
}


@dataclass(frozen=True)
class Excess:
    title: str
    stage: str  # "registered" or "recognised"
    count: int
    denominator: int | None  # None: the denominator is missing


def rated_titles() -> list[str]:
    """The titles counted against a denominator, as registered (khuyenhoc.core.registry)."""
    return [indicator.title for indicator in registry.rated_titles()]


def denominator_words(title: str) -> str:
    """What the title's count is compared with: "hộ gia đình" for Gia đình học tập."""
    return FIELD_WORDS[denominator_field(title)]


def denominator_field(title: str) -> str:
    """The Denominator field a title's rate divides by: "areas.households" → "households"."""
    return registry.get(title).denominator.split(".", 1)[1]


def excesses(figures: dict, denominators: dict, titles) -> list[Excess]:
    """For each of `titles` with a declared count in use in `figures` (the commune's
    figures of the year, {metric: value}), its largest count above `denominators`
    ({title: value or None}); at most one per title, registered before recognised."""
    found = []
    for title in titles:
        indicator = registry.get(title)  # titles': its registered and recognised first
        if not figures.get(indicator.declared):
            continue  # every count of the title comes from a named list: not this rule's
        denominator = denominators.get(title)
        for stage, metric in zip(STAGES, indicator.metrics, strict=False):
            count = figures.get(metric) or 0
            if denominator is None or count > denominator:
                found.append(Excess(title, stage, count, denominator))
                break
    return found

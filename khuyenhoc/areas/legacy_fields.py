"""The columns of the old communes' yearly reports (models/legacy.py LegacyReport): the
denominators and, per learning title, how many registered and how many were recognised,
as the communes published them; their labels, their metrics in the summary table of the
old units, and the checks of what cannot be true. No model here: the staff pages, the
sheet import and the model all read it."""

from khuyenhoc.core import registry

from . import metrics

DENOMINATORS = {
    "population": ("Dân số", metrics.POPULATION),
    "adults": ("Dân số trong độ tuổi", metrics.ADULTS),
    "households": ("Hộ gia đình", metrics.HOUSEHOLDS),
    "clans": ("Dòng họ", metrics.CLANS),
    "villages": ("Thôn, bản, tổ dân phố", metrics.VILLAGES),
    "units": ("Cơ quan, đơn vị", metrics.UNITS),
}
STAGES = {"registered": "đăng ký", "recognised": "được công nhận"}
# The learning titles as the old communes published them, the columns of their reports
# (a fixed schema: its fields are in the migrations): code → (name, denominator field or
# None for "1 commune"). Their metric names in the summary table are the titles app's,
# read from the registry (field_metrics).
PUBLISHED_TITLES = {
    "citizen": ("Công dân học tập", "adults"),
    "household": ("Gia đình học tập", "households"),
    "clan": ("Dòng họ học tập", "clans"),
    "village": ("Cộng đồng học tập cấp thôn", "villages"),
    "commune": ("Cộng đồng học tập cấp xã", None),
    "unit": ("Đơn vị học tập", "units"),
}


def title_field(title: str, stage: str) -> str:
    return f"{title}_{stage}"


# field name → label, denominators first, then the titles
FIELDS = {name: label for name, (label, _metric) in DENOMINATORS.items()} | {
    title_field(title, stage): f"{name}: {word}"
    for title, (name, _denominator) in PUBLISHED_TITLES.items()
    for stage, word in STAGES.items()
}


def field_metrics() -> dict[str, str]:
    """field name → its metric in the summary table of the old units (LegacyFigure):
    the denominators' are areas', a title's stage is the one the titles app registers
    (khuyenhoc.core.registry: a title's first two metrics, registered and recognised)."""

    def make():
        found = {name: metric for name, (_label, metric) in DENOMINATORS.items()}
        for title in PUBLISHED_TITLES:
            counts = registry.get(title).metrics
            for stage, metric in zip(STAGES, counts, strict=False):
                found[title_field(title, stage)] = metric
        return found

    return registry.derived("legacy_fields", make)


def check(values: dict) -> dict[str, str]:
    """{field: Vietnamese message} of what cannot be true: a count above its
    denominator, more recognised than registered, more than one commune itself."""
    errors = {}
    pop = values.get("population")
    for name in ("adults", "households"):
        if pop is not None and values.get(name) is not None and values[name] > pop:
            errors[name] = f"{DENOMINATORS[name][0]} không thể lớn hơn dân số."
    for title, (name, denominator) in PUBLISHED_TITLES.items():
        whole = values.get(denominator) if denominator else 1
        registered = values.get(title_field(title, "registered"))
        recognised = values.get(title_field(title, "recognised"))
        for stage, count in (("registered", registered), ("recognised", recognised)):
            if whole is not None and count is not None and count > whole:
                below = (
                    "1 (chính xã)" if denominator is None else DENOMINATORS[denominator][0].lower()
                )
                errors[title_field(title, stage)] = (
                    f"{name}: số {STAGES[stage]} ({count}) lớn hơn {below} ({whole})."
                )
        if registered is not None and recognised is not None and recognised > registered:
            errors.setdefault(
                title_field(title, "recognised"),
                f"{name}: số được công nhận ({recognised}) lớn hơn số đăng ký ({registered}).",
            )
    return errors

"""Titles' vocabulary in the summary table: the learning titles, their stages, the names
of their metrics and the national targets of programme 677/QĐ-TTg. Titles writes these
names (titles/figures.py) and registers them (titles/indicators.py); the pages, the
report and the downloads read them through the registry (khuyenhoc.core.registry) and
name none. Changing a name here is a data change."""

from khuyenhoc.areas.metrics import ADULTS, CLANS, HOUSEHOLDS, UNITS, VILLAGES

# Learning titles: code → (Vietnamese name, denominator metric or None for "1 commune").
TITLES = {
    "citizen": ("Công dân học tập", ADULTS),
    "household": ("Gia đình học tập", HOUSEHOLDS),
    "clan": ("Dòng họ học tập", CLANS),
    "village": ("Cộng đồng học tập cấp thôn", VILLAGES),
    "commune": ("Cộng đồng học tập cấp xã", None),
    "unit": ("Đơn vị học tập", UNITS),
}
TITLE_STAGES = {
    "registered": "đăng ký",
    "evaluated": "đã đánh giá",
    "proposed": "đề nghị công nhận",
    "recognised": "được công nhận",
    "not_recognised": "không được công nhận",
}
# Titles with a rate on the overview; "commune" (Cộng đồng học tập cấp xã) is a yes/no.
RATE_TITLES = ("citizen", "household", "clan", "village", "unit")
# Their sort keys on the public overview, and their short names there.
SLUGS = {
    "citizen": "cong-dan",
    "household": "gia-dinh",
    "clan": "dong-ho",
    "village": "thon",
    "unit": "don-vi",
}
SHORT = {
    "citizen": "Công dân",
    "household": "Gia đình",
    "clan": "Dòng họ",
    "village": "Cộng đồng (thôn)",
    "unit": "Đơn vị",
}

# The four groups of people of the Công dân học tập criteria (324/QĐ-KHVN; group 4 to confirm).
CITIZEN_GROUPS = {
    1: "Nông dân và lao động nông thôn",
    2: "Công nhân, lao động tiểu thủ công, thợ sửa chữa, lao động tự do",
    3: "Cán bộ, công chức, viên chức, nhân viên",
    4: "Học sinh, sinh viên, học viên",
}
CITIZEN_GROUP_NUMBERS = tuple(CITIZEN_GROUPS)


def title_metric(title: str, stage: str) -> str:
    """e.g. title_metric("household", "recognised") → "titles.household.recognised"."""
    return f"titles.{title}.{stage}"


def declared_metric(title: str, stage: str) -> str:
    """The part of title_metric(title, stage) ("registered" or "recognised") that comes
    from counts declared without a named list (titles/declared.py): the pages say
    "tổng hợp" or "theo danh sách" by it."""
    return f"titles.{title}.declared.{stage}"


DECLARED_STAGES = ("registered", "recognised")


def citizen_group_metric(group: int, stage: str) -> str:
    return f"titles.citizen.g{group}.{stage}"


# National targets of programme 677/QĐ-TTg (percent of the denominator), by year.
TARGETS = {
    2025: {"household": 40, "clan": 40, "village": 40, "unit": 60},
    2030: {"household": 60, "clan": 60, "village": 60, "unit": 80},
}


# The years each milestone of 677/QĐ-TTg applied to: the programme runs 2021–2030. A
# year outside it has no target here (281/QĐ-TTg's for 2020 are not shipped: every page
# names 677/QĐ-TTg), rather than a target decided after, or meant for before, that year.
TARGET_YEARS = {2025: range(2021, 2026), 2030: range(2026, 2031)}


def target_for(title: str, year: int) -> int | None:
    """The target in force for a year: 2025's for 2021–2025, 2030's for 2026–2030,
    none outside the programme."""
    for milestone, years in TARGET_YEARS.items():
        if year in years:
            return TARGETS[milestone].get(title)
    return None


def every_metric() -> list[str]:
    """Every metric name titles writes to the summary table, in a stable order."""
    names = []
    for title in TITLES:
        names += [title_metric(title, stage) for stage in TITLE_STAGES]
    for group in CITIZEN_GROUP_NUMBERS:
        names += [citizen_group_metric(group, stage) for stage in TITLE_STAGES]
    return names

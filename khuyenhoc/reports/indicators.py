"""From {metric: value} of a commune (or the sum over communes) and year to the ordered
sections and rows of the annual report.

Pure functions, no database. Rates of the titles and the members per 100 inhabitants come
from the public pages' `summarise`, so the report and /thong-ke/ cannot disagree. As there,
a figure missing from the summary table means zero when its app has written anything for
that area and year, and "no data" (None) otherwise.
"""

from khuyenhoc.core import registry
from khuyenhoc.figures import lines
from khuyenhoc.figures.indicators import add_up

__all__ = ["GROUPS", "add_up", "build", "find", "flat_cells", "headline"]

# The report's sections, in the order associations report them; their rows are the
# indicators the apps registered (khuyenhoc.core.registry), named here by none.
GROUPS = registry.SECTIONS


def build(figures: dict[str, int], year: int, *, previous=None, communes: int = 1) -> list:
    """The report's sections for one area and year; `previous` is {metric: value} of the
    year before (compared row by row), `communes` the denominator of Cộng đồng học tập cấp
    xã (1 for a commune, the number of communes for the province)."""
    sections = lines.sections(figures, year, communes=communes)
    before = {}
    for section in lines.sections(previous or {}, year - 1, communes=communes):
        for row in section["rows"]:
            before[row["key"]] = row
    for section in sections:
        for row in section["rows"]:
            # a row of an unnamed code may be in one year and not the other
            old = before.get(row["key"], {"value": None, "rate": None})
            row["previous"] = old["value"]
            row["previous_rate"] = old["rate"]
            row["change"] = (
                row["value"] - old["value"]
                if row["value"] is not None and old["value"] is not None
                else None
            )
    return sections


def find(sections, key):
    for section in sections:
        for row in section["rows"]:
            if row["key"] == key:
                return row
    raise KeyError(key)


def flat_cells(section) -> list[tuple[str, object]]:
    """(label, value) per line of a section, titles split into registered, achieved and
    rate: the rows of the province's sheets, which have a column per commune."""
    cells = []
    for row in section["rows"]:
        if row["has_stages"]:
            cells.append((f"{row['label']}: đăng ký", row["registered"]))
            cells.append((f"{row['label']}: đạt", row["value"]))
            if row["level"] == 0:
                cells.append((f"{row['label']}: tỷ lệ đạt (%)", row["rate"]))
        else:
            cells.append((row["label"], row["value"]))
    return cells


def headline(sections, *, area="xã", figures=None) -> list[str]:
    """The report's opening sentence, in the words associations use, as parts: each
    app's (khuyenhoc.core.registry.register_headline), in their order; given the area's
    figures, with what they state beyond the indicators (goods in kind by item)."""

    def value(key):
        return find(sections, key)["value"]

    return [text for part in registry.headline_parts() for text in part(value, area, figures)]

"""The 2025 reform of the administrative units, written once.

From 1/7/2025 the province has two tiers (province, commune); figures of the years before
belong to the old three-tier units and are shown as they were reported. Every module and
template that needs to tell the two apart asks here (templates through the `reform`
template library)."""

from datetime import date

# The day the two-tier units took effect, and the first year whose figures belong to them.
REFORM_DATE = date(2025, 7, 1)
REFORM_YEAR = REFORM_DATE.year
# as the association writes it in its papers: "01/7/2025"
REFORM_DAY = f"{REFORM_DATE.day:02d}/{REFORM_DATE.month}/{REFORM_DATE.year}"


def is_legacy_year(year: int) -> bool:
    return year < REFORM_YEAR

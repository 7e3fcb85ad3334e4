"""The 2025 reform of the administrative units, written once.

From 1/7/2025 the province has two tiers (province, commune); figures of the years before
belong to the old three-tier units and are shown as they were reported. Every module that
needs to tell the two apart asks here."""

# The first year whose figures belong to today's communes.
REFORM_YEAR = 2025


def is_legacy_year(year: int) -> bool:
    return year < REFORM_YEAR

"""The denominators in the summary table: written by areas/figures.py from the yearly
Denominator rows. Every other metric name belongs to the app that writes it (titles,
members, funds: their metrics.py), which registers what it states
(khuyenhoc.core.registry); areas names none of them. Changing a name here is a data
change."""

POPULATION = "areas.population"
ADULTS = "areas.adults"
HOUSEHOLDS = "areas.households"
CLANS = "areas.clans"
VILLAGES = "areas.villages"
UNITS = "areas.units"
DENOMINATORS = (POPULATION, ADULTS, HOUSEHOLDS, CLANS, VILLAGES, UNITS)

METRIC_LENGTH = 60  # areas.models.Figure.metric


def every_metric() -> list[str]:
    """Every metric name areas writes, in a stable order."""
    return list(DENOMINATORS)

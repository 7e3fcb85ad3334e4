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

# The summary tables' metric column (areas.models Figure, ProvinceFigure, LegacyFigure):
# long enough for the longest name an app writes whole, a kind of goods with its unit
# (funds.metrics.goods_item_metric: a 15-character prefix, a 30-character unit, a
# 200-character name), so that two goods named alike past their 60th character stay
# two lines and not one sum.
METRIC_LENGTH = 255


def every_metric() -> list[str]:
    """Every metric name areas writes, in a stable order."""
    return list(DENOMINATORS)

"""summarise() reads only the metrics it names in summarised(): the overview fetches those
alone (khuyenhoc.figures.selectors.of_communes with metrics=), so a metric read but not
named there would silently show as missing."""

from khuyenhoc.figures.indicators import summarise, summarised
from tests import metric_names as m


class Reading(dict):
    """A figures dict that remembers which values were read (iterating the names, as
    summarise does to see which apps have figures, reads no value)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.read = set()

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)


def _every_metric():
    names = m.every_metric(branch_kinds=["chi_hoi_thon"], donor_categories=["person"])
    return names + [m.declared_metric(t, s) for t in m.RATE_TITLES for s in m.TITLE_STAGES]


def test_summarise_reads_no_value_outside_summarised_in_any_year():
    for year in (2024, 2025, 2026, 2031):
        for value in (0, 1, 7):
            figures = Reading(dict.fromkeys(_every_metric(), value))
            summarise(figures, year)
            assert figures.read <= summarised(), figures.read - summarised()


def test_summarise_of_the_summarised_metrics_alone_equals_summarise_of_them_all():
    figures = {name: 10 + index for index, name in enumerate(_every_metric())}
    part = {name: value for name, value in figures.items() if name in summarised()}
    assert summarise(part, 2026) == summarise(figures, 2026)

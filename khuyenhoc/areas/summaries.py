"""Summary figures per commune and year, owned by the app whose records they count.

An app that keeps figures has a module `<app>/figures.py` with

    PREFIX = "members"          # every metric it writes starts with "members."
    def compute(*, communes=None, years=None) -> dict[(commune_code, year), dict[metric, int]]
    def compute_provincial(*, provinces=None)          # optional: the Hội tỉnh's own rows
        -> dict[(province_code, year), dict[metric, int]]

Its services call `summaries.refresh(figures_module, commune=…, year=…)` inside the transaction that
changed the records; `rebuild_summaries` calls `rebuild_all()`. Both go through
`compute`, so the incremental and the full result cannot disagree. Reads go through
khuyenhoc.figures.selectors.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from importlib import import_module

from django.apps import apps
from django.db import transaction

from khuyenhoc.core.db.statistics import analyze

from .freshness import figures_changed
from .models import Figure, LegacyFigure, ProvinceFigure

_deferred = ContextVar("summaries_deferred", default=False)


@contextmanager
def deferred():
    """Inside the block refresh() does nothing, for a caller that rebuilds every figure
    at its end (seed_demo): a province's demo makes thousands of writes, each of which
    would recompute its commune's figures only for the next write to do it again."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def is_deferred() -> bool:
    """Whether refresh() is holding off (the summary table is not up to date yet)."""
    return _deferred.get()


def sources():
    """The figures modules of the installed apps, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.figures")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.figures":
                raise
            continue
        found.append(module)
    return found


def _replace(model, owner, prefix, computed, *, owners=None, years=None):
    """Replaces the `prefix` figures of `model` (Figure, owned by a commune; or
    ProvinceFigure, by a province's own association) with `computed`, {(owner code,
    year): {metric: value}}, for the given owners and years (all when None)."""
    stale = model.objects.filter(metric__startswith=prefix + ".")
    if owners is not None:
        stale = stale.filter(**{f"{owner}__in": list(owners)})
    if years is not None:
        stale = stale.filter(year__in=list(years))
    stale.delete()
    model.objects.bulk_create(
        [
            model(**{f"{owner}_id": code}, year=year, metric=metric, value=value)
            for (code, year), metrics in computed.items()
            for metric, value in metrics.items()
            if value
        ],
        batch_size=2000,
    )
    figures_changed()


def _store(prefix, computed, *, communes=None, years=None):
    _replace(Figure, "commune", prefix, computed, owners=communes, years=years)


@transaction.atomic
def refresh(source, *, commune, year):
    """Recompute one app's figures for one commune and year (call inside the write)."""
    if _deferred.get():
        return
    code = getattr(commune, "code", commune)
    computed = source.compute(communes=[code], years=[year])
    _store(source.PREFIX, computed, communes=[code], years=[year])


def _store_provincial(prefix, computed, *, provinces=None):
    _replace(ProvinceFigure, "province", prefix, computed, owners=provinces)


@transaction.atomic
def refresh_province(source, *, province):
    """Recompute every year of one app's figures of a province's own association (a
    module with `compute_provincial`); call inside the write."""
    if _deferred.get():
        return
    code = getattr(province, "code", province)
    computed = source.compute_provincial(provinces=[code])
    _store_provincial(source.PREFIX, computed, provinces=[code])


@transaction.atomic
def rebuild_all():
    for source in sources():
        _store(source.PREFIX, source.compute())
        if hasattr(source, "compute_provincial"):
            _store_provincial(source.PREFIX, source.compute_provincial())
    from .past_years import rebuild_figures  # the old units' rows, from their reports

    rebuild_figures()
    # every row of the three tables is new: plan the public pages from their statistics
    # now, not from guesses until autovacuum comes by (core.db.statistics)
    analyze([Figure, ProvinceFigure, LegacyFigure])

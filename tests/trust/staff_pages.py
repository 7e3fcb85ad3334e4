"""Filling in the parameters of the staff URL patterns (test_access_matrix.STAFF_ROUTES)
so that their pages open for the commune's staff: shared by the tests that discover
every form and every Excel import from the patterns instead of listing them."""

from django.apps import apps
from django.urls import resolve, reverse
from django.urls.converters import IntConverter

from khuyenhoc.areas.reform import REFORM_YEAR
from khuyenhoc.areas.views import current_year
from tests.metric_names import TITLES
from tests.trust.test_access_matrix import ROUTES


def vocabulary(world):
    """Values of the routes' parameters other than a record's key: a page is tried in
    every combination (each title registers and imports with its own page)."""
    old = world["mine"].legacy_sources.order_by("pk").first()
    return {
        "code": [world["mine"].code],
        "year": [current_year()],
        "legacy_year": [REFORM_YEAR - 1],  # the pages of the old units' years
        "old": [old.pk],  # an old commune that today's commune took over
        "district": [old.district_id],
        "title": list(TITLES),
        "kind": ["thu", "chi"],  # the receipt and payout books of funds:reverse
    }


class Replayed:
    """An iterable over a generator's items that runs the generator only once and only
    as far as any loop over it has gone."""

    def __init__(self, items):
        self._items, self._seen = iter(items), []

    def __iter__(self):
        index = 0
        while True:
            if index == len(self._seen):
                try:
                    self._seen.append(next(self._items))
                except StopIteration:
                    return
            yield self._seen[index]
            index += 1


def record_pks(name, world):
    """Primary keys to try for a route's <pk>: a record of our commune of each scoped
    model, the models of the view's own app first (funds:receipt_create takes a fund,
    a view of funds), then every other app's. The first, then the last of each model,
    so that a record in another state (an erased member, a reversed receipt) gets a
    second chance, then one record of each state of a model that has states. A key that
    opens the page is all a test needs, whichever model it was taken from."""
    app = apps.get_containing_app_config(
        resolve(reverse(name, kwargs=any_kwargs(name))).func.__module__
    )
    scoped = [m for m in apps.get_models() if hasattr(m.objects, "for_user")]
    scoped.sort(key=lambda m: m._meta.app_config is not app)
    for model in scoped:
        records = model.objects.for_user(world["staff"])
        for ordering in ("pk", "-pk"):
            pk = records.order_by(ordering).values_list("pk", flat=True).first()
            if pk is not None:
                yield pk
        if any(f.name == "state" for f in model._meta.fields):
            # one record in each state: a locked record shows no form, an open one does
            states = records.order_by().values_list("state", flat=True).distinct()
            for state in sorted(states):
                yield records.filter(state=state).order_by("pk").values_list("pk", flat=True)[0]


def any_kwargs(name):
    converters = next(r[2] for r in ROUTES if r[0] == name)
    return {k: 1 if isinstance(c, IntConverter) else "x" for k, c in converters.items()}

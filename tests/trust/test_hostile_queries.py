"""Every page of the project, discovered from the URL patterns, and every admin
changelist, asked with hostile query strings and hostile numbers in its address, as
anonymous, commune staff, reviewer and administrator: never a 500, always an answer that
makes sense. And reading any page with GET, as any of them, changes no table.

The keys a page reads are discovered, not listed: a first request records every key its
view looks up in request.GET (tests/trust/query_keys.py). The first role the page opens
for gets each key alone set to each hostile value: digits that str.isdigit() takes and
int() refuses or misreads, twenty digits, a negative, nothing, a NUL byte and 10,000
characters; the other roles get every key at once, with the values that become numbers
(OTHER_ROLES_VALUES). Keys the first request did not read
(COMMON_KEYS) are sent together, for the paths that read them only sometimes."""

import itertools
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from khuyenhoc.areas.views import current_year
from tests.factories import login
from tests.trust.db_counts import table_checksums, tables_changed
from tests.trust.query_keys import COMMON_KEYS, recording
from tests.trust.real_urls import RECORDS
from tests.trust.staff_pages import Replayed, record_pks, vocabulary
from tests.trust.test_access_matrix import PUBLIC_ROUTES, STAFF_ROUTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    """A server error comes back as the 500 page, so that one test names every failure
    of its page instead of stopping at the first."""
    return Client(raise_request_exception=False)


ROLES = ("anonymous", "staff", "reviewer", "administrator")
HOSTILE = {
    # isdigit() and isnumeric(), not isdecimal(), and int() refuses it ("①" is the same
    # case again, and was dropped for the suite's time)
    "superscript two": "²",
    "Arabic-Indic three": "٣",  # isdigit(), and int() reads 3
    "twenty digits": "9" * 20,  # beyond any integer column of the database
    "negative": "-1",
    "empty": "",
    "NUL byte": "\x00",  # PostgreSQL refuses it in any text
    "10,000 characters": "9" * 10_000,  # int() refuses over 4,300 digits
}
# The other roles get the values that turn into a number a query then uses, where what
# the role may see decides the answer; the refusals of the others happen before any
# role's rule, and the first role has shown them on every key.
OTHER_ROLES_VALUES = ("Arabic-Indic three", "twenty digits", "negative")
# What a page may answer a hostile value: itself, another page, a refusal, nothing there.
SENSIBLE = {200, 302, 400, 404}
# Numbers put in the address itself, where a route takes one.
URL_NUMBERS = ("9" * 20, "²", "٣")
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
PAGES = [r for r in STAFF_ROUTES + PUBLIC_ROUTES if r[0] not in ("logout", "login")]
# A route's parameters are tried until one opens its page: another record may open it
# where one answered 404, up to so many; a role shut out of a page (302 to the login
# page, 403) or a method refused (405) ends the search at once.
MAX_TRIES = 40


def _history_pairs(world):
    """(label, pk) of a record of our commune for each model that keeps a history."""
    for model in apps.get_models():
        if hasattr(model, "history") and hasattr(model.objects, "for_user"):
            pk = model.objects.for_user(world["staff"]).values_list("pk", flat=True).first()
            if pk is not None:
                yield {"label": model._meta.label, "pk": pk}


PUBLIC_NAMES = {r[0] for r in PUBLIC_ROUTES}


def _record_pks(name, world):
    """Reading changes no table (the last test here says so): a route's keys are looked
    up once for the module's world, as far as any test has tried them."""
    known = world.setdefault("record_pks", {})
    if name not in known:
        known[name] = Replayed(record_pks(name, world))
    return known[name]


def _candidates(world, name, converters):
    """Values of the route's parameters, those most likely to open its page first."""
    if "label" in converters:
        yield from _history_pairs(world)
        return
    if name in RECORDS and name in PUBLIC_NAMES:  # a public record's page (a group)
        yield {"pk": RECORDS[name][0](world["mine"]).pk}
        return
    values_of = vocabulary(world)
    # households first: their list has every filter the citizens' has, at fewer rows
    values_of["title"] = sorted(values_of["title"], key=lambda title: title != "household")
    keys = [k for k in converters if k != "pk"]
    for values in itertools.product(*(values_of[k] for k in keys)):
        kwargs = dict(zip(keys, values, strict=True))
        if "pk" in converters:
            for pk in _record_pks(name, world):
                yield kwargs | {"pk": pk}
        else:
            yield kwargs


def _sign_in(client, world, role):
    client.logout()
    if role != "anonymous":
        login(client, world[role])


def _opening(client, world, name, converters):
    """(parameters, role): the route's parameters that open its page for the first role
    it opens for; the page every role is then asked."""
    for role in ROLES:
        _sign_in(client, world, role)
        kwargs, status = _first_open(client, world, name, converters)
        if status == 200:
            return kwargs, role
    return next(_candidates(world, name, converters)), None


def _first_open(client, world, name, converters):
    """(parameters, status) of the first parameters that open the page for the signed-in
    role, or of the last tried."""
    for kwargs in itertools.islice(_candidates(world, name, converters), MAX_TRIES):
        status = client.get(reverse(name, kwargs=kwargs)).status_code
        if status != 404:
            return kwargs, status
    return kwargs, status


def _path(route, kwargs):
    return "/" + PARAMETER.sub(lambda m: str(kwargs[m["name"]]), route)


def _expected(base_status):
    """A page that refuses the role (403) or the method (405) may refuse it again."""
    return SENSIBLE | {base_status}


def _read_keys(client, url):
    with recording() as keys:
        # one key nobody reads: a form bound to `request.GET or None` is then bound, and
        # reads its fields
        client.get(url, {"_": "1"})
    return sorted(keys - {"_"})


@pytest.mark.parametrize(("name", "route", "converters"), PAGES, ids=[r[0] for r in PAGES])
def test_hostile_query_strings_and_address_numbers_never_fail_a_page(
    client, world, name, route, converters
):
    kwargs, first_role = _opening(client, world, name, converters)
    url = reverse(name, kwargs=kwargs)
    failures = []
    for role in ROLES:
        _sign_in(client, world, role)
        base = client.get(url).status_code
        assert base < 500, f"{url} fails as {role} without any query"
        keys = _read_keys(client, url) if base == 200 else []
        others = [k for k in COMMON_KEYS if k not in keys]
        for label, value in HOSTILE.items():
            if role != first_role and label not in OTHER_ROLES_VALUES:
                continue
            if role == first_role:
                # each key alone: a key refused early would hide what a later one does
                asked = [{key: value} for key in keys] + [dict.fromkeys(others, value)]
            else:  # the same page, another role: every key at once
                asked = [dict.fromkeys(keys + others, value)]
            for query in asked:
                status = client.get(url, query).status_code
                if status not in _expected(base):
                    failures.append(f"{role}: {url} {sorted(query)}={label!r} → {status}")
        for key, converter in converters.items():
            if not converter.regex.startswith("[0-9]"):
                continue
            # other digits never match a route: once is enough; twenty digits reach views
            for number in URL_NUMBERS if role == ROLES[0] else URL_NUMBERS[:1]:
                address = _path(route, kwargs | {key: number})
                status = client.get(address).status_code
                if status not in _expected(base):
                    failures.append(f"{role}: {address} → {status}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ROLES)
def test_reading_every_page_as_any_role_changes_no_table(client, world, role):
    """Each page of this year; and a page of a year, in its address or in ?nam=, also
    of next year (no list made yet) and of a year far out of range."""
    _sign_in(client, world, role)  # signing in writes the last login: before the count
    before = table_checksums()
    read = []
    for name, _route, converters in PAGES:
        with recording() as keys:
            kwargs, status = _first_open(client, world, name, converters)
        assert status < 500, f"{reverse(name, kwargs=kwargs)} fails as {role}"
        if status != 200:
            continue
        read.append(name)
        for year in (current_year() + 1, 9999):
            if "year" in kwargs:
                url = reverse(name, kwargs=kwargs | {"year": year})
            elif "nam" in keys:
                url = f"{reverse(name, kwargs=kwargs)}?nam={year}"
            else:
                break
            assert client.get(url).status_code < 500, f"{url} fails as {role}"
    changed = tables_changed(before)
    assert not changed, f"reading {len(read)} pages as {role} changed {changed}"
    assert read, f"no page opened for {role}"


def test_the_keys_a_page_reads_are_found_by_asking_it(client, world):
    """The recorder behind the tests above, on a page whose keys are known: were it to
    stop seeing them, every page would be asked nothing but COMMON_KEYS."""
    _sign_in(client, world, "staff")
    url = reverse("members:list", args=[world["mine"].code])
    assert _read_keys(client, url) == ["branch", "q", "status", "trang", "village", "year"]


ADMIN_MODELS = sorted(admin.site._registry, key=lambda m: m._meta.label)
# The admin's own reading of its keys is Django's, tested there; what can still fail is
# the database (a NUL byte, an integer overflow) and the project's search overrides.
ADMIN_VALUES = ("NUL byte", "twenty digits", "10,000 characters")


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=[m._meta.label for m in ADMIN_MODELS])
def test_hostile_query_strings_never_fail_an_admin_changelist(client, world, model):
    """The administrator's changelist (a reviewer's is the same page over fewer rows):
    its search, page, order and every filter's own keys at once; and the search alone,
    which a filter refused (a redirect to ?e=1) would hide."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    _sign_in(client, world, "administrator")
    page = client.get(url)
    assert page.status_code == 200
    filters = sorted(
        {key for spec in page.context["cl"].filter_specs for key in spec.expected_parameters()}
    )
    asked = [(["q", "p", "o", *filters], label) for label in ADMIN_VALUES]
    asked.append((["q"], "10,000 characters"))
    failures = []
    for keys, label in asked:
        status = client.get(url, dict.fromkeys(keys, HOSTILE[label])).status_code
        if status not in SENSIBLE:
            failures.append(f"{url} {list(keys)}={label!r} → {status}")
    assert not failures, "\n".join(failures)

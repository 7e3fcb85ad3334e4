"""Every URL pattern of the project and every admin changelist, tried as anonymous, staff
of another commune, staff of the commune, reviewer and administrator.

The patterns are discovered, not listed: a new page is covered the moment it is routed.
"""

import re

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from khuyenhoc.areas.models import Commune
from khuyenhoc.core.numbers import number
from khuyenhoc.figures import selectors as figures_api
from khuyenhoc.figures.years import is_decided
from tests.factories import login

from .real_urls import RECORDS, real_url

pytestmark = pytest.mark.django_db


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # the admin is tried changelist by changelist below
            ns = ":".join(filter(None, [namespace, entry.namespace]))
            yield from _walk(entry.url_patterns, route, ns or None)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, route, dict(entry.pattern.converters)


ROUTES = sorted({r[0]: r for r in _walk(get_resolver().url_patterns)}.values(), key=lambda r: r[0])
STAFF_ROUTES = [r for r in ROUTES if r[1].startswith("quan-ly/")]
PUBLIC_ROUTES = [r for r in ROUTES if not r[1].startswith("quan-ly/") and r[0] != "logout"]


def _kwargs(converters, commune, pk=1):
    values = {}
    for key, converter in converters.items():
        if key == "code":
            values[key] = commune.code
        elif key in ("year", "nam"):
            values[key] = 2025
        elif key == "legacy_year":
            values[key] = 2024
        elif key == "district":  # an old district that fed the commune
            values[key] = commune.legacy_sources.order_by("pk").first().district_id
        elif isinstance(converter, IntConverter):
            values[key] = pk
        else:
            values[key] = "x"
    return values


def _url(name, converters, commune, pk=1):
    return reverse(name, kwargs=_kwargs(converters, commune, pk))


def _scoped_models():
    from django.apps import apps

    return [m for m in apps.get_models() if hasattr(m.objects, "for_user")]


@pytest.fixture(scope="module")
def pks_only_mine(world, django_db_blocker):
    with django_db_blocker.unblock():
        return _pks_only_mine(world)


def _pks_only_mine(world):
    """Primary keys of records the staff user may see and the stranger may not, in no
    model at all: a page answering 200 to the stranger for one of them leaks."""
    mine, theirs = set(), set()
    for model in _scoped_models():
        mine |= set(model.objects.for_user(world["staff"]).values_list("pk", flat=True)[:5000])
        theirs |= set(model.objects.for_user(world["stranger"]).values_list("pk", flat=True))
    return sorted(mine - theirs)[-3:]


@pytest.mark.parametrize(
    ("name", "route", "converters"), STAFF_ROUTES, ids=[r[0] for r in STAFF_ROUTES]
)
def test_staff_pages_answer_each_role_as_expected(
    client, world, pks_only_mine, name, route, converters
):
    url = _url(name, converters, world["mine"])

    response = client.get(url)
    if name in COMMUNE_STAFF_ONLY:
        assert response.status_code == 404, "a person's evidence tells a visitor nothing"
    else:
        assert response.status_code == 302, "anonymous must be sent to the login page"
        assert response["Location"].startswith(reverse("login"))

    if "code" in converters:
        login(client, world["stranger"])
        # 405: a POST-only page refuses GET before looking at anything
        assert client.get(url).status_code in (403, 404, 405), (
            "another commune's page must not open"
        )
        assert client.post(url, {}).status_code in (403, 404), (
            "another commune's page takes no write"
        )
        int_keys = [
            k
            for k, c in converters.items()
            if k != "code" and isinstance(c, IntConverter) and k not in ("year", "nam")
        ]
        if int_keys:
            for pk in pks_only_mine:
                own_code_url = _url(name, converters, world["other"], pk)
                assert client.get(own_code_url).status_code in (403, 404, 405), (
                    f"{own_code_url}: a record of another commune opened under one's own commune"
                )

    real = real_url(name, converters, world["mine"])
    for role in ("staff", "reviewer", "administrator"):
        client.logout()
        login(client, world[role])
        response = client.get(real)
        if role == "staff" and name in HIDDEN_FROM_COMMUNE_STAFF:
            assert response.status_code == 404, f"{real} must not show itself to commune staff"
            continue
        if role != "staff" and name in COMMUNE_STAFF_ONLY:
            assert response.status_code == 404, f"{real} must not show itself to a {role}"
            continue
        if role != "administrator" and name in ADMINISTRATORS_ONLY:
            assert response.status_code == 404, f"{real} must not show itself to a {role}"
            continue
        # every part of `real` names a record of the role's scope: a 404 is a wrong one;
        # 403 (a reviewer on a write page, staff on a reviewer's page), 405 (POST only)
        # and 302 (a page that sends on) are answers
        assert response.status_code in (200, 302, 403, 405), (
            f"{real} answered {response.status_code} to {role}"
        )
        if response.status_code == 200:
            _assert_real_content(response, real)


# Reviewers' pages answer commune staff as if they did not exist.
HIDDEN_FROM_COMMUNE_STAFF = {
    "funds:overdraft",
    "funds:province",  # the provincial association's funds
    "titles:queue",
    "titles:review",
    "quality:violations",
    "quality:completeness",
}
# A person's evidence answers everyone but the staff of its commune so.
COMMUNE_STAFF_ONLY = {"titles:self_evidence"}
# The administrators' pages answer everyone else so too.
ADMINISTRATORS_ONLY = {"jobs:backup"}


def _assert_real_content(response, url):
    """A page with its heading, a spreadsheet that opens, or the health text."""
    kind = response["Content-Type"]
    body = b"".join(response) if response.streaming else response.content
    if kind.startswith("text/html"):
        html = body.decode()
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        assert heading and re.sub(r"<[^>]+>|\s", "", heading.group(1)), f"{url}: no heading"
        assert "Không tìm thấy" not in heading.group(1), f"{url}: a 404 page under a 200"
    elif "spreadsheetml" in kind:
        assert body[:2] == b"PK", f"{url}: not an .xlsx"
    else:
        assert body.strip(), f"{url}: an empty answer"


@pytest.mark.parametrize(
    ("name", "route", "converters"), PUBLIC_ROUTES, ids=[r[0] for r in PUBLIC_ROUTES]
)
def test_public_pages_open_without_login_and_show_the_province_s_figures(
    client, world, name, route, converters
):
    commune = world["mine"]
    # a public record's key (a group of communes) is a real one, as on the staff pages
    url = (real_url if name in RECORDS else _url)(name, converters, commune)
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    _assert_real_content(response, url)
    if "code" in converters:
        html = response.content.decode()
        assert commune.name in html, f"{url} does not name the commune"
    if name == "stats:commune":
        # the page opens on the latest year whose recognitions are decided
        totals = figures_api.province_totals(commune.province_id)
        year = max(y for y, figures in totals.items() if is_decided(figures))
        figures = figures_api.of_commune(commune.code, year)
        assert number(figures["areas.population"]) in html, "the commune's population"
    login(client, world["staff"])
    assert client.get(url).status_code in (200, 302)


def test_a_public_commune_page_of_a_commune_outside_the_province_is_404(client, world):
    elsewhere = Commune.objects.exclude(province_id=world["mine"].province_id).first()
    for name in ("stats:commune", "funds_public:commune"):
        response = client.get(reverse(name, args=[elsewhere.code]))
        assert response.status_code == 404, name


ADMINISTRATOR_ONLY_APPS = {"auth", "axes"}
ADMIN_MODELS = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=[m._meta.label for m in ADMIN_MODELS])
def test_admin_changelists_open_only_for_reviewers_and_show_only_the_province(client, world, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]

    login(client, world["staff"])
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"], (
        "commune staff never get the admin"
    )

    client.logout()
    login(client, world["administrator"])
    assert client.get(url).status_code == 200

    client.logout()
    login(client, world["reviewer"])
    response = client.get(url)
    if model._meta.app_label in ADMINISTRATOR_ONLY_APPS:
        assert response.status_code == 403, "accounts and login records are the administrator's"
        return
    assert response.status_code == 200
    if hasattr(model.objects, "for_user"):
        visible = model.objects.for_user(world["reviewer"]).count()
        assert response.context["cl"].result_count == visible

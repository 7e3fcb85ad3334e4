"""Every staff form of the project, discovered from the URL patterns, submitted with
hostile values in each of its fields: a Vietnamese form error or a success, never a 500,
and markup never comes back unescaped."""

import random

import pytest
from django.urls import reverse

from tests.factories import login
from tests.html_forms import Form
from tests.trust.test_access_matrix import STAFF_ROUTES

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "-1",
    "1,5",
    "99999999999999999999999",
    "31/02/2025",
    "Nguyễn\u202eVăn\u200f A\x00\x07",
    "nguye\u0302\u0303n",  # NFD
    "A" * 10_000,
    "",
    "' OR 1=1 --",
]
# Routes whose only parameters are the commune code, a year and a title code.
SIMPLE = {"code", "year", "title"}
FORM_ROUTES = [r for r in STAFF_ROUTES if set(r[2]) <= SIMPLE and "code" in r[2]]


def _url(name, converters, commune):
    values = {"code": commune.code, "year": 2026, "title": "household"}
    return reverse(name, kwargs={k: values[k] for k in converters})


# Forms of one record: (URL name, the model of the record it takes).
RECORD_FORMS = [
    ("funds:receipt_create", "funds.Fund"),
    ("funds:payout_create", "funds.Fund"),
    ("funds:overdraft", "funds.Fund"),
    ("members:edit", "members.Member"),
    ("members:leave", "members.Member"),
    ("members:branch_edit", "members.Branch"),
]


@pytest.mark.parametrize(
    ("name", "route", "converters"), FORM_ROUTES, ids=[r[0] for r in FORM_ROUTES]
)
def test_hostile_values_in_every_field_never_cause_a_server_error(
    client, world, name, route, converters
):
    login(client, world["staff"])
    _attack(client, _url(name, converters, world["mine"]), name)


@pytest.mark.parametrize(("name", "label"), RECORD_FORMS, ids=[r[0] for r in RECORD_FORMS])
def test_hostile_values_in_record_forms_never_cause_a_server_error(client, world, name, label):
    from django.apps import apps

    login(client, world["staff"])
    record = apps.get_model(label).objects.for_user(world["staff"]).order_by("pk").first()
    assert record is not None
    kwargs = {"pk": record.pk}
    if name.startswith("members:"):
        kwargs["code"] = record.commune_id
    _attack(client, reverse(name, kwargs=kwargs), name)


def _attack(client, url, name):
    page = client.get(url)
    is_html = page.get("Content-Type", "").startswith("text/html")
    if page.status_code != 200 or not is_html or 'method="post"' not in page.content.decode():
        return  # a download or a page without a form
    form = Form()
    form.feed(page.content.decode())
    fields = [f for f in form.fields if f != "csrfmiddlewaretoken"]
    rng = random.Random(name)
    for _ in range(4):
        data = {field: rng.choice(HOSTILE) for field in fields}
        response = client.post(url, data)
        assert response.status_code < 500, (
            f"{url} with {data!r:.300} answered {response.status_code}"
        )
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            assert "<script>alert(1)</script>" not in response.content.decode()

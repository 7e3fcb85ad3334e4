"""Every staff form of the project, discovered from the URL patterns, submitted with
hostile values (tests/trust/hostile_values.py) in its fields: either the form comes
back with errors and not one row changed anywhere, or the write is accepted; never a
500, and markup never comes back unescaped, neither on the form nor on the page after.

Each Hypothesis example runs in a savepoint that is rolled back, so examples do not see
each other's writes and the demo province (built once per module) stays as seeded."""

import itertools
from urllib.parse import urljoin

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import login
from tests.html_forms import Form
from tests.trust.db_counts import changed_since, row_counts
from tests.trust.hostile_values import UNESCAPED, form_values
from tests.trust.staff_pages import Replayed, record_pks, vocabulary
from tests.trust.test_access_matrix import STAFF_ROUTES

pytestmark = pytest.mark.django_db

# Staff pages with no field to fill. Every other staff page must show a form to the
# commune's staff or to a reviewer, or the test of that page fails: a new form is
# attacked the moment it is routed, and a page that stops showing one must say why here.
# Downloads (routes ending in .xlsx) answer a file and are left out by their route.
READ_ONLY = "records, lists or a printable page: nothing to fill in"
ACTION = "a button that posts no field; who may press it is tried by test_access_matrix"
UPLOAD = "only a file field: test_hostile_imports sends it random bytes and hostile sheets"
EXCLUDED = {
    "areas:commune": READ_ONLY,
    "areas:history": READ_ONLY,
    "areas:legacy_home": READ_ONLY,
    "areas:legacy_year": READ_ONLY,
    "areas:staff_home": READ_ONLY,
    "areas:village_import": UPLOAD,
    "funds:campaign": READ_ONLY,
    "funds:campaigns": "its form is the provincial office's (tests/funds/test_campaigns.py)",
    "funds:fund": READ_ONLY,
    # found only on a payout by count, which the first and last payouts of the demo are not
    "funds:payout_names": "the list of funds:payout_create (same imports.beneficiaries_from_text)",
    "funds:payout_scan": "only a scan (PDF, JPEG, PNG) checked by content: test_payout_batches",
    "funds:payout_sign_list": READ_ONLY,
    "funds:payout_certificates": READ_ONLY,
    "funds:payout_voucher": READ_ONLY,
    "funds:province": "its form is the provincial office's (test_provincial_fund.py)",
    "funds:signed_list_file": "answers the scan of a signed list",
    "funds:transfer_confirm": ACTION,
    "funds:transfer_refuse": "a button and its reason; tests/funds/test_transfers.py",
    "funds:transfer_cancel": "a button and its reason; tests/funds/test_transfers.py",
    "funds:transfer_undo": "a button and its reason; tests/funds/test_transfers.py",
    "funds:payout": READ_ONLY,
    "funds:receipt": READ_ONLY,
    "funds:receipts_import": UPLOAD,
    "funds:statement": ACTION,
    "jobs:backup": ACTION + "; administrators only",
    "jobs:detail": "a job's progress or result; its choice is two buttons (ACTION)",
    "jobs:download": "answers the file a job made",
    "members:branches": READ_ONLY,
    "members:erase": ACTION,
    "members:import": UPLOAD,
    "members:list": READ_ONLY,  # its filter form is a GET
    "reports:commune_latest": READ_ONLY,
    "reports:legacy_district": READ_ONLY,
    "reports:narrative": "takes the form shown on reports:commune, attacked there",
    "reports:province": READ_ONLY,
    "reports:province_latest": READ_ONLY,
    "reports:submit": ACTION,
    "titles:certificate": READ_ONLY,
    "titles:commune": READ_ONLY,
    "titles:compare": READ_ONLY,
    "titles:home": "redirects to titles:compare",
    "titles:decision": READ_ONLY,
    "titles:declared": READ_ONLY,
    "titles:declared_import": UPLOAD,
    "titles:erase": ACTION,
    "titles:proposal": READ_ONLY,
    "titles:import_registrations": UPLOAD,
    "titles:import_scores": UPLOAD,
    "titles:list": READ_ONLY,
    "titles:propose": ACTION,
    "titles:queue": READ_ONLY,
    "titles:withdraw": ACTION,
    # the demo seeds no self-service; tests/titles/selfservice sends these forms
    "titles:self_accept_many": ACTION + " (the queue's check boxes, read as numbers)",
    "titles:self_code_revoke": ACTION,
    "titles:self_codes_sheet": READ_ONLY,
    "titles:self_detail": "a waiting submission's three buttons and their reason",
    "titles:self_evidence": "answers an evidence file",
    "titles:self_queue": READ_ONLY + " (its form is titles:self_accept_many)",
    "quality:violations": READ_ONLY,
    "quality:completeness": "its reminder forms post free text to quality:remind (tests/quality)",
    "quality:remind": ACTION + "; reviewers only",
    "quality:reminder_read": ACTION,
}

# Who is tried, in turn, until one of them is shown the page's form.
ROLES = ("staff", "reviewer")
OPENED_WITHOUT_FORMS = 12  # the last route to need so many (titles:evaluate) needs 7


ATTACKED = [r for r in STAFF_ROUTES if r[0] not in EXCLUDED and not r[1].endswith(".xlsx")]
RECORD_ROUTES = [r for r in ATTACKED if "pk" in r[2]]

# derandomized (the suite's Hypothesis profile): the same 12 forms of values every run
FUZZ = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _post_forms(client, url):
    """The forms of the page at `url` that POST at least one field: (target, defaults);
    None when the page does not open as a page."""
    page = client.get(url)
    if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
        return None
    parser = Form()
    parser.feed(page.content.decode())
    found = []
    for fields, attributes in zip(parser.forms, parser.attributes, strict=True):
        fields = {k: v for k, v in fields.items() if k != "csrfmiddlewaretoken"}
        if attributes.get("method", "get").lower() == "post" and fields:
            found.append((urljoin(url, attributes.get("action") or url), fields))
    return found


def _targets(client, world, name, converters):
    """The role that sees the route's forms and those forms, once per combination of
    the route's parameters; for a route with a <pk>, of the first record that opens.
    A route whose pages opened OPENED_WITHOUT_FORMS times for a role without a form
    (a printed paper, a read-only record) shows that role none: the keys of the view's
    own records, in each of their states, come first (staff_pages.record_pks)."""
    values_of = vocabulary(world)
    keys = [k for k in converters if k != "pk"]
    # the same keys for every role and combination: looked up once, as far as tried
    pks = Replayed(record_pks(name, world)) if "pk" in converters else [None]
    for role in ROLES:
        client.logout()
        login(client, world[role])
        targets = []
        for values in itertools.product(*(values_of[k] for k in keys)):
            kwargs = dict(zip(keys, values, strict=True))
            opened = 0
            for pk in pks:
                url = reverse(name, kwargs=kwargs | ({} if pk is None else {"pk": pk}))
                forms = _post_forms(client, url)
                if forms:
                    targets += forms
                    break
                opened += forms is not None
                if opened == OPENED_WITHOUT_FORMS:
                    break
        if targets:
            return targets
    return []


@pytest.mark.parametrize(("name", "route", "converters"), ATTACKED, ids=[r[0] for r in ATTACKED])
def test_hostile_values_end_in_a_form_error_with_nothing_written_or_in_a_whole_write(
    client, world, name, route, converters
):
    targets = _targets(client, world, name, converters)
    assert targets, (
        f"{name} shows no form to staff or reviewers: list it in EXCLUDED with the reason"
    )
    before = row_counts()

    # given inside the test: the page's discovery above runs once, not once per example
    @FUZZ
    @given(data=st.data())
    def submit(data):
        url, defaults = data.draw(st.sampled_from(targets), label="form")
        values = data.draw(form_values(defaults), label="values")
        with transaction.atomic():
            response = client.post(url, values)
            assert response.status_code < 500, f"{url} answered {response.status_code}"
            if response.status_code == 302:
                response = client.get(response["Location"])
                assert response.status_code < 500, f"the page after {url} failed"
            else:
                changed = changed_since(before)
                assert not changed, f"{url} refused the values but wrote rows: {changed}"
            if response["Content-Type"].startswith("text/html"):
                markup = UNESCAPED.search(response.content.decode())
                assert markup is None, f"{url} let markup through: {markup.group()}"
            transaction.set_rollback(True)

    submit()


def test_record_forms_are_discovered_from_the_url_patterns():
    names = {r[0] for r in RECORD_ROUTES}
    assert {"members:edit", "funds:receipt_create", "titles:evaluate"} <= names


def test_every_exclusion_names_a_routed_page():
    assert set(EXCLUDED) <= {r[0] for r in STAFF_ROUTES}

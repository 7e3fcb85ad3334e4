"""Reviewers read every commune's staff pages and write only through the review actions
(README "Vai trò"). Found by an attacker: a reviewer wrote any commune's data through the
staff pages, which checked only that the commune was in the reviewer's (whole-province)
reading scope."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils import timezone

from funds.models import Fund
from funds.receipts import receipt_record
from khuyenhoc.areas import services as area_services
from khuyenhoc.core.access.scope import can_touch, communes_for
from members import services as member_services
from tests.factories import login
from tests.html_forms import Form
from tests.trust.db_counts import table_checksums, tables_changed
from tests.trust.staff_pages import any_kwargs, record_pks, vocabulary
from tests.trust.test_access_matrix import STAFF_ROUTES

pytestmark = pytest.mark.django_db

# the staff views through which reviewers act: each checks the reviewer's role itself
# (and the province report's background job, which writes only the job that makes the file)
REVIEWER_ACTIONS = {
    "titles:review",
    "funds:statement",
    "funds:overdraft",
    "reports:province_xlsx_job",
    "quality:remind",  # a reminder to a commune's inbox (khuyenhoc.quality.services)
}


def _urls(name, converters, world):
    """The route filled in for the staff's commune: with each parameter of the
    vocabulary, and for a <pk> the first key that opens a page to the commune's staff."""
    values = vocabulary(world)
    kwargs = {}
    for key in converters:
        if key == "pk":
            continue
        kwargs[key] = values.get(key, [1])[0]
    if "pk" in converters:
        for pk in record_pks(name, world):
            yield reverse(name, kwargs={**kwargs, "pk": pk})
            return
    else:
        yield reverse(name, kwargs=kwargs)


def test_the_review_actions_are_the_only_staff_views_marked_for_reviewers():
    marked = {
        name
        for name, route, converters in STAFF_ROUTES
        if getattr(resolve(reverse(name, kwargs=any_kwargs(name))).func, "reviewer_action", False)
    }
    assert marked == REVIEWER_ACTIONS


def test_a_reviewer_posting_any_staff_form_of_a_commune_is_refused_and_nothing_changes(
    client, world
):
    staff_view = type(client)()
    login(staff_view, world["staff"])
    login(client, world["reviewer"])
    attempts = []
    for name, _route, converters in STAFF_ROUTES:
        if name in REVIEWER_ACTIONS:
            continue
        for url in _urls(name, converters, world):
            form = Form()
            page = staff_view.get(url)
            if page.streaming:  # a file (the scan of a signed list): no form to post
                continue
            form.feed(page.content.decode(errors="replace"))
            data = dict(form.fields)
            if any(form.files):
                data["file"] = SimpleUploadedFile("ds.xlsx", b"PK\x03\x04 not really a sheet")
            attempts.append((name, url, data))
    assert len(attempts) > 40, "the staff routes were not found"

    before = table_checksums()
    responses = {name: client.post(url, data) for name, url, data in attempts}
    changed = tables_changed(before)

    assert not changed, f"a reviewer's post wrote to {changed}"
    refused = {name for name, r in responses.items() if r.status_code == 403}
    assert refused == set(responses), {
        n: r.status_code for n, r in responses.items() if r.status_code != 403
    }
    told = {name for name, r in responses.items() if "chỉ sửa qua việc thẩm định" in r.text}
    assert told == set(responses), "the 403 page must say why, in Vietnamese"


def test_the_services_refuse_a_reviewer_whatever_the_door(world):
    reviewer, commune = world["reviewer"], world["mine"]
    assert communes_for(reviewer).filter(pk=commune.pk).exists(), "reviewers read it"
    assert not can_touch(reviewer, commune.code)
    fund = Fund.objects.filter(branch__commune=commune).first()
    with pytest.raises(ValidationError, match="quyền"):
        area_services.village_create(user=reviewer, commune=commune, name="Bản Mới", kind="ban")
    with pytest.raises(ValidationError, match="quyền"):
        member_services.branch_create(
            user=reviewer, commune=commune, kind="chi_hoi_thon", name="Chi hội Mới"
        )
    with pytest.raises(ValidationError, match="quyền"):
        receipt_record(user=reviewer, fund=fund, date=timezone.localdate(), amount=1_000_000)


def test_staff_and_administrators_still_write_their_communes(world):
    commune = world["mine"]
    assert can_touch(world["staff"], commune.code)
    assert can_touch(world["administrator"], commune.code)
    assert not can_touch(world["stranger"], commune.code)
    village = area_services.village_create(
        user=world["staff"], commune=commune, name="Bản Thử Quyền", kind="ban"
    )
    assert village.pk

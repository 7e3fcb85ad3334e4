"""Every door of the admin, for every registered model and every role: the change form,
the history revert form, the add form, the delete form and every action.

The doors are discovered from the admin site, not listed: a model registered tomorrow is
tried the moment it is registered. Where the roles table (README "Vai trò") does not let a
role write through a door, the request is refused and every table's content is
unchanged (table_checksums digests each row, so a reopened year or an edited amount
shows even where no row is added).
"""

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import models
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse

from tests.factories import login
from tests.trust.db_counts import table_checksums, tables_changed

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "staff", "reviewer", "administrator")
REVIEW_ACTIONS = {"approve", "send_back", "reopen"}
EVERYTHING = {"change", "add", "delete", "delete_selected"}

# What the roles table lets each role write in the admin; every other door is refused.
ADMIN_WRITES = {
    ("areas.commune", "administrator"): {"change"},  # the disadvantaged-area flag
    # named groups of communes: reference data, through areas.services (no bulk delete)
    ("areas.communegroup", "administrator"): {"add", "change", "delete", "revert"},
    ("members.member", "administrator"): {"change", "erase_selected"},
    ("funds.fund", "administrator"): {"add", "change", "revert"},
    ("members.branch", "administrator"): {"add"},  # the provincial association only
    ("titles.recognitionlist", "reviewer"): REVIEW_ACTIONS,
    ("titles.recognitionlist", "administrator"): REVIEW_ACTIONS,
    ("titles.criteriaset", "administrator"): EVERYTHING | {"check_version", "activate_version"},
    # the province's settings of its figures: the published year, deadlines, rules
    ("quality.publication", "administrator"): {"add", "change"},
    ("quality.reportingdeadline", "administrator"): {"add", "change"},
    ("quality.validationrule", "administrator"): {"add", "change"},
    ("titles.criteriagroup", "administrator"): EVERYTHING,
    ("auth.user", "administrator"): EVERYTHING,
    ("auth.group", "administrator"): EVERYTHING,
    # django-axes' records of logins are the administrator's, who unlocks an account
    # by deleting them (their fields are read-only: a change only logs the visit)
    ("axes.accessattempt", "administrator"): EVERYTHING | {"cleanup_expired_attempts"},
    ("axes.accessfailurelog", "administrator"): EVERYTHING,
    ("axes.accesslog", "administrator"): EVERYTHING,
}
ACTION_FORM_DATA = {
    "approve": {"decision_number": "15/QĐ-UBND", "decision_date": "13/11/2025"},
    "send_back": {"reason": "Thiếu minh chứng"},
    "reopen": {"reason": "Sửa kết quả đánh giá"},
}
ADMIN_MODELS = sorted(admin.site._registry, key=lambda m: m._meta.label_lower)


def _value(field, value):
    if value is None:
        return ""
    if isinstance(field, models.ManyToManyField):
        return [str(getattr(v, "pk", v)) for v in value]
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(getattr(value, "pk", value))


def form_data(model_admin, instance):
    """What a browser would post for this instance: every editable field with the
    instance's value, and empty management forms for the inlines."""
    data = {}
    for field in instance._meta.get_fields():
        if not getattr(field, "editable", False) or field.auto_created and not field.concrete:
            continue
        if isinstance(field, models.ManyToManyField):
            if instance.pk is not None and hasattr(instance, field.name):
                try:
                    data[field.name] = _value(field, getattr(instance, field.name).all())
                except ValueError:
                    data[field.name] = []
            continue
        if not field.concrete or field.primary_key and field.auto_created:
            continue
        data[field.name] = _value(field, getattr(instance, field.attname, None))
    for inline in model_admin.inlines:
        prefix = inline.model._meta.get_field(
            inline.fk_name or _fk_name(inline.model, model_admin.model)
        ).related_query_name()
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    data["_save"] = "Lưu"
    return {k: v for k, v in data.items() if v != ""}


def _fk_name(inline_model, parent):
    return next(
        f.name
        for f in inline_model._meta.fields
        if isinstance(f, models.ForeignKey) and f.related_model is parent
    )


def _doors(model, model_admin, obj):
    """(door, url, data) for each door of the model's admin, for one of its records."""

    def url(view, *args):
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)

    changelist = url("changelist")
    doors = [("add", url("add"), form_data(model_admin, obj))]
    doors.append(("change", url("change", obj.pk), None))
    doors.append(("delete", url("delete", obj.pk), {"post": "yes"}))
    if getattr(model, "history", None) is not None:
        version = obj.history.order_by("history_id").first()
        try:
            revert = url("simple_history", obj.pk, version.history_id)
        except NoReverseMatch:
            revert = None  # the model keeps history but its admin shows none
        if revert:
            doors.append(("revert", revert, form_data(model_admin, version.instance)))
    names = {name for name in (model_admin.actions or [])} | {"delete_selected"}
    for name in sorted(names):
        data = {
            "action": name,
            ACTION_CHECKBOX_NAME: [str(obj.pk)],
            "index": "0",
            "post": "yes",
            "apply": "1",
            **ACTION_FORM_DATA.get(name, {}),
        }
        doors.append((name, changelist, data))
    return [
        (door, url, form_data(model_admin, obj) if data is None else data)
        for door, url, data in doors
    ]


def _a_record(model, model_admin, world):
    """A record the administrator sees in the admin; for a model with history, one
    that has a history row, so that its revert form can be tried."""
    request = RequestFactory().get("/")
    request.user = world["administrator"]
    records = model_admin.get_queryset(request).order_by("-pk")
    if getattr(model, "history", None) is None:
        return records.first()
    found = records.filter(pk__in=model.history.values("id")).first()
    if found is None and (found := records.first()) is not None:
        model.history.bulk_history_create([found])  # the demo wrote it without history
    return found


@pytest.fixture
def every_model_has_a_record(world):
    """The demo has no login records, groups, overdraft grants, annual reports or
    declared counts: one of each, made the way they are made in use."""
    from axes.models import AccessAttempt, AccessFailureLog
    from django.contrib.auth.models import Group

    from funds.models import Fund
    from funds.services import overdraft_allow
    from khuyenhoc.reports.services import report_narrative_save
    from titles.declared_services import Count, declared_counts_save

    Group.objects.create(name="Nhóm thử")
    village = world["mine"].villages.filter(is_active=True).first()
    declared_counts_save(
        user=world["staff"],
        commune=world["mine"],
        year=2025,
        title="household",
        counts={village.pk: Count(3, 1)},
    )
    from django.utils import timezone

    from khuyenhoc.quality.models import Publication, Reminder, ReportingDeadline

    province = world["mine"].province
    Publication.objects.create(province=province, published_year=2025)
    ReportingDeadline.objects.create(province=province, year=2025, due_on="2025-12-15")
    Reminder.objects.create(
        commune=world["mine"], year=2025, text="Nhắc gửi danh sách", sent_at=timezone.now()
    )
    guess = {"username": "ke_doan_mat_khau", "ip_address": "203.0.113.9", "user_agent": "x"}
    AccessAttempt.objects.create(**guess, get_data="", post_data="", failures_since_start=1)
    AccessFailureLog.objects.create(**guess)
    fund = Fund.objects.filter(branch__commune=world["mine"]).first()
    overdraft_allow(user=world["reviewer"], fund=fund, amount=1_000_000, reason="Thử cửa quản trị")
    report_narrative_save(
        user=world["staff"],
        commune=world["mine"],
        year=2025,
        highlights="Thử cửa quản trị",
        difficulties="",
        proposals="",
    )


def _clients(world):
    """A signed-in client per role, signed in before anything is measured: a login
    writes (the user's last login, django-axes' access log)."""
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if role != "anonymous":
            login(clients[role], world[role])
    return clients


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=[m._meta.label_lower for m in ADMIN_MODELS])
def test_no_admin_door_lets_a_role_write_what_the_roles_table_does_not_allow(
    world, every_model_has_a_record, model
):
    model_admin = admin.site._registry[model]
    clients = _clients(world)
    obj = _a_record(model, model_admin, world)
    assert obj is not None, f"the demo has no {model._meta.label}: nothing to try its doors on"
    doors = _doors(model, model_admin, obj)
    label = model._meta.label_lower
    refused = [
        (role, door, url, data)
        for role in ROLES
        for door, url, data in doors
        if door not in ADMIN_WRITES.get((label, role), set())
    ]

    before = table_checksums()
    answers = {}
    for role, door, url, data in refused:
        answers[role, door] = clients[role].post(url, data).status_code
    changed = tables_changed(before)

    assert not changed, f"{label}: a refused door wrote to {changed}; answers: {answers}"
    for (role, door), status in answers.items():
        if role in ("anonymous", "staff"):
            assert status == 302, f"{role} {door}: the admin must send them to its login page"
        elif door in ("add", "change", "delete", "revert"):
            assert status == 403, f"{role} {door}: answered {status}, not a refusal"
        else:  # an action the role does not have: refused, or the changelist again
            assert status in (200, 302, 403), f"{role} {door}: answered {status}"


def test_the_roles_table_of_the_admin_names_only_registered_models_and_their_doors(world):
    labels = {m._meta.label_lower for m in ADMIN_MODELS}
    for (label, role), doors in ADMIN_WRITES.items():
        assert label in labels, f"{label} is not in the admin any more"
        assert role in ROLES
        model = next(m for m in ADMIN_MODELS if m._meta.label_lower == label)
        model_admin = admin.site._registry[model]
        named = {"add", "change", "delete", "revert", "delete_selected"}
        named |= set(model_admin.actions or [])
        assert doors <= named, f"{label}: {doors - named} is no door of its admin"

"""Change lists of millions of rows: how many rows the unfiltered list holds, without
counting them.

Django's paginator counts the list's rows on every page: COUNT(*) over a province's
3.9 million registrations, scoped by commune, took most of a page's time. When the
list is unfiltered and the user sees every row of the table (a reviewer or an
administrator of the province the portal serves, nothing of any other province
stored), the table's own size is the answer, and on PostgreSQL a table that large is
sized by the planner's estimate (pg_class.reltuples, as ANALYZE and autovacuum keep
it): the pages number right to within the last few. A filter, a search or a row outside
the user's scope keeps Django's exact count; so do small tables, counted exactly."""

from django.apps import apps
from django.conf import settings
from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR
from django.db import connection
from django.db.models import Exists, OuterRef

from khuyenhoc.core.access.querysets import communes
from khuyenhoc.core.access.scope import communes_for, is_reviewer

# Below this many rows a table is counted exactly: its count is quick.
ESTIMATE_FROM = 100_000


def table_count(model) -> int:
    """The rows of the model's table: estimated when there are very many."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [model._meta.db_table],
            )
            row = cursor.fetchone()
        if row and row[0] >= ESTIMATE_FROM:
            return row[0]
    return model._default_manager.count()


def whole_table_seen(model, user) -> bool:
    """The user's scope holds every row of the table: one probe of an index per commune
    (or province) outside the scope, whatever the number of rows."""
    rows = model._default_manager.all()
    province_path = getattr(rows, "province_path", None)
    if province_path and is_reviewer(user):
        provinces = apps.get_model("areas", "Province")._default_manager  # core imports no app
        elsewhere = provinces.exclude(pk=settings.PROVINCE_CODE).filter(
            Exists(rows.filter(**{province_path: OuterRef("pk")}))
        )
        return not elsewhere.exists()
    path = getattr(rows, "commune_path", None)
    if path is None:
        return False
    elsewhere = (
        communes()
        .exclude(pk__in=communes_for(user))
        .filter(Exists(rows.filter(**{path: OuterRef("pk")})))
    )
    if elsewhere.exists():
        return False
    # rows of no commune are in nobody's commune scope (asked only where there can be
    # some: PostgreSQL 15 would scan a whole table for a NULL its column cannot hold)
    first = model._meta.get_field(path.split("__")[0])
    return not (first.null and rows.filter(**{f"{path}__isnull": True}).exists())


class WholeListCount:
    """For a ModelAdmin of a scoped model of millions of rows: the unfiltered list's
    count as table_count gives it (see the module's docstring). Pair it with
    show_full_result_count = False, which spares a second count. `scope_model` is the
    model whose rows say where the list's rows are, when the list's own rows say it only
    through a join (evaluations: their registrations)."""

    scope_model = None

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(
            request, queryset, per_page, orphans, allow_empty_first_page
        )
        if set(request.GET) <= {PAGE_VAR, ORDER_VAR} and whole_table_seen(
            self.scope_model or self.model, request.user
        ):
            paginator.count = table_count(self.model)
        return paginator

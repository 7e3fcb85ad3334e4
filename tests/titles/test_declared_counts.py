"""Counts declared without a named list: the scope rule, the bounds, and the named list
taking over, as the summary figures hold them."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from khuyenhoc.areas.models import Figure
from khuyenhoc.figures import selectors as figures_api
from khuyenhoc.figures.indicators import source_of
from tests.metric_names import declared_metric, title_metric
from titles import declared
from titles.declared_services import Count, declared_counts_save
from titles.models import DeclaredCount

from .conftest import YEAR, household_registered

pytestmark = pytest.mark.django_db


def save(user, commune, title, counts):
    return declared_counts_save(user=user, commune=commune, year=YEAR, title=title, counts=counts)


def figures(commune):
    return figures_api.of_commune(commune.code, YEAR)


def test_declared_counts_are_the_commune_s_figures_and_marked_as_declared(
    staff_a, commune_a, village_a, village_c, denominators
):
    save(
        staff_a,
        commune_a,
        "household",
        {village_a.pk: Count(120, 100), village_c.pk: Count(80, 60)},
    )

    got = figures(commune_a)
    assert got[title_metric("household", "registered")] == 200
    assert got[title_metric("household", "recognised")] == 160
    assert got[declared_metric("household", "registered")] == 200
    assert source_of(got, "household") == "tổng hợp"
    row = DeclaredCount.objects.get(village=village_a, year=YEAR, title="household")
    assert row.history.first().history_user == staff_a


def test_staff_of_another_commune_and_reviewers_cannot_declare(
    staff_b, reviewer, commune_a, village_a, denominators
):
    for user in (staff_b, reviewer):
        with pytest.raises(ValidationError, match="không có quyền"):
            save(user, commune_a, "household", {village_a.pk: Count(5, 1)})
    assert not DeclaredCount.objects.exists()


def test_a_village_of_another_commune_is_refused(staff_a, commune_a, village_b, denominators):
    with pytest.raises(ValidationError, match="thuộc xã, phường khác"):
        save(staff_a, commune_a, "household", {village_b.pk: Count(5, 1)})


def test_recognised_above_registered_is_refused_and_nothing_is_written(
    staff_a, commune_a, village_a, village_c, denominators
):
    with pytest.raises(ValidationError, match="lớn hơn số đăng ký"):
        save(staff_a, commune_a, "clan", {village_a.pk: Count(2, 1), village_c.pk: Count(1, 2)})
    assert not DeclaredCount.objects.exists()


def test_a_total_above_the_denominator_is_refused_and_rolled_back(
    staff_a, commune_a, village_a, village_c, denominators
):
    save(staff_a, commune_a, "household", {village_a.pk: Count(200, 150)})
    with pytest.raises(ValidationError, match="lớn hơn số hộ gia đình"):
        save(staff_a, commune_a, "household", {village_c.pk: Count(51, 10)})
    assert DeclaredCount.objects.count() == 1
    assert figures(commune_a)[title_metric("household", "registered")] == 200


def test_a_village_counts_at_most_once_for_its_own_title(
    staff_a, commune_a, village_a, denominators
):
    with pytest.raises(ValidationError, match="0 hoặc 1"):
        save(staff_a, commune_a, "village", {village_a.pk: Count(2, 1)})


def test_declaring_needs_the_year_s_denominator(staff_a, commune_a, village_a):
    with pytest.raises(ValidationError, match="Chưa có số liệu nền"):
        save(staff_a, commune_a, "household", {village_a.pk: Count(2, 1)})


def test_a_named_list_of_a_village_takes_over_its_declared_count_only(
    staff_a, commune_a, village_a, village_c, denominators
):
    save(
        staff_a,
        commune_a,
        "household",
        {village_a.pk: Count(120, 100), village_c.pk: Count(80, 60)},
    )
    household_registered(staff_a, commune_a, village_a, "Lò Văn Sơn")
    household_registered(staff_a, commune_a, village_a, "Quàng Thị Xuân")

    got = figures(commune_a)
    assert got[title_metric("household", "registered")] == 2 + 80  # list of A, count of C
    assert got[title_metric("household", "recognised")] == 60
    assert got[declared_metric("household", "registered")] == 80
    assert source_of(got, "household") == "theo danh sách và tổng hợp"

    villages = {village_a.pk: village_a.name, village_c.pk: village_c.name}
    block = next(
        b
        for b in declared.comparison(commune=commune_a, year=YEAR, villages=villages)
        if b.title == "household"
    )
    line_a = next(line for line in block.lines if line.village_id == village_a.pk)
    assert line_a.used == "theo danh sách"
    assert line_a.difference == (2 - 120, 0 - 100)


def test_any_named_clan_of_the_commune_takes_over_every_declared_clan_count(
    staff_a, commune_a, village_a, village_c, denominators
):
    from titles import services

    save(staff_a, commune_a, "clan", {village_a.pk: Count(3, 2), village_c.pk: Count(2, 1)})
    services.subject_register(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        title="clan",
        data={"name": "Lò", "villages": []},
    )
    got = figures(commune_a)
    assert got[title_metric("clan", "registered")] == 1
    assert declared_metric("clan", "registered") not in got
    assert source_of(got, "clan") == "theo danh sách"
    block = next(
        b
        for b in declared.comparison(commune=commune_a, year=YEAR, villages={})
        if b.title == "clan"
    )
    assert block.commune_difference == (1 - 5, 0 - 3)


def test_removing_a_count_and_a_full_rebuild_give_what_each_write_kept(
    staff_a, commune_a, village_a, village_c, denominators
):
    save(
        staff_a,
        commune_a,
        "household",
        {village_a.pk: Count(120, 100), village_c.pk: Count(80, 60)},
    )
    save(staff_a, commune_a, "citizen", {village_a.pk: Count(300, 200)})
    household_registered(staff_a, commune_a, village_c, "Lò Văn Sơn")
    save(staff_a, commune_a, "citizen", {village_a.pk: None})
    incremental = sorted(Figure.objects.values_list("commune_id", "year", "metric", "value"))
    assert (commune_a.code, YEAR, title_metric("household", "registered"), 121) in incremental
    assert not any(metric.startswith("titles.citizen") for _c, _y, metric, _v in incremental)

    Figure.objects.all().delete()
    call_command("rebuild_summaries")
    assert (
        sorted(Figure.objects.values_list("commune_id", "year", "metric", "value")) == incremental
    )


def test_a_household_moved_to_another_village_moves_the_takeover_and_keeps_the_rebuild_equal(
    staff_a, commune_a, village_a, village_c, denominators
):
    from titles import corrections

    save(
        staff_a,
        commune_a,
        "household",
        {village_a.pk: Count(120, 100), village_c.pk: Count(80, 60)},
    )
    registration = household_registered(staff_a, commune_a, village_a, "Lò Văn Sơn")
    assert figures(commune_a)[title_metric("household", "registered")] == 1 + 80
    household = registration.household
    corrections.subject_correct(
        user=staff_a,
        registration=registration,
        data={
            "head_name": household.head_name,
            "members": household.members,
            "village": village_c,
        },
    )
    assert figures(commune_a)[title_metric("household", "registered")] == 120 + 1
    incremental = sorted(Figure.objects.values_list("commune_id", "year", "metric", "value"))
    Figure.objects.all().delete()
    call_command("rebuild_summaries")
    assert (
        sorted(Figure.objects.values_list("commune_id", "year", "metric", "value")) == incremental
    )

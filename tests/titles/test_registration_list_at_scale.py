"""The reviewers' list of registrations at province scale: the whole list is sized by
the planner's estimate of a large table instead of a COUNT(*), and the year filter
offers the years of the recognition lists instead of reading every registration."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from khuyenhoc.areas.models import Village
from khuyenhoc.core.access import admin_counts
from tests.factories import login, registered_households
from titles.models import RecognitionList

URL = "/quan-tri/titles/registration/"


def _registered(commune):
    village = Village.objects.create(commune=commune, name="Thôn Đăng Ký", kind="thon")
    for year, numbers in [(2025, range(2)), (2026, range(2, 5))]:
        RecognitionList.objects.create(commune=commune, year=year, title="household")
        registered_households(commune, village, numbers, year)


def _reads_registrations(queries, word):
    return [q["sql"] for q in queries if word in q["sql"] and '"titles_registration"' in q["sql"]]


def test_the_whole_list_of_a_large_table_is_sized_without_counting_it_and_a_filtered_one_is_counted(  # noqa: E501
    client, reviewer, commune_a, monkeypatch
):
    _registered(commune_a)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE titles_registration")
    monkeypatch.setattr(admin_counts, "ESTIMATE_FROM", 1)  # five rows count as many here
    login(client, reviewer)
    with CaptureQueriesContext(connection) as whole:
        response = client.get(URL)
    assert response.context["cl"].result_count == 5
    assert not _reads_registrations(whole.captured_queries, "COUNT(")
    with CaptureQueriesContext(connection) as filtered:
        response = client.get(URL + "?year=2025")
    assert response.context["cl"].result_count == 2
    assert _reads_registrations(filtered.captured_queries, "COUNT(")


def test_the_year_filter_offers_the_years_of_the_lists_and_refuses_a_year_that_is_not_one(
    client, reviewer, commune_a
):
    _registered(commune_a)
    login(client, reviewer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    years = next(f for f in response.context["cl"].filter_specs if f.parameter_name == "year")
    assert [label for _, label in years.lookup_choices] == ["2026", "2025"]
    assert not _reads_registrations(queries.captured_queries, "DISTINCT")
    assert client.get(URL + "?year=2026").context["cl"].result_count == 3
    assert client.get(URL + "?year=٢٠٢٥").status_code == 302  # Django's "wrong filter" (?e=1)

"""The report and the public commune page read the same summary rows: same figures."""

import pytest
from django.urls import reverse

from khuyenhoc.reports.indicators import find
from tests import metric_names as m
from tests.factories import login

from .conftest import SAMPLE, YEAR, put_figures

pytestmark = pytest.mark.django_db


def test_the_reports_figures_equal_the_public_commune_page(
    client, commune_a, staff_a, with_figures
):
    public = client.get(reverse("stats:commune", args=[commune_a.code]), {"nam": YEAR})
    assert public.status_code == 200
    public_titles = {row["name"]: row for row in public.context["title_rows"]}

    login(client, staff_a)
    report = client.get(reverse("reports:commune", args=[commune_a.code, YEAR]))
    sections = report.context["sections"]
    for title in ("citizen", "household", "clan", "village", "unit"):
        mine = find(sections, title)
        theirs = public_titles[m.TITLES[title][0]]
        assert (mine["registered"], mine["value"], mine["rate"]) == (
            theirs["registered"],
            theirs["recognised"],
            theirs["recognised_rate"],
        )
    assert find(sections, "members.end")["value"] == public.context["mine"]["members"]
    assert find(sections, "funds.receipts")["value"] == public.context["mine"]["receipts"]
    # and as printed: 6.723 / 9.000 = 74,7 % on both pages
    assert "74,7 %" in public.content.decode()
    assert "74,7 %" in report.content.decode()


def test_the_province_roll_up_equals_the_public_province_totals(
    client, commune_a, commune_b, reviewer, with_figures
):
    put_figures(commune_b, YEAR, {**SAMPLE, m.MEMBERS_END: 900})
    public = client.get(reverse("stats:overview"), {"nam": YEAR})
    total = public.context["total"]
    login(client, reviewer)
    sections = client.get(reverse("reports:province", args=[YEAR])).context["sections"]
    assert find(sections, "members.end")["value"] == total["members"] == 2_000
    household = find(sections, "household")
    assert household["value"] == total["titles"]["household"]["recognised"] == 13_446
    assert household["rate"] == total["titles"]["household"]["recognised_rate"]

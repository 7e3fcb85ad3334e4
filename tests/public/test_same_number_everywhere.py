"""One number per metric, commune and year, wherever it is stated: the public commune
page, the funds' transparency page, the commune's and the province's annual report, and
the CSV and .xlsx downloads all read the summary tables through khuyenhoc.figures, and
this test holds them to it for every metric of the apps (tests/metric_names.py) on the seeded
demo province."""

import csv
import io

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from funds.metrics import PAYOUT_KINDS
from funds.models import Receipt
from khuyenhoc.areas.reform import REFORM_YEAR
from khuyenhoc.core.numbers import number
from khuyenhoc.figures import selectors as figures_api
from members.models import Branch
from tests import metric_names as m
from tests.demo_snapshot import restore_demo
from tests.factories import login, make_user
from titles.metrics import CITIZEN_GROUPS

pytestmark = pytest.mark.django_db

YEAR = REFORM_YEAR
BRANCH_KINDS = [kind.value for kind in Branch.GRASSROOTS]
DONOR_CATEGORIES = [value for value, _label in Receipt.DonorCategory.choices]
EVERY_METRIC = m.every_metric(branch_kinds=BRANCH_KINDS, donor_categories=DONOR_CATEGORIES)
# Stages a public page or report does not state (they are the staff pages' working counts).
WORKING_STAGES = ("evaluated", "proposed", "not_recognised")
# Totals the outputs state beside the metrics they add up.
RECEIPTS, PAYOUTS = "total received", "total paid"


def _totals(figures):
    if not any(key.startswith("funds.") for key in figures):
        return {RECEIPTS: None, PAYOUTS: None}
    received = figures.get(m.FUND_RECEIPTS_CASH, 0) + figures.get(m.FUND_RECEIPTS_IN_KIND, 0)
    paid = sum(figures.get(m.payout_amount_metric(kind), 0) for kind in PAYOUT_KINDS)
    return {RECEIPTS: received, PAYOUTS: paid}


@pytest.fixture
def province(client, units, demo_snapshot, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.PUBLIC_TOTALS_CACHE_SECONDS = 0
    restore_demo(demo_snapshot)
    figures = figures_api.of_communes(year=YEAR, province_code=settings.PROVINCE_CODE)
    # the commune with the most kinds of figures: every app wrote for it
    code = max(figures, key=lambda c: (len(figures[c]), -c))
    login(client, make_user("same_number_reviewer", role="reviewer"))
    return code, figures


def _expected(figures, metric):
    """A missing row means zero when the metric's app wrote anything for the area and
    year (no zero rows are stored), and "no data" otherwise."""
    app = metric.split(".")[0]
    wrote = any(key.startswith(app + ".") for key in figures)
    return figures.get(metric, 0 if wrote and app != "areas" else None)


def _from_summary(summary):
    """What a summarised area (public page, download) states, by metric."""
    stated = {m.POPULATION: summary["population"], m.MEMBERS_END: summary["members"]}
    for title in m.RATE_TITLES:
        t = summary["titles"][title]
        stated[m.title_metric(title, "registered")] = t["registered"]
        stated[m.title_metric(title, "recognised")] = t["recognised"]
        stated[m.TITLES[title][1]] = t["denominator"]
    stated[m.title_metric("commune", "registered")] = summary["commune_registered"]
    stated[m.title_metric("commune", "recognised")] = summary["commune_recognised"]
    return stated


def _public_commune_page(client, code):
    response = client.get(reverse("stats:commune", args=[code]), {"nam": YEAR})
    assert response.status_code == 200
    context = response.context
    stated = _from_summary(context["mine"])
    groups = {label: group for group, label in CITIZEN_GROUPS.items()}
    for shown in context["citizen_groups"]:
        group = groups[shown["label"]]
        stated[m.citizen_group_metric(group, "registered")] = shown["registered"]
        stated[m.citizen_group_metric(group, "recognised")] = shown["recognised"]
    # the organisation, members and funds: the annual report's lines (figures.lines)
    stated.update(_report(context["association"]))
    return stated, response.content.decode()


def _funds_page(client, url):
    response = client.get(url, {"nam": YEAR})
    assert response.status_code == 200
    data = response.context["data"]
    stated = {
        m.FUND_OPENING: data["opening"],
        m.FUND_RECEIPTS_CASH: data["cash"],
        m.FUND_RECEIPTS_IN_KIND: data["in_kind"],
        m.FUND_CLOSING: data["closing"],
        m.FUND_PAYOUTS_IN_KIND: data["paid_in_kind"],
        m.FUND_GOODS_CLOSING: data["goods"],
        m.FUND_TRANSFERS_EXTERNAL: data["transfers_external"],
        RECEIPTS: data["received"],
        PAYOUTS: data["paid"],
    }
    kinds = {label: kind for kind, label in PAYOUT_KINDS.items()}
    for shown in data["kinds"]:
        stated[m.payout_amount_metric(kinds[shown["label"]])] = shown["amount"]
        stated[m.payout_portions_metric(kinds[shown["label"]])] = shown["portions"]
    categories = {label: value for value, label in Receipt.DonorCategory.choices}
    for shown in response.context["categories"]:
        category = categories.get(shown["label"], m.DONOR_ADJUSTING)
        stated[m.donor_count_metric(category)] = shown["count"]
        stated[m.donor_amount_metric(category)] = shown["amount"]
    return stated


def _report(sections):
    rows = {row["key"]: row for section in sections for row in section["rows"]}
    stated = {}

    def put(metric, key, field="value"):
        if key in rows:
            stated[metric] = rows[key][field]

    put(m.POPULATION, "population")
    for title in m.RATE_TITLES:
        put(m.title_metric(title, "registered"), title, "registered")
        put(m.title_metric(title, "recognised"), title)
        put(m.TITLES[title][1], title, "denominator")
    put(m.title_metric("commune", "registered"), "commune", "registered")
    put(m.title_metric("commune", "recognised"), "commune")
    for group in CITIZEN_GROUPS:
        put(m.citizen_group_metric(group, "registered"), f"citizen.g{group}", "registered")
        put(m.citizen_group_metric(group, "recognised"), f"citizen.g{group}")
    put(m.MEMBERS_START, "members.start")
    put(m.MEMBERS_JOINED, "members.joined")
    put(m.MEMBERS_LEFT, "members.left")
    put(m.MEMBERS_END, "members.end")
    put(m.BRANCHES_GRASSROOTS, "branches")
    for kind in BRANCH_KINDS:
        put(m.branch_kind_metric(kind), f"branches.{kind}")
    put(m.FUND_OPENING, "funds.opening")
    put(m.FUND_RECEIPTS_CASH, "funds.receipts.cash")
    put(m.FUND_RECEIPTS_IN_KIND, "funds.receipts.in_kind")
    put(m.FUND_CLOSING, "funds.closing")
    put(m.FUND_PAYOUTS_IN_KIND, "funds.payouts.in_kind")
    put(m.FUND_GOODS_CLOSING, "funds.goods")
    put(m.FUND_TRANSFERS_EXTERNAL, "funds.transfers.external")
    put(RECEIPTS, "funds.receipts")
    put(PAYOUTS, "funds.payouts")
    for kind in PAYOUT_KINDS:
        put(m.payout_amount_metric(kind), f"funds.{kind}.amount")
        put(m.payout_portions_metric(kind), f"funds.{kind}.portions")
    return stated


def _download_columns():
    columns = {
        m.POPULATION: "Dân số",
        m.MEMBERS_END: "Hội viên cuối năm",
        RECEIPTS: "Thu quỹ (đồng)",
        PAYOUTS: "Chi quỹ (đồng)",
        m.title_metric("commune", "registered"): "Cộng đồng học tập cấp xã: đăng ký",
        m.title_metric("commune", "recognised"): "Cộng đồng học tập cấp xã: được công nhận",
    }
    for title in m.RATE_TITLES:
        name = m.TITLES[title][0]
        columns[m.title_metric(title, "registered")] = f"{name}: đăng ký"
        columns[m.title_metric(title, "recognised")] = f"{name}: được công nhận"
        columns[m.TITLES[title][1]] = f"{name}: tổng số để tính tỷ lệ"
    return columns


def _download(head, line, *, as_text):
    stated = {}
    for metric, column in _download_columns().items():
        value = line[head.index(column)]
        if as_text:
            value = int(value) if value != "" else None
        stated[metric] = value
    return stated


def _csv_rows(client):
    response = client.get(reverse("stats:csv"), {"nam": YEAR})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx_rows(client):
    response = client.get(reverse("stats:xlsx"), {"nam": YEAR})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _assert_one_number(metric, expected, outputs):
    stating = {name: stated[metric] for name, stated in outputs.items() if metric in stated}
    for name, value in stating.items():
        assert value == expected, f"{metric}: {name} states {value}, the summary {expected}"
    return stating


def test_every_metric_of_a_commune_has_one_number_on_every_page_report_and_download(
    client, province
):
    code, figures = province
    mine = figures[code]
    public, html = _public_commune_page(client, code)
    report = client.get(reverse("reports:commune", args=[code, YEAR]))
    csv_rows, xlsx_rows = _csv_rows(client), _xlsx_rows(client)
    outputs = {
        "the public commune page": public,
        "the funds' page": _funds_page(client, reverse("funds_public:commune", args=[code])),
        "the commune's report": _report(report.context["sections"]),
        "the CSV": _download(
            csv_rows[0], next(r for r in csv_rows if r[0] == f"{code:05d}"), as_text=True
        ),
        "the .xlsx": _download(
            xlsx_rows[0], next(r for r in xlsx_rows if r[0] == f"{code:05d}"), as_text=False
        ),
    }
    for total, expected in _totals(mine).items():
        assert len(_assert_one_number(total, expected, outputs)) == 5  # the funds' page too
    unstated = []
    for metric in EVERY_METRIC:
        expected = _expected(mine, metric)
        stating = _assert_one_number(metric, expected, outputs)
        if not stating and expected:  # a line of zero may be left out
            unstated.append(metric)
        if "the public commune page" in stating and expected:
            assert number(expected) in html, f"{metric}: {number(expected)} not on the page"
    assert [x for x in unstated if x.rsplit(".", 1)[1] not in WORKING_STAGES] == []
    assert unstated, "the working stages have counts in the demo, stated by no public output"
    # the demo commune has figures of every app, so the test compared real numbers
    assert {metric.split(".")[0] for metric in mine} == {"areas", "titles", "members", "funds"}


def test_every_metric_of_the_province_has_one_number_in_the_report_and_the_downloads(
    client, province
):
    _code, figures = province
    totals = figures_api.province_totals(settings.PROVINCE_CODE)[YEAR]
    report = client.get(reverse("reports:province", args=[YEAR]))
    assert report.status_code == 200
    csv_rows, xlsx_rows = _csv_rows(client), _xlsx_rows(client)
    outputs = {
        "the province's report": _report(report.context["sections"]),
        "the CSV": _download(csv_rows[0], csv_rows[-1], as_text=True),
        "the .xlsx": _download(xlsx_rows[0], xlsx_rows[-1], as_text=False),
    }
    assert csv_rows[-1][1].startswith("Toàn tỉnh") and xlsx_rows[-1][1].startswith("Toàn tỉnh")
    for total, expected in _totals(totals).items():
        assert len(_assert_one_number(total, expected, outputs)) == 3
    stated_somewhere = 0
    for metric in EVERY_METRIC:
        expected = _expected(totals, metric)
        stated_somewhere += bool(_assert_one_number(metric, expected, outputs))
    assert stated_somewhere > 40

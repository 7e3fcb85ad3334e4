"""On the demo province: no public figure exceeds 100 %, the pages open on a year with
decisions, and a province where not every commune reported says how many did."""

import csv
import io
import re

from django.conf import settings

from khuyenhoc.figures import selectors as figures_api
from khuyenhoc.figures.years import is_decided
from tests.demo_snapshot import restore_demo

PERCENT = re.compile(r"(\d{1,3}(?:\.\d{3})*(?:,\d+)?) ?%")


def _percents(text):
    return [float(p.replace(".", "").replace(",", ".")) for p in PERCENT.findall(text)]


def test_no_public_figure_exceeds_100_percent_and_the_default_year_is_decided(
    client, units, demo_snapshot
):
    restore_demo(demo_snapshot)
    overview = client.get("/thong-ke/").content.decode()
    year = int(re.search(r"năm (\d{4})</h1>", overview).group(1))
    assert is_decided(figures_api.province_totals(settings.PROVINCE_CODE)[year])
    pages = [overview, client.get(f"/thong-ke/?nam={year + 1}").content.decode()]
    code = re.search(r'href="/thong-ke/(\d+)/', overview).group(1)
    pages.append(client.get(f"/thong-ke/{code}/").content.decode())
    for html in pages:
        assert _percents(html) and max(_percents(html)) <= 100
    rows = csv.reader(io.StringIO(client.get("/thong-ke/du-lieu.csv").content.decode("utf-8-sig")))
    head = next(rows)
    rate_columns = [i for i, h in enumerate(head) if h.endswith("(%)")]
    rates = [float(r[i]) for r in rows for i in rate_columns if r[i]]
    assert rates and max(rates) <= 100
    reported = re.search(r"(\d+)/(\d+) xã, phường đã báo cáo", overview)
    assert reported, "the overview says how many communes reported"
    if reported.group(1) != reported.group(2):
        assert "Tỷ lệ toàn tỉnh tính trên các xã, phường đã báo cáo" in overview

"""Province rates over the communes that reported, and how many did.

Adding every commune's denominator to the province total while only some communes have
sent their lists made the province rate fall to a few per cent: a commune that has not
reported is not a commune where nobody registered. So a province rate of a title adds
up the counts and the denominators of the communes that reported that title (registered
anything) with usable figures (a denominator, no count above it); its recognised rate
adds up those whose year is decided. The pages say so, with "x/N xã, phường đã báo cáo".
"""

from khuyenhoc.core import registry
from khuyenhoc.core.numbers import rate
from khuyenhoc.figures.indicators import rate_titles, summarise

from . import selectors


def rate_metrics() -> list[str]:
    """What a title's rate and "decided or not" read: the denominators and every stage
    of the registered titles."""
    return registry.derived(
        "rate_metrics",
        lambda: (
            [i.denominator for i in registry.rated_titles()]
            + [key for i in registry.titles() for key in i.stage_metrics]
        ),
    )


REPORTED_RULE = (
    "Tỷ lệ toàn tỉnh chỉ tính trên các xã, phường đã báo cáo danh hiệu đó (cộng số đăng ký, "
    "số được công nhận và mẫu số của các xã, phường này); xã, phường chưa báo cáo không bị "
    "tính là 0 %. Số liệu vượt mẫu số không được công bố và không được cộng."
)


def reported(row) -> bool:
    """Has the commune sent any list of the year (a registration of some title)?"""
    return any(t["registered"] for t in row["titles"].values())


def over_reporters(total: dict, rows: list[dict]) -> dict:
    """Replaces the title rates of a province `total` (summarise() of the summed figures)
    by rates over the communes that reported; adds reported_count, unit_count stays."""
    total["reported_count"] = sum(1 for row in rows if reported(row))
    below, scored = [], []
    for title in rate_titles():
        entries = [row["titles"][title] for row in rows]
        counted = [t for t in entries if t["registered"] and t["registered_rate"] is not None]
        decided = [t for t in counted if t["recognised_rate"] is not None]
        t = total["titles"][title]
        t["registered_rate"] = rate(
            sum(e["registered"] for e in counted), sum(e["denominator"] for e in counted)
        )
        t["recognised_rate"] = rate(
            sum(e["recognised"] for e in decided), sum(e["denominator"] for e in decided)
        )
        t["reported_count"] = len(counted)
        t["undecided"] = bool(counted) and not decided
        t["exceeds"] = False
        t["below"] = (
            t["target"] is not None
            and t["recognised_rate"] is not None
            and t["recognised_rate"] < t["target"]
        )
        if t["below"]:
            below.append(title)
        if t["target"] is not None and t["recognised_rate"] is not None:
            scored.append(t["recognised_rate"])
    total["below"] = below
    total["score"] = sum(scored) / len(scored) if scored else None
    return total


def province_rows(*, province_code, years, totals) -> dict[int, dict]:
    """{year: the province's row over the units that reported that year}: today's
    communes from the reform on, the old communes before it (the trend chart's
    "Toàn tỉnh" line, drawn the way the overview's "Toàn tỉnh" row is computed).
    `totals` is {year: {metric: sum}} (selectors.all_totals). One query."""
    by_year = selectors.units_by_year(
        province_code=province_code, years=years, metrics=rate_metrics()
    )
    return {
        year: over_reporters(
            summarise(totals.get(year, {}), year),
            [summarise(figures, year) for figures in by_year[year].values()],
        )
        for year in years
    }

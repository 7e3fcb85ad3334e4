"""The public commune page, /thong-ke/<code>/: its titles against the province and the
targets, its organisation, members and funds (the annual report's lines), its trends
over the years, its villages and the old communes it came from.

Only the summary tables are read (selectors.py). Everything below the menu follows from
the figures, the commune and the year alone (its villages too: their writes advance the
version), so it is written once per version of the figures (memo.py), not at every
request.
"""

from django.shortcuts import render
from django.template.loader import render_to_string

from khuyenhoc.areas.models import Village
from khuyenhoc.areas.reform import is_legacy_year
from khuyenhoc.core import registry
from khuyenhoc.figures import coverage, lines
from khuyenhoc.figures.indicators import summarise
from khuyenhoc.figures.selectors import SPLIT_RULE
from khuyenhoc.figures.years import pick_public_year
from khuyenhoc.quality.selectors import published_year

from . import charts, memo, selectors
from .caching import anonymous_cache
from .stats_views import target_in_force


def _title_rows(mine, province):
    rows = []
    for indicator in registry.rated_titles():
        t, p = mine["titles"][indicator.title], province["titles"][indicator.title]
        if t["undecided"]:
            status = "Chưa xét"
        elif t["exceeds"]:
            status = "Số liệu cần kiểm tra"
        elif t["target"] is None or t["recognised_rate"] is None:
            status = "–"
        else:
            status = "Dưới chỉ tiêu" if t["below"] else "Đạt chỉ tiêu"
        rows.append(
            {
                "name": indicator.label,
                **t,
                "province_rate": p["recognised_rate"],
                "status": status,
            }
        )
    return rows


def _citizen_groups(figures):
    """The groups of Công dân học tập registered (khuyenhoc.core.registry) with a count."""
    groups = []
    for indicator in registry.indicators("cong-dan"):
        if not indicator.stages:
            continue
        registered, recognised = (figures.get(metric) for metric in indicator.metrics[:2])
        if registered or recognised:
            groups.append(
                {"label": indicator.short, "registered": registered, "recognised": recognised}
            )
    return groups


# The sections of the annual report this page states in full, in the report's words
# (figures.lines): the organisation, the members, the funds.
ASSOCIATION_SECTIONS = ("to-chuc", "hoi-vien", "quy")


def _association(figures, year, province):
    """The lines of ASSOCIATION_SECTIONS with a value (None: the app wrote nothing for
    the commune and year). A line "of which" (level 1 and below) of zero is left out, as
    the page says: on a phone, four kinds of payout with none paid were eight lines of
    zeros under the one that counts. A line stating a rate or a decimal (members per 100
    inhabitants) shows the province's beside it."""
    found = []
    for section in lines.sections(figures, year or 0, only=ASSOCIATION_SECTIONS):
        rows = [
            row
            for row in section["rows"]
            if row["value"] is not None and (row["value"] != 0 or row["level"] == 0)
        ]
        for row in rows:
            indicator = registry.get(row["key"])
            summary = indicator.summary if indicator else ""
            if summary and row["unit"] in (registry.DECIMAL, registry.RATE):
                row["province"] = province.get(summary)
        if rows:
            found.append({**section, "rows": rows})
    return found


def _trends(years, mine_by_year, version=None):
    labels = [f"{y}*" if is_legacy_year(y) else str(y) for y in years]
    mine = [summarise(mine_by_year.get(y, {}), y) for y in years]
    # The province over the communes that reported each year, as the overview computes
    # it: summed over every commune, those yet to report pulled the line towards zero.
    province = selectors.province_trend(years, version=version)
    prov = [province[y] for y in years]
    out = []
    for indicator in registry.rated_titles():
        title = indicator.title
        series = [
            ("Xã, phường", [s["titles"][title]["recognised_rate"] for s in mine], "mine"),
            ("Toàn tỉnh", [s["titles"][title]["recognised_rate"] for s in prov], "province"),
        ]
        out.append(_chart(f"Tỷ lệ được công nhận {indicator.label}", labels, series, title, years))
    series = [
        ("Xã, phường", [s["members_per_100"] for s in mine], "mine"),
        ("Toàn tỉnh", [s["members_per_100"] for s in prov], "province"),
    ]
    out.append(_chart("Hội viên trên 100 dân", labels, series, None, years))
    return out


def _chart(title, labels, series, target_title, years):
    # each year against the target in force that year (2025's, then 2030's)
    target = [target_in_force(target_title, y) for y in years] if target_title else None
    unit = "%" if target_title else ""
    svg = charts.line_chart(
        title=title,
        desc=charts.describe(labels, series, unit),
        labels=labels,
        series=series,
        target=target,
        unit=unit,
    )
    table = [
        {"label": label, "mine": series[0][1][i], "province": series[1][1][i]}
        for i, label in enumerate(labels)
    ]
    return {"title": title, "svg": svg, "table": table, "is_rate": target_title is not None}


@anonymous_cache
def commune(request, code):
    version = memo.version()
    commune = memo.remembered(version, ("commune", code), lambda: selectors.commune_or_404(code))
    province_by_year = selectors.province_totals(version=version)
    year, available = pick_public_year(request, province_by_year, published=published_year())
    # below the menu: written once per version of the figures (the module's docstring)
    content = memo.remembered(
        version,
        ("commune-page", code, year, tuple(available)),
        lambda: render_to_string(
            "public/commune_content.html",
            _commune_context(commune, year, available, version),
        ),
    )
    return render(request, "public/commune.html", {"commune": commune, "content": content})


def _commune_context(commune, year, available, version):
    code = commune.code
    mine_by_year, sources = memo.remembered(
        version, ("commune-figures", code), lambda: selectors.commune_figures(code)
    )
    figures = mine_by_year.get(year, {}) if year else {}
    mine = summarise(figures, year or 0)
    province = summarise({}, 0)
    if year:
        province = dict(selectors.province_trend(available, version=version)[year])
        if not is_legacy_year(year):
            province["unit_count"] = commune.province_unit_count
    villages = [(name, Village.Kind(kind).label) for name, kind in selectors.villages(code)]
    return {
        "commune": commune,
        "year": year,
        "years": available,
        "is_legacy": bool(year) and is_legacy_year(year),
        "mine": mine,
        "province": province,
        "title_rows": _title_rows(mine, province),
        "citizen_groups": _citizen_groups(figures),
        "association": _association(figures, year, province),
        "figures": figures,
        "villages": villages,
        "villages_reached": coverage.villages_reached(figures),
        # the same for every year of the commune's page: built once per version
        "trends": memo.remembered(
            version,
            ("commune-trends", code, tuple(available)),
            lambda: _trends(available, mine_by_year, version),
        )
        if available
        else [],
        "has_legacy_years": any(is_legacy_year(y) for y in available),
        "sources": sources,
        "split_rule": SPLIT_RULE,
    }

"""The overview table as the template draws it: header links for sorting without
JavaScript, and cells already formatted the Vietnamese way (cheaper than filters)."""

from collections import Counter
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from khuyenhoc.areas import metrics as m
from khuyenhoc.areas.indicators import SHORT
from khuyenhoc.areas.reform import is_legacy_year
from khuyenhoc.core import registry
from khuyenhoc.core.numbers import decimal, money, number, percent

TEXT_KEYS = {"ten", "xep-hang"}  # ascending first; figures sort highest first


def _link(base_query, key, current):
    active = current.lstrip("-") == key
    descending = current.startswith("-")
    if active:
        target = key if descending else f"-{key}"
    else:
        target = key if key in TEXT_KEYS else f"-{key}"
    aria = ("descending" if descending else "ascending") if active else None
    href = "?" + urlencode({**base_query, "sap_xep": target})
    return {"key": key, "href": href, "aria_sort": aria, "active": active}


def header(base_query, current, year, mode):
    titles = []
    for indicator in registry.rated_titles():
        slug = indicator.slug
        target = m.target_for(indicator.title, year)
        titles.append(
            {
                "label": indicator.short,
                "full": indicator.label,
                "target": target,
                "registered": _link(base_query, f"{slug}-dk", current),
                "recognised": _link(base_query, f"{slug}-cn", current),
            }
        )
    return {
        "rank": _link(base_query, "xep-hang", current),
        "name": _link(base_query, "ten", current),
        "titles": titles,
        "members": _link(base_query, "hoi-vien", current),
        "receipts": _link(base_query, "thu-quy", current),
        "payouts": _link(base_query, "chi-quy", current),
        "unit_label": "Xã, phường cũ" if mode == "legacy" else "Xã, phường, đặc khu",
    }


def _sortable(value):
    return "" if value is None else f"{float(value):.4f}"


UNDECIDED = "chưa xét"
TO_CHECK = "cần kiểm tra"


def _rate_text(value, t):
    """A rate, or why there is none: the year is not decided yet, or a count exceeds its
    denominator (never published above 100 %)."""
    if value is None and t.get("exceeds"):
        return TO_CHECK
    return percent(value)


def cells(row):
    """The figure cells of a row, in header order."""
    out = []
    for indicator in registry.rated_titles():
        t = row["titles"][indicator.title]
        slug = indicator.slug
        out.append(
            {
                "key": f"{slug}-dk",
                "v": _sortable(t["registered_rate"]),
                "text": _rate_text(t["registered_rate"], t),
                "below": False,
            }
        )
        out.append(
            {
                "key": f"{slug}-cn",
                "v": _sortable(t["recognised_rate"]),
                "text": UNDECIDED if t.get("undecided") else _rate_text(t["recognised_rate"], t),
                "below": t["below"],
            }
        )
    return out


def commune_title_text(row, total=False):
    recognised = row["commune_recognised"]
    if recognised is None:
        return "–"
    if total:
        return f"{number(recognised)}/{number(row['unit_count'])}"
    if recognised:
        return "Đạt"
    return "Đăng ký" if row["commune_registered"] else "Chưa"


def decorate(row, total=False):
    row["cells"] = cells(row)
    row["commune_text"] = commune_title_text(row, total)
    row["members_text"] = decimal(row["members_per_100"]) if row["members_per_100"] else "–"
    row["members_v"] = _sortable(row["members_per_100"])
    row["receipts_text"] = money(row["receipts"])
    row["payouts_text"] = money(row["payouts"])
    row["below_text"] = ", ".join(SHORT[t] for t in row["below"])
    return row


def _cell_html(cell):
    below = cell["below"]
    marker = ' <span aria-hidden="true">▼</span><span class="sr-only"> dưới chỉ tiêu</span>'
    return (
        f'<td class="num{" below-target" if below else ""}" data-k="{cell["key"]}" '
        f'data-v="{cell["v"]}">{cell["text"]}{marker if below else ""}</td>'
    )


def _name_html(row, mode, year, prefix):
    name = escape(row["name"])
    if mode == "legacy":
        return f'{name}<br><small class="muted">{escape(row["place"])}</small>'
    href = f"{prefix}{row['code']}/"  # stats:commune, without a reverse() per row
    if not is_legacy_year(year):
        href += f"?nam={year}"
    html = f'<a href="{href}">{name}</a>'
    if row.get("split"):
        sources = escape(", ".join(row["split"]))
        html += (
            f' <span title="Nhận một phần của xã cũ bị chia: {sources}">※</span>'
            f'<span class="sr-only"> (nhận một phần của xã cũ bị chia: {sources})</span>'
        )
    return html


def rank_text(rank, shared) -> str:
    """A place shared by several communes says so: every tie is not «Hạng 1» alone."""
    if rank is None:
        return "–"
    return f"{rank} (đồng hạng)" if shared.get(rank, 0) > 1 else str(rank)


def body_html(rows, mode, year):
    """The table body, built here rather than in the template: with 150 communes and
    17 columns the template engine alone took most of the page's time."""
    out = []
    prefix = reverse("stats:overview")
    shared = Counter(row["rank"] for row in rows if row["rank"] is not None)
    for row in rows:
        rank = row["rank"]
        below = (
            f'<span class="below-target">Chưa đạt:</span> {escape(row["below_text"])}'
            if row["below"]
            else ""
        )
        out.append(
            f"<tr{' class="row-below"' if row['below'] else ''}>"
            f'<td class="num" data-k="xep-hang" data-v="{"" if rank is None else rank}">'
            f"{rank_text(rank, shared)}</td>"
            f'<th scope="row" class="name-col" data-k="ten" data-v="{escape(row["sort_name"])}">'
            f"{_name_html(row, mode, year, prefix)}</th>"
            + "".join(_cell_html(c) for c in row["cells"])
            + f"<td>{escape(row['commune_text'])}</td>"
            f'<td class="num" data-k="hoi-vien" data-v="{row["members_v"]}">'
            f"{row['members_text']}</td>"
            f'<td class="num" data-k="thu-quy" data-v="{row["receipts"] or ""}">'
            f"{row['receipts_text']}</td>"
            f'<td class="num" data-k="chi-quy" data-v="{row["payouts"] or ""}">'
            f"{row['payouts_text']}</td>"
            f"<td>{below}</td></tr>"
        )
    return mark_safe("\n".join(out))

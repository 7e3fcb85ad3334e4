"""The overview table as the template draws it: header links for sorting without
JavaScript, and cells already formatted the Vietnamese way (cheaper than filters)."""

from collections import Counter
from html import escape
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.safestring import mark_safe

from khuyenhoc.areas.reform import is_legacy_year
from khuyenhoc.core import registry
from khuyenhoc.core.numbers import decimal, money, number, percent
from khuyenhoc.figures.indicators import short

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
        target = indicator.target(year) if indicator.target else None
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
    row["below_text"] = ", ".join(short(t) for t in row["below"])
    return row


_BELOW_MARK = ' <span aria-hidden="true">▼</span><span class="sr-only"> dưới chỉ tiêu</span>'


def _columns():
    """(title, key of its registered column, key of its recognised column), in header
    order: the registry's rated titles, as cells() reads them."""
    return [(i.title, f"{i.slug}-dk", f"{i.slug}-cn") for i in registry.rated_titles()]


def _cells_html(row, columns):
    """The figure cells of a row as cells() describes them, written straight to HTML:
    the old communes' table has 4,790 of them, and a dict for each cost more than the
    text."""
    out = []
    for title, registered_key, recognised_key in columns:
        t = row["titles"][title]
        value = t["registered_rate"]
        out.append(
            f'<td class="num" data-k="{registered_key}" data-v="{_sortable(value)}">'
            f"{_rate_text(value, t)}</td>"
        )
        value = t["recognised_rate"]
        text = UNDECIDED if t.get("undecided") else _rate_text(value, t)
        if t["below"]:
            out.append(
                f'<td class="num below-target" data-k="{recognised_key}" '
                f'data-v="{_sortable(value)}">{text}{_BELOW_MARK}</td>'
            )
        else:
            out.append(
                f'<td class="num" data-k="{recognised_key}" data-v="{_sortable(value)}">{text}</td>'
            )
    return "".join(out)


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


def rows_html(rows, mode, year) -> dict[int, str]:
    """{code: the row written as HTML} of the table body, built here rather than in the
    template: with 150 communes and 17 columns the template engine alone took most of the
    page's time. The rows need no decorate(): each cell is formatted once, as it is
    written. A row's HTML does not depend on the order of the rows (the overview
    remembers it, khuyenhoc/public/memo.py, and sorts per request)."""
    out = {}
    prefix = reverse("stats:overview")
    shared = Counter(row["rank"] for row in rows if row["rank"] is not None)
    columns = _columns()
    for row in rows:
        rank = row["rank"]
        members = row["members_per_100"]
        below = (
            f'<span class="below-target">Chưa đạt:</span> '
            f"{escape(', '.join(short(t) for t in row['below']))}"
            if row["below"]
            else ""
        )
        out[row["code"]] = (
            f"<tr{' class="row-below"' if row['below'] else ''}>"
            f'<td class="num" data-k="xep-hang" data-v="{"" if rank is None else rank}">'
            f"{rank_text(rank, shared)}</td>"
            f'<th scope="row" class="name-col" data-k="ten" data-v="{escape(row["sort_name"])}">'
            f"{_name_html(row, mode, year, prefix)}</th>"
            f"{_cells_html(row, columns)}"
            f"<td>{escape(commune_title_text(row))}</td>"
            f'<td class="num" data-k="hoi-vien" data-v="{_sortable(members)}">'
            f"{decimal(members) if members else '–'}</td>"
            f'<td class="num" data-k="thu-quy" data-v="{row["receipts"] or ""}">'
            f"{money(row['receipts'])}</td>"
            f'<td class="num" data-k="chi-quy" data-v="{row["payouts"] or ""}">'
            f"{money(row['payouts'])}</td>"
            f"<td>{below}</td></tr>"
        )
    return out


def body_html(rows, mode, year, written=None):
    """The table body: the rows in the order given, from rows_html() (`written`, when
    the caller has it already)."""
    if written is None:
        written = rows_html(rows, mode, year)
    return mark_safe("\n".join(written[row["code"]] for row in rows))


def districts_html(districts, year):
    """The old districts' rows of a year before the reform, written here as the
    communes' rows are: forty rows of fourteen cells cost the template engine more than
    computing them."""
    out = []
    for d in districts:
        href = reverse("stats:legacy_district", args=[d["code"]])
        cells = "".join(f'<td class="num">{escape(c["text"])}</td>' for c in d["cells"])
        out.append(
            f'<tr><th scope="row"><a href="{href}?nam={year}">{escape(d["name"])}</a></th>'
            f'<td class="num">{number(d["communes"])}</td>'
            f'<td class="num">{escape(d["commune_registered"])}</td>'
            f'<td class="num">{escape(d["commune_recognised"])}</td>{cells}</tr>'
        )
    return mark_safe("".join(out))

"""The overview table of a year, as the CSV and .xlsx downloads state it
(khuyenhoc.core.web.downloads makes the files)."""

from khuyenhoc.areas import metrics as m
from khuyenhoc.areas.indicators import RATE_TITLES
from khuyenhoc.core.numbers import percent_figure


def _rate(value):
    return percent_figure(value)


def headers(mode):
    head = ["Mã", "Tên", "Thuộc" if mode == "legacy" else "Loại", "Dân số"]
    for title in RATE_TITLES:
        name = m.TITLES[title][0]
        head += [
            f"{name}: đăng ký",
            f"{name}: được công nhận",
            f"{name}: tổng số để tính tỷ lệ",
            f"{name}: tỷ lệ đăng ký (%)",
            f"{name}: tỷ lệ công nhận (%)",
        ]
    head += [
        "Cộng đồng học tập cấp xã: đăng ký",
        "Cộng đồng học tập cấp xã: được công nhận",
        "Hội viên cuối năm",
        "Hội viên trên 100 dân",
        "Thu quỹ (đồng)",
        "Chi quỹ (đồng)",
        "Xếp hạng",
        "Dưới chỉ tiêu 677/QĐ-TTg",
    ]
    if mode == "mapped":
        head.append("Nhận phần của xã cũ bị chia")
    return head


def _line(row, code, name, where, mode):
    line = [code, name, where, row["population"]]
    for title in RATE_TITLES:
        t = row["titles"][title]
        line += [
            t["registered"],
            t["recognised"],
            t["denominator"],
            _rate(t["registered_rate"]),
            _rate(t["recognised_rate"]),
        ]
    line += [
        row["commune_registered"],
        row["commune_recognised"],
        row["members"],
        _rate(row["members_per_100"]),
        row["receipts"],
        row["payouts"],
        row.get("rank"),
        ", ".join(m.TITLES[t][0] for t in row["below"]),
    ]
    if mode == "mapped":
        line.append(", ".join(row.get("split", [])))
    return line


def code_text(code) -> str:
    """A commune's official code as text with its leading zeros (03646), the way the
    official lists write it: a number would lose them in every spreadsheet."""
    return f"{code:05d}"


def table(rows, total, mode, province_name):
    lines = [
        _line(r, code_text(r["code"]), r["name"], r.get("place", r["kind"]), mode) for r in rows
    ]
    lines.append(_line(total, "", f"Toàn tỉnh: {province_name}", "", mode))
    return headers(mode), lines

"""The overview table of a year, as the CSV and .xlsx downloads state it
(khuyenhoc.core.web.downloads makes the files)."""

from khuyenhoc.core import registry
from khuyenhoc.core.numbers import percent_figure


def _rate(value):
    return percent_figure(value)


def _headings(indicator) -> list[str]:
    """A title gives its stages (and rates against its denominator); any other
    indicator one column."""
    name = indicator.column
    if indicator.rated:
        return [
            f"{name}: đăng ký",
            f"{name}: được công nhận",
            f"{name}: tổng số để tính tỷ lệ",
            f"{name}: tỷ lệ đăng ký (%)",
            f"{name}: tỷ lệ công nhận (%)",
        ]
    if indicator.title or indicator.stages:
        return [f"{name}: đăng ký", f"{name}: được công nhận"]
    return [name]


def _cells(indicator, row) -> list:
    """The cells of `_headings(indicator)` for a row of the overview (its summary, with
    the {metric: value} it was made from)."""
    read = registry.read(indicator, row.get("figures", {}), row)
    if indicator.rated:
        return [
            read["registered"],
            read["value"],
            read["denominator"],
            _rate(read["registered_rate"]),
            _rate(read["rate"]),
        ]
    if indicator.title or indicator.stages:
        return [read["registered"], read["value"]]
    if indicator.unit in (registry.DECIMAL, registry.RATE):
        return [_rate(read["value"])]
    return [read["value"]]


def headers(mode):
    head = ["Mã", "Tên", "Thuộc" if mode == "legacy" else "Loại"]
    for indicator in registry.columns():
        head += _headings(indicator)
    head += ["Xếp hạng", "Dưới chỉ tiêu 677/QĐ-TTg"]
    if mode == "mapped":
        head.append("Nhận phần của xã cũ bị chia")
    return head


def _line(row, code, name, where, mode, names):
    line = [code, name, where]
    for indicator in registry.columns():
        line += _cells(indicator, row)
    line += [row.get("rank"), ", ".join(names[t] for t in row["below"])]
    if mode == "mapped":
        line.append(", ".join(row.get("split", [])))
    return line


def code_text(code) -> str:
    """A commune's official code as text with its leading zeros (03646), the way the
    official lists write it: a number would lose them in every spreadsheet."""
    return f"{code:05d}"


def table(rows, total, mode, province_name):
    names = {indicator.title: indicator.label for indicator in registry.titles()}
    lines = [
        _line(r, code_text(r["code"]), r["name"], r.get("place", r["kind"]), mode, names)
        for r in rows
    ]
    lines.append(_line(total, "", f"Toàn tỉnh: {province_name}", "", mode, names))
    return headers(mode), lines

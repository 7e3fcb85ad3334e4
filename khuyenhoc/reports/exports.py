"""The annual report as .xlsx: a summary sheet, one sheet per indicator group, and for
the province a column per commune. Numbers stay numbers (rates rounded to 0,1)."""

from decimal import Decimal

from khuyenhoc.core.numbers import percent_figure
from khuyenhoc.core.sheets.spreadsheets import workbook_bytes

from .indicators import flat_cells

HEAD = [
    "Chỉ tiêu",
    "Đăng ký",
    "Đạt, số lượng",
    "Mẫu số",
    "Tỷ lệ đăng ký (%)",
    "Tỷ lệ đạt (%)",
    "Năm trước",
    "Tăng, giảm so với năm trước",
    "Chỉ tiêu 677/QĐ-TTg (%)",
]
SHEETS = {
    "to-chuc": "Tổ chức hội",
    "hoi-vien": "Hội viên",
    "cong-dan": "Công dân học tập",
    "danh-hieu": "Gia đình, cộng đồng, đơn vị",
    "quy": "Quỹ khuyến học",
}


def cell(value):
    if isinstance(value, Decimal):
        return percent_figure(value)
    return value


def _line(row):
    return [
        row["label"],
        row["registered"],
        row["value"],
        row["denominator"],
        row["registered_rate"],
        row["rate"],
        row["previous"],
        row["change"],
        row["target"],
    ]


def _summary(sections):
    lines = []
    for section in sections:
        lines.append([section["title"].upper()] + [None] * (len(HEAD) - 1))
        lines += [[cell(v) for v in _line(row)] for row in section["rows"]]
    return ("Tổng hợp", HEAD, lines)


def commune_bytes(sections, report=None) -> bytes:
    sheets = [_summary(sections)]
    for section in sections:
        lines = [[cell(v) for v in _line(row)] for row in section["rows"]]
        sheets.append((SHEETS[section["key"]], HEAD, lines))
    sheets.append(
        (
            "Thuyết minh",
            ["Phần", "Nội dung"],
            [
                ["Kết quả nổi bật", getattr(report, "highlights", "")],
                ["Khó khăn, hạn chế", getattr(report, "difficulties", "")],
                ["Đề xuất, kiến nghị", getattr(report, "proposals", "")],
            ],
        )
    )
    return workbook_bytes(sheets)


def province_bytes(total_sections, communes, statuses, groups_sheet=None) -> bytes:
    """communes: [(commune, sections)] in column order; statuses: [(commune, text, date)];
    groups_sheet: the sheet of the named groups of communes (groups.sheet), if any."""
    sheets = [_summary(total_sections)]
    names = [c.name for c, _s in communes]
    for index, section in enumerate(total_sections):
        columns = [dict(flat_cells(sections[index])) for _c, sections in communes]
        lines = [
            [label, cell(total)] + [cell(column.get(label)) for column in columns]
            for label, total in flat_cells(section)
        ]
        sheets.append((SHEETS[section["key"]], ["Chỉ tiêu", "Toàn tỉnh", *names], lines))
    sheets.append(
        (
            "Tình trạng nộp",
            ["Mã", "Xã, phường", "Tình trạng", "Ngày nộp"],
            [[c.code_display, c.name, text, when] for c, text, when in statuses],
        )
    )
    if groups_sheet is not None:
        sheets.append(groups_sheet)
    return workbook_bytes(sheets)

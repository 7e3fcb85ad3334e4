"""What a registration list's rows are, for the preview of an import whose subjects are
partly registered already: the rule that makes a row "already there" per title, how a
row is described, and which of its details differ from the subject's."""

from khuyenhoc.submissions.previews import Preview, differences

from .models import SUBJECT_MODELS

# A subject known from an earlier year but not registered this year is a new row: it is
# registered again, and no second subject is created.
RULES = {
    "household": "cùng thôn, bản, tổ và cùng họ tên chủ hộ (không kể dấu và chữ hoa) với "
    "một hộ đã đăng ký danh hiệu năm {year}.",
    "citizen": "cùng thôn, bản, tổ, cùng họ tên (không kể dấu và chữ hoa) và năm sinh với "
    "một công dân đã đăng ký danh hiệu năm {year}.",
    "clan": "cùng tên dòng họ (không kể dấu và chữ hoa) với một dòng họ đã đăng ký danh "
    "hiệu năm {year}.",
    "unit": "cùng tên đơn vị (không kể dấu và chữ hoa) với một đơn vị đã đăng ký danh hiệu "
    "năm {year}.",
    "village": "thôn, bản, tổ đã đăng ký danh hiệu năm {year}.",
}
KNOWN_BEFORE = (
    " Đối tượng đã có từ năm trước mà chưa đăng ký năm {year} là dòng mới: được đăng ký "
    "lại, không tạo đối tượng thứ hai."
)
# The details of a subject a sheet may give differently from the stored ones.
COMPARED = {
    "household": {"head_name": "Chủ hộ", "members": "Số nhân khẩu"},
    "citizen": {"full_name": "Họ và tên", "sex": "Giới tính", "group": "Nhóm"},
    "clan": {"name": "Tên dòng họ"},
    "unit": {"name": "Tên đơn vị", "kind": "Loại"},
    "village": {},
}
SEX_LABELS = {"nam": "Nam", "nu": "Nữ"}


def preview_for(title, year) -> Preview:
    rule = RULES[title].format(year=year)
    if title in SUBJECT_MODELS:
        rule += KNOWN_BEFORE.format(year=year)
    return Preview(rule)


def describe(title, fields, village_names) -> str:
    """One row as the preview and a duplicate's error show it."""
    village = village_names.get(fields.get("village_id"), "")
    if title == "household":
        return f"{fields['head_name']}, {village}, {fields['members']} nhân khẩu"
    if title == "citizen":
        sex, group = SEX_LABELS[fields["sex"]], fields["group"]
        return f"{fields['full_name']}, {fields['birth_year']}, {sex}, nhóm {group}, {village}"
    if title == "unit":
        kind = SUBJECT_MODELS["unit"].Kind(fields["kind"]).label
        return f"{fields['name']} ({kind})"
    if title == "clan":
        return fields["name"]
    return village


def sort_registered(preview, title, rows, village_names) -> None:
    """Adds the rows whose subject is registered already, as (row number, subject id,
    fields), to the preview: the same, or with details that differ."""
    labels = COMPARED[title]
    stored = {}
    if labels and rows:
        model = SUBJECT_MODELS[title]
        ids = {subject_id for _, subject_id, _ in rows}
        for values in model.objects.filter(pk__in=ids).values("pk", *labels):
            stored[values.pop("pk")] = values
    for number, subject_id, fields in rows:
        differs = differences(labels, fields, stored[subject_id]) if labels else ""
        text = describe(title, fields, village_names)
        preview.add("changed" if differs else "same", number, text, differs)

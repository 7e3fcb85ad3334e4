"""A commune's list of registrations as an Excel sheet for its staff: the rows the list
page shows under its search, on every page, with each subject's details, state and
score. Personal data: only staff of the commune reach it (views_excel checks scope), and
a person erased on request is exported without a name."""

from khuyenhoc.core.sheets.spreadsheets import workbook_bytes

from .metrics import CITIZEN_GROUPS
from .models import Citizen, Registration
from .models.registrations import VILLAGE_TITLES

NAME_HEADERS = {
    "citizen": "Họ và tên",
    "household": "Chủ hộ",
    "clan": "Dòng họ",
    "village": "Thôn, bản, tổ",
    "unit": "Tên đơn vị",
    "commune": "Xã, phường",
}
VILLAGE = "Thôn, bản, tổ"
RESULT_HEADERS = ["Trạng thái", "Điểm", "Kết quả", "Lý do không đạt"]
SEXES = dict(Citizen.Sex.choices)


def _details(title):
    """The title's own columns: (header, value of the registration and its subject)."""
    if title == "citizen":
        return [
            ("Năm sinh", lambda r, s: s.birth_year),
            ("Giới tính", lambda r, s: SEXES.get(s.sex, "")),
            ("Nhóm đối tượng", lambda r, s: CITIZEN_GROUPS.get(r.citizen_group, "")),
            (VILLAGE, lambda r, s: s.village.name),
        ]
    if title == "household":
        return [(VILLAGE, lambda r, s: s.village.name), ("Số nhân khẩu", lambda r, s: s.members)]
    if title == "unit":
        return [("Loại", lambda r, s: s.get_kind_display())]
    return []


def _result(registration) -> list:
    evaluation = getattr(registration, "evaluation", None)
    if evaluation is None or registration.state == Registration.State.WITHDRAWN:
        return [registration.get_state_display(), None, "", ""]
    verdict = "Đạt" if evaluation.passed else "Không đạt"
    reason = "" if evaluation.passed else evaluation.reason
    return [registration.get_state_display(), evaluation.total, verdict, reason]


def list_workbook(title, title_name, entries) -> bytes:
    """`entries`: the list's registrations (selectors.registrations_of), in its order."""
    details = _details(title)
    if title in VILLAGE_TITLES:
        entries = entries.select_related(f"{title}__village")
    rows = []
    for number, r in enumerate(entries.iterator(chunk_size=2000), start=1):
        subject = r.subject
        erased = getattr(subject, "is_erased", False)
        cells = [None if erased else value(r, subject) for _, value in details]
        rows.append([number, r.pk, r.subject_name, *cells, *_result(r)])
    headers = ["STT", "Mã đăng ký", NAME_HEADERS[title], *(h for h, _ in details), *RESULT_HEADERS]
    return workbook_bytes([(title_name, headers, rows)])

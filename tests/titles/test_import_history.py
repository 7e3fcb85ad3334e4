"""Subjects created by an Excel import get the same first history row as subjects
created on a form: the import's bulk write adds them itself."""

import pytest

from khuyenhoc.core.sheets.spreadsheets import workbook_bytes
from titles import bulk, imports, score_imports
from titles.models import Citizen, Clan, CriteriaSet, Evaluation, Household, Registration, Unit

from .conftest import YEAR

pytestmark = pytest.mark.django_db

SHEETS = {
    "household": (Household, [["Lò Văn A", "Thôn Nà Lếch", 4], ["Hà Thị B", "Thôn Nà Lếch", 5]]),
    "citizen": (
        Citizen,
        [
            ["Lò Thị Hoa", 1990, "Nữ", 1, "Thôn Nà Lếch"],
            ["Vì Văn Tú", 1975, "Nam", 2, "Thôn Nà Lếch"],
        ],
    ),
    "clan": (Clan, [["Lò", "Thôn Nà Lếch"], ["Hà", "Thôn Nà Lếch"]]),
    "unit": (Unit, [["Trường Tiểu học Tô Hiệu", "Trường học"], ["UBND phường", "Cơ quan"]]),
}


@pytest.fixture(params=["copy", "inserts"])
def writer(request, monkeypatch):
    """PostgreSQL's COPY chain, and the multi-row INSERTs that SQLite takes."""
    if request.param == "inserts":
        monkeypatch.setattr(bulk, "uses_copy", lambda: False)
    return request.param


@pytest.mark.parametrize("title", SHEETS)
def test_import_created_subjects_have_a_created_history_row(
    staff_a, commune_a, village_a, writer, title
):
    model, rows = SHEETS[title]
    headers = list(imports.REGISTRATION_HEADERS[title].values())
    imports.registrations_import(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        title=title,
        data=workbook_bytes([("Danh sách", headers, rows)]),
    )
    subjects = list(model.objects.all())
    assert len(subjects) == 2
    for subject in subjects:
        row = subject.history.get()
        assert row.history_type == "+"
        assert row.history_user == staff_a
        assert row.history_change_reason == "Nhập từ Excel"
        assert row.instance == subject
        assert row.commune_id == commune_a.code


def test_a_subject_registered_again_by_import_gets_no_second_created_row(
    staff_a, commune_a, household, writer
):
    headers = list(imports.REGISTRATION_HEADERS["household"].values())
    imports.registrations_import(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        title="household",
        data=workbook_bytes([("Danh sách", headers, [["Lò Văn Sơn", "Thôn Nà Lếch", 5]])]),
    )
    assert household.registrations.count() == 1
    assert household.history.count() == 1


def test_a_first_scores_import_writes_evaluations_scores_and_history_and_a_second_rescores(
    staff_a, commune_a, village_a, writer
):
    headers = list(imports.REGISTRATION_HEADERS["household"].values())
    rows = [[f"Lò Văn {n}", "Thôn Nà Lếch", 4] for n in ("A", "B", "C")]
    imports.registrations_import(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        title="household",
        data=workbook_bytes([("Danh sách", headers, rows)]),
    )
    registrations = list(Registration.objects.filter(commune=commune_a).order_by("id"))
    indicators = list(CriteriaSet.objects.in_force(title="household", year=YEAR).indicators())
    score_headers = ["Mã đăng ký", *[i.code for i in indicators]]

    def scores(first_points):
        return workbook_bytes(
            [
                (
                    "Điểm",
                    score_headers,
                    [
                        [r.pk, first_points, *[i.max_points for i in indicators[1:]]]
                        for r in registrations
                    ],
                )
            ]
        )

    score_imports.scores_import(
        user=staff_a, commune=commune_a, year=YEAR, title="household", data=scores(1)
    )
    first = indicators[0]
    for registration in registrations:
        registration.refresh_from_db()
        assert registration.state == "evaluated"
        assert [h.state for h in registration.history.order_by("history_id")] == [
            "registered",
            "evaluated",
        ]
        evaluation = registration.evaluation
        assert evaluation.evaluated_by == staff_a
        assert evaluation.total == sum(i.max_points for i in indicators) - first.max_points + 1
        assert evaluation.scores.get(indicator=first).points == 1
        assert evaluation.scores.count() == len(indicators)
        created = evaluation.history.get()
        assert (created.history_type, created.history_user) == ("+", staff_a)

    score_imports.scores_import(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        title="household",
        data=scores(first.max_points),
    )
    for registration in registrations:
        evaluation = Evaluation.objects.get(registration=registration)
        assert evaluation.total == sum(i.max_points for i in indicators)
        assert evaluation.scores.get(indicator=first).points == first.max_points
        assert evaluation.history.count() == 2

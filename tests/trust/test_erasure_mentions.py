"""How an erasure finds a person's name in text (khuyenhoc.core.erasure): in any case, with or
without diacritics, in the admin log's JSON; only in the person's own commune, so a
namesake elsewhere keeps his name; and in the erasure's own transaction."""

import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from khuyenhoc.core import erasure
from khuyenhoc.core.erasure import ERASED, Mentions
from tests.titles.conftest import full_points
from titles import corrections, recognition, services
from titles.models import Citizen, RecognitionList, Transition

NAME = "Cầm Thị Xuyến"
YEAR = 2026


def test_a_name_is_found_in_any_case_with_or_without_diacritics():
    mentions = Mentions([NAME])
    text = "Bà CẦM THỊ XUYẾN, cam  thi xuyen và Cầm Thị Xuyến."
    assert mentions.replace(text) == f"Bà {ERASED}, {ERASED} và {ERASED}."


def test_a_name_inside_a_longer_word_or_name_is_not_a_mention():
    mentions = Mentions(["Lò Thị Hoa"])
    assert mentions.replace("Lò Thị Hoàng, Lò Thị Hoan") == "Lò Thị Hoàng, Lò Thị Hoan"
    assert Mentions(["Lò Thị Hoa", "Lò Thị Hoa Mai"]).replace("Lò Thị Hoa Mai") == ERASED


def test_a_name_of_one_word_is_not_looked_for_in_text():
    assert not Mentions(["Hoa", " "])
    assert Mentions(["Hoa"]).replace("Tặng hoa cho cô Hoa") == "Tặng hoa cho cô Hoa"


def test_a_name_written_decomposed_goes_with_its_marks():
    decomposed = "Ca\u0300m Thi\u0323 Xuye\u0302\u0301n"
    assert Mentions([NAME]).replace(f"({decomposed})") == f"({ERASED})"


def test_the_admin_logs_json_messages_lose_the_escaped_name():
    message = json.dumps([{"added": {"name": "người nhận", "object": NAME}}])
    assert NAME not in message  # json.dumps escapes it, as Django's admin log does
    cleaned = Mentions([NAME]).replace_in_json(message)
    assert json.loads(cleaned) == [{"added": {"name": "người nhận", "object": ERASED}}]


@pytest.fixture
def village_a(commune_a):
    return commune_a.villages.create(name="Bản Phiêng", name_folded="ban phieng")


@pytest.fixture
def village_b(commune_b):
    return commune_b.villages.create(name="Bản Mòng", name_folded="ban mong")


def register(staff, commune, village):
    return services.subject_register(
        user=staff,
        commune=commune,
        year=YEAR,
        title="citizen",
        data={"full_name": NAME, "birth_year": 1980, "sex": "nu", "group": 1, "village": village},
    )


def returned_naming(staff, reviewer, commune, registration):
    """The list is proposed and returned with a reason that names the citizen."""
    services.registration_evaluate(
        user=staff, registration=registration, points=full_points("citizen", year=YEAR)
    )
    rlist = recognition.list_propose(user=staff, commune=commune, year=YEAR, title="citizen")
    return recognition.list_return(user=reviewer, rlist=rlist, reason=f"Kiểm tra lại bà {NAME}.")


def logged(user, record, message):
    return LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        object_repr=str(record),
        action_flag=CHANGE,
        change_message=json.dumps(message),
    )


@pytest.mark.django_db
def test_a_namesake_in_another_commune_keeps_his_name_and_the_notes_about_him(
    staff_a, staff_b, reviewer, administrator, commune_a, commune_b, village_a, village_b
):
    mine = register(staff_a, commune_a, village_a)
    theirs = register(staff_b, commune_b, village_b)
    returned_naming(staff_a, reviewer, commune_a, mine)
    returned_naming(staff_b, reviewer, commune_b, theirs)
    about_theirs = logged(administrator, theirs.citizen, [{"changed": {"fields": ["Nhóm"]}}])
    # a payout's beneficiaries, added in the admin: the message names them, escaped
    about_a_list = logged(
        administrator,
        RecognitionList.objects.get(commune=commune_a),
        [{"added": {"name": "người nhận", "object": NAME}}],
    )

    corrections.person_erase(user=staff_a, registration=mine)

    assert Citizen.objects.get(pk=theirs.citizen_id).full_name == NAME
    notes = dict(
        Transition.objects.filter(to_state="returned").values_list(
            "recognition_list__commune", "note"
        )
    )
    assert notes == {
        commune_a.pk: f"Kiểm tra lại bà {ERASED}.",
        commune_b.pk: f"Kiểm tra lại bà {NAME}.",
    }
    about_theirs.refresh_from_db()
    assert about_theirs.object_repr == f"{NAME} (1980)"
    about_a_list.refresh_from_db()
    assert json.loads(about_a_list.change_message) == [
        {"added": {"name": "người nhận", "object": ERASED}}
    ]
    assert Citizen.objects.get(pk=mine.citizen_id).full_name == ""


@pytest.mark.django_db
def test_an_erasure_whose_scrub_fails_erases_nothing(
    monkeypatch, staff_a, reviewer, commune_a, village_a
):
    registration = register(staff_a, commune_a, village_a)
    returned_naming(staff_a, reviewer, commune_a, registration)

    def fail(commune, mentions):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(erasure, "_free_texts", fail)
    with pytest.raises(RuntimeError):
        corrections.person_erase(user=staff_a, registration=registration)

    citizen = Citizen.objects.get()
    assert (citizen.full_name, citizen.erased_on) == (NAME, None)
    assert set(citizen.history.values_list("full_name", flat=True)) == {NAME}


@pytest.mark.django_db
def test_a_one_word_name_still_leaves_the_admin_logs_entries_about_the_person(
    staff_a, administrator, commune_a, village_a
):
    registration = services.subject_register(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        title="household",
        data={"head_name": "Thắm", "members": 3, "village": village_a},
    )
    entry = logged(administrator, registration, [{"changed": {"fields": ["Trạng thái"]}}])

    corrections.person_erase(user=staff_a, registration=registration)

    entry.refresh_from_db()
    assert entry.object_repr == f"{ERASED} – Gia đình học tập {YEAR}"

import pytest
from django.urls import reverse

from khuyenhoc.areas import services
from tests.factories import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected_denominator(staff_a, commune_a):
    services.denominator_save(
        user=staff_a, commune=commune_a, year=2026, values={"population": 1000}
    )
    return services.denominator_save(
        user=staff_a, commune=commune_a, year=2026, values={"population": 1200}
    )


def test_a_reviewer_sees_who_changed_a_denominator_and_what_it_was_before(
    client, reviewer, corrected_denominator, staff_a
):
    login(client, reviewer)
    url = reverse("areas:history", args=["areas.Denominator", corrected_denominator.pk])
    page = client.get(url).content.decode()
    assert "Dân số</strong>: 1.000 → 1.200" in page  # Vietnamese number format
    assert staff_a.username in page


def test_commune_staff_read_their_own_records_history_and_strangers_cannot(
    client, staff_a, staff_b, corrected_denominator
):
    url = reverse("areas:history", args=["areas.Denominator", corrected_denominator.pk])
    login(client, staff_a)
    assert "Dân số</strong>: 1.000 → 1.200" in client.get(url).content.decode()
    login(client, staff_b)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_unknown_kinds_of_record_are_404(client, reviewer):
    login(client, reviewer)
    for label in ["khong.Co", "auth.User", "areas.Commune"]:
        assert client.get(reverse("areas:history", args=[label, 1])).status_code == 404


def test_imported_villages_have_history_rows(staff_a, commune_a):
    from khuyenhoc.areas.models import Village
    from khuyenhoc.core.sheets.spreadsheets import workbook_bytes

    data = workbook_bytes([("Thôn", ["Tên thôn, bản, tổ dân phố", "Loại"], [["Bản Nà", "Bản"]])])
    services.villages_import(user=staff_a, commune=commune_a, data=data)
    village = Village.objects.get(commune=commune_a, name="Bản Nà")
    assert village.history.get().history_user == staff_a


def test_deleting_a_user_keeps_the_history_they_wrote_with_no_name_on_it(
    staff_a, corrected_denominator
):
    entries = corrected_denominator.history.filter(history_user=staff_a)
    assert entries.count() == 2
    ids = list(entries.values_list("history_id", flat=True))
    staff_a.delete()
    kept = corrected_denominator.history.filter(history_id__in=ids)
    assert kept.count() == 2
    assert set(kept.values_list("history_user", flat=True)) == {None}


def test_a_creation_shows_the_values_it_was_made_with_and_record_pages_link_their_history(
    client, staff_a, commune_a, corrected_denominator
):
    login(client, staff_a)
    page = client.get(reverse("areas:commune", args=[commune_a.code])).content.decode()
    url = reverse("areas:history", args=["areas.Denominator", corrected_denominator.pk])
    assert f'href="{url}"' in page
    history = client.get(url).content.decode()
    assert "Tạo mới" in history and "Dân số</strong>: 1.000<" in history
    assert "không đổi trường nào" not in history

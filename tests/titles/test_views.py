import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from khuyenhoc.areas.services import denominator_save
from tests.factories import login, once
from titles import recognition, services
from titles.models import Household, RecognitionList, Registration

from .conftest import YEAR, full_points

pytestmark = pytest.mark.django_db


def commune_urls(commune, registration):
    args = [commune.code, YEAR, "household"]
    return [
        reverse("titles:commune", args=[commune.code]),
        reverse("titles:list", args=args),
        reverse("titles:register", args=args),
        reverse("titles:import_registrations", args=args),
        reverse("titles:import_scores", args=args),
        reverse("titles:import_template", args=args),
        reverse("titles:scores_template", args=args),
        reverse("titles:evaluate", args=[registration.pk]),
        reverse("titles:correct", args=[registration.pk]),
        reverse("titles:certificate", args=[registration.pk]),
        reverse("titles:decision", args=args),
    ]


POST_ONLY = ["titles:propose", "titles:withdraw"]


def test_anonymous_users_are_sent_to_the_login_page(client, commune_a, registration):
    urls = [*commune_urls(commune_a, registration), reverse("titles:queue")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


def test_staff_of_another_commune_gets_404_everywhere(client, staff_b, commune_a, registration):
    login(client, staff_b)
    for url in commune_urls(commune_a, registration):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"head_name": "X", "members": 3}).status_code == 404, url
    assert client.post(reverse("titles:withdraw", args=[registration.pk])).status_code == 404
    propose = reverse("titles:propose", args=[commune_a.code, YEAR, "household"])
    assert client.post(propose).status_code == 404
    assert client.get(reverse("titles:queue")).status_code == 404
    registration.refresh_from_db()
    assert registration.state == "registered"


def test_staff_registers_a_household_created_inline(client, staff_a, commune_a, village_a):
    login(client, staff_a)
    url = reverse("titles:register", args=[commune_a.code, YEAR, "household"])
    assert "Chủ hộ" in client.get(url).content.decode()
    response = client.post(
        url, once({"head_name": "Hà Văn Tú", "members": 4, "village": village_a.pk})
    )
    assert response.status_code == 302
    registration = Registration.objects.get(household__head_name="Hà Văn Tú")
    assert registration.year == YEAR
    page = client.get(response["Location"]).content.decode()
    assert "Hộ ông/bà Hà Văn Tú" in page


def test_a_household_in_another_communes_village_is_refused_by_the_page(
    client, staff_a, commune_a, village_b
):
    login(client, staff_a)
    url = reverse("titles:register", args=[commune_a.code, YEAR, "household"])
    response = client.post(url, {"head_name": "Hà Văn Tú", "members": 4, "village": village_b.pk})
    assert response.status_code == 200
    assert "field-error" in response.content.decode()
    assert not Household.objects.exists()


def test_scores_above_the_maximum_are_refused_on_the_form(client, staff_a, registration):
    login(client, staff_a)
    url = reverse("titles:evaluate", args=[registration.pk])
    points = full_points("household")
    criteria = {i.code: i.pk for i in registration_indicators()}
    data = {f"i{criteria[code]}": value for code, value in points.items()}
    data[f"i{criteria['1.1']}"] = 11
    response = client.post(url, data)
    assert "tối đa 10 điểm, không thể chấm 11 điểm" in response.content.decode()
    registration.refresh_from_db()
    assert registration.state == "registered"


def registration_indicators():
    from titles.models import CriteriaSet

    return CriteriaSet.objects.in_force(title="household", year=YEAR).indicators()


def test_a_failing_evaluation_shows_its_reason(client, staff_a, registration):
    login(client, staff_a)
    url = reverse("titles:evaluate", args=[registration.pk])
    indicators = list(registration_indicators())
    data = {f"i{i.pk}": i.max_points for i in indicators}
    for indicator in indicators[:3]:
        data[f"i{indicator.pk}"] = 0
    response = client.post(url, data, follow=True)
    assert "Tổng 70 điểm, dưới ngưỡng 80" in response.content.decode()


def test_proposing_with_unevaluated_entries_shows_the_reason(
    client, staff_a, commune_a, registration
):
    login(client, staff_a)
    url = reverse("titles:propose", args=[commune_a.code, YEAR, "household"])
    response = client.post(url, follow=True)
    assert "Còn 1 đăng ký chưa đánh giá" in response.content.decode()
    assert not RecognitionList.objects.filter(state="proposed").exists()


def test_the_reviewer_queue_lists_proposed_lists_and_approval_works(
    client, reviewer, commune_a, registration, proposed_list
):
    login(client, reviewer)
    queue = client.get(reverse("titles:queue")).content.decode()
    assert commune_a.name in queue
    url = reverse("titles:review", args=[commune_a.code, YEAR, "household"])
    today = timezone.localdate()
    decision = {
        "action": "approve",
        "decision_number": "15/QĐ-UBND",
        "decision_date": today.isoformat(),
        "signer": "Nguyễn Văn Bình",
    }
    asked = client.post(url, decision)  # first, a page that says what will happen
    assert "1 đăng ký đạt được công nhận" in asked.content.decode()
    registration.refresh_from_db()
    assert registration.state == "proposed"
    response = client.post(url, {**decision, "xac_nhan": "1"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.state == "recognised"
    certificate = client.get(reverse("titles:certificate", args=[registration.pk]))
    assert "GIẤY CHỨNG NHẬN" in certificate.content.decode()
    assert "15/QĐ-UBND" in certificate.content.decode()
    decision = client.get(reverse("titles:decision", args=[commune_a.code, YEAR, "household"]))
    assert "Hộ ông/bà Lò Văn Sơn" in decision.content.decode()


def test_commune_staff_cannot_open_the_review_page(client, staff_a, commune_a, proposed_list):
    login(client, staff_a)
    url = reverse("titles:review", args=[commune_a.code, YEAR, "household"])
    assert client.get(url).status_code == 404


def test_the_admin_bulk_action_approves_through_the_service(
    client, reviewer, registration, proposed_list
):
    login(client, reviewer)
    url = reverse("admin:titles_recognitionlist_changelist")
    assert client.get(url).status_code == 200
    form = client.post(url, {"action": "approve", "_selected_action": [proposed_list.pk]})
    assert "Số quyết định" in form.content.decode()
    client.post(
        url,
        {
            "action": "approve",
            "apply": "1",
            "_selected_action": [proposed_list.pk],
            "decision_number": "16/QĐ-UBND",
            "decision_date": timezone.localdate().strftime("%d/%m/%Y"),
            "signer": "Nguyễn Văn Bình",
        },
    )
    proposed_list.refresh_from_db()
    assert proposed_list.state == "approved"
    assert proposed_list.decision_number == "16/QĐ-UBND"


def test_commune_staff_cannot_use_the_titles_admin(client, staff_a, registration):
    login(client, staff_a)
    for name in ("registration", "recognitionlist", "household", "criteriaset"):
        response = client.get(reverse(f"admin:titles_{name}_changelist"))
        assert response.status_code in (302, 403)


def test_an_administrator_can_add_a_criteria_set_version_in_the_admin(client, administrator):
    login(client, administrator)
    assert client.get(reverse("admin:titles_criteriaset_add")).status_code == 200


def test_the_commune_page_links_to_titles(client, staff_a, commune_a):
    login(client, staff_a)
    page = client.get(reverse("areas:commune", args=[commune_a.code])).content.decode()
    assert reverse("titles:commune", args=[commune_a.code]) in page


def test_the_import_page_offers_a_template_with_the_expected_columns(client, staff_a, commune_a):
    from khuyenhoc.core.sheets.spreadsheets import read_sheet
    from titles.imports import REGISTRATION_HEADERS

    login(client, staff_a)
    page = client.get(
        reverse("titles:import_registrations", args=[commune_a.code, YEAR, "household"])
    )
    assert "Tải tệp mẫu" in page.content.decode()
    response = client.get(
        reverse("titles:import_template", args=[commune_a.code, YEAR, "household"])
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    with pytest.raises(Exception, match="không có dòng dữ liệu"):
        read_sheet(response.content, headers=REGISTRATION_HEADERS["household"])


def test_the_history_of_a_registration_names_its_states_in_vietnamese(
    client, reviewer, staff_a, registration
):
    services.registration_evaluate(
        user=staff_a, registration=registration, points=full_points("household")
    )
    login(client, reviewer)
    url = reverse("areas:history", args=["titles.Registration", registration.pk])
    page = client.get(url).content.decode()
    assert "Trạng thái</strong>: Đã đăng ký → Đã đánh giá" in page
    assert "registered" not in page


def test_a_proposed_registration_shows_its_scores_without_a_form_and_refuses_a_change(
    client, staff_a, proposed_list, registration
):
    login(client, staff_a)
    url = reverse("titles:evaluate", args=[registration.pk])
    page = client.get(url).content.decode()
    assert services.LOCKED_PROPOSED in page  # what a save would answer, said up front
    assert "Lưu kết quả" not in page
    assert "<td>1.1." in page
    response = client.post(url, {f"i{i}": 0 for i in range(1, 200)}, follow=True)
    assert services.LOCKED_PROPOSED in response.content.decode()
    assert registration.evaluation.scores.filter(points=0).count() == 0


def test_the_commune_page_gives_each_titles_rates_against_the_communes_denominator(
    client, staff_a, commune_a, registration
):
    denominator_save(user=staff_a, commune=commune_a, year=YEAR, values={"households": 8})
    login(client, staff_a)
    page = client.get(reverse("titles:commune", args=[commune_a.code]), {"nam": YEAR}).text
    assert "Tỷ lệ đăng ký <b>12,5 %</b> · công nhận <b>0 %</b>" in page
    assert "(mẫu số 8)" in page
    # citizens have no denominator yet: the page says so and links to where it is entered
    denominator_url = reverse("areas:denominator", args=[commune_a.code, YEAR])
    assert f'Chưa có số liệu nền năm {YEAR} để tính tỷ lệ: <a href="{denominator_url}">' in page


def test_the_queue_counts_each_lists_entries_in_the_same_queries_however_many_lists(
    client, reviewer, staff_b, commune_b, village_b, proposed_list, django_assert_num_queries
):
    login(client, reviewer)
    with CaptureQueriesContext(connection) as one_list:
        client.get(reverse("titles:queue"))
    household = services.household_create(
        user=staff_b, commune=commune_b, village=village_b, head_name="Hà Văn Tú", members=3
    )
    registration = services.registration_create(
        user=staff_b, commune=commune_b, year=YEAR, title="household", subject=household
    )
    services.registration_evaluate(
        user=staff_b, registration=registration, points=full_points("household", **{"1_1": 0})
    )
    recognition.list_propose(user=staff_b, commune=commune_b, year=YEAR, title="household")
    with django_assert_num_queries(len(one_list)):
        page = client.get(reverse("titles:queue")).text
    assert page.count("1 đăng ký, 1 đạt") == 2

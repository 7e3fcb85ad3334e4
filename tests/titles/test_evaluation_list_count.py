"""The reviewers' list of evaluations counts on the evaluations alone when it lists them
all, and still counts only what the reviewer may see."""

from django.conf import settings

from khuyenhoc.areas.models import Commune, Village
from tests.factories import login, registered_households
from titles.models import CriteriaSet, Evaluation

URL = "/quan-tri/titles/evaluation/"


def _evaluated(commune, numbers, *, passed=True):
    village = Village.objects.create(commune=commune, name="Thôn Đánh Giá", kind="thon")
    criteria = CriteriaSet.objects.filter(title="household").first()
    for registration in registered_households(commune, village, numbers, 2026):
        Evaluation.objects.create(
            registration=registration, criteria_set=criteria, total=80, passed=passed
        )


def test_the_whole_list_counts_every_evaluation_of_the_province_and_names_the_subjects(
    client, reviewer, commune_a, commune_b
):
    _evaluated(commune_a, range(3))
    _evaluated(commune_b, range(3, 5), passed=False)
    login(client, reviewer)
    response = client.get(URL)
    assert response.context["cl"].result_count == 5
    assert "Hộ ông/bà Hộ 004" in response.content.decode()
    assert client.get(URL + "?passed__exact=0").context["cl"].result_count == 2


def test_evaluations_of_another_province_are_neither_counted_nor_listed(
    client, reviewer, commune_a
):
    _evaluated(commune_a, range(3))
    elsewhere = Commune.objects.exclude(province_id=settings.PROVINCE_CODE).first()
    _evaluated(elsewhere, range(10, 14))
    login(client, reviewer)
    response = client.get(URL)
    assert response.context["cl"].result_count == 3
    assert "Hộ ông/bà Hộ 010" not in response.content.decode()

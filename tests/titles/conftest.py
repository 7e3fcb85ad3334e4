import datetime

import pytest

from khuyenhoc.areas import services as area_services
from khuyenhoc.areas.models import Village
from titles import recognition, services
from titles.models import CriteriaSet

YEAR = 2026


@pytest.fixture
def village_a(commune_a):
    return Village.objects.create(
        commune=commune_a, name="Thôn Nà Lếch", name_folded="thon na lech"
    )


@pytest.fixture
def village_b(commune_b):
    return Village.objects.create(commune=commune_b, name="Bản Mòng", name_folded="ban mong")


@pytest.fixture
def village_c(commune_a):
    """A second village of our commune, for counts declared per village."""
    return Village.objects.create(commune=commune_a, name="Bản Cang", name_folded="ban cang")


@pytest.fixture
def denominators(staff_a, commune_a):
    """Our commune's denominators of YEAR, saved by the staff's own service."""
    area_services.denominator_save(
        user=staff_a,
        commune=commune_a,
        year=YEAR,
        values={
            "population": 1000,
            "adults": 700,
            "households": 250,
            "clans": 6,
            "villages": 3,
            "units": 9,
        },
    )


@pytest.fixture
def household(staff_a, commune_a, village_a):
    return services.household_create(
        user=staff_a, commune=commune_a, village=village_a, head_name="Lò Văn Sơn", members=5
    )


@pytest.fixture
def registration(staff_a, commune_a, household):
    return services.registration_create(
        user=staff_a, commune=commune_a, year=YEAR, title="household", subject=household
    )


def full_points(title, year=YEAR, **overrides):
    """Every indicator at its maximum, except the codes given (e.g. {"1.1": 4})."""
    criteria_set = CriteriaSet.objects.in_force(title=title, year=year)
    points = {i.code: i.max_points for i in criteria_set.indicators()}
    points.update({k.replace("_", "."): v for k, v in overrides.items()})
    return points


@pytest.fixture
def proposed_list(staff_a, commune_a, registration):
    services.registration_evaluate(
        user=staff_a, registration=registration, points=full_points("household")
    )
    return recognition.list_propose(user=staff_a, commune=commune_a, year=YEAR, title="household")


def citizen_data(village, **changes):
    """A citizen's form fields: Lò Thị Hoa, born 1990, of the first group."""
    return {
        "full_name": "Lò Thị Hoa",
        "birth_year": 1990,
        "sex": "nu",
        "group": 1,
        "village": village,
        **changes,
    }


@pytest.fixture
def citizen(staff_a, commune_a, village_a):
    return services.citizen_create(user=staff_a, commune=commune_a, **citizen_data(village_a))


def household_registered(staff, commune, village, head_name, members=3):
    """Another household, created and registered for YEAR as the form does it."""
    return services.subject_register(
        user=staff,
        commune=commune,
        year=YEAR,
        title="household",
        data={"head_name": head_name, "members": members, "village": village},
    )


def approve(reviewer, rlist):
    """The reviewer approves `rlist` under a decision dated today."""
    return recognition.list_approve(
        user=reviewer,
        rlist=rlist,
        decision_number="12/QĐ-UBND",
        decision_date=datetime.date.today(),
        signer="Nguyễn Văn Bình",
    )

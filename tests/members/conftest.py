from datetime import date

import pytest

from khuyenhoc.areas.models import Village
from members import services
from members.models import Branch


@pytest.fixture
def village_a(commune_a):
    return Village.objects.create(commune=commune_a, name="Bản Mòng", kind="ban")


@pytest.fixture
def commune_branch_a(staff_a, commune_a):
    return services.branch_create(
        user=staff_a,
        commune=commune_a,
        kind=Branch.Kind.COMMUNE,
        name=f"Hội Khuyến học {commune_a.name}",
        founded_on=date(2000, 1, 1),
    )


@pytest.fixture
def branch_a(staff_a, commune_a, village_a, commune_branch_a):
    return services.branch_create(
        user=staff_a,
        commune=commune_a,
        kind=Branch.Kind.VILLAGE,
        name="Chi hội Bản Mòng",
        village=village_a,
        founded_on=date(2010, 3, 1),
    )


@pytest.fixture
def branch_b(staff_b, commune_b):
    return services.branch_create(
        user=staff_b,
        commune=commune_b,
        kind=Branch.Kind.VILLAGE,
        name="Chi hội Bản Khác",
        founded_on=date(2010, 3, 1),
    )


def add_member(user, branch, name="Nguyễn Văn A", joined_on=date(2015, 5, 1), **extra):
    fields = {"gender": "nam", "birth_year": 1980, **extra}
    return services.member_create(
        user=user, branch=branch, full_name=name, joined_on=joined_on, **fields
    )

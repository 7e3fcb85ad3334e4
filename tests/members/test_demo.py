import pytest
from django.conf import settings

from khuyenhoc.areas import demo as area_demo
from members import demo
from members.models import Branch, Member

pytestmark = pytest.mark.django_db


def test_the_demo_register_has_a_hoi_per_commune_grassroots_branches_and_members(units):
    ctx = area_demo.build_context(province_code=settings.PROVINCE_CODE, scale="small", seed=7)
    area_demo.seed(ctx)
    demo.seed(ctx)
    assert Branch.objects.filter(kind="hoi_tinh", commune__isnull=True).count() == 1
    for commune in ctx.active_communes:
        assert Branch.objects.filter(commune=commune, kind="hoi_xa").count() == 1
        assert Branch.objects.filter(commune=commune, kind__in=Branch.GRASSROOTS).count() >= 8
        population = commune.denominators.order_by("-year").first().population
        share = Member.objects.filter(commune=commune).count() / population
        assert 0.05 <= share <= 0.25
    assert Member.objects.filter(left_on__isnull=False).exists()
    for member in Member.objects.select_related("branch")[:200]:
        assert member.joined_on >= member.branch.founded_on
    first = sorted(Member.objects.values_list("member_number", "full_name"))[:20]
    Member.objects.all().delete()
    for kinds in (Branch.GRASSROOTS, ["hoi_xa"], ["hoi_tinh"]):
        Branch.objects.filter(kind__in=kinds).delete()
    demo.seed(ctx)
    assert sorted(Member.objects.values_list("member_number", "full_name"))[:20] == first

"""The shared cache only saves work: with Redis down, pages still answer, built uncached."""

from django.core.cache import cache
from django.utils import timezone

from khuyenhoc.areas.services import denominator_save
from khuyenhoc.cache_config import cache_from_url
from tests.factories import year_with_figures

from .servers import free_port


def test_public_and_staff_pages_answer_while_redis_is_down(client, settings, staff_a, commune_a):
    nobody_listens = free_port()
    settings.CACHES = {"default": cache_from_url(f"redis://127.0.0.1:{nobody_listens}/1")}
    year = timezone.localdate().year
    year_with_figures(commune_a, year)
    denominator_save(user=staff_a, commune=commune_a, year=year, values={"population": 4321})

    response = client.get(f"/thong-ke/{commune_a.code}/")

    assert cache.get("anything", "unreachable") == "unreachable"
    assert response.status_code == 200
    assert "4.321" in response.content.decode()
    client.force_login(staff_a, backend="khuyenhoc.core.access.backends.StaffBackend")
    assert client.get(f"/quan-ly/xa/{commune_a.code}/").status_code == 200

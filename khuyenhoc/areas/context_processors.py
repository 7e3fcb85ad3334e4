from django.conf import settings
from django.core.cache import cache

from khuyenhoc.core.access.scope import is_reviewer

from .models import Province


def portal(request):
    """The province's name (cached: it never changes) and the user's reviewer flag."""
    name = cache.get_or_set(
        f"province-name-{settings.PROVINCE_CODE}",
        lambda: (
            Province.objects.filter(code=settings.PROVINCE_CODE)
            .values_list("name", flat=True)
            .first()
            or ""
        ),
        3600,
    )
    user = getattr(request, "user", None)
    return {
        "province_name": name,
        "is_reviewer": bool(user and is_reviewer(user)),
    }

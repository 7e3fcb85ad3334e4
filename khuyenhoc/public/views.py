from django.conf import settings
from django.db.models import Count
from django.shortcuts import render

from khuyenhoc.areas.models import Commune


def home(request):
    """The front page: what the portal is and where the public figures are."""
    counts = (
        Commune.objects.filter(province_id=settings.PROVINCE_CODE)
        .values("kind")
        .annotate(n=Count("code"))
        .order_by("kind")
    )
    return render(request, "public/home.html", {"commune_counts": list(counts)})

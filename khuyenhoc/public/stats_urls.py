"""Public figures under /thong-ke/ (issue: public dashboards)."""

from django.urls import path

from . import commune_views, groups, legacy_exports, legacy_views
from . import stats_views as views

app_name = "stats"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("du-lieu.csv", views.download_csv, name="csv"),
    path("du-lieu.xlsx", views.download_xlsx, name="xlsx"),
    path("ping", views.ping, name="ping"),
    path("<int:code>/", commune_views.commune, name="commune"),
    path("huyen-cu/<int:district>/", legacy_views.district, name="legacy_district"),
    *[
        path(f"huyen-cu/du-lieu.{fmt}", legacy_exports.province_download, {"fmt": fmt}, name)
        for fmt, name in (("csv", "legacy_csv"), ("xlsx", "legacy_xlsx"))
    ],
    *[
        path(
            f"huyen-cu/<int:district>/du-lieu.{fmt}",
            legacy_exports.district_download,
            {"fmt": fmt},
            name,
        )
        for fmt, name in (("csv", "legacy_district_csv"), ("xlsx", "legacy_district_xlsx"))
    ],
    path("nhom/<int:pk>/", groups.group, name="group"),
]

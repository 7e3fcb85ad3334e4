from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("tinh/", views.province_latest, name="province_latest"),
    path("tinh/<year:year>/", views.province_report, name="province"),
    path(
        "tinh/<year:legacy_year>/huyen-cu/<int:district>/",
        views.legacy_district_report,
        name="legacy_district",
    ),
    path("tinh/<year:year>/bao-cao.xlsx", views.province_xlsx, name="province_xlsx"),
    path("tinh/<year:year>/tao-xlsx/", views.province_xlsx_job, name="province_xlsx_job"),
    path("<int:code>/", views.commune_latest, name="commune_latest"),
    path("<int:code>/<year:year>/", views.commune_report, name="commune"),
    path("<int:code>/<year:year>/bao-cao.xlsx", views.commune_xlsx, name="commune_xlsx"),
    path("<int:code>/<year:year>/thuyet-minh/", views.commune_narrative, name="narrative"),
    path("<int:code>/<year:year>/nop/", views.commune_submit, name="submit"),
]

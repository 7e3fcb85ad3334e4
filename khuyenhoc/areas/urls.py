from django.urls import path

from . import views, views_history, views_past, views_villages

app_name = "areas"

urlpatterns = [
    path("", views.staff_home, name="staff_home"),
    path("xa/<int:code>/", views.commune_detail, name="commune"),
    path("xa/<int:code>/so-lieu-nen/<year:year>/", views.denominator_edit, name="denominator"),
    path("xa/<int:code>/thon/them/", views_villages.village_create, name="village_create"),
    path("xa/<int:code>/thon/<int:pk>/sua/", views_villages.village_edit, name="village_edit"),
    path("xa/<int:code>/thon/<int:pk>/gop/", views_villages.village_merge, name="village_merge"),
    path("xa/<int:code>/thon/nhap-excel/", views_villages.village_import, name="village_import"),
    path("lich-su/<str:label>/<int:pk>/", views_history.record_history, name="history"),
    path("nam-cu/", views_past.legacy_home, name="legacy_home"),
    path("nam-cu/<year:legacy_year>/", views_past.legacy_year, name="legacy_year"),
    path(
        "nam-cu/<year:legacy_year>/xa-cu/<int:old>/", views_past.legacy_report, name="legacy_report"
    ),
    path("nam-cu/<year:legacy_year>/nhap-excel/", views_past.legacy_import, name="legacy_import"),
    path("nam-cu/<year:legacy_year>/mau.xlsx", views_past.legacy_template, name="legacy_template"),
    path("xa/<int:code>/thon/mau.xlsx", views_villages.village_template, name="village_template"),
]

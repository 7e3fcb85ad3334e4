from django.urls import path

from . import views

app_name = "areas"

urlpatterns = [
    path("", views.staff_home, name="staff_home"),
    path("xa/<int:code>/", views.commune_detail, name="commune"),
    path("xa/<int:code>/so-lieu-nen/<int:year>/", views.denominator_edit, name="denominator"),
    path("xa/<int:code>/thon/them/", views.village_create, name="village_create"),
]

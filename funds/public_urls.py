from django.urls import path

from . import public_views

app_name = "funds_public"

urlpatterns = [
    path("", public_views.province, name="province"),
    path("<int:code>/", public_views.commune, name="commune"),
]

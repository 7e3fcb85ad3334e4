"""The household's pages under /tu-danh-gia/: public, opened by a registration code."""

from django.urls import path

from . import views_public as views

app_name = "selfservice"

urlpatterns = [
    path("", views.home, name="home"),
    path("ma/", views.enter, name="enter"),
    path("dang-ky/", views.register, name="register"),
    path("giay-chung-nhan/", views.certificate, name="certificate"),
    path("thoat/", views.leave, name="leave"),
    path("<int:code>/", views.commune, name="commune"),
]

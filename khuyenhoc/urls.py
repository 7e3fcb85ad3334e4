"""The only module that knows every app."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, register_converter

from khuyenhoc.core.web.health import healthz
from khuyenhoc.core.web.params import YearConverter

from .areas.forms_auth import LoginForm
from .areas.views_auth import LogoutView

# before the apps' patterns are read: they take <year:year>
register_converter(YearConverter, "year")

urlpatterns = [
    path("", include("khuyenhoc.public.urls")),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("dang-xuat/", LogoutView.as_view(), name="logout"),
    path("thong-ke/quy/", include("funds.public_urls")),
    path("thong-ke/", include("khuyenhoc.public.stats_urls")),
    path("tu-danh-gia/", include("titles.selfservice.public_urls")),
    path("quan-ly/bao-cao/", include("khuyenhoc.reports.urls")),
    path("quan-ly/", include("khuyenhoc.areas.urls")),
    path("quan-ly/hoi-vien/", include("members.urls")),
    path("quan-ly/danh-hieu/", include("titles.urls")),
    path("quan-ly/quy/", include("funds.urls")),
    path("quan-ly/viec/", include("khuyenhoc.jobs.urls")),
    path("quan-ly/kiem-tra/", include("khuyenhoc.quality.urls")),
    path("quan-tri/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # pages name the icon; the admin's pages do not, and browsers then ask for this
    path("favicon.ico", lambda request: redirect(static("img/favicon.svg"), permanent=True)),
]

handler404 = "khuyenhoc.core.web.errors.not_found"
handler500 = "khuyenhoc.core.web.errors.server_error"

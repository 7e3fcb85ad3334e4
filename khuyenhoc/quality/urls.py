from django.urls import path

from . import views

app_name = "quality"

urlpatterns = [
    path("", views.violations, name="violations"),
    path("bao-cao/", views.completeness_page, name="completeness"),
    path("bao-cao/<int:code>/<year:year>/nhac/", views.remind, name="remind"),
    path("loi-nhac/<int:pk>/da-doc/", views.reminder_read, name="reminder_read"),
]

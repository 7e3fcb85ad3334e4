from django.urls import path

from . import public_views, views_campaigns

app_name = "funds_public"

urlpatterns = [
    path("", public_views.province, name="province"),
    path("<int:code>/", public_views.commune, name="commune"),
    path("van-dong/<int:pk>/", views_campaigns.campaign_public, name="campaign"),
]

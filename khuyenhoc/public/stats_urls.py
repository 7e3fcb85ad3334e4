"""Public figures under /thong-ke/ (issue: public dashboards)."""

app_name = "stats"

urlpatterns = []

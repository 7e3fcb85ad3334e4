from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "khuyenhoc.reports"
    label = "reports"
    verbose_name = "Báo cáo năm"
    commune_links = [("Báo cáo năm", "reports:commune_latest")]
    # What people type that may name a person (khuyenhoc.core.erasure): "the family of …"
    free_texts = {"AnnualReport": ["highlights", "difficulties", "proposals"]}

    def ready(self):
        # the province report, written by a background job (khuyenhoc.jobs.registry)
        from . import views  # noqa: F401

from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Hội viên và chi hội"
    # Shown on the staff home and the commune page (khuyenhoc.areas.views.commune_links).
    commune_links = [("Hội viên", "members:list"), ("Chi hội", "members:branches")]
    # What people type that may name a person (khuyenhoc.core.erasure): "left with her husband …"
    free_texts = {"Member": ["leave_reason"]}

    def ready(self):
        # the report, downloads, overview and comparison read them (khuyenhoc.core.registry)
        from .indicators import register_indicators

        register_indicators()
        # its sheet import, run as a background job when long (khuyenhoc.jobs.registry)
        from . import views_excel  # noqa: F401

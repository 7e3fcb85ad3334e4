from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "khuyenhoc.quality"
    label = "quality"
    verbose_name = "Chất lượng và công bố số liệu"

    def ready(self):
        from khuyenhoc.core import checks

        from . import rules

        checks.register(rules.check)

from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "khuyenhoc.quality"
    label = "quality"
    verbose_name = "Chất lượng và công bố số liệu"
    inbox = "khuyenhoc.quality.inbox.items"  # the staff home's inbox
    # (label, URL name, for reviewers only): the staff home's links across communes
    province_links = [
        ("Số liệu cần kiểm tra", "quality:violations", True),
        ("Xã, phường đã báo cáo", "quality:completeness", True),
    ]

    def ready(self):
        from khuyenhoc.core import checks

        from . import rules

        checks.register(rules.check)

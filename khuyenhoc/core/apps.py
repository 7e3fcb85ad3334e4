from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "khuyenhoc.core"
    label = "core"
    verbose_name = "Dùng chung"

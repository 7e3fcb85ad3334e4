from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "khuyenhoc.areas"
    label = "areas"
    verbose_name = "Đơn vị hành chính"

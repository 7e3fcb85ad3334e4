from django.apps import AppConfig


class FundsConfig(AppConfig):
    name = "funds"
    verbose_name = "Quỹ khuyến học"
    commune_links = [("Quỹ khuyến học", "funds:commune")]

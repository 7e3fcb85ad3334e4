from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "khuyenhoc.public"
    label = "public"
    verbose_name = "Trang công khai"

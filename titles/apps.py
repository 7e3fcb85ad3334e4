from django.apps import AppConfig


class TitlesConfig(AppConfig):
    name = "titles"
    verbose_name = "Danh hiệu học tập"
    commune_links = [("Danh hiệu học tập", "titles:commune")]

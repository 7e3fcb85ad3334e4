from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "khuyenhoc.submissions"
    label = "submissions"
    verbose_name = "Biểu mẫu và tệp đã gửi"

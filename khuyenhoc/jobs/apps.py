from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "khuyenhoc.jobs"
    label = "jobs"
    verbose_name = "Việc chạy nền"

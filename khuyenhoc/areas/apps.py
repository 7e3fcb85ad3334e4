from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "khuyenhoc.areas"
    label = "areas"
    verbose_name = "Đơn vị hành chính"
    # (label, URL name, for reviewers only): the staff home's links across communes
    province_links = [("Số liệu các năm trước sáp nhập (xã cũ)", "areas:legacy_home", False)]

    def ready(self):
        # the villages import, run as a background job when long (khuyenhoc.jobs.registry)
        from . import views_villages  # noqa: F401

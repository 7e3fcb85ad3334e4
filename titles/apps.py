from django.apps import AppConfig


class TitlesConfig(AppConfig):
    name = "titles"
    verbose_name = "Danh hiệu học tập"
    commune_links = [
        ("Danh hiệu học tập", "titles:commune"),
        ("Số lượng không kèm danh sách", "titles:declared"),
        ("Hồ sơ người dân tự đăng ký", "titles:self_queue"),
    ]
    # What people type that may name a person: an erasure on request takes the person's
    # name out of it (khuyenhoc.core.erasure). A reviewer's reason names whom to correct.
    free_texts = {
        "Transition": ["note"],
        "RecognitionList": ["return_reason"],
        "SelfRegistration": ["reason"],
    }
    # (label, URL name, for reviewers only): the staff home's links across communes
    # read by khuyenhoc.quality's completeness page, which imports no app
    list_submissions = "titles.selectors.list_submissions"
    inbox = "titles.selectors.inbox"  # the staff home's inbox
    province_links = [
        ("Danh sách chờ thẩm định", "titles:queue", True),
        ("So sánh danh hiệu giữa các xã, phường", "titles:compare", False),
    ]

    def ready(self):
        # the report, downloads, overview and comparison read them (khuyenhoc.core.registry)
        from .indicators import register_indicators

        register_indicators()
        # its sheet imports, run as background jobs when long (khuyenhoc.jobs.registry)
        from . import views_excel  # noqa: F401

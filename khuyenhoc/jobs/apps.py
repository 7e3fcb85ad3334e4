from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "khuyenhoc.jobs"
    label = "jobs"
    verbose_name = "Việc chạy nền"
    inbox = "khuyenhoc.jobs.inbox.items"  # the staff home's inbox

    def ready(self):
        # jobs are read on their own pages, scoped (Job.objects.for_user); the backend's
        # table holds every job's arguments for every commune and stays out of the admin
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
        # backups run as background jobs (registry.py)
        from . import backup  # noqa: F401

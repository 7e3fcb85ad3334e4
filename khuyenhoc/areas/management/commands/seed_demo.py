import contextvars
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from khuyenhoc.areas import demo, summaries
from khuyenhoc.areas.models import Province
from khuyenhoc.areas.units import load_units
from khuyenhoc.core.db.statistics import analyze_database
from khuyenhoc.core.db.threads import on_own_connection


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu cho một tỉnh (tài khoản, thôn, số liệu nền, hội viên, danh hiệu, quỹ)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            type=int,
            default=None,
            help="Mã tỉnh; phải là tỉnh mà cổng phục vụ (PROVINCE_CODE), mặc định tỉnh đó",
        )
        parser.add_argument("--scale", choices=["small", "province"], default="small")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--people",
            type=int,
            default=None,
            help="Số dân cả tỉnh khi --scale province (mặc định 2.500.000)",
        )
        parser.add_argument(
            "--force", action="store_true", help="Cho phép chạy khi DEBUG tắt (máy thật)."
        )

    def handle(self, *args, province, scale, seed, people, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG đang tắt: seed_demo không chạy trên hệ thống thật. "
                "Thêm --force nếu chắc chắn."
            )
        code = province or settings.PROVINCE_CODE
        if not Province.objects.exists():
            load_units()
        if not Province.objects.filter(code=code).exists():
            raise CommandError(f"Không có tỉnh mã {code}.")
        if code != settings.PROVINCE_CODE:
            # the demo's lists are approved by the province's reviewers, who can only
            # review the communes of the province the portal serves
            raise CommandError(
                f"Cổng này phục vụ tỉnh mã {settings.PROVINCE_CODE} (PROVINCE_CODE). Để tạo "
                f"dữ liệu mẫu cho tỉnh mã {code}, chạy lại với biến môi trường "
                f"PROVINCE_CODE={code}."
            )
        ctx = demo.build_context(
            province_code=code, scale=scale, seed=seed, stdout=self.stdout, people=people
        )
        demo.ensure_accounts(ctx)
        if demo.already_seeded(code):
            self.stdout.write(f"Dữ liệu mẫu của {ctx.province.name} đã có; không tạo thêm.")
        else:
            self.stdout.write(
                f"Tạo dữ liệu mẫu cho {ctx.province.name} (quy mô {scale}, seed {seed})…"
            )
            timed = self._timed if options["verbosity"] >= 2 else lambda _name, call: call()
            with summaries.deferred():  # rebuilt once, below, from every app's records
                self._seed_apps(ctx, timed)
            timed("summaries", summaries.rebuild_all)
            # plan every page of the demo from statistics, not from guesses until
            # autovacuum comes by (core.db.statistics says what a guess cost)
            timed("statistics", analyze_database)
        self._print_accounts(ctx)
        # an app's demo may print what a newcomer needs to try it, on every run
        for module in self._demo_modules():
            if hasattr(module, "describe"):
                module.describe(ctx)

    def _seed_apps(self, ctx, timed):
        """Each app's demo, in INSTALLED_APPS order. A set-based seeder of a whole
        province (`<app>.demo_province`) keeps one PostgreSQL backend busy for minutes
        while Python waits: it runs in a thread on a connection of its own as soon as the
        first app (areas: the villages and denominators it reads) is in, beside the other
        apps, whose Python draws their rows on the machine's other core. It reads nothing
        they write and they read nothing it writes (each app draws from its own stream),
        so the rows are the same as one after the other."""
        first, *rest = self._demo_modules()
        timed(first.__name__, lambda: first.seed(ctx))
        beside = {module: self._province_seeder(module, ctx) for module in rest}
        with ThreadPoolExecutor(max_workers=2) as pool:
            running = [
                # the thread sees this one's context variables (summaries.deferred)
                pool.submit(
                    contextvars.copy_context().run,
                    on_own_connection,
                    lambda module=module, seeder=seeder: timed(
                        module.__name__, lambda: seeder.seed(ctx)
                    ),
                )
                for module, seeder in beside.items()
                if seeder is not None
            ]
            try:
                for module, seeder in beside.items():
                    if seeder is None:
                        timed(module.__name__, lambda module=module: module.seed(ctx))
            finally:
                for future in running:
                    future.result()  # waits, and raises what the thread raised

    def _timed(self, name, call):
        """-v 2 says where a seed's time goes (the bench province's docstring quotes it)."""
        started = time.monotonic()
        call()
        self.stdout.write(f"    ({name}: {time.monotonic() - started:.1f} s)")

    def _province_seeder(self, module, ctx):
        """A whole province on PostgreSQL is seeded set-based by `<app>.demo_province`
        where an app has one (titles: 3,9 million registrations in minutes, not 20)."""
        if ctx.scale != "province" or connection.vendor != "postgresql":
            return None
        try:
            return import_module(f"{module.__name__}_province")
        except ModuleNotFoundError as exc:
            if exc.name != f"{module.__name__}_province":
                raise
            return None

    def _demo_modules(self):
        modules = []
        for config in apps.get_app_configs():
            try:
                modules.append(import_module(f"{config.name}.demo"))
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
        return modules

    def _print_accounts(self, ctx):
        self.stdout.write("Tài khoản dùng thử (tên đăng nhập / mật khẩu):")
        staff = ", ".join(c.name for c in ctx.active_communes[:2])
        roles = {
            "canbo": f"cán bộ khuyến học của {staff}",
            "thamdinh": "cán bộ Hội tỉnh, thẩm định",
            "quantri": "quản trị",
        }
        for username, password, _role, _name in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {username} / {password}   ({roles[username]})")

"""Demo data of the areas app: accounts, villages and yearly denominators.

Each app may have a `demo.py` with `seed(ctx)`; the seed_demo command calls them in
INSTALLED_APPS order with one DemoContext, each app drawing from its own random stream
so that adding data in one app never shifts another's.
"""

import random
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from khuyenhoc.core.numbers import number
from khuyenhoc.core.text import fold

from . import legacy, services
from .demo_names import village_names
from .models import Commune, Denominator, Province, StaffProfile, Village
from .reform import REFORM_YEAR

DEMO_ACCOUNTS = [
    # username, password, role, full name
    ("canbo", "CanBo@Demo2026", StaffProfile.Role.COMMUNE_STAFF, "Lò Thị Hoa"),
    ("thamdinh", "ThamDinh@Demo2026", StaffProfile.Role.REVIEWER, "Nguyễn Văn Bình"),
    ("quantri", "QuanTri@Demo2026", StaffProfile.Role.ADMINISTRATOR, "Trần Minh Quân"),
]

DEMO_GROUP = "Cụm thi đua số 1"
# Years whose records belong to today's communes; earlier years belong to the legacy units.
RECORD_YEARS = (REFORM_YEAR, REFORM_YEAR + 1)
LEGACY_YEARS = (REFORM_YEAR - 2, REFORM_YEAR - 1)
# People of the province at --scale province (Phú Thọ has about 2.5 million); the bench
# asks for fewer, so that its seed fits its time.
PROVINCE_PEOPLE = 2_500_000


@dataclass
class DemoContext:
    province: Province
    communes: list[Commune]
    active_communes: list[Commune]  # communes that get members, titles and funds
    scale: str
    seed: int
    stdout: object = None
    record_years: tuple[int, ...] = RECORD_YEARS
    legacy_years: tuple[int, ...] = LEGACY_YEARS
    accounts: dict = field(default_factory=dict)
    province_people: int = PROVINCE_PEOPLE

    def rng(self, app_label: str) -> random.Random:
        return random.Random(f"{self.seed}:{app_label}")

    @property
    def size_factor(self) -> float:
        """The province's size against the real one (1 at --scale small): what does not
        follow the people of a commune, such as its funds, is scaled by it."""
        if self.scale != "province":
            return 1.0
        return self.province_people / PROVINCE_PEOPLE

    def say(self, text: str):
        if self.stdout is not None:
            self.stdout.write(text)


def build_context(
    *, province_code: int, scale: str, seed: int, stdout=None, people: int | None = None
) -> DemoContext:
    province = Province.objects.get(code=province_code)
    communes = list(Commune.objects.filter(province=province).order_by("code"))
    rng = random.Random(f"{seed}:active")
    if scale == "province":
        active = communes
    else:
        # a phường and a few xã, so the demo shows both kinds
        phuong = [c for c in communes if c.kind == "phường"][:1]
        xa = rng.sample([c for c in communes if c.kind != "phường"], k=min(4, len(communes)))
        active = sorted(phuong + xa, key=lambda c: c.code)
    ctx = DemoContext(province, communes, active, scale, seed, stdout)
    if people:
        ctx.province_people = people
    return ctx


def already_seeded(province_code: int) -> bool:
    return Denominator.objects.filter(commune__province_id=province_code).exists()


def ensure_accounts(ctx: DemoContext):
    staff_communes = ctx.active_communes[:2]
    for username, password, role, full_name in DEMO_ACCOUNTS:
        communes = staff_communes if role == StaffProfile.Role.COMMUNE_STAFF else []
        ctx.accounts[username] = services.staff_account_ensure(
            username=username,
            password=password,
            role=role,
            communes=communes,
            full_name=full_name,
        )


@transaction.atomic
def seed(ctx: DemoContext):
    rng = ctx.rng("areas")
    # The small demo's communes are smaller than today's (about 17,000 people): every
    # title is registered at its real rate, 3 in 4 adults among them, and a third of the
    # rows keeps the first start on SQLite short. --scale province has the real size.
    small = settings.DEMO_PEOPLE_PER_COMMUNE * len(ctx.communes)
    total_people = ctx.province_people if ctx.scale == "province" else small
    average = total_people / max(len(ctx.communes), 1)
    villages, denominators = [], []
    for commune in ctx.communes:
        urban = commune.kind == "phường"
        count = rng.randint(8, 25) if urban else rng.randint(6, 40)
        for name, kind in village_names(rng, count, urban):
            villages.append(Village(commune=commune, name=name, name_folded=fold(name), kind=kind))
        population = int(average * rng.uniform(0.55, 1.45))
        for year in sorted(ctx.record_years):
            population = int(population * rng.uniform(1.003, 1.015))
            households = int(population / rng.uniform(3.6, 4.0))
            denominators.append(
                Denominator(
                    commune=commune,
                    year=year,
                    population=population,
                    adults=int(population * rng.uniform(0.64, 0.72)),
                    households=households,
                    clans=max(3, households // rng.randint(40, 120)),
                    villages=count,
                    units=rng.randint(8, 45),
                )
            )
    Village.objects.bulk_create(villages, batch_size=2000)
    Denominator.objects.bulk_create(denominators, batch_size=2000)
    ctx.say(
        f"  {len(ctx.communes)} xã, phường: {number(len(villages))} thôn, bản, tổ dân phố; "
        f"số liệu nền các năm {', '.join(map(str, ctx.record_years))}."
    )
    # a named group, as an administrator would define one: the communes the demo fills
    services.commune_group_save(
        user=None,
        name=DEMO_GROUP,
        description="Nhóm mẫu: các xã, phường có số liệu đầy đủ của bản dùng thử.",
        communes=ctx.active_communes,
    )
    legacy.seed(ctx)

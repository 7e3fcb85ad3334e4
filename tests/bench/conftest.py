"""The seeded province, shared by the public, admin-list and report benches of one run."""

import os
import shutil

import pytest

from tests.bench import province
from tests.bench.util import bench_line


@pytest.fixture(scope="session")
def seeded_province():
    seeded = province.seed()
    bench_line(
        "province_seed",
        seconds=seeded.seed_seconds,
        province=province.PROVINCE,
        people=seeded.people,
        limit_s=province.SEED_LIMIT_SECONDS,
    )
    try:
        yield seeded
    finally:
        shutil.rmtree(seeded.static_root, ignore_errors=True)
        province.drop(os.environ["DATABASE_URL"])

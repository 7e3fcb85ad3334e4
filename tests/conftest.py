"""Shared fixtures: the official units loaded once per test database, and three kinds of
users (staff of a commune, staff of another commune, a provincial reviewer)."""

import os

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import blocking_manager_key

from khuyenhoc.areas.models import Commune
from tests import parallel_db
from tests.demo_snapshot import (
    demo_snapshot,  # noqa: F401  (a fixture for every app)
    restore_base_if_flushed,
    take_base_snapshot,
)
from tests.factories import make_user

TEMPLATE = pytest.StashKey[object]()

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Hypothesis the same way on every run, on a laptop as in CI: the examples follow from
# the test alone (derandomize), so a failure shows again on the next run and a green run
# means the same thing everywhere; no example database to carry between machines.
# A test's own @settings(max_examples=…) still says how hard that test looks.
hypothesis_settings.register_profile(
    "khuyenhoc", derandomize=True, max_examples=50, deadline=None, database=None
)
hypothesis_settings.load_profile("khuyenhoc")


@pytest.hookimpl(tryfirst=True)  # before xdist's own, which starts the workers
def pytest_sessionstart(session):
    """Run in parallel, the controller migrates once into a template (tests/parallel_db.py)."""
    config = session.config
    if parallel_db.is_controller(config):
        with config.stash[blocking_manager_key].unblock():
            config.stash[TEMPLATE] = parallel_db.create_migrated_database()
            parallel_db.close_template()


def pytest_configure_node(node):
    """Tells each xdist worker which template to copy its database from."""
    node.workerinput[parallel_db.TEMPLATE_KEY] = settings.DATABASES["default"]["NAME"]


def pytest_sessionfinish(session):
    config = session.config
    if TEMPLATE in config.stash:
        with config.stash[blocking_manager_key].unblock():
            parallel_db.drop_database(config.stash[TEMPLATE])


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker):
    """The test database with the units: copied from the controller's template in an xdist
    worker, migrated here otherwise."""
    template = parallel_db.template_of(request.config)
    with django_db_blocker.unblock():
        if template:
            original = settings.DATABASES["default"]["NAME"]
            clone = parallel_db.clone_template(template)
        else:
            created = parallel_db.create_migrated_database()
    yield
    with django_db_blocker.unblock():
        if template:
            parallel_db.drop_clone(clone, original)
        else:
            parallel_db.drop_database(created)


BASE = pytest.StashKey[object]()


@pytest.fixture(scope="session")
def base_snapshot(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        request.config.stash[BASE] = take_base_snapshot()
    return request.config.stash[BASE]


def _flushes(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    return transactional or {"transactional_db", "live_server"} & set(item.fixturenames)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (a browser journey, the app hosts) ends in a flush that
    empties the units too: they are put back once, committed, right after it. Put back
    by each later test inside its own rolled-back transaction instead, they were copied
    and analyzed again for every test that followed, a minute of the run or more,
    depending on which worker stole the browser tests."""
    yield
    # after the last test the session's teardown has dropped the database already
    if nextitem is not None and BASE in item.config.stash and _flushes(item):
        with item.config.stash[blocking_manager_key].unblock():
            restore_base_if_flushed(item.config.stash[BASE])


@pytest.fixture
def units(db, base_snapshot):
    """The units and the data that migrations ship, also after a transactional test
    (a browser journey, run in any order on either worker) flushed them."""
    restore_base_if_flushed(base_snapshot)


@pytest.fixture
def commune_a(units):
    return Commune.objects.filter(province_id=settings.PROVINCE_CODE).order_by("code")[0]


@pytest.fixture
def commune_b(units):
    return Commune.objects.filter(province_id=settings.PROVINCE_CODE).order_by("code")[1]


@pytest.fixture
def staff_a(commune_a):
    return make_user("canbo_a", role="commune_staff", communes=[commune_a])


@pytest.fixture
def staff_b(commune_b):
    return make_user("canbo_b", role="commune_staff", communes=[commune_b])


@pytest.fixture
def reviewer(units):
    return make_user("thamdinh", role="reviewer")


@pytest.fixture
def administrator(units):
    return make_user("quantri", role="administrator")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium: Playwright's own browser download cannot work on these machines."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True, scope="session")
def each_password_hashed_once():
    """Argon2 with 64 MiB costs about 80 ms a hash by design, and the suite makes staff
    accounts by the thousand (one per fixture, per test). Each password is hashed once per
    run and the hash reused: still a real Argon2id hash that verifies, with the tuned
    costs (tests/areas/test_password_hashing.py), only sharing one salt."""
    from khuyenhoc.core.access.hashers import TunedArgon2PasswordHasher

    original = TunedArgon2PasswordHasher.encode
    hashed = {}

    def encode(self, password, salt):
        if password not in hashed:
            hashed[password] = original(self, password, salt)
        return hashed[password]

    TunedArgon2PasswordHasher.encode = encode
    yield
    TunedArgon2PasswordHasher.encode = original


@pytest.fixture(autouse=True, scope="session")
def private_files_in_a_temporary_folder(tmp_path_factory):
    """Scans of signed lists (funds.models.PrivateStorage) go to a folder of the run."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("private")


@pytest.fixture(autouse=True)
def public_pages_remember_nothing_between_tests():
    """The public pages remember their work per figures' version (khuyenhoc/public/memo.py);
    a test writes figures straight into the summary tables and rolls them back, which
    the version does not see, so each test starts with nothing remembered."""
    from khuyenhoc.public import memo

    memo.forget()
    yield

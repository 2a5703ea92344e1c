"""Fixtures every test may use. Test inputs (answers, queries) live in tests/inputs.py.

The guidance content is seeded once per session, into the test database every test starts
from: each test runs in a transaction that is rolled back, so what one test edits, the next
never sees. A test on a real transaction (the browser tests' live server) empties the
database when it ends, so the staff groups and the content are put back after it:
pytest-randomly runs the tests in any order.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from hypothesis import settings
from pytest_django.plugin import blocking_manager_key

from clinics.roles import CLINIC_STAFF, CLINIC_STAFF_PERMISSIONS
from kneecare.content.roles import COACH_PERMISSIONS, COACHES
from kneecare.content.seeding import KINDS, seed_content
from symptoms.views import cached_blank_questions

# Speed is measured by `make bench`, never by a timed test: hypothesis's per-example deadline
# (200 ms) made property tests fail on a busy CI machine while their logic was sound.
settings.register_profile("kneecare", deadline=None)
settings.load_profile("kneecare")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The migrated test database, with the guidance content as `make run` seeds it."""
    with django_db_blocker.unblock():
        seed_content()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    """Seed the content again once a transactional test has emptied the database.

    A hook, not a fixture: it must run after every fixture's teardown, the flush included,
    whichever fixture set up the transactional database (the live server does it itself).
    """
    result = yield
    if "transactional_db" in getattr(item, "fixturenames", ()):
        with item.config.stash[blocking_manager_key].unblock():
            restore_staff_groups()
            seed_content()
    return result


def restore_staff_groups():
    """The staff groups the migrations create, which the flush empties too: as the roles
    say, which tests/test_tools.py checks the migrations match."""
    for name, permissions in (
        (COACHES, COACH_PERMISSIONS),
        (CLINIC_STAFF, CLINIC_STAFF_PERMISSIONS),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
            for app_label, models in permissions.items()
            for model, actions in models.items()
            for action in actions
        )


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches, whether local memory or a shared Redis, and with
    no page fragment rendered by an earlier test."""
    for cache in caches.all():
        cache.clear()
    cached_blank_questions.cache_clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def seeded(db):
    """The guidance content as `make run` seeds it (seeded once for the whole session)."""


@pytest.fixture
def unseeded(db):
    """A database without the guidance content, for the tests of seeding itself."""
    for kind in reversed(KINDS):
        kind.model.objects.all().delete()

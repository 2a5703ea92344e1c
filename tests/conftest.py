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
from pytest_django.fixtures import validate_django_db
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
    """Put the staff groups and the content back once a transactional test has emptied the
    database: the one place they are restored.

    A hook, not a fixture: it must run after every fixture's teardown, the flush included,
    whichever fixture set up the transactional database (the live server does it itself),
    and even when one of those teardowns failed (the flush has run all the same).
    """
    try:
        return (yield)
    finally:
        if empties_database(item):
            with item.config.stash[blocking_manager_key].unblock():
                restore_staff_groups()
                seed_content()


def empties_database(item):
    """Whether the test ran on a real transaction, which ends with the database flushed:
    asked for by fixture (`transactional_db`, `live_server`) or by marker, as pytest-django
    decides it."""
    names = getattr(item, "fixturenames", ())
    if "transactional_db" in names or "live_server" in names:
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    transaction, reset_sequences, *_ = validate_django_db(marker)
    return transaction or reset_sequences


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

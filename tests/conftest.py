"""Fixtures every test may use. Test inputs (answers, queries) live in tests/inputs.py.

The guidance content is seeded once per session, into the test database every test starts
from: each test runs in a transaction that is rolled back, so what one test edits, the next
never sees. A test on a real transaction (the browser tests' live server) empties the
database when it ends, so the content is seeded again after it: pytest-randomly runs the
tests in any order.
"""

import pytest
from django.core.cache import caches
from pytest_django.plugin import blocking_manager_key

from kneecare.content.seeding import KINDS, seed_content
from symptoms.views import cached_blank_questions


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
            seed_content()
    return result


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

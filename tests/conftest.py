import pytest
from django.core.cache import cache

from kneecare.content.seeding import seed_content


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, whether local memory or a shared Redis."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded(db):
    """The guidance content as `make run` seeds it."""
    return seed_content()

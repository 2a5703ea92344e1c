"""Cache and database outages: the site degrades, it does not fail.

The cache outage is real: django-redis pointed at a port where nothing listens, as it
would see Redis gone. The database outage makes every new query fail the way a lost
PostgreSQL does (OperationalError), on whichever database the suite runs.
"""

import logging

import pytest
from django.core.cache import caches
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from kneecare.cache_outage import OncePerOutage, OutageLog
from tests.stack import free_port

ANSWERS = {
    "pain_location": "front",
    "onset": "gradual",
    "swelling": "none",
    "weight_bearing": "normal",
    "pain_level": "4",
}


@pytest.fixture
def redis_down(settings):
    """The default cache is django-redis, as in production, with nothing on its port."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.DJANGO_REDIS_LOGGER = "kneecare.outage"
    caches._settings = None  # build the caches again from the new setting
    for name in list(caches.settings):
        if hasattr(caches._connections, name):
            delattr(caches._connections, name)
    yield
    caches._settings = None
    if hasattr(caches._connections, "default"):
        delattr(caches._connections, "default")


@pytest.fixture
def database_down(monkeypatch):
    """Every new query fails as it does when PostgreSQL has gone away."""

    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)


@pytest.fixture
def outage_records(caplog):
    """The outage log's records in this test, which starts with no outage remembered."""
    for once in logging.getLogger("kneecare.outage").filters:
        once.outages.last_seen.clear()
    caplog.set_level(logging.WARNING, logger="kneecare.outage")
    return lambda: [r for r in caplog.records if r.name == "kneecare.outage"]


class TestOncePerOutage:
    def test_it_logs_the_first_failure_of_an_outage_only(self):
        log = OutageLog(quiet_seconds=30)
        seen = [log.first_of_outage("cache down", now=t) for t in (0, 1, 2, 20, 45)]
        assert seen == [True, False, False, False, False]

    def test_a_quiet_spell_ends_the_outage(self):
        log = OutageLog(quiet_seconds=30)
        assert log.first_of_outage("cache down", now=0)
        assert not log.first_of_outage("cache down", now=10)
        assert log.first_of_outage("cache down", now=41)

    def test_each_message_counts_on_its_own(self):
        log = OutageLog(quiet_seconds=30)
        assert log.first_of_outage("cache down", now=0)
        assert log.first_of_outage("rate limits failing open", now=1)

    def test_the_filter_reads_the_clock(self):
        now = [0.0]
        once = OncePerOutage(quiet_seconds=5, clock=lambda: now[0])
        record = logging.LogRecord("x", logging.WARNING, __file__, 1, "down", None, None)
        assert once.filter(record)
        now[0] = 3
        assert not once.filter(record)
        now[0] = 9
        assert once.filter(record)


@pytest.mark.django_db
class TestRedisOutage:
    def test_every_public_page_still_answers(self, client, seeded, redis_down):
        for path in ["/", "/conditions/", "/conditions/runners-knee/", "/symptoms/check/",
                     "/training/mileage/?current=20&goal=30", "/sources/"]:  # fmt: skip
            assert client.get(path).status_code == 200, path

    def test_the_self_check_still_gives_a_result(self, client, seeded, redis_down):
        response = client.post("/symptoms/check/", ANSWERS)
        assert response.status_code == 200
        assert b"data-urgency" in response.content

    def test_a_clinic_link_still_works(self, client, seeded, redis_down):
        from tests.clinics import make_clinic

        make_clinic(slug="riverside")
        response = client.get("/c/riverside/symptoms/check/")
        assert response.status_code == 200
        assert b"Riverside" in response.content

    def test_rate_limits_fail_open_and_say_so_once(
        self, client, seeded, redis_down, settings, outage_records
    ):
        settings.RATELIMITS = {"GET": "2/m", "POST": "2/m"}
        statuses = [client.get("/symptoms/check/").status_code for _ in range(6)]
        assert statuses == [200] * 6
        failing_open = [r for r in outage_records() if "failing open" in r.getMessage()]
        assert len(failing_open) == 1
        ignored = [r for r in outage_records() if r.getMessage() == "Exception ignored"]
        assert len(ignored) == 1  # django-redis's own, once for all those failed calls

    def test_the_readiness_check_reports_the_cache_alone(self, client, db, redis_down):
        response = client.get("/readyz")
        assert response.status_code == 200
        assert response.json() == {"database": "ok", "cache": "unavailable"}

    def test_a_coach_save_during_the_outage_is_logged(self, seeded, redis_down, outage_records):
        from kneecare.content.models import Condition

        condition = Condition.objects.first()
        condition.save()
        assert any("Could not clear" in r.getMessage() for r in outage_records())


@pytest.mark.django_db
class TestSaveDuringACacheOutage:
    def test_pages_cached_before_it_are_cleared_once_the_cache_answers(
        self, client, seeded, monkeypatch
    ):
        from django.core.cache import cache

        from kneecare.content import page_cache
        from kneecare.content.models import Condition

        path = "/conditions/runners-knee/"
        assert client.get(path).status_code == 200  # cached
        condition = Condition.objects.get(slug="runners-knee")
        condition.summary = "A summary saved while the cache was away."
        with pytest.MonkeyPatch.context() as outage:
            outage.setattr(cache, "incr", lambda *args, **kwargs: None)  # as django-redis does
            condition.save()
            assert page_cache.PendingClear.pending
        # The cache answers again, still holding the old page: the next request clears it.
        assert b"saved while the cache was away" in client.get(path).content
        assert not page_cache.PendingClear.pending


@pytest.mark.django_db
class TestDatabaseOutage:
    def test_cached_content_pages_keep_being_served(self, seeded):
        client = Client(raise_request_exception=False)
        pages = ["/", "/conditions/", "/conditions/runners-knee/", "/guidance/"]
        before = {path: client.get(path).content for path in pages}
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(BaseDatabaseWrapper, "ensure_connection", _refuse)
            for path in pages:
                response = client.get(path)
                assert response.status_code == 200, path
                assert response.content == before[path]

    def test_a_page_that_needs_the_database_answers_a_friendly_503(self, seeded, database_down):
        client = Client(raise_request_exception=False)
        response = client.get("/conditions/runners-knee/")
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "no-store" in response["Cache-Control"]
        assert b'data-error="unavailable"' in response.content
        assert b"Skip to content" in response.content

    def test_an_unknown_clinic_link_answers_503_not_500(self, db, database_down):
        client = Client(raise_request_exception=False)
        assert client.get("/c/nowhere/").status_code == 503

    def test_healthz_stays_up_and_readyz_reports_the_database(self, db, database_down):
        client = Client(raise_request_exception=False)
        assert client.get("/healthz").status_code == 200
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json() == {"database": "unavailable", "cache": "ok"}

    def test_its_tracebacks_are_logged_once_per_outage(self, seeded, database_down, caplog):
        for once in logging.getLogger("django.request").filters:
            once.outages.last_seen.clear()
        client = Client(raise_request_exception=False)
        for _ in range(5):
            assert client.get("/conditions/runners-knee/").status_code == 503
        logged = [r for r in caplog.records if r.name == "django.request" and r.exc_info]
        assert len(logged) == 1
        assert isinstance(logged[0].exc_info[1], OperationalError)

    def test_other_errors_are_still_a_plain_500(self):
        from kneecare.errors import server_error

        try:
            raise RuntimeError("a bug")
        except RuntimeError:
            response = server_error(None)
        assert response.status_code == 500
        assert b"Something went wrong" in response.content


class TestReadiness:
    @pytest.mark.django_db
    def test_it_is_ready_when_both_answer(self, client):
        response = client.get("/readyz")
        assert response.status_code == 200
        assert response.json() == {"database": "ok", "cache": "ok"}
        assert "no-store" in response["Cache-Control"]

    @pytest.mark.django_db
    def test_it_is_not_redirected_to_https(self, client, settings):
        settings.SECURE_SSL_REDIRECT = True
        assert client.get("/readyz").status_code == 200

    @pytest.mark.django_db
    def test_it_answers_only_reads(self, client):
        assert client.post("/readyz").status_code == 405


def _refuse(self, *args, **kwargs):
    raise OperationalError("connection refused")

"""Clinic counts are never lost while either the database or the cache is up.

A count the database cannot take is buffered (in Redis in production, here also in this
process's memory) and added once the database is back, each batch exactly once.
"""

import shutil
import subprocess
import time
from datetime import date

import pytest
import redis
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinics import count_buffer as buffers
from clinics.branding import ClinicBrand, current_clinic
from clinics.models import DailyCount, FlushedCountBatch
from clinics.receivers import count_completed_check
from tests.clinics import PREFIX, make_clinic
from tests.inputs import SELF_CARE_ANSWERS
from tests.stack import free_port


def total_counted() -> int:
    return sum(DailyCount.objects.values_list("count", flat=True))


@pytest.fixture(scope="module")
def redis_server():
    """A Redis of the test's own, on a spare loopback port, keeping nothing on disk."""
    server_binary = shutil.which("redis-server")
    if server_binary is None:
        pytest.skip("redis-server is not installed (CI installs it)")
    port = free_port()
    server = subprocess.Popen(
        [
            server_binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield client
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(params=["memory", "redis"])
def buffer(request, monkeypatch):
    if request.param == "memory":
        chosen = buffers.MemoryCountBuffer()
    else:
        client = request.getfixturevalue("redis_server")
        client.flushdb()
        chosen = buffers.RedisCountBuffer(client)
    monkeypatch.setattr(buffers, "count_buffer", lambda: chosen)
    return chosen


@pytest.fixture
def clinic(db):
    return make_clinic()


def complete_check(clinic, *, tool="mileage", urgency=""):
    token = current_clinic.set(ClinicBrand.of(clinic))
    try:
        count_completed_check(sender=None, tool=tool, urgency=urgency)
    finally:
        current_clinic.reset(token)


class DatabaseSwitch:
    """Counts fail as they do when PostgreSQL is away, while `down` is set."""

    def __init__(self, monkeypatch):
        self.down = False
        real_add_one = DailyCount.objects.add_one.__func__

        def add_one(manager, **key):
            if self.down:
                raise OperationalError("connection refused")
            return real_add_one(manager, **key)

        monkeypatch.setattr(type(DailyCount.objects), "add_one", add_one)


@pytest.fixture
def database(monkeypatch):
    return DatabaseSwitch(monkeypatch)


class TestFields:
    def test_a_field_reads_back_as_its_key(self):
        field = buffers.field_for(
            clinic_id=7, day=date(2026, 12, 2), tool="symptoms", urgency="self-care"
        )
        assert buffers.parse_field(field) == {
            "clinic_id": 7,
            "day": date(2026, 12, 2),
            "tool": "symptoms",
            "urgency": "self-care",
        }


@pytest.mark.django_db
class TestBuffering:
    def test_counts_made_while_the_database_is_away_arrive_when_it_is_back(
        self, clinic, buffer, database
    ):
        complete_check(clinic)
        database.down = True
        for _ in range(5):
            complete_check(clinic)
        assert total_counted() == 1
        assert buffer.has_pending()
        database.down = False
        complete_check(clinic)  # the next count that reaches the database flushes
        assert total_counted() == 7
        assert not buffer.has_pending()

    def test_buffered_counts_keep_their_day_tool_and_urgency(self, clinic, buffer, database):
        database.down = True
        complete_check(clinic, tool="symptoms", urgency="urgent")
        complete_check(clinic, tool="symptoms", urgency="urgent")
        complete_check(clinic, tool="shoes")
        database.down = False
        assert buffers.flush_counts() == 3
        rows = set(DailyCount.objects.values_list("day", "tool", "urgency", "count"))
        today = timezone.localdate()
        assert rows == {(today, "symptoms", "urgent", 2), (today, "shoes", "", 1)}

    def test_a_batch_is_never_added_twice(self, clinic, buffer, database, monkeypatch):
        database.down = True
        for _ in range(3):
            complete_check(clinic)
        database.down = False
        # The cache fails just after the database committed: the batch stays behind.
        real_forget = buffer.forget
        monkeypatch.setattr(buffer, "forget", lambda batch_id: None)
        assert buffers.flush_counts() == 3
        monkeypatch.setattr(buffer, "forget", real_forget)
        assert buffers.flush_counts() == 0  # seen as added before, only forgotten
        assert total_counted() == 3
        assert not buffer.has_pending()
        assert FlushedCountBatch.objects.count() == 1

    def test_a_flush_during_the_outage_keeps_the_batch(self, clinic, buffer, database):
        database.down = True
        complete_check(clinic)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(FlushedCountBatch.objects, "create", _refuse)
            assert buffers.flush_counts() == 0
        database.down = False
        assert buffers.flush_counts() == 1
        assert total_counted() == 1

    def test_counts_of_a_deleted_clinic_go_with_it(self, clinic, buffer, database):
        database.down = True
        complete_check(clinic)
        database.down = False
        clinic.delete()
        assert buffers.flush_counts() == 0
        assert not buffer.has_pending()

    def test_the_admin_counts_page_flushes_first(self, admin_client, clinic, buffer, database):
        database.down = True
        complete_check(clinic, tool="symptoms", urgency="soon")
        database.down = False
        response = admin_client.get(f"/admin/clinics/clinic/{clinic.pk}/counts/")
        assert response.status_code == 200
        assert total_counted() == 1

    def test_the_counts_export_flushes_first(self, admin_client, clinic, buffer, database):
        database.down = True
        complete_check(clinic, tool="shoes")
        database.down = False
        response = admin_client.get(f"/admin/clinics/clinic/{clinic.pk}/counts.csv")
        assert response.status_code == 200
        assert ",shoes,,1" in response.content.decode()

    def test_the_management_command_flushes(self, clinic, buffer, database):
        from django.core.management import call_command

        database.down = True
        complete_check(clinic)
        database.down = False
        call_command("flush_clinic_counts")
        assert total_counted() == 1


@pytest.mark.django_db
class TestWithTheCacheDown:
    @pytest.fixture
    def redis_down(self, monkeypatch):
        dead = buffers.RedisCountBuffer(redis.Redis(port=free_port(), socket_connect_timeout=0.2))
        monkeypatch.setattr(buffers, "count_buffer", lambda: dead)

    def test_counts_go_straight_to_the_database(self, clinic, redis_down):
        for _ in range(3):
            complete_check(clinic)
        assert total_counted() == 3

    def test_a_count_is_lost_only_when_both_are_down(self, clinic, redis_down, database, caplog):
        database.down = True
        complete_check(clinic)
        assert total_counted() == 0
        assert any("A clinic count was lost" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
class TestThroughTheSelfCheck:
    def test_a_runner_gets_a_result_and_the_count_is_kept(self, client, clinic, seeded, buffer):
        # Everything the result needs is cached by the first check; then the database goes.
        assert client.post(PREFIX + "symptoms/check/", SELF_CARE_ANSWERS).status_code == 200
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(BaseDatabaseWrapper, "ensure_connection", _refuse)
            for _ in range(3):
                response = client.post(PREFIX + "symptoms/check/", SELF_CARE_ANSWERS)
                assert response.status_code == 200
                assert b"data-urgency" in response.content
        assert total_counted() == 1
        client.post(PREFIX + "symptoms/check/", SELF_CARE_ANSWERS)
        assert total_counted() == 5


def _refuse(*args, **kwargs):
    raise OperationalError("connection refused")


# A run of completed checks and flushes, with the database coming and going and flushes
# failing between the commit and the forget: every count arrives exactly once.
EVENTS = st.lists(
    st.one_of(
        st.tuples(st.just("count"), st.booleans()),  # database up?
        st.tuples(st.just("flush"), st.booleans()),  # forget fails?
    ),
    max_size=30,
)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=EVENTS)
def test_every_count_arrives_exactly_once(events, clinic, monkeypatch):
    DailyCount.objects.all().delete()
    FlushedCountBatch.objects.all().delete()
    buffer = buffers.MemoryCountBuffer()
    forgetting = buffer.forget
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(buffers, "count_buffer", lambda: buffer)
        database = DatabaseSwitch(patch)
        made = 0
        for kind, flag in events:
            if kind == "count":
                database.down = not flag
                complete_check(clinic)
                made += 1
            else:
                database.down = False
                buffer.forget = (lambda batch_id: None) if flag else forgetting
                buffers.flush_counts()
        database.down = False
        buffer.forget = forgetting
        buffers.flush_counts()
    assert total_counted() == made
    assert not buffer.has_pending()

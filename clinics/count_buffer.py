"""Clinic counts that the database could not take, kept in Redis until it is back.

A completed check is counted in the database (`DailyCount.objects.add`). When that fails,
the one is added to a Redis hash instead (HINCRBY: atomic, shared by every app server), so
no count is lost while either PostgreSQL or Redis is up. `flush_counts` moves the hash into
the database: an atomic Lua script renames it to a batch of its own (counts arriving
meanwhile start a new hash) and lists the batch; each batch is added in one transaction
together with its id (`FlushedCountBatch`), and only then deleted from Redis. A batch whose
id the database already holds was added before (a crash or an outage between the commit
and the delete, or another server flushing the same batch): it is only deleted, so nothing
is ever counted twice.

It flushes after every count that reaches the database, before the admin shows a clinic's
counts, and from `manage.py flush_clinic_counts`. Without Redis (local development) the
buffer is this process's memory.
"""

import logging
import threading
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Protocol

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
# Logged once per outage (kneecare/cache_outage.py), not once per count.
outage_log = logging.getLogger("kneecare.outage")

PENDING_KEY = "clinics:counts:pending"
BATCHES_KEY = "clinics:counts:batches"
BATCH_PREFIX = "clinics:counts:batch:"
# Renames the pending hash to a batch and lists the batch, in one step.
TAKE_SCRIPT = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
"""


def field_for(*, clinic_id: int, day: date, tool: str, urgency: str) -> str:
    return f"{clinic_id}|{day.isoformat()}|{tool}|{urgency}"


def parse_field(field: str) -> dict:
    clinic_id, day, tool, urgency = field.split("|", 3)
    return {
        "clinic_id": int(clinic_id),
        "day": date.fromisoformat(day),
        "tool": tool,
        "urgency": urgency,
    }


class CountBuffer(Protocol):
    def add(self, field: str) -> None: ...
    def has_pending(self) -> bool: ...
    def take(self) -> None: ...
    def batches(self) -> Iterator[tuple[str, dict[str, int]]]: ...
    def forget(self, batch_id: str) -> None: ...


class RedisCountBuffer:
    def __init__(self, redis):
        self.redis = redis

    def add(self, field: str) -> None:
        self.redis.hincrby(PENDING_KEY, field, 1)

    def has_pending(self) -> bool:
        return bool(self.redis.exists(PENDING_KEY, BATCHES_KEY))

    def take(self) -> None:
        batch_id = uuid.uuid4().hex
        self.redis.eval(TAKE_SCRIPT, 3, PENDING_KEY, BATCH_PREFIX + batch_id, BATCHES_KEY, batch_id)

    def batches(self) -> Iterator[tuple[str, dict[str, int]]]:
        for raw_id in self.redis.smembers(BATCHES_KEY):
            batch_id = raw_id.decode() if isinstance(raw_id, bytes) else raw_id
            counts = self.redis.hgetall(BATCH_PREFIX + batch_id)
            yield batch_id, {_text(field): int(count) for field, count in counts.items()}

    def forget(self, batch_id: str) -> None:
        pipeline = self.redis.pipeline()
        pipeline.delete(BATCH_PREFIX + batch_id)
        pipeline.srem(BATCHES_KEY, batch_id)
        pipeline.execute()


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else value


class MemoryCountBuffer:
    """The same, in this process alone: for development without Redis, and the tests."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pending: dict[str, int] = {}
        self.taken: dict[str, dict[str, int]] = {}

    def add(self, field: str) -> None:
        with self.lock:
            self.pending[field] = self.pending.get(field, 0) + 1

    def has_pending(self) -> bool:
        return bool(self.pending or self.taken)

    def take(self) -> None:
        with self.lock:
            if self.pending:
                self.taken[uuid.uuid4().hex], self.pending = self.pending, {}

    def batches(self) -> Iterator[tuple[str, dict[str, int]]]:
        with self.lock:
            taken = list(self.taken.items())
        yield from taken

    def forget(self, batch_id: str) -> None:
        with self.lock:
            self.taken.pop(batch_id, None)


_memory_buffer = MemoryCountBuffer()


def count_buffer() -> CountBuffer:
    if settings.CACHES["default"]["BACKEND"].startswith("django_redis."):
        from django_redis import get_redis_connection

        return RedisCountBuffer(get_redis_connection("default"))
    return _memory_buffer


def buffer_count(*, clinic_id: int, day: date, tool: str, urgency: str) -> None:
    """Keep one count that the database could not take, until it is back."""
    outage_log.warning("Database unreachable: buffering clinic counts in the cache")
    try:
        count_buffer().add(field_for(clinic_id=clinic_id, day=day, tool=tool, urgency=urgency))
    except RedisError:
        logger.error("A clinic count was lost: neither the database nor the cache answered")


def flush_if_pending() -> None:
    """After a count reached the database: move any buffered counts in too."""
    try:
        buffer = count_buffer()
        if buffer.has_pending():
            flush_counts(buffer)
    except RedisError:
        outage_log.warning("Cache unreachable: cannot check for buffered clinic counts")


def flush_counts(buffer: CountBuffer | None = None) -> int:
    """Add every buffered count to the database, each batch exactly once; return how many
    were added. Raises RedisError if the cache cannot be read; a database error leaves the
    batch in the cache for the next flush."""
    from .models import Clinic, DailyCount, FlushedCountBatch

    buffer = buffer or count_buffer()
    buffer.take()
    added = 0
    for batch_id, counts in buffer.batches():
        keys = [(parse_field(field), count) for field, count in counts.items()]
        try:
            with transaction.atomic():
                # Fails with IntegrityError if this batch was added before.
                FlushedCountBatch.objects.create(id=batch_id)
                clinics = set(
                    Clinic.objects.filter(pk__in={key["clinic_id"] for key, _ in keys}).values_list(
                        "pk", flat=True
                    )
                )
                # A clinic deleted meanwhile takes its counts with it, as on delete.
                batch_total = 0
                for key, count in keys:
                    if key["clinic_id"] in clinics:
                        DailyCount.objects.add(**key, count=count)
                        batch_total += count
        except IntegrityError:
            batch_total = 0  # added before: only forget it
        except DatabaseError:
            logger.warning("Could not add buffered clinic counts yet: database unreachable")
            return added
        added += batch_total
        buffer.forget(batch_id)
    return added

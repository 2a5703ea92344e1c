"""Say once that the cache is down, not once per request.

Pure Python (only the standard library's logging). During a Redis outage django-redis
ignores every failed call (IGNORE_EXCEPTIONS) and logs each one; the rate limits fail open
and say so. Logged per request, an outage of a few seconds would bury everything else.
`OncePerOutage` lets the first record of each message through, then holds back the same
message until it has not been seen for `quiet_seconds`: the outage is then over, and the
next failure starts a new one. Each app server process logs on its own.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

QUIET_SECONDS = 30.0


@dataclass
class OutageLog:
    quiet_seconds: float = QUIET_SECONDS
    last_seen: dict[str, float] = field(default_factory=dict)

    def first_of_outage(self, message: str, *, now: float) -> bool:
        """Whether `message`, seen at `now`, starts a new outage (and should be logged)."""
        previous = self.last_seen.get(message)
        self.last_seen[message] = now
        return previous is None or now - previous > self.quiet_seconds


class OncePerOutage(logging.Filter):
    def __init__(
        self, quiet_seconds: float = QUIET_SECONDS, clock: Callable[[], float] = time.monotonic
    ):
        super().__init__()
        self.outages = OutageLog(quiet_seconds=quiet_seconds)
        self.clock = clock

    def filter(self, record: logging.LogRecord) -> bool:
        return self.outages.first_of_outage(str(record.msg), now=self.clock())

"""Logging filters for outages: one traceback per database outage, not one per request.

Every page that needs the database answers a 503 while it is away (kneecare/errors.py),
and Django logs each one with its traceback. `DatabaseOutageOnce` lets the first through
and holds back the rest until the database has been quiet (kneecare/cache_outage.py).
"""

import logging

from django.db import DatabaseError

from kneecare.cache_outage import OncePerOutage


class DatabaseOutageOnce(OncePerOutage):
    def filter(self, record: logging.LogRecord) -> bool:
        exception = record.exc_info[1] if record.exc_info else None
        if not isinstance(exception, DatabaseError):
            return True
        return self.outages.first_of_outage("database unreachable", now=self.clock())

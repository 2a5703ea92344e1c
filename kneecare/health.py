"""The load balancer's checks: `/healthz` (alive) and `/readyz` (can serve).

`/healthz` is also the floor `make bench` measures the pages against.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("kneecare.outage")


@require_safe
@never_cache
def healthz(request):
    """Answer "ok" from the app server alone: no database, no cache, no template."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
@never_cache
def readyz(request):
    """Whether this app server can reach the database and the cache, each on its own line.

    503 when the database cannot be reached: a balancer should send runners elsewhere. A
    lost cache only makes pages slower (they are rendered without it), so it is reported
    but still ready. Nothing more is said: no host names, versions or errors.
    """
    database = database_reachable()
    cache_ok = cache_reachable()
    status = 200 if database else 503
    return JsonResponse(
        {
            "database": "ok" if database else "unavailable",
            "cache": "ok" if cache_ok else "unavailable",
        },
        status=status,
    )


def database_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.warning("Readiness: database unreachable")
        return False


def cache_reachable() -> bool:
    """A value written and read back (a lost Redis answers every read with a miss)."""
    value = secrets.token_hex(8)
    key = f"readyz:{value}"  # one of its own: app servers share the cache
    try:
        cache.set(key, value, timeout=10)
        reachable = cache.get(key) == value
        cache.delete(key)
        return reachable
    except Exception:  # a cache without ignored errors may raise anything its client does
        logger.warning("Readiness: cache unreachable")
        return False

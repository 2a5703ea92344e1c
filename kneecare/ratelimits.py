"""Rate limits for the self-check and training tools, in one middleware.

The feature views stay untouched: this middleware counts requests to the tool pages per
client address in the shared cache (Redis in production, so every app server sees the same
counts) and answers a friendly 429 page once a client goes over `settings.RATELIMITS`.

The client address comes from `kneecare.client_ip`: `REMOTE_ADDR`, or behind
`TRUSTED_PROXY_COUNT` load balancers the address the outermost one saw, never a part of
`X-Forwarded-For` that a client could forge.

Content pages, static files and the admin are not limited here: content pages come from
the page cache, WhiteNoise answers static files before any of this runs, and django-axes
guards the admin login.
"""

import logging
import re

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage

from kneecare.client_ip import ratelimit_key

# The tools live under /symptoms/ and /training/. This middleware runs after the clinic
# link's, which has already taken a clinic's /c/<slug>/ prefix off `path_info`, so the group
# is the tool itself (e.g. "training/mileage"): a clinic link shares its budget with the
# plain address and cannot be used to get round the limit.
LIMITED_PATH = re.compile(r"^/(?P<tool>(?:symptoms|training)(?:/[^/]+)?)(?:/|$)")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Logged once per outage (kneecare/cache_outage.py), not once per request.
outage_log = logging.getLogger("kneecare.outage")


def limited_tool(path: str) -> str | None:
    """The tool a path belongs to, or None when the path is not rate limited."""
    match = LIMITED_PATH.match(path)
    return match["tool"] if match else None


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tool = limited_tool(request.path_info)
        if tool is not None:
            kind = "GET" if request.method in SAFE_METHODS else "POST"
            usage = get_usage(
                request,
                group=f"tools:{tool}:{kind}",
                key=ratelimit_key,
                rate=settings.RATELIMITS[kind],
                increment=True,
            )
            if usage is None:
                # The cache could not count (RATELIMIT_FAIL_OPEN): serve the runner.
                outage_log.warning("Rate limits are not counting (failing open): cache unreachable")
            elif usage["should_limit"]:
                return too_many_requests(request, usage["time_left"])
        return self.get_response(request)


def too_many_requests(request, seconds_left: int):
    if request.headers.get("HX-Request") == "true":
        # An htmx request gets only the alert, in the page's #result (every tool page has
        # one, inside an aria-live region), whatever the element asked to swap: a field's
        # own check must not be replaced by it. base.html lets htmx swap a 429.
        response = render(request, "429.html#alert", status=429)
        response["HX-Retarget"] = "#result"
        response["HX-Reswap"] = "innerHTML"
    else:
        response = render(request, "429.html", status=429)
    response["Retry-After"] = str(seconds_left) if seconds_left > 0 else "60"
    return response

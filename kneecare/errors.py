"""The site's own pages for refused requests, CSRF failures and outages.

None of these reads the request body or checks CSRF: Django's own error views do, which
turned one unreadable form into dozens of tracebacks and a 500. A database outage is a 503
with `Retry-After`, not a 500: pages served from the cache keep working meanwhile.
"""

import logging
import sys

from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
TEMPLATES = {400: "400.html", 413: "413.html"}


MEGABYTE = 1024 * 1024


def refusal_response(request, status: int, *, upload_limit: int | None = None) -> HttpResponse:
    """The site's 400 or 413 page. A 413 from a page that takes files says its limit
    (``upload_limit``, in bytes), and for htmx is the alert alone, swapped into the
    page's #result like a 429 (base.html lets htmx swap both)."""
    context = {"upload_megabytes": upload_limit // MEGABYTE if upload_limit else None}
    in_place = status == 413 and request.headers.get("HX-Request") == "true"
    template = f"{TEMPLATES[status]}#alert" if in_place else TEMPLATES[status]
    response = render(request, template, context, status=status)
    if in_place:
        response["HX-Retarget"] = "#result"
        response["HX-Reswap"] = "innerHTML"
    add_never_cache_headers(response)
    return response


def bad_request(request, exception=None):
    """handler400: a malformed request, a disallowed Host, an unreadable form."""
    return refusal_response(request, 400)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: most often a form left open for hours, or cookies blocked."""
    response = render(request, "403_csrf.html", status=403)
    add_never_cache_headers(response)
    return response


def server_error(request):
    """handler500, which Django calls while the exception is still being handled."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DatabaseError):
        return database_unavailable(request)
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def database_unavailable(request):
    try:
        response = render(request, "503.html", status=503)
    except Exception:  # the page must not fail too: fall back to the static one
        logger.exception("Could not render the 503 page")
        response = HttpResponse(loader.get_template("500.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response

"""A cache for public content pages that a coach's save clears at once.

Pages are stored under a generation number; saving or deleting any content bumps the
generation, so every cached page is stale in one step without scanning keys. This works
the same on local memory and on a Redis cache shared by many app servers.
"""

import logging
from collections.abc import Callable
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe

GENERATION_KEY = "content:generation"
outage_log = logging.getLogger("kneecare.outage")


class PendingClear:
    """A coach's save that could not clear the cache (it was unreachable): this process
    tries again with every page it serves, so pages cached before the outage do not outlive
    it once the cache answers again."""

    pending = False


def generation() -> int:
    if PendingClear.pending:
        clear_content_pages()
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def clear_content_pages() -> None:
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:
        # No generation yet (a new or emptied cache): start one past the first.
        generation = cache.add(GENERATION_KEY, 2, timeout=None) or cache.incr(GENERATION_KEY)
    PendingClear.pending = generation is None
    if generation is None:
        # django-redis ignored the error and answered None.
        outage_log.warning("Could not clear the cached content pages yet: cache unreachable")


def cached_content_page(view=None, *, by_query=True, address=None):
    """Serve a GET from the cache; the page must hold nothing specific to one visitor.

    Pages that never read the query string pass `by_query=False`, so that made-up query
    strings all share one entry instead of filling the cache. A page that validates and
    normalises its query itself passes `address`, the name of its entry in place of the
    path and query (it must start with the path, which keeps a clinic's pages apart).
    """
    if view is None:
        return partial(cached_content_page, by_query=by_query, address=address)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET":
            return view(request, *args, **kwargs)
        if address is not None:
            entry = address
        else:
            entry = request.get_full_path() if by_query else request.path
        key = f"content:page:{generation()}:{entry}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            if hasattr(response, "render"):
                response.render()
            cache.set(
                key,
                (response.content, response["Content-Type"]),
                settings.CONTENT_PAGE_CACHE_SECONDS,
            )
        return response

    return wrapper


def cached_fragment(name: str, render: Callable[[], str]) -> SafeString:
    """A piece of a page made from published content alone, rendered once for each content
    generation: a page whose other parts are rendered afresh (or cached by address) needs
    no content queries for it. Kept apart by script prefix, since its links keep a
    clinic's /c/<slug>/."""
    key = f"content:fragment:{generation()}:{get_script_prefix()}{name}"
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, settings.CONTENT_PAGE_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by our own template, escaped there

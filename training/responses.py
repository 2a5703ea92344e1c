"""How a training page answers: the whole page, or for htmx the part it targets.

Each tool page holds its form and result in ``#tool`` and the result alone in ``#result``,
each a partial of the same name in the page's template. htmx says in HX-Target which
element it will swap, so:

- a full page (no JavaScript, a shared link, a reload, or htmx restoring history after a
  cache miss) is the whole template;
- the form's own submit targets ``#tool``: the form with its errors beside the fields, and
  the result;
- a live update as the runner types targets ``#result``: only the result, so the fields
  are not replaced under the runner's fingers (and the errors are listed in it instead).

Invalid input is answered like valid input, with a 200 and the errors on the form: htmx
swaps only 2xx answers, and the errors are the answer.

A finished check (see ``announce_check``) is counted in the view, before and outside the
page cache, so a page served from the cache is counted too.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from kneecare.content.page_cache import cached_content_page
from kneecare.tools import check_completed

# The partial an htmx request gets when it targets no other: the tool, form and result.
TOOL_PART = "tool"
RESULT_PART = "result"


def targeted_part(request: HttpRequest) -> str | None:
    """The partial this request asks for, or None for the whole page."""
    if not request.htmx or request.htmx.history_restore_request:
        return None
    return RESULT_PART if request.htmx.target == RESULT_PART else TOOL_PART


def announce_check(request: HttpRequest, tool: str) -> None:
    """Send ``check_completed`` for a runner who finished a check with valid values.

    Counted: a full-page GET (the form submitted without JavaScript, or a shared link
    opened) and the form's own htmx submit. Not counted: live updates as the runner types,
    and htmx restoring a page from history. Call it once per request.
    """
    if request.htmx and targeted_part(request) != TOOL_PART:
        return
    check_completed.send(sender=None, tool=tool, urgency="")


def cacheable(request: HttpRequest, *forms) -> bool:
    """Whether a page may be cached under its address: only for well-formed queries.

    Queries with errors or with names no form knows are answered afresh each time, so
    made-up addresses cannot fill the shared cache.
    """
    known = {name for form in forms for name in form.fields}
    return set(request.GET) <= known and all(not form.is_bound or form.is_valid() for form in forms)


def tool_response(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    explanation: Callable[[], dict[str, Any]] = dict,
    answer: Callable[[], dict[str, Any]] = dict,
    cacheable: bool = True,
    cache_address: str | None = None,
) -> HttpResponse:
    """Render the page or its htmx part (see the module docstring).

    ``explanation`` gives the content the whole page adds (guidance, sources); it is
    called only for the whole page, so an htmx part costs no content queries. ``answer``
    gives the rest of the context that is worth working out only when the page is
    rendered, not when it comes from the cache. The whole page is cached by its full
    address (or by ``cache_address``, for a view that names its pages by their normalised
    values) until a coach saves content: it holds nothing about the visitor, since GET
    forms carry no CSRF token. htmx parts are not cached, because the cache key is the
    address alone and a part shares its address with the page. Pass ``cacheable=False``
    for a page that depends on today's date, unless ``cache_address`` holds the date.
    """
    part = targeted_part(request)
    if part is None:

        def whole_page(request):
            return render(request, template, {**context, **answer(), **explanation()})

        if cacheable:
            whole_page = cached_content_page(whole_page, address=cache_address)
        response = whole_page(request)
    else:
        live = part == RESULT_PART
        response = render(request, f"{template}#{part}", {**context, **answer(), "live": live})
    # The same address answers with a page or a part, depending on these headers.
    patch_vary_headers(response, ("HX-Request", "HX-Target", "HX-History-Restore-Request"))
    return response

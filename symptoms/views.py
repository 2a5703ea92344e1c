import functools

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from kneecare.tools import check_completed
from symptoms.forms import SymptomForm
from symptoms.results import build_result
from symptoms.triage import assess

TEMPLATE = "symptoms/check.html"
# The id of one question's block. Pages served before issue 10 posted one answer, with that
# block as htmx's target, whenever it changed; the page now checks answers itself.
QUESTION_ID = "question-"


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()
@sensitive_variables()
def check(request):
    """The knee self-check: the questionnaire, and on a POST its result.

    An invalid submission is a normal state of the page, not an error: it answers 200 with
    the messages (htmx swaps only 2xx responses, and no 4xx log line carries the request).
    """
    if request.method == "GET":
        # No form: the blank questions come ready-rendered, and there is nothing to check.
        response = render(request, TEMPLATE, {"blank_questions": blank_questions()})
        # The blank page holds no answer, so it may leave out no-store: then the browser can
        # keep the page in its back/forward cache (in memory), and Back from a page reached
        # from an htmx result shows that result again (issue 10). Every response that
        # carries answers (the POSTs below) stays no-store.
        patch_cache_control(response, no_cache=True, must_revalidate=True, private=True)
        return response
    return answer(request)


@sensitive_variables()
@never_cache
def answer(request):
    """A POST: the result, or the error summary with the answers kept."""
    target = (request.htmx.target or "") if request.htmx else ""
    if target.startswith(QUESTION_ID):
        # One answer, sent by a page still open from before issue 10: answers never leave
        # the page before the runner submits now, so the server reads none and swaps nothing.
        return HttpResponse(status=204)
    form = SymptomForm(request.POST)
    # A whole page that a form post brought (no JavaScript) holds the answers, and Chromium
    # never keeps a post's page in its back/forward cache, so Back could not bring it again
    # without a stored copy: every link on it opens a new tab instead (issue 10).
    context = {"form": form, "keep_this_page": not request.htmx}
    if form.is_valid():
        assessment = assess(form.to_answers())
        check_completed.send(sender=None, tool="symptoms", urgency=assessment.urgency)
        context["result"] = build_result(assessment)
    # htmx gets only the result (or the error summary with the questions that need fixing),
    # never the whole questionnaire again.
    return render(request, f"{TEMPLATE}#result" if request.htmx else TEMPLATE, context)


def blank_questions() -> str:
    """The blank questionnaire's HTML, rendered once per process and URL prefix.

    Rendering its eighteen crispy fields costs about 13 ms, and the blank questions never
    change while a process runs. They hold no CSRF token (it sits outside them) and, since
    issue 10, no address; they are still kept one copy per URL prefix, so that an address
    added to a question one day keeps a clinic's prefix. In development templates change
    under a running server, so they are rendered every time.
    """
    if settings.DEBUG:
        return render_blank_questions()
    return cached_blank_questions(reverse("symptoms:check"))


@functools.lru_cache(maxsize=64)
def cached_blank_questions(check_url: str) -> str:
    return render_blank_questions()


def render_blank_questions() -> str:
    return render_to_string(f"{TEMPLATE}#questions", {"form": SymptomForm()})

from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from .models import Clinic

LOGO_CACHE_SECONDS = 365 * 24 * 60 * 60


@dataclass(frozen=True)
class ToolPage:
    tool: str
    url_name: str
    title: str
    blurb: str


# The self-checks a clinic's page can link to, in the order it shows them.
TOOL_PAGES = (
    ToolPage(
        "symptoms",
        "symptoms:check",
        "Check my knee",
        "Answer a few questions about your pain. Get the likely causes, what to do, and any "
        "warning signs.",
    ),
    ToolPage(
        "shoes",
        "training:shoes",
        "Check my shoes",
        "How many miles are on them, and what the wear signs say about replacing them.",
    ),
    ToolPage(
        "mileage",
        "training:mileage",
        "Plan my mileage",
        "Build up your weekly distance gradually, week by week.",
    ),
    ToolPage(
        "spike",
        "training:spike",
        "Check a long run",
        "Is one run much longer than your recent runs? Find out before you go.",
    ),
    ToolPage(
        "cadence",
        "training:cadence",
        "Find my cadence",
        "A step rate a little quicker than now, to take load off your knees.",
    ),
)


@require_safe
def landing(request):
    """The clinic's own page: its message, the checks it offers and how to reach it."""
    clinic = request.clinic
    tools = [
        {"page": page, "url": reverse(page.url_name)}
        for page in TOOL_PAGES
        if page.tool in clinic.tools
    ]
    return render(request, "clinics/landing.html", {"clinic": clinic, "tools": tools})


@require_safe
def logo(request):
    """The clinic's logo from the database. Pages ask for ?v=<version>, which changes with
    every upload, so a browser may keep it for a year; anything else revalidates."""
    clinic = request.clinic
    if not clinic.logo_version:
        raise Http404("This clinic has no logo.")
    etag = f'"{clinic.logo_version}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        data, content_type = (
            Clinic.objects.filter(pk=clinic.pk).values_list("logo", "logo_type").get()
        )
        response = HttpResponse(bytes(data), content_type=content_type)
    response["ETag"] = etag
    if request.GET.get("v") == clinic.logo_version:
        patch_cache_control(response, public=True, max_age=LOGO_CACHE_SECONDS, immutable=True)
    else:
        patch_cache_control(response, no_cache=True)
    return response


def served_by_middleware(request, slug):
    """Never reached while ClinicLinkMiddleware runs: it answers every /c/<slug>/ address."""
    raise Http404("Clinic links need kneecare.clinics.middleware.ClinicLinkMiddleware.")

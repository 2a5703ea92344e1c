from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from kneecare.tools import TOOLS

from .models import Clinic

LOGO_CACHE_SECONDS = 365 * 24 * 60 * 60


@require_safe
def landing(request):
    """The clinic's own page: its message, the checks it offers and how to reach it."""
    clinic = request.clinic
    tools = [(tool, reverse(tool.url_name)) for tool in TOOLS if tool.name in clinic.tools]
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
    raise Http404("Clinic links need clinics.middleware.ClinicLinkMiddleware.")

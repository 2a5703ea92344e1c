"""Serve the whole site under a clinic's link, /c/<slug>/..., in the clinic's name.

For such a path the middleware loads the clinic, strips the prefix from `path_info` (so
/c/riverside/symptoms/check/ runs the ordinary symptom check) and moves the prefix into the
script prefix, so every address reversed while the request runs, `{% url %}` in templates
and `reverse()` in views alike, keeps /c/<slug>/. `request.path` keeps the prefix, which
keeps cached pages of a clinic apart from the plain site's (their keys use the full path).

The feature apps know nothing of this: templates read `request.clinic` for the branding,
and the counting receiver reads the `current_clinic` context variable.
"""

import re

from django.http import Http404
from django.shortcuts import render
from django.urls import get_script_prefix, get_urlconf, set_script_prefix, set_urlconf
from django.utils.cache import add_never_cache_headers

from kneecare.tools import TOOL_NAMES, tool_for_view

from .branding import current_clinic, load_brand

CLINIC_PATH = re.compile(r"^/c/(?P<slug>[-\w]+)(?P<rest>/.*)$", re.DOTALL)
BRANDED_URLCONF = "clinics.branded_urls"


class ClinicLinkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.clinic = None
        request.offered_tools = frozenset(TOOL_NAMES)
        match = CLINIC_PATH.match(request.path_info)
        if match is None:
            return self.get_response(request)
        brand = load_brand(match["slug"])
        if brand is None:
            raise Http404("No clinic has this link.")
        if not brand.active:
            return inactive_link(request, brand)

        request.clinic = brand
        request.offered_tools = brand.tools
        request.path_info = match["rest"]
        request.urlconf = BRANDED_URLCONF
        prefix, urlconf = get_script_prefix(), get_urlconf()
        # Set now, not only when the view is resolved, so that pages rendered by later
        # middleware (the rate limit's 429) reverse in the clinic's address space too.
        set_urlconf(BRANDED_URLCONF)
        set_script_prefix(f"{prefix}c/{brand.slug}/")
        token = current_clinic.set(brand)
        try:
            return self.get_response(request)
        finally:
            current_clinic.reset(token)
            set_script_prefix(prefix)
            set_urlconf(urlconf)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """A check the clinic does not offer is not found under its link."""
        if request.clinic is None:
            return None
        tool = tool_for_view(request.resolver_match.view_name)
        if tool is not None and tool.name not in request.clinic.tools:
            raise Http404(f"This clinic does not offer the {tool.name} check.")
        return None


def inactive_link(request, brand):
    # Not cached anywhere: the clinic may switch its link back on.
    response = render(request, "clinics/inactive.html", {"inactive_clinic": brand}, status=404)
    add_never_cache_headers(response)
    return response

"""The load balancer's health check, and the floor `make bench` measures the pages against."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@require_safe
@never_cache
def healthz(request):
    """Answer "ok" from the app server alone: no database, no cache, no template."""
    return HttpResponse("ok", content_type="text/plain")

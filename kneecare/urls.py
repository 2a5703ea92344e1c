from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from kneecare.admin_links import view_on_site
from kneecare.health import healthz, readyz

admin.site.site_header = "KneeCare content"
admin.site.site_title = "KneeCare admin"
admin.site.index_title = "Guidance, sources and clinics"


@require_safe
@cache_control(max_age=86400)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the site's icon.

    A temporary redirect, since the icon's static URL changes whenever the icon does.
    """
    return redirect(static("img/favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    # Before the admin's own: "View on site" only for objects the user may see there.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)),
    path("admin/", admin.site.urls),
    path("symptoms/", include("symptoms.urls")),
    path("training/", include("training.urls")),
    path("c/", include("clinics.urls")),
    path("", include("kneecare.content.urls")),
]

# The site's own pages, which never re-read the body or re-check CSRF (kneecare/errors.py).
handler400 = "kneecare.errors.bad_request"
handler500 = "kneecare.errors.server_error"

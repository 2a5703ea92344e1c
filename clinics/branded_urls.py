"""The URLconf for requests under a clinic's link, /c/<slug>/ (see middleware.py).

The clinic's own page takes the place of the home page, then come the public parts of the
plain site, so a new public app added to kneecare/urls.py is served under clinic links too.
The admin, the health check and the clinics' plain-site addresses are left out.
"""

from django.urls import URLResolver, include, path

from kneecare import urls as site_urls

from . import views

NOT_UNDER_A_CLINIC = {"admin", "clinics"}

clinic_patterns = [
    path("", views.landing, name="home"),
    path("logo/", views.logo, name="logo"),
]

urlpatterns = [
    path("", include((clinic_patterns, "clinic"))),
    *(
        pattern
        for pattern in site_urls.urlpatterns
        if isinstance(pattern, URLResolver) and pattern.namespace not in NOT_UNDER_A_CLINIC
    ),
]

# The same error pages as the plain site (a 503 for a database outage, not a 500).
handler400 = site_urls.handler400
handler500 = site_urls.handler500

"""A clinic's addresses as seen from the plain site: for reversing its link in the admin
and on the poster. The middleware serves every /c/<slug>/... address itself, so these
views only ever answer when it is not installed."""

from django.urls import path

from . import views

app_name = "clinics"

urlpatterns = [
    path("<slug:slug>/", views.served_by_middleware, name="link"),
    path("<slug:slug>/logo/", views.served_by_middleware, name="logo"),
]

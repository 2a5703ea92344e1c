from django.urls import path
from django.views.generic import RedirectView

from symptoms import views

app_name = "symptoms"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="symptoms:check"), name="index"),
    path("check/", views.check, name="check"),
]

from django.urls import path

from . import return_views, views, your_runs

app_name = "training"

urlpatterns = [
    path("", views.index, name="index"),
    path("mileage/", views.mileage, name="mileage"),
    path("mileage/plan.csv", views.mileage_csv, name="mileage_csv"),
    path("mileage/plan.ics", views.mileage_ics, name="mileage_ics"),
    path("spike/", views.spike, name="spike"),
    path("cadence/", views.cadence, name="cadence"),
    path("shoes/", views.shoes, name="shoes"),
    path("strength/", views.strength, name="strength"),
    path("runs/", your_runs.runs, name="runs"),
    path("return-to-run/", return_views.return_to_run, name="return_to_run"),
    path(
        "return-to-run/schedule.ics",
        return_views.return_to_run_ics_view,
        name="return_to_run_ics",
    ),
]

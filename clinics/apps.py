from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    name = "clinics"
    label = "clinics"
    verbose_name = "Clinics"

    def ready(self):
        from . import receivers  # noqa: F401

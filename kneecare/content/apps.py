from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "kneecare.content"
    label = "content"
    verbose_name = "Guidance content"

    def ready(self):
        from . import signals  # noqa: F401

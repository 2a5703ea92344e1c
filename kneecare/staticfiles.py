from django.contrib.staticfiles.apps import StaticFilesConfig


class KneeCareStaticFilesConfig(StaticFilesConfig):
    """Leave the build-time files of our vendored assets out of the published static files."""

    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "node_modules",
        "package.json",
        "package-lock.json",
        "*.scss",
    ]

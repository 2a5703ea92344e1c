import os

from django.contrib.staticfiles.finders import FileSystemFinder
from whitenoise.base import MissingFileError
from whitenoise.middleware import WhiteNoiseMiddleware

# The build-time files of our vendored assets (see static/vendor/package.json).
BUILD_FILES = ["node_modules", "package.json", "package-lock.json", "*.scss"]


class PublishedFilesFinder(FileSystemFinder):
    """Finds the files in `static/` that we publish: collectstatic leaves the build files out."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *BUILD_FILES])


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, without serving the manifest: it maps every file to its hashed name,
    which helps nobody but someone mapping the site."""

    manifest_name = "staticfiles.json"

    def is_manifest(self, path) -> bool:
        return os.path.basename(path) == self.manifest_name

    def add_file_to_dictionary(self, url, path, stat_cache=None):
        if not self.is_manifest(path):
            super().add_file_to_dictionary(url, path, stat_cache=stat_cache)

    def find_file_at_path(self, path, url):
        if self.is_manifest(path):
            raise MissingFileError(path)
        return super().find_file_at_path(path, url)

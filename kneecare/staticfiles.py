from django.contrib.staticfiles.finders import FileSystemFinder

# The build-time files of our vendored assets (see static/vendor/package.json).
BUILD_FILES = ["node_modules", "package.json", "package-lock.json", "*.scss"]


class PublishedFilesFinder(FileSystemFinder):
    """Finds the files in `static/` that we publish: collectstatic leaves the build files out."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *BUILD_FILES])

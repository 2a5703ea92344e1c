"""Test settings: production settings with a throwaway key, plain static files and fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
# Playwright's sync API runs an event loop in the test thread; Django's live server is fine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from kneecare.settings import *  # noqa: E402, F403

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SECURE_SSL_REDIRECT = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test client sends no Host header (it falls back to SERVER_NAME); the tests of
# the Host check turn this back on.
REQUIRE_HOST_HEADER = False

"""KneeCare settings.

Production differs from development only by environment variables:
DEBUG, SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS, REDIS_URL (see README.md).
"""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from kneecare.env import env_bool, env_list, env_rate, env_str
from kneecare.proxies import parse_networks

BASE_DIR = Path(__file__).resolve().parent.parent


def development_secret_key() -> str:
    """A random key kept in an ignored local file, so sessions survive restarts in development."""
    path = BASE_DIR / ".local-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")
    SECRET_KEY = development_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "csp",
    "axes",
    "django_ratelimit",
    "kneecare.content",
    "clinics",
    "symptoms",
    "training",
]

MIDDLEWARE = [
    # First: forwarded headers count only from our own proxies (TRUSTED_PROXIES).
    "kneecare.middleware.trusted_proxies",
    "django.middleware.security.SecurityMiddleware",
    "kneecare.staticfiles.StaticFilesMiddleware",
    "csp.middleware.CSPMiddleware",
    "kneecare.admin_csp.admin_csp",
    "kneecare.middleware.permissions_policy",
    # Malformed requests get a 400 or 413 before anything reads the body.
    "kneecare.middleware.RequestChecksMiddleware",
    # Serves /c/<clinic-slug>/... in a clinic's name; early, before anything reads the path.
    "clinics.middleware.ClinicLinkMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kneecare.ratelimits.RateLimitMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kneecare.urls"
WSGI_APPLICATION = "kneecare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kneecare.tools.offered_tools",
                "kneecare.help_contacts.help_contacts",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                # A lost Redis must not take the site down: reads miss, writes are dropped,
                # pages are rendered without the cache and rate limits fail open. Each kind
                # of failure is logged once per outage (kneecare/cache_outage.py).
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "kneecare.outage"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Self-check and training tools: requests per client address (see kneecare/ratelimits.py).
# `make bench` raises both through the environment so the benchmark is not throttled.
RATELIMITS = {
    "GET": env_rate("RATELIMIT_GET", "120/m"),
    "POST": env_rate("RATELIMIT_POST", "60/m"),
}
# 60 POSTs: a self-check also checks some answers as they are given (a few POSTs each).
# A cache outage should not lock runners out of the self-check.
RATELIMIT_FAIL_OPEN = True
# Without REDIS_URL the counts live in each process's memory: fine for development and
# one app server, not shared between servers, so production sets REDIS_URL. Local memory
# is not one of the caches django-ratelimit knows to be shared (W001, E003).
SILENCED_SYSTEM_CHECKS = [] if REDIS_URL else ["django_ratelimit.W001", "django_ratelimit.E003"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Admin logins: lock a username from one address after five failures, for a cool-off
# time rather than for ever, so a coach who mistypes is back at work after a short wait.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "kneecare.client_ip.client_ip"

# Our own proxies (nginx, a load balancer), as addresses or CIDRs: only connections from
# these may set X-Forwarded-For and X-Forwarded-Proto (kneecare/proxies.py). None by
# default: the app is then reached directly and ignores those headers.
if env_str("TRUSTED_PROXY_COUNT"):
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT is no longer read: list your proxies' addresses in "
        "TRUSTED_PROXIES instead, e.g. TRUSTED_PROXIES=127.0.0.1/32 behind a local nginx."
    )
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
try:
    TRUSTED_PROXY_NETWORKS = parse_networks(TRUSTED_PROXIES)
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error

# Requests the site refuses before reading them (kneecare/request_checks.py): bodies over
# 4 MB get a 413 (nginx refuses them first: client_max_body_size 4m). That leaves room for
# a logo upload, which the admin form then checks against its own 512 KB with a message;
# form fields alone may hold 1 MB (more is a 400). A file sent to a view that takes none
# is refused as it starts (a 400), and a request without a Host header is a 400 too.
MAX_REQUEST_BODY_BYTES = 4 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
REQUIRE_HOST_HEADER = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "kneecare.staticfiles.PublishedFilesFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security. Behind a load balancer that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The load balancer's health check speaks plain HTTP to the app server.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "kneecare.errors.csrf_failure"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_NAME = "sessionid" if DEBUG else "__Host-sessionid"
CSRF_COOKIE_NAME = "csrftoken" if DEBUG else "__Host-csrftoken"
SESSION_COOKIE_SAMESITE = "Lax"
# A coach's admin session lasts a working day.
SESSION_COOKIE_AGE = int(timedelta(hours=8).total_seconds())

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Strict CSP: no inline script or style anywhere; htmx is configured for it in base.html.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws its form controls with small data: SVG images.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}

# Where a result sends a runner for help: one emergency number, and an urgent-care service
# for "see someone today" (README.md). The defaults are the UK's; another country's
# deployment sets all three, so a result never mixes up numbers.
EMERGENCY_NUMBER = env_str("EMERGENCY_NUMBER", "999")
URGENT_CARE_URL = env_str("URGENT_CARE_URL", "https://111.nhs.uk/")
URGENT_CARE_LABEL = env_str("URGENT_CARE_LABEL", "NHS 111 online")
if not URGENT_CARE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("URGENT_CARE_URL must be an http(s) address.")

# How long rendered content pages stay in the cache; a coach's save clears them at once.
CONTENT_PAGE_CACHE_SECONDS = 60 * 60

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Cache and database outages are logged once per outage, not once per request.
    "filters": {
        "once_per_outage": {"()": "kneecare.cache_outage.OncePerOutage"},
        "database_outage_once": {"()": "kneecare.log_filters.DatabaseOutageOnce"},
    },
    # runserver's request lines, time-stamped as in Django's default logging.
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "loggers": {
        # Without Django's own handlers (a console one under DEBUG, mail to ADMINS, which is
        # unset), its messages reach the root's console like everyone's: once, not twice.
        # Naming "django" resets the loggers below it, so runserver's is set again here.
        "django": {"handlers": [], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "kneecare.outage": {"filters": ["once_per_outage"], "level": "WARNING"},
        "django.request": {"filters": ["database_outage_once"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

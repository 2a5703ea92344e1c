"""Production settings, checked in a fresh interpreter with a production-like environment."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def production_env(**overrides):
    # Only what a production server would have: not the test settings' own variables.
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "TMPDIR") if key in os.environ}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(48),  # 64 random characters
        ALLOWED_HOSTS="kneecare.example",
        DJANGO_SETTINGS_MODULE="kneecare.settings",
    )
    env.update(overrides)
    return env


def production_settings(*names, **env):
    """The values of some settings as production would load them."""
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"values = {{name: getattr(settings, name) for name in {list(names)!r}}}; "
        "print(json.dumps(values, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


class TestDeployCheck:
    def test_it_reports_no_issues_under_production_settings(self):
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            env=production_env(),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues" in result.stdout
        assert "WARNINGS" not in result.stdout + result.stderr

    def test_it_reports_no_issues_with_redis_either(self):
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            env=production_env(REDIS_URL="redis://127.0.0.1:6379/9"),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues" in result.stdout

    def test_it_refuses_to_start_without_a_secret_key(self):
        env = production_env()
        del env["SECRET_KEY"]
        result = subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode != 0
        assert "Set SECRET_KEY" in result.stderr


class TestProductionSettings:
    def test_it_sends_cookies_only_over_https_with_the_host_prefix(self):
        values = production_settings(
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SESSION_COOKIE_NAME",
            "CSRF_COOKIE_NAME",
            "SESSION_COOKIE_HTTPONLY",
            "SESSION_COOKIE_SAMESITE",
            "SESSION_COOKIE_DOMAIN",
            "CSRF_COOKIE_DOMAIN",
            "SESSION_COOKIE_PATH",
            "CSRF_COOKIE_PATH",
        )
        assert values == {
            "SESSION_COOKIE_SECURE": True,
            "CSRF_COOKIE_SECURE": True,
            "SESSION_COOKIE_NAME": "__Host-sessionid",
            "CSRF_COOKIE_NAME": "__Host-csrftoken",
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            # A __Host- cookie must have no Domain and the path /.
            "SESSION_COOKIE_DOMAIN": None,
            "CSRF_COOKIE_DOMAIN": None,
            "SESSION_COOKIE_PATH": "/",
            "CSRF_COOKIE_PATH": "/",
        }

    def test_it_redirects_to_https_and_asks_for_hsts_for_a_year(self):
        values = production_settings(
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "SECURE_PROXY_SSL_HEADER",
        )
        assert values == {
            "DEBUG": False,
            "SECURE_SSL_REDIRECT": True,
            "SECURE_HSTS_SECONDS": 31536000,
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
            "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        }

    def test_it_ends_a_coach_session_after_a_working_day(self):
        values = production_settings("SESSION_COOKIE_AGE")
        assert values["SESSION_COOKIE_AGE"] == 8 * 60 * 60

    def test_it_takes_the_rate_limits_from_the_environment(self):
        assert production_settings("RATELIMITS") == {"RATELIMITS": {"GET": "120/m", "POST": "60/m"}}
        raised = production_settings(
            "RATELIMITS", RATELIMIT_GET="100000/m", RATELIMIT_POST="50000/m"
        )
        assert raised == {"RATELIMITS": {"GET": "100000/m", "POST": "50000/m"}}

    def test_it_uses_redis_for_the_shared_cache_when_given(self):
        values = production_settings(
            "CACHES", "DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS", REDIS_URL="redis://cache:6379/0"
        )
        cache = values["CACHES"]["default"]
        assert cache["BACKEND"] == "django_redis.cache.RedisCache"
        assert cache["LOCATION"] == "redis://cache:6379/0"
        # A lost Redis degrades the site instead of failing it, and says so in the log.
        assert cache["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
        assert cache["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
        assert values["DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS"] is True

    def test_it_trusts_forwarded_headers_only_from_the_listed_proxies(self):
        values = production_settings("TRUSTED_PROXIES", TRUSTED_PROXIES="127.0.0.1/32, 10.0.0.0/8")
        assert values == {"TRUSTED_PROXIES": ["127.0.0.1/32", "10.0.0.0/8"]}
        assert production_settings("TRUSTED_PROXIES") == {"TRUSTED_PROXIES": []}

    @pytest.mark.parametrize(
        ("env", "message"),
        [
            ({"TRUSTED_PROXIES": "10.0.0.0/8,not-a-network"}, "not-a-network"),
            ({"TRUSTED_PROXY_COUNT": "1"}, "TRUSTED_PROXIES instead"),
        ],
    )
    def test_it_refuses_to_start_with_a_wrong_proxy_setting(self, env, message):
        result = subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=ROOT,
            env=production_env(**env),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode != 0
        assert message in result.stderr


class TestLogging:
    @pytest.mark.parametrize("debug", ["true", "false"])
    def test_it_prints_each_of_djangos_messages_once(self, debug):
        # `make run` (DEBUG) printed every django.* line twice, a traceback included:
        # once by Django's own console handler, once by ours on the root logger.
        script = (
            "import logging, django; django.setup(); "
            "logging.getLogger('django.request').error('Internal Server Error: /marker/'); "
            "logging.getLogger('django.utils.autoreload').info('Watching for file changes'); "
            "logging.getLogger('django.server').info('\"GET /marker/ HTTP/1.1\" 200 5')"
        )
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=production_env(DEBUG=debug),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert result.stderr.count("Internal Server Error: /marker/") == 1, result.stderr
        assert result.stderr.count("Watching for file changes") == 1, result.stderr
        # runserver's request line, once, with its time stamp.
        assert len(re.findall(r'(?m)^\[.+\] "GET /marker/ HTTP/1.1" 200 5$', result.stderr)) == 1, (
            result.stderr
        )


@pytest.mark.django_db
class TestHealthCheck:
    def test_it_answers_ok_without_touching_the_database(self, client, django_assert_num_queries):
        with django_assert_num_queries(0):
            response = client.get("/healthz")
        assert response.status_code == 200
        assert response.content == b"ok"
        assert response["Content-Type"].startswith("text/plain")

    def test_it_is_never_cached(self, client):
        response = client.get("/healthz")
        assert "no-cache" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]

    def test_it_is_not_redirected_to_https(self, client, settings):
        settings.SECURE_SSL_REDIRECT = True
        assert client.get("/healthz").status_code == 200
        assert client.get("/").status_code == 301

    def test_it_answers_only_reads(self, client):
        assert client.post("/healthz").status_code == 405


class TestGunicornConfig:
    def load(self, monkeypatch, **env):
        import runpy

        for name in ("GUNICORN_BIND", "GUNICORN_WORKERS", "TRUSTED_PROXIES"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))

    def test_it_binds_to_loopback_by_default(self, monkeypatch):
        config = self.load(monkeypatch)
        assert config["bind"] == ["127.0.0.1:8000"]
        assert config["forwarded_allow_ips"] == "127.0.0.1,::1"
        assert config["worker_class"] == "sync"

    def test_it_takes_a_private_address_and_the_trusted_proxies(self, monkeypatch):
        config = self.load(
            monkeypatch, GUNICORN_BIND="10.0.0.5:8000", TRUSTED_PROXIES="10.0.0.2/32"
        )
        assert config["bind"] == ["10.0.0.5:8000"]
        assert config["forwarded_allow_ips"] == "10.0.0.2/32"

"""Security headers on every public page, and htmx set up for the strict CSP."""

import base64
import hashlib
import json
import re

import pytest
from django.conf import settings

from kneecare.content.models import Condition, GuidanceStep
from tests.clinics import make_clinic
from tests.inputs import RUNNERS_KNEE

EXPECTED_CSP = {
    "default-src": {"'none'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "manifest-src": {"'self'"},
    "form-action": {"'self'"},
    "base-uri": {"'none'"},
    "object-src": {"'none'"},
    "frame-ancestors": {"'none'"},
}

# The feature pages; the content pages come from the seed below. Clinic pages are served
# under the test clinic's link.
FEATURE_PAGES = [
    "/symptoms/check/",
    "/training/",
    "/training/mileage/",
    "/training/mileage/?current=20&goal=30",
    "/training/mileage/?last_week=20&this_week=30&unit=mi",
    "/training/mileage/plan.csv?current=20&goal=30",
    "/training/mileage/plan.ics?current=20&goal=30",
    "/training/spike/",
    "/training/spike/?longest_30d=10&planned=16",
    "/training/cadence/",
    "/training/cadence/?foot_strikes=80",
    "/training/shoes/",
    "/training/shoes/?distance=700&tread_worn=on",
    "/training/strength/",
    "/training/strength/?weeks=8&sessions=1",
]
CLINIC_PAGES = [
    "/c/riverside/",
    "/c/riverside/symptoms/check/",
    "/c/riverside/training/mileage/?current=20&goal=30",
    "/c/riverside/training/shoes/",
    "/c/riverside/conditions/",
]


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = set(sources)
    return directives


@pytest.fixture
def public_pages(seeded):
    make_clinic(
        website="https://riverside.example",
        address="1 River Street",
        message="Bring your running shoes.",
    )
    condition = Condition.objects.published().first()
    step = GuidanceStep.objects.published().first()
    return [
        "/",
        "/conditions/",
        condition.get_absolute_url(),
        "/guidance/",
        step.get_absolute_url(),
        "/sources/",
        *FEATURE_PAGES,
        *CLINIC_PAGES,
    ]


def assert_security_headers(response):
    assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


class TestHeaders:
    def test_it_sends_every_security_header_on_every_public_page(self, client, public_pages):
        for path in public_pages:
            # Twice: the content pages are served from the page cache the second time.
            for _ in range(2):
                response = client.get(path, secure=True)
                assert response.status_code == 200, path
                assert_security_headers(response)

    @pytest.mark.parametrize("htmx", [{}, {"HTTP_HX_REQUEST": "true"}])
    def test_it_sends_them_with_a_self_check_result(self, client, public_pages, htmx):
        for path in ["/symptoms/check/", "/c/riverside/symptoms/check/"]:
            response = client.post(path, RUNNERS_KNEE, secure=True, **htmx)
            assert response.status_code == 200
            assert b"data-urgency" in response.content
            assert_security_headers(response)

    @pytest.mark.parametrize("target", ["tool", "result"])
    def test_it_sends_them_with_a_training_tools_htmx_part(self, client, seeded, target):
        response = client.get(
            "/training/mileage/?current=20&goal=30",
            secure=True,
            HTTP_HX_REQUEST="true",
            HTTP_HX_TARGET=target,
        )
        assert response.status_code == 200
        assert "<html" not in response.content.decode()
        assert_security_headers(response)

    def test_it_sends_them_on_the_not_found_page(self, client, db):
        response = client.get("/no-such-page/", secure=True)
        assert response.status_code == 404
        assert_security_headers(response)

    def test_it_sends_them_on_the_health_check(self, client):
        assert_security_headers(client.get("/healthz", secure=True))

    def test_it_never_allows_inline_or_eval_code(self):
        directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        sources = " ".join(" ".join(values) for values in directives.values())
        assert "unsafe" not in sources
        assert "*" not in sources
        assert "http:" not in sources
        assert "https:" not in sources

    def test_it_sends_hsts_only_over_https(self, client, db):
        assert "Strict-Transport-Security" not in client.get("/healthz")


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
EVENT_ATTRIBUTE = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


class TestNoInlineCode:
    def test_it_has_no_inline_script_style_or_event_handler(self, client, public_pages):
        for path in [*public_pages, "/no-such-page/"]:
            html = client.get(path).content.decode()
            assert not INLINE_SCRIPT.search(html), path
            assert not STYLE_ATTRIBUTE.search(html), path
            assert not EVENT_ATTRIBUTE.search(html), path
            assert "<style" not in html.lower(), path


class TestHtmxConfig:
    def htmx_config(self, html):
        match = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html)
        assert match, "no htmx-config meta tag"
        return json.loads(match[1])

    def test_it_configures_htmx_for_the_strict_csp(self, client, seeded):
        config = self.htmx_config(client.get("/").content.decode())
        assert config["allowEval"] is False
        assert config["allowScriptTags"] is False
        assert config["includeIndicatorStyles"] is False
        assert config["selfRequestsOnly"] is True

    def test_it_swaps_the_rate_limit_and_too_large_alerts_but_no_other_error(self, client, seeded):
        handling = self.htmx_config(client.get("/").content.decode())["responseHandling"]
        assert handling == [
            {"code": "204", "swap": False},
            {"code": "[23]..", "swap": True},
            {"code": "429", "swap": True, "error": False},
            {"code": "413", "swap": True, "error": False},
            {"code": "[45]..", "swap": False, "error": True},
            {"code": "...", "swap": False},
        ]

    def test_it_loads_htmx_from_this_site(self, client, seeded):
        html = client.get("/").content.decode()
        sources = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
        assert any("htmx" in source for source in sources)
        assert all(source.startswith("/static/") for source in sources)


class TestCookies:
    def test_it_sets_the_csrf_cookie_secure_with_the_host_prefix(self, client, db):
        response = client.get("/admin/login/", secure=True)
        cookie = response.cookies["__Host-csrftoken"]
        assert cookie["secure"]
        assert cookie["path"] == "/"
        assert not cookie["domain"]
        assert cookie["samesite"] == "Lax"


class TestAdminPolicy:
    def test_it_allows_only_the_history_paginator_style_in_the_admin(self, client, db):
        directives = parse_csp(client.get("/admin/login/")["Content-Security-Policy"])
        assert directives == {
            **EXPECTED_CSP,
            "style-src-attr": {
                "'unsafe-hashes'",
                "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",
            },
        }

    def test_it_hashes_exactly_border_top_0(self):
        digest = base64.b64encode(hashlib.sha256(b"border-top: 0").digest()).decode()
        assert f"'sha256-{digest}'" == "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"

    def test_it_keeps_the_public_pages_strict(self, client, seeded):
        for path in ["/", "/sources/", "/no-such-page/", "/administrator/", "/x/admin/"]:
            directives = parse_csp(client.get(path)["Content-Security-Policy"])
            assert directives == EXPECTED_CSP, path

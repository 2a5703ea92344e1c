"""Malformed requests get the site's own 400, 403 or 413 page, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from kneecare.middleware import RequestChecksMiddleware, accepts_files
from kneecare.proxies import parse_networks
from kneecare.request_checks import media_type, refuse_body, refuse_request, valid_host

ANSWERS = "pain_location=front&onset=gradual&swelling=none&weight_bearing=normal&pain_level=4"


class TestRequestChecks:
    @pytest.mark.parametrize(
        ("host", "valid"),
        [
            ("example", True),
            ("example:443", True),
            ("[::1]", True),
            ("[::1]:8000", True),
            ("example:99999", False),
            ("example:0", False),
            ("example:", False),
            ("example:８０", False),
            ("", False),
        ],
    )
    def test_it_checks_the_host_port(self, host, valid):
        assert valid_host(host) is valid

    def test_it_refuses_a_missing_host(self):
        refusal = refuse_request(host=None, content_type="", content_length="")
        assert refusal is not None and refusal.status == 400

    def test_it_refuses_a_body_over_the_limit_with_413(self):
        refusal = refuse_body(content_length="11", limit=10)
        assert refusal is not None and refusal.status == 413
        assert refuse_body(content_length="10", limit=10) is None
        assert refuse_body(content_length="", limit=10) is None

    def test_it_refuses_a_malformed_content_length(self):
        refusal = refuse_request(host="x", content_type="", content_length="12abc")
        assert refusal is not None and refusal.status == 400

    @pytest.mark.parametrize("charset", ["utf-16", "iso-8859-1", "UTF-32", "latin1"])
    def test_it_refuses_forms_in_other_charsets(self, charset):
        content_type = f"application/x-www-form-urlencoded; charset={charset}"
        refusal = refuse_request(host="x", content_type=content_type, content_length="")
        assert refusal is not None and refusal.status == 400

    @pytest.mark.parametrize("charset", ["utf-8", "UTF-8", '"utf-8"', "utf8"])
    def test_it_accepts_utf8_forms(self, charset):
        content_type = f"application/x-www-form-urlencoded; charset={charset}"
        assert refuse_request(host="x", content_type=content_type, content_length="") is None

    def test_it_parses_media_types(self):
        assert media_type('Multipart/Form-Data; boundary="a b"; charset=UTF-8') == (
            "multipart/form-data",
            {"boundary": "a b", "charset": "utf-8"},
        )

    @given(
        host=st.text(max_size=30),
        content_type=st.text(max_size=60),
        content_length=st.text(max_size=12),
    )
    def test_it_never_fails_on_any_header(self, host, content_type, content_length):
        refusal = refuse_request(
            host=host, content_type=content_type, content_length=content_length
        )
        assert refusal is None or refusal.status in {400, 413}


@pytest.mark.django_db
class TestBadRequests:
    @pytest.mark.parametrize("charset", ["utf-16", "iso-8859-1"])
    def test_it_answers_a_form_in_another_charset_with_the_site_400(self, client, seeded, charset):
        response = client.post(
            "/symptoms/check/",
            ANSWERS,
            content_type=f"application/x-www-form-urlencoded; charset={charset}",
        )
        assert response.status_code == 400
        assert b'data-error="bad-request"' in response.content
        assert "Content-Security-Policy" in response.headers

    def test_it_answers_the_same_under_a_clinic_link(self, client, seeded):
        from tests.clinics import make_clinic

        make_clinic(slug="riverside")
        response = client.post(
            "/c/riverside/symptoms/check/",
            ANSWERS,
            content_type="application/x-www-form-urlencoded; charset=utf-16",
        )
        assert response.status_code == 400
        assert b'data-error="bad-request"' in response.content

    def test_it_refuses_an_upload_to_the_self_check_before_storing_it(
        self, client, seeded, settings, tmp_path
    ):
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # any file would be spooled to disk
        settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
        upload = SimpleUploadedFile("big.bin", b"x" * 100_000)
        response = client.post("/symptoms/check/", {"pain_location": "front", "file": upload})
        assert response.status_code == 400
        assert b'data-error="bad-request"' in response.content
        assert list(tmp_path.iterdir()) == []

    def test_it_still_takes_a_multipart_form_without_files(self, client, seeded):
        # Browsers send forms urlencoded, but a multipart form with no file is still a form.
        fields = dict(part.split("=") for part in ANSWERS.split("&"))
        assert client.post("/symptoms/check/", fields).status_code == 200

    def test_it_lets_the_admin_take_files(self, admin_client, settings, tmp_path):
        upload = SimpleUploadedFile("notes.txt", b"x" * 100)
        response = admin_client.post("/admin/clinics/clinic/add/", {"logo_upload": upload})
        assert response.status_code == 200  # the form, with its errors: the file was read
        assert b"Upload a PNG, JPEG or WebP image" in response.content

    def test_it_refuses_a_20_mb_upload_with_413(self, client, seeded):
        upload = SimpleUploadedFile("big.bin", b"x" * 20 * 1024 * 1024)
        response = client.post("/symptoms/check/", {"file": upload})
        assert response.status_code == 413
        assert b'data-error="too-large"' in response.content

    def test_it_refuses_a_body_over_the_limit_with_413(self, client, seeded, settings):
        settings.MAX_REQUEST_BODY_BYTES = 1000
        response = client.post(
            "/symptoms/check/", "a=" + "x" * 2000, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 413
        assert b'data-error="too-large"' in response.content

    def test_it_refuses_an_invalid_host_port(self, client, seeded, settings):
        settings.ALLOWED_HOSTS = ["example"]
        assert client.get("/", HTTP_HOST="example:99999").status_code == 400
        assert client.get("/", HTTP_HOST="example:8000").status_code == 200

    def test_it_refuses_a_request_without_a_host(self, seeded, settings):
        settings.REQUIRE_HOST_HEADER = True
        response = Client().get("/")
        assert response.status_code == 400
        assert b'data-error="bad-request"' in response.content
        assert Client().get("/", HTTP_HOST="testserver").status_code == 200

    def test_it_answers_a_disallowed_host_with_the_site_400(self, client, seeded):
        response = client.get("/", HTTP_HOST="evil.example")
        assert response.status_code == 400
        assert b'data-error="bad-request"' in response.content

    def test_it_still_accepts_a_utf8_form(self, client, seeded):
        response = client.post(
            "/symptoms/check/",
            ANSWERS,
            content_type="application/x-www-form-urlencoded; charset=utf-8",
        )
        assert response.status_code == 200


@pytest.mark.django_db
class TestCsrfFailure:
    def test_it_shows_the_site_own_friendly_403(self, seeded):
        client = Client(enforce_csrf_checks=True)
        response = client.post("/symptoms/check/", {"pain_location": "front"})
        assert response.status_code == 403
        html = response.content.decode()
        assert 'data-error="csrf"' in html
        assert "reload the page and send it again" in html
        assert "Skip to content" in html  # the site's own layout


@pytest.mark.django_db
class TestForwardedProto:
    def test_it_ignores_x_forwarded_proto_from_a_client(self, client, settings, seeded):
        settings.SECURE_SSL_REDIRECT = True
        settings.TRUSTED_PROXY_NETWORKS = parse_networks(["10.0.0.0/8"])
        response = client.get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 301
        assert response["Location"].startswith("https://")

    def test_it_honours_x_forwarded_proto_from_our_proxy(self, client, settings, seeded):
        settings.SECURE_SSL_REDIRECT = True
        settings.TRUSTED_PROXY_NETWORKS = parse_networks(["10.0.0.0/8"])
        response = client.get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="10.0.0.2")
        assert response.status_code == 200


class TestViewsThatTakeFiles:
    def run_checks(self, view, size):
        from django.test import RequestFactory
        from django.urls import ResolverMatch

        request = RequestFactory().post("/upload/", "x" * size, content_type="text/plain")
        request.resolver_match = ResolverMatch(view, (), {}, namespaces=[])
        middleware = RequestChecksMiddleware(lambda request: None)
        return request, middleware.process_view(request, view, (), {})

    def test_a_view_may_raise_its_own_body_limit(self, settings):
        settings.MAX_REQUEST_BODY_BYTES = 100

        @accepts_files(max_bytes=1000)
        def upload(request):
            return None

        request, refused = self.run_checks(upload, 500)
        assert refused is None
        assert not any(type(h).__name__ == "RefuseFiles" for h in request.upload_handlers)
        _, refused = self.run_checks(upload, 1001)
        assert refused.status_code == 413

    def test_other_views_keep_the_site_limit_and_take_no_files(self, settings):
        settings.MAX_REQUEST_BODY_BYTES = 100

        def form(request):
            return None

        request, refused = self.run_checks(form, 100)
        assert refused is None
        assert [type(h).__name__ for h in request.upload_handlers] == ["RefuseFiles"]
        _, refused = self.run_checks(form, 101)
        assert refused.status_code == 413

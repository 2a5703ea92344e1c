"""The shipped reverse proxy, for real: Debian's nginx with deploy/nginx/kneecare.conf in
front of gunicorn with deploy/gunicorn.conf.py, on loopback (tests/stack.py).

`make test` and CI install nginx when it is missing (`make nginx`).
"""

import http.client
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests import stack
from tests.load.upload import multipart
from tests.run_file_fixtures import gpx_run

pytestmark = pytest.mark.nginx

SLOW_CLIENTS = 50
# How long a normal client waits: behind nginx it is served well within this, straight at
# gunicorn it is not served at all while the slow clients trickle.
WAIT_SECONDS = 3
ANSWERS = {
    "age": "34",
    "pain_location": "front",
    "onset": "gradual",
    "swelling": "none",
    "weight_bearing": "normal",
    "pain_level": "4",
    "worse_with": "stairs",
}
CSRF_COOKIE = re.compile(r"(__Host-csrftoken)=([^;]+)")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(scope="module")
def site():
    if not Path(stack.NGINX).exists():
        pytest.fail("nginx is not installed: run `make nginx` (Debian's package)")
    workdir = Path(tempfile.mkdtemp(prefix="kneecare-nginx-"))
    env = stack.site_env(workdir)
    stack.prepare_site(env)
    port = stack.free_port()
    gunicorn = stack.start_gunicorn(env, port, workdir / "gunicorn.log", workers=2)
    nginx = None
    try:
        nginx = stack.start_nginx(
            workdir / "nginx", upstreams=[port], static_root=workdir / "static"
        )
        yield nginx, port
    finally:
        if nginx is not None:
            stack.stop_nginx(nginx)
        stack.stop(gunicorn)
        shutil.rmtree(workdir, ignore_errors=True)


def https(nginx, method, path, *, body=None, headers=None, timeout=10):
    connection = http.client.HTTPSConnection(
        stack.HOST, nginx.https_port, context=nginx.tls_context(), timeout=timeout
    )
    headers = {"Host": f"{stack.HOST}:{nginx.https_port}", **(headers or {})}
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response, content


def plain(port, path, *, timeout=10):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", path, headers={"Host": stack.HOST})
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response, content


class SlowClients:
    """Clients that send a request a byte at a time, half the head, half a form body."""

    def __init__(self, port, *, count, tls_context=None, interval=0.5):
        self.port, self.count, self.context, self.interval = port, count, tls_context, interval
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.trickle, args=(i,)) for i in range(count)]
        self.connected = 0

    def trickle(self, number):
        head = f"GET /symptoms/check/ HTTP/1.1\r\nHost: {stack.HOST}\r\nX-Slow: {'x' * 200}\r\n"
        if number % 2:
            head = (
                f"POST /symptoms/check/ HTTP/1.1\r\nHost: {stack.HOST}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\n"
            )
        try:
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            if self.context is not None:
                sock = self.context.wrap_socket(sock, server_hostname=stack.HOST)
            self.connected += 1
            with sock:
                start = head.index("\r\n\r\n") + 4 if number % 2 else 0
                if start:
                    sock.sendall(head[:start].encode())  # a whole head, then a slow body
                for byte in head[start:] if not start else "a" * 500:
                    if self.stopping.wait(self.interval):
                        return
                    sock.sendall(byte.encode())
        except OSError:
            return

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        time.sleep(1.0)  # every slow client is connected and trickling
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=10)


def timed(fetch):
    started = time.monotonic()
    try:
        response, _ = fetch()
        return response.status, time.monotonic() - started
    except (TimeoutError, OSError):
        return None, time.monotonic() - started


class TestSlowClients:
    def test_50_slow_clients_do_not_block_a_normal_client_behind_nginx(self, site):
        nginx, _ = site
        with SlowClients(
            nginx.https_port, count=SLOW_CLIENTS, tls_context=nginx.tls_context()
        ) as slow:
            assert slow.connected == SLOW_CLIENTS
            results = [
                timed(lambda path=path: https(nginx, "GET", path, timeout=WAIT_SECONDS))
                for path in ["/", "/symptoms/check/", "/conditions/", "/training/"] * 3
            ]
        assert all(status == 200 for status, _ in results), results
        # Usually a few milliseconds each; the bound leaves room for a busy CI machine.
        assert max(seconds for _, seconds in results) < WAIT_SECONDS, results

    def test_without_nginx_the_same_slow_clients_block_gunicorn(self, site):
        # The control: straight at gunicorn's two sync workers, a normal client waits.
        _, port = site
        with SlowClients(port, count=SLOW_CLIENTS):
            status, seconds = timed(lambda: plain(port, "/healthz", timeout=WAIT_SECONDS))
        assert status is None and seconds >= WAIT_SECONDS


class TestThroughNginx:
    def test_it_serves_the_site_over_https_with_its_security_headers(self, site):
        nginx, _ = site
        response, content = https(nginx, "GET", "/")
        assert response.status == 200
        assert b"KneeCare" in content
        assert "default-src 'none'" in response.getheader("Content-Security-Policy")
        assert "max-age=31536000" in response.getheader("Strict-Transport-Security")
        assert response.getheader("Server") == "nginx"  # no version

    def test_it_speaks_http2(self, site):
        nginx, _ = site
        result = subprocess.run(
            [
                "curl", "--silent", "--http2", "--cacert", str(nginx.directory / "cert.pem"),
                "--output", "/dev/null", "--write-out", "%{http_version} %{http_code}",
                nginx.https("/conditions/"),
            ],
            capture_output=True, text=True, timeout=20,
        )  # fmt: skip
        assert result.stdout == "2 200", result.stderr

    def test_it_redirects_plain_http_but_answers_the_health_checks(self, site):
        nginx, _ = site
        response, _ = plain(nginx.http_port, "/symptoms/check/")
        assert response.status == 301
        assert response.getheader("Location") == f"https://{stack.HOST}/symptoms/check/"
        response, content = plain(nginx.http_port, "/healthz")
        assert (response.status, content) == (200, b"ok")
        response, _ = plain(nginx.http_port, "/readyz")
        assert response.status == 200

    def test_it_serves_hashed_static_files_for_a_year_but_not_the_manifest(self, site):
        nginx, _ = site
        _, home = https(nginx, "GET", "/")
        stylesheet = re.search(rb'href="(/static/css/kneecare\.[0-9a-f]{12}\.css)"', home)[1]
        response, content = https(nginx, "GET", stylesheet.decode())
        assert response.status == 200 and content
        assert "immutable" in response.getheader("Cache-Control")
        response, _ = https(nginx, "GET", "/static/staticfiles.json")
        assert response.status == 404

    def test_it_refuses_a_body_over_the_limit(self, site):
        nginx, _ = site
        response, _ = https(
            nginx,
            "POST",
            "/symptoms/check/",
            body=b"a=" + b"x" * (5 * 1024 * 1024),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.status == 413

    def test_it_answers_a_bad_charset_with_the_site_400(self, site):
        nginx, _ = site
        response, content = https(
            nginx,
            "POST",
            "/symptoms/check/",
            body="pain_location=front".encode("utf-16"),
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-16"},
        )
        assert response.status == 400
        assert b'data-error="bad-request"' in content

    def test_the_self_check_works_over_https_with_csrf(self, site):
        nginx, _ = site
        response, form = https(nginx, "GET", "/symptoms/check/")
        assert response.status == 200
        cookie = CSRF_COOKIE.search(response.getheader("Set-Cookie"))
        assert cookie, "the CSRF cookie is __Host- prefixed and Secure over HTTPS"
        assert "Secure" in response.getheader("Set-Cookie")
        token = CSRF_FIELD.search(form.decode())[1]
        body = urlencode({**ANSWERS, "csrfmiddlewaretoken": token})
        response, result = https(
            nginx,
            "POST",
            "/symptoms/check/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"{cookie[1]}={cookie[2]}",
                "Origin": f"https://{stack.HOST}:{nginx.https_port}",
                "Referer": nginx.https("/symptoms/check/"),
            },
        )
        assert response.status == 200, result[:500]
        assert b"data-urgency" in result
        assert b"data-condition" in result

    def test_a_post_without_the_csrf_cookie_gets_the_friendly_403(self, site):
        nginx, _ = site
        response, content = https(
            nginx,
            "POST",
            "/symptoms/check/",
            body=urlencode(ANSWERS),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{stack.HOST}:{nginx.https_port}",
            },
        )
        assert response.status == 403
        assert b'data-error="csrf"' in content


class TestRunFilesUpload:
    """Your runs takes up to 50 MB through nginx, held in memory, never in a temporary file."""

    def form(self, nginx):
        response, page = https(nginx, "GET", "/training/runs/")
        cookie = CSRF_COOKIE.search(response.getheader("Set-Cookie"))
        return cookie, CSRF_FIELD.search(page.decode())[1]

    def post(self, nginx, cookie, body, content_type):
        return https(
            nginx,
            "POST",
            "/training/runs/",
            body=body,
            headers={
                "Content-Type": content_type,
                "Cookie": f"{cookie[1]}={cookie[2]}",
                "Origin": f"https://{stack.HOST}:{nginx.https_port}",
                "Referer": nginx.https("/training/runs/"),
            },
            timeout=30,
        )

    def temporary_files(self, nginx):
        """nginx deletes a temporary file once the request is over, but logs that it wrote
        one ("a client request body is buffered to a temporary file", and the same for an
        upstream response)."""
        log = Path(nginx.log).read_text()
        return [line for line in log.splitlines() if "buffered to a temporary file" in line]

    def test_it_passes_an_upload_over_the_site_limit_without_a_temporary_file(self, site):
        nginx, _ = site
        cookie, token = self.form(nginx)
        big = gpx_run(km=40, minutes=300, points=22_000, cadence=170)
        assert len(big) > 5 * 1024 * 1024
        body, content_type = multipart(
            {"csrfmiddlewaretoken": token, "unit": "km"}, {"files": ("long.gpx", big)}
        )

        response, content = self.post(nginx, cookie, body, content_type)

        assert response.status == 200, content[:500]
        assert b'data-runs="1"' in content
        assert self.temporary_files(nginx) == []

    def test_it_answers_an_upload_over_50_mb_with_its_own_short_page(self, site):
        nginx, _ = site
        cookie, token = self.form(nginx)
        body, content_type = multipart(
            {"csrfmiddlewaretoken": token}, {"files": ("huge.gpx", b" " * (50 * 1024 * 1024))}
        )

        response, content = self.post(nginx, cookie, body, content_type)

        assert response.status == 413
        assert b'data-too-large="50"' in content and b"at most 50 MB at a time" in content
        assert response.getheader("Content-Security-Policy") == "default-src 'none'"
        assert self.temporary_files(nginx) == []

    def test_it_takes_the_same_upload_under_a_clinic_link(self, site):
        nginx, _ = site
        body, content_type = multipart({}, {"files": ("long.gpx", b" " * (6 * 1024 * 1024))})
        response, content = https(
            nginx,
            "POST",
            "/c/riverside/training/runs/",
            body=body,
            headers={"Content-Type": content_type},
            timeout=30,
        )
        # Past nginx to the app, which has no such clinic here.
        assert response.status == 404 and b"data-too-large" not in content

    def test_other_addresses_keep_the_4_mb_limit(self, site):
        nginx, _ = site
        response, content = https(
            nginx,
            "POST",
            "/c/riverside/training/spike/",
            body=b"a=" + b"x" * (5 * 1024 * 1024),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.status == 413 and b"data-too-large" not in content

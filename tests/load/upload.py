"""Time the "Your runs" upload of a 90-day export (about 60 runs), end to end.

`make bench` calls :func:`measure_uploads` against its gunicorn; on its own,
`.venv/bin/python -m tests.load.upload` measures in-process with Django's test client
(no server, no load generator), for a quick figure while the machine is shared.

Two exports, both with a point every second as watches record them, 5 to 11 km runs:
Garmin's (a FIT file a run) and Strava's (the original files: GPX, gzipped FIT and
gzipped TCX in turn). The target is under 2 s for each, median of three uploads.
"""

import http.client
import re
import statistics
import sys
import time
import uuid
from urllib.parse import urlsplit

from tests.run_file_fixtures import garmin_export, ninety_day_export

UPLOAD_LIMIT_S = 2.0
REPEATS = 3
RUNS = 60
PATH = "/training/runs/"
CSRF_COOKIE = re.compile(r"((?:__Host-)?csrftoken)=([^;]+)")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def exports() -> dict[str, bytes]:
    return {
        f"Garmin export ({RUNS} FIT)": garmin_export(RUNS),
        f"Strava export ({RUNS} GPX/FIT/TCX)": ninety_day_export(RUNS),
    }


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, (filename, data) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/zip\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _request(host: str, method: str, path: str, body: bytes | None, headers: dict[str, str]):
    parts = urlsplit(host)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, response.getheader("Set-Cookie", ""), text


def measure_uploads(host: str) -> list[dict]:
    """Upload each export REPEATS times over HTTP; the median time is judged."""
    results = []
    for name, export in exports().items():
        status, set_cookie, page = _request(host, "GET", PATH, None, {})
        cookie, token = CSRF_COOKIE.search(set_cookie), CSRF_FIELD.search(page)
        if status != 200 or cookie is None or token is None:
            raise RuntimeError(f"{PATH} answered {status} without a CSRF cookie and token.")
        body, content_type = multipart(
            {"csrfmiddlewaretoken": token[1], "unit": "km"}, {"files": ("export.zip", export)}
        )
        headers = {"Content-Type": content_type, "Cookie": f"{cookie[1]}={cookie[2]}"}
        timings, runs = [], 0
        for _ in range(REPEATS):
            started = time.perf_counter()
            status, _, text = _request(host, "POST", PATH, body, headers)
            timings.append(time.perf_counter() - started)
            runs = text.count("data-run-day=")
            if status != 200:
                raise RuntimeError(f"The upload answered {status}.")
        results.append(_result(name, export, runs, timings))
    return results


def _result(name: str, export: bytes, runs: int, timings: list[float]) -> dict:
    median = statistics.median(timings)
    return {
        "export": name,
        "megabytes": round(len(export) / 1e6, 2),
        "runs_read": runs,
        "seconds_median": round(median, 2),
        "seconds_best": round(min(timings), 2),
        "target_s": UPLOAD_LIMIT_S,
        "pass": median < UPLOAD_LIMIT_S and runs == RUNS,
    }


def table(results: list[dict]) -> str:
    lines = [f"{'upload':<34} {'MB':>5} {'runs':>5} {'median s':>9} {'best s':>7}  <2 s"]
    for result in results:
        lines.append(
            f"{result['export']:<34} {result['megabytes']:>5} {result['runs_read']:>5} "
            f"{result['seconds_median']:>9} {result['seconds_best']:>7}  "
            f"{'PASS' if result['pass'] else 'FAIL'}"
        )
    return "\n".join(lines)


def measure_in_process() -> list[dict]:
    """The same uploads through Django's test client: the view's own time, no network."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    client = Client()
    results = []
    for name, export in exports().items():
        timings, runs = [], 0
        for _ in range(REPEATS):
            upload = SimpleUploadedFile("export.zip", export, content_type="application/zip")
            started = time.perf_counter()
            response = client.post(PATH, {"files": [upload], "unit": "km"})
            timings.append(time.perf_counter() - started)
            runs = response.content.count(b"data-run-day=")
        results.append(_result(name, export, runs, timings))
    return results


if __name__ == "__main__":
    import os

    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    outcome = measure_in_process()
    print(table(outcome))
    sys.exit(0 if all(result["pass"] for result in outcome) else 1)

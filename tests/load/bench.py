"""`make bench`: KneeCare under gunicorn with production settings, measured with locust.

It builds a throwaway production-like site (DEBUG off, a generated SECRET_KEY, a fresh
SQLite database unless DATABASE_URL names one, migrated, seeded, static files collected into
a temporary STATIC_ROOT), starts gunicorn with 2 workers on a free loopback port, then:

1. sums the page weight of a first visit to the home page (HTML, CSS, JS and fonts, as
   served compressed for `Accept-Encoding: br, gzip`);
2. measures requests per second and p50/p95 latency with 16 concurrent clients for each
   page, one after the other, and compares each with the floor (/healthz);
3. uploads a 90-day export of run files (about 60 runs) to "Your runs" and times it
   (tests/load/upload.py; target under 2 s);
4. holds a mixed load of runners for a fixed time and expects no error.

It prints PASS or FAIL beside each target, writes JSON and a text table into
bench-results/, and exits non-zero if any target fails. The rate limits are raised through
RATELIMIT_GET/RATELIMIT_POST so the benchmark is not throttled. Loopback only: the load
generator shares the machine's cores with gunicorn, so it is kept light (locust's
FastHttpUser, in this one process). BENCH_GUNICORN_ARGS adds gunicorn options, to compare
for example `--worker-class gthread --threads 4` with the default sync workers.
"""

# locust patches the standard library with gevent on import, so it comes first.
import locust  # noqa: F401, I001
import gevent
from locust.env import Environment

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tests.load import locustfile, upload

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))

# Each page: its user class, the request name locust records, and the share of the floor's
# throughput it must reach.
PAGES = [
    ("floor (/healthz)", locustfile.Floor, "GET", "/healthz", None),
    ("home", locustfile.Home, "GET", "/", 0.5),
    ("condition page", locustfile.ConditionPage, "GET", locustfile.CONDITION, 0.5),
    ("triage form (GET)", locustfile.TriageForm, "GET", locustfile.TRIAGE, 0.3),
    ("triage htmx POST", locustfile.TriagePost, "POST", "triage: htmx POST", 0.25),
    ("mileage planner", locustfile.Mileage, "GET", locustfile.MILEAGE, 0.25),
]
P95_LIMIT_MS = 50
PAGE_WEIGHT_LIMIT = 60_000  # bytes
FONT = re.compile(r"url\(['\"]?([^'\")]+\.(?:woff2?|ttf|otf))", re.IGNORECASE)


@dataclass
class Measurement:
    page: str
    requests: int
    failures: int
    rps: float
    p50_ms: float
    p95_ms: float
    ratio: float | None = None
    ratio_target: float | None = None
    ratio_pass: bool | None = None
    p95_pass: bool | None = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(workdir: Path) -> dict[str, str]:
    env = {
        key: os.environ[key]
        for key in ("PATH", "HOME", "LANG", "TMPDIR", "DATABASE_URL", "REDIS_URL")
        if os.environ.get(key)
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    env.update(
        DJANGO_SETTINGS_MODULE="kneecare.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(workdir / "static"),
        # The benchmark's 16 clients share one address: do not throttle them.
        RATELIMIT_GET="10000000/m",
        RATELIMIT_POST="10000000/m",
        LOG_LEVEL="WARNING",
    )
    return env


def prepare_site(env: dict[str, str]) -> None:
    for command in (["migrate", "--noinput"], ["seed_content"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )


def start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            GUNICORN,
            "kneecare.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--error-logfile",
            str(log),
            *os.environ.get("BENCH_GUNICORN_ARGS", "").split(),
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _, _ = fetch(f"http://127.0.0.1:{port}/healthz")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer on port {port}; see {log}")


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET a URL and return the body as transferred: http.client never decompresses."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {key.lower(): value for key, value in response.getheaders()}, body


def page_weight(base: str) -> dict:
    """The bytes a first visit to the home page transfers: HTML, CSS, JS and fonts."""
    headers = {"Accept-Encoding": "br, gzip"}
    status, response_headers, html = fetch(base + "/", headers)
    assert status == 200, status
    items = [("/", response_headers.get("content-encoding", "identity"), len(html))]
    text = html.decode()
    assets = re.findall(r"<link[^>]+rel=\"stylesheet\"[^>]+href=\"([^\"]+)\"", text)
    assets += re.findall(r"<script[^>]+src=\"([^\"]+)\"", text)
    assets += re.findall(r"<link[^>]+rel=\"preload\"[^>]+href=\"([^\"]+)\"", text)
    seen = set()
    while assets:
        asset = assets.pop(0)
        if asset in seen:
            continue
        seen.add(asset)
        status, response_headers, body = fetch(urljoin(base + "/", asset), headers)
        assert status == 200, (asset, status)
        encoding = response_headers.get("content-encoding", "identity")
        items.append((asset, encoding, len(body)))
        if asset.endswith(".css"):
            _, _, plain = fetch(urljoin(base + "/", asset))
            assets += [urljoin(asset, font) for font in FONT.findall(plain.decode())]
    total = sum(size for _, _, size in items)
    return {
        "items": [{"url": url, "encoding": enc, "bytes": size} for url, enc, size in items],
        "total_bytes": total,
        "limit_bytes": PAGE_WEIGHT_LIMIT,
        "pass": total <= PAGE_WEIGHT_LIMIT,
    }


def run_users(user_class, host, users, seconds, warmup):
    """Run `users` clients of one class; return their stats for the measured seconds."""
    environment = Environment(user_classes=[user_class], host=host, catch_exceptions=True)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.sleep(warmup)
    environment.stats.reset_all()
    started = time.monotonic()
    gevent.sleep(seconds)
    elapsed = time.monotonic() - started
    snapshot = {
        (entry.method, entry.name): (
            entry.num_requests,
            entry.num_failures,
            entry.get_response_time_percentile(0.5),
            entry.get_response_time_percentile(0.95),
        )
        for entry in environment.stats.entries.values()
    }
    errors = [str(error.error) for error in environment.stats.errors.values()]
    errors += [str(exc) for exc in runner.exceptions.values()]
    runner.quit()
    return snapshot, elapsed, errors


def measure(page, user_class, method, name, host, users, seconds, warmup) -> Measurement:
    snapshot, elapsed, errors = run_users(user_class, host, users, seconds, warmup)
    requests, failures, p50, p95 = snapshot.get((method, name), (0, 0, 0, 0))
    if errors:
        print(f"  {page}: {errors[:3]}", file=sys.stderr)
    return Measurement(
        page=page,
        requests=requests,
        failures=failures + len(errors),
        rps=requests / elapsed,
        p50_ms=p50,
        p95_ms=p95,
    )


def judge(measurements: list[Measurement]) -> None:
    floor = measurements[0]
    for measurement, (_, _, _, _, target) in zip(measurements, PAGES, strict=True):
        measurement.p95_pass = measurement.p95_ms < P95_LIMIT_MS and measurement.failures == 0
        if target is not None:
            measurement.ratio = measurement.rps / floor.rps if floor.rps else 0.0
            measurement.ratio_target = target
            measurement.ratio_pass = measurement.ratio >= target


def verdict(passed: bool | None) -> str:
    return "" if passed is None else ("PASS" if passed else "FAIL")


def table(measurements, weight, mixed, machine) -> str:
    lines = [
        f"KneeCare benchmark, {machine['when']}",
        f"{machine['cpus']} CPUs, {machine['python']}, gunicorn 2 workers, "
        f"{machine['users']} concurrent clients, {machine['seconds']} s per page "
        f"(after {machine['warmup']} s warm-up), database {machine['database']}, "
        f"load average {machine['load_average_before']} before, "
        f"{machine['load_average_after']} after",
        "",
        f"{'page':<20} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6} "
        f"{'x floor':>8} {'target':>7} {'':>4}  {'p95<50':>6}",
    ]
    for m in measurements:
        ratio = f"{m.ratio:.2f}" if m.ratio is not None else "1.00"
        target = f">={m.ratio_target:.2f}" if m.ratio_target is not None else ""
        lines.append(
            f"{m.page:<20} {m.rps:>8.0f} {m.p50_ms:>7.0f} {m.p95_ms:>7.0f} {m.failures:>6} "
            f"{ratio:>8} {target:>7} {verdict(m.ratio_pass):>4}  {verdict(m.p95_pass):>6}"
        )
    lines += ["", "Page weight of a first visit to the home page (as transferred, br/gzip):"]
    for item in weight["items"]:
        lines.append(f"  {item['url']:<58} {item['encoding']:<8} {item['bytes']:>7} B")
    lines.append(
        f"  total {weight['total_bytes'] / 1000:.1f} KB, limit {PAGE_WEIGHT_LIMIT / 1000:.0f} KB"
        f"  {verdict(weight['pass'])}"
    )
    lines += [
        "",
        f"Mixed load: {mixed['users']} runners for {mixed['seconds']} s, {mixed['requests']} "
        f"requests ({mixed['rps']:.0f}/s), {mixed['failures']} errors  "
        f"{verdict(mixed['pass'])}",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--mixed-seconds", type=float, default=20)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    args = parser.parse_args()

    load_before = os.getloadavg()
    if load_before[0] > 0.5:
        print(
            f"Warning: the machine is busy (load average {load_before[0]:.2f}); the figures "
            "will be low and noisy. Run the benchmark on an otherwise idle machine.",
            file=sys.stderr,
        )
    workdir = Path(tempfile.mkdtemp(prefix="kneecare-bench-"))
    env = production_env(workdir)
    print("Preparing a production-like site (migrate, seed, collectstatic)...", flush=True)
    prepare_site(env)
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    server = start_gunicorn(env, port, workdir / "gunicorn.log")
    print(f"gunicorn (2 workers) on {host}", flush=True)
    try:
        weight = page_weight(host)
        # Warm both workers up on every page (imports, templates, connections) first.
        run_users(locustfile.MixedRunner, host, args.users, args.warmup * 2, 0)
        measurements = []
        for page, user_class, method, name, _ in PAGES:
            print(f"Measuring {page} for {args.seconds:g} s...", flush=True)
            measurements.append(
                measure(page, user_class, method, name, host, args.users, args.seconds, args.warmup)
            )
        print("Uploading a 90-day export to /training/runs/...", flush=True)
        uploads = upload.measure_uploads(host)
        print(f"Mixed load for {args.mixed_seconds:g} s...", flush=True)
        snapshot, elapsed, errors = run_users(
            locustfile.MixedRunner, host, args.users, args.mixed_seconds, args.warmup
        )
        requests = sum(entry[0] for entry in snapshot.values())
        failures = sum(entry[1] for entry in snapshot.values()) + len(errors)
        mixed = {
            "users": args.users,
            "seconds": args.mixed_seconds,
            "requests": requests,
            "rps": requests / elapsed,
            "failures": failures,
            "errors": errors[:10],
            "pass": failures == 0 and requests > 0,
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

    judge(measurements)
    machine = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "users": args.users,
        "seconds": args.seconds,
        "warmup": args.warmup,
        "database": env["DATABASE_URL"].split(":", 1)[0],
        "load_average_before": round(load_before[0], 2),
        "load_average_after": round(os.getloadavg()[0], 2),
    }
    report = table(measurements, weight, mixed, machine) + "\n\n" + upload.table(uploads)
    print()
    print(report)
    passed = (
        all(m.p95_pass and m.ratio_pass is not False for m in measurements)
        and weight["pass"]
        and mixed["pass"]
        and all(result["pass"] for result in uploads)
    )
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    results = {
        "machine": machine,
        "pages": [asdict(m) for m in measurements],
        "page_weight": weight,
        "mixed_load": mixed,
        "uploads": uploads,
        "targets": {
            "p95_ms_below": P95_LIMIT_MS,
            "ratio_to_floor": {page: target for page, *_, target in PAGES if target},
            "page_weight_bytes_at_most": PAGE_WEIGHT_LIMIT,
            "upload_seconds_below": upload.UPLOAD_LIMIT_S,
        },
        "pass": passed,
    }
    (args.out / f"bench-{stamp}.json").write_text(json.dumps(results, indent=2) + "\n")
    (args.out / f"bench-{stamp}.txt").write_text(report + "\n")
    print(f"\nWritten to {args.out}/bench-{stamp}.json and .txt")
    print("ALL TARGETS PASS" if passed else "SOME TARGETS FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

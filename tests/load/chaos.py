"""`make chaos`: KneeCare under a mixed load while Redis, then PostgreSQL, go away and
come back. Bounded, loopback only, with a PostgreSQL and a Redis of its own on spare ports
(tests/services.py), started and stopped here; gunicorn runs with deploy/gunicorn.conf.py.

Timeline (seconds): load from 0; Redis stopped at 4 and started again at 9; PostgreSQL
stopped at 14 and started again at 19; load ends at 24 (or after MAX_REQUESTS). Runners
complete self-checks under a clinic's link (each 200 result is one count made), read
content pages and training tools, and open unknown clinic links (which need the database).

It prints the responses by status in each phase, counts made versus counts stored, and the
recovery time after each restart, then exits non-zero if a target is missed: no 500 at
all, 503 only while the database is down, no count lost, recovery under 1 s.
"""

import argparse
import http.client
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from tests import services, stack
from tests.inputs import LOAD_ANSWERS as ANSWERS

CLINIC = "chaos"
CSRF_COOKIE = re.compile(r"((?:__Host-)?csrftoken)=([^;]+)")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PAGES = [
    "/",
    "/conditions/",
    "/conditions/runners-knee/",
    "/guidance/",
    f"/c/{CLINIC}/",
    "/training/mileage/?current=20&goal=30",
    "/training/spike/?longest_30d=10&planned=16",
]
REDIS_DOWN, REDIS_UP, DB_DOWN, DB_UP, END = 4.0, 9.0, 14.0, 19.0, 24.0
MAX_REQUESTS = 40_000
CLIENTS = 8


@dataclass(frozen=True)
class Result:
    at: float
    kind: str  # "count", "page" or "db-page"
    status: int  # 0: no answer


def phase(at: float, marks: dict[str, float]) -> str:
    if at < marks["redis down"]:
        return "before"
    if at < marks["redis back"]:
        return "redis down"
    if at < marks["db down"]:
        return "redis back"
    if at < marks["db back"]:
        return "db down"
    return "db back"


class Runner(threading.Thread):
    def __init__(
        self, port: int, started: float, stop: threading.Event, results: list, number: int
    ):
        super().__init__(daemon=True)
        self.port, self.started, self.stop_event, self.results = port, started, stop, results
        self.random = random.Random(number)
        self.cookie, self.token = "", ""

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(
                method, path, body=body, headers={"Host": stack.HOST, **(headers or {})}
            )
            response = connection.getresponse()
            return response.status, response.getheader("Set-Cookie") or "", response.read()
        except OSError:
            return 0, "", b""
        finally:
            connection.close()

    def complete_check(self):
        if not self.token:
            status, set_cookie, body = self.request("GET", f"/c/{CLINIC}/symptoms/check/")
            cookie, field = CSRF_COOKIE.search(set_cookie), CSRF_FIELD.search(body.decode())
            if status != 200 or not cookie or not field:
                return status
            self.cookie, self.token = f"{cookie[1]}={cookie[2]}", field[1]
        status, _, body = self.request(
            "POST",
            f"/c/{CLINIC}/symptoms/check/",
            body=urlencode({**ANSWERS, "csrfmiddlewaretoken": self.token}),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookie},
        )
        if status == 200 and b"data-urgency" not in body:
            return -1  # a 200 without a result: not a count
        return status

    def run(self):
        while not self.stop_event.is_set():
            roll = self.random.random()
            if roll < 0.35:
                kind, status = "count", self.complete_check()
            elif roll < 0.45:
                # An unknown clinic link: looked up in the database every time.
                kind, status = (
                    "db-page",
                    self.request("GET", f"/c/nowhere-{self.random.randrange(10**9)}/")[0],
                )
            else:
                kind, status = "page", self.request("GET", self.random.choice(PAGES))[0]
            self.results.append(Result(time.monotonic() - self.started, kind, status))


class ReadinessProbe(threading.Thread):
    """Asks /readyz every 50 ms: when did this app server see each service again?"""

    def __init__(self, port: int, started: float, stop: threading.Event):
        super().__init__(daemon=True)
        self.port, self.started, self.stop_event = port, started, stop
        self.seen: list[tuple[float, dict]] = []

    def run(self):
        while not self.stop_event.wait(0.05):
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            try:
                connection.request("GET", "/readyz", headers={"Host": stack.HOST})
                report = json.loads(connection.getresponse().read())
            except (OSError, ValueError):
                continue
            finally:
                connection.close()
            self.seen.append((time.monotonic() - self.started, report))

    def ready_again(self, service: str, *, after: float) -> float | None:
        for at, report in self.seen:
            if at >= after and report.get(service) == "ok":
                return at - after
        return None


def manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=stack.ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def recovery(results: list[Result], *, back_at: float, until: float, kinds: set[str]) -> float:
    """Seconds from a service answering again until the last failed response it caused."""
    failures = [
        r.at
        for r in results
        if back_at <= r.at < until and r.kind in kinds and r.status not in (200, 404)
    ]
    return max(failures) - back_at if failures else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=CLIENTS)
    arguments = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kneecare-chaos-"))
    workdir.chmod(0o755)  # PostgreSQL runs as its own user inside
    postgres = services.Postgres(workdir / "pg", stack.free_port())
    cache = services.Redis(workdir, stack.free_port())
    gunicorn = None
    try:
        print(
            f"PostgreSQL on 127.0.0.1:{postgres.port}, Redis on 127.0.0.1:{cache.port} "
            f"(our own, in {workdir})"
        )
        postgres.init()
        postgres.start()
        postgres.create_database("kneecare")
        cache.start()
        env = stack.site_env(
            workdir,
            DATABASE_URL=postgres.url("kneecare"),
            REDIS_URL=cache.url(0),
            ALLOWED_HOSTS=stack.HOST,
            TRUSTED_PROXIES="",
            SECURE_SSL_REDIRECT="false",
            RATELIMIT_GET="10000000/m",
            RATELIMIT_POST="10000000/m",
            LOG_LEVEL="WARNING",
        )
        stack.prepare_site(env)
        create_clinic = f"Clinic.objects.create(name='Chaos Clinic', slug='{CLINIC}')"
        manage(
            env, "shell", "--no-imports", "-c",
            f"from clinics.models import Clinic; {create_clinic}",
        )  # fmt: skip
        port = stack.free_port()
        log = workdir / "gunicorn.log"
        gunicorn = stack.start_gunicorn(env, port, log, workers=2)

        results: list[Result] = []
        stop = threading.Event()
        started = time.monotonic()
        runners = [Runner(port, started, stop, results, n) for n in range(arguments.clients)]
        for runner in runners:
            runner.start()
        probe = ReadinessProbe(port, started, stop)
        probe.start()
        marks: dict[str, float] = {}

        def at(seconds):
            while time.monotonic() - started < seconds and len(results) < MAX_REQUESTS:
                time.sleep(0.01)

        at(REDIS_DOWN)
        cache.stop()
        marks["redis down"] = time.monotonic() - started
        at(REDIS_UP)
        cache.start()
        marks["redis back"] = time.monotonic() - started
        at(DB_DOWN)
        postgres.stop()
        marks["db down"] = time.monotonic() - started
        at(DB_UP)
        postgres.start()
        marks["db back"] = time.monotonic() - started
        at(END)
        stop.set()
        for runner in runners:
            runner.join(timeout=15)
        elapsed = time.monotonic() - started

        manage(env, "flush_clinic_counts")
        stored = int(
            manage(
                env, "shell", "--no-imports", "-c",
                "from django.db.models import Sum; from clinics.models import DailyCount; "
                f"rows = DailyCount.objects.filter(clinic__slug='{CLINIC}'); "
                "print(rows.aggregate(n=Sum('count'))['n'] or 0)",
            )
        )  # fmt: skip
    finally:
        if gunicorn is not None:
            stack.stop(gunicorn)
        cache.stop()
        postgres.stop()

    by_phase: dict[str, Counter] = defaultdict(Counter)
    for result in results:
        by_phase[phase(result.at, marks)][(result.kind, result.status)] += 1
    made = sum(1 for r in results if r.kind == "count" and r.status == 200)

    print(f"\n{len(results)} requests from {arguments.clients} clients in {elapsed:.1f} s; "
          + ", ".join(f"{name} at {seconds:.1f} s" for name, seconds in marks.items()))  # fmt: skip
    print(f"\n{'phase':<11} {'requests':>8}  responses by status (kind: status x count)")
    for name in ["before", "redis down", "redis back", "db down", "db back"]:
        counter = by_phase[name]
        detail = ", ".join(
            f"{kind}: {status or 'no answer'} x {n}"
            for (kind, status), n in sorted(counter.items())
        )
        print(f"{name:<11} {sum(counter.values()):>8}  {detail}")

    server_errors = {
        name: sum(n for (_, status), n in counter.items() if status >= 500 and status != 503)
        for name, counter in by_phase.items()
    }
    unavailable_outside = sum(
        n for name, counter in by_phase.items() if name != "db down"
        for (_, status), n in counter.items() if status == 503
    )  # fmt: skip
    no_answer = sum(
        n
        for counter in by_phase.values()
        for (_, status), n in counter.items()
        if status in (0, -1)
    )
    redis_recovery = recovery(
        results,
        back_at=marks["redis back"],
        until=marks["db down"],
        kinds={"count", "page", "db-page"},
    )
    db_recovery = recovery(
        results, back_at=marks["db back"], until=elapsed, kinds={"count", "page", "db-page"}
    )
    print(f"\ncounts made (200 results under the clinic link): {made}; counts stored: {stored}; "
          f"lost: {made - stored}")  # fmt: skip
    redis_ready = probe.ready_again("cache", after=marks["redis back"])
    db_ready = probe.ready_again("database", after=marks["db back"])
    print(
        f"recovery, from the service answering again: Redis {redis_recovery:.2f} s until the last "
        f"error, /readyz reports the cache ok after {_seconds(redis_ready)}; PostgreSQL "
        f"{db_recovery:.2f} s until the last error, /readyz reports the database ok after "
        f"{_seconds(db_ready)}"
    )

    checks = [
        ("0 responses of 500 while Redis is down", server_errors.get("redis down", 0) == 0),
        ("no 500 while the database is down (503 allowed)", server_errors.get("db down", 0) == 0),
        ("no 500 at all", sum(server_errors.values()) == 0),
        ("503 only while the database is down", unavailable_outside == 0),
        ("every request answered", no_answer == 0),
        ("0 clinic counts lost", made == stored),
        (
            "recovery under 1 s",
            max(redis_recovery, db_recovery) < 1.0
            and redis_ready is not None
            and db_ready is not None
            and max(redis_ready, db_ready) < 1.0,
        ),
    ]
    print()
    for name, passed in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {name}")
    if not all(passed for _, passed in checks):
        print(f"\ngunicorn's log: {log}")
        return 1
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


def _seconds(value: float | None) -> str:
    return "never" if value is None else f"{value:.2f} s"


if __name__ == "__main__":
    sys.exit(main())

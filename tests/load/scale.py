"""`make scale-test`: two app servers behind the shipped nginx, on one PostgreSQL and one
Redis, behave as one site.

It uses the machine's PostgreSQL (127.0.0.1:5432, user postgres) with a database of its
own, `kneecare_scale` (dropped and created again), and Redis db 13 on 127.0.0.1:6379
(emptied first). Two gunicorns run with deploy/gunicorn.conf.py on loopback ports, nginx
with deploy/nginx/kneecare.conf balances between them (tests/stack.py), and nginx's log
tells which server answered each request. Loopback only.

Checks, each printed with PASS or FAIL:
- rate limits are shared: at 10 GETs a minute, 10 of 20 requests spread over both servers
  pass, whichever server they reach;
- admin lock-outs are shared: 5 wrong passwords spread over both servers lock the account
  (the fifth answers with the lock-out page), then even the right password is refused;
- a coach's edit, saved by another process on the same database and cache, shows at once
  on both servers (the cached page is dropped for every server in one step);
- clinic counts from both servers add up exactly.
"""

import http.client
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import redis

from tests import stack
from tests.inputs import LOAD_ANSWERS as ANSWERS

DATABASE = "kneecare_scale"
REDIS_DB = 13
CLINIC = "scale"
COACH = "scale-coach"
COUNTS = 40
CSRF_COOKIE = re.compile(r"(__Host-csrftoken)=([^;]+)")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """One runner's HTTPS connection to nginx, with its CSRF cookie."""

    def __init__(self, nginx):
        self.nginx = nginx
        self.cookie = ""
        self.token = ""

    def request(self, method, path, fields=None):
        connection = http.client.HTTPSConnection(
            stack.HOST, self.nginx.https_port, context=self.nginx.tls_context(), timeout=20
        )
        headers = {"Host": f"{stack.HOST}:{self.nginx.https_port}"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = self.nginx.https(path)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode(errors="replace")
        cookie = CSRF_COOKIE.search(response.getheader("Set-Cookie") or "")
        if cookie:
            self.cookie = f"{cookie[1]}={cookie[2]}"
        connection.close()
        return response.status, content

    def post_form(self, path, fields):
        """POST a form with the CSRF token of its page, which is fetched once."""
        if not self.token:
            status, form = self.request("GET", path)
            token = CSRF_FIELD.search(form)
            if status != 200 or token is None:
                return status, form
            self.token = token[1]
        return self.request("POST", path, {**fields, "csrfmiddlewaretoken": self.token})


def manage(env, *args, extra_env=None) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=stack.ROOT,
        env={**env, **(extra_env or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def servers_used(nginx, since: int, path_start: str) -> Counter:
    return Counter(
        upstream
        for _, path, _, upstream in stack.upstreams_seen(nginx)[since:]
        if path.startswith(path_start)
    )


def check_rate_limits(nginx) -> tuple[bool, str]:
    since = len(stack.upstreams_seen(nginx))
    browser = Browser(nginx)
    statuses = [browser.request("GET", "/training/cadence/")[0] for _ in range(20)]
    servers = servers_used(nginx, since, "/training/cadence/")
    passed = statuses.count(200) == 10 and statuses.count(429) == 10 and len(servers) == 2
    return (
        passed,
        f"{statuses.count(200)} x 200, {statuses.count(429)} x 429; per server {dict(servers)}",
    )


def check_lockouts(nginx, password) -> tuple[bool, str]:
    since = len(stack.upstreams_seen(nginx))
    browser = Browser(nginx)
    wrong = [
        browser.post_form("/admin/login/", {"username": COACH, "password": "wrong-" + str(n)})[0]
        for n in range(5)
    ]
    servers = servers_used(nginx, since, "/admin/login/")
    right, page = browser.post_form("/admin/login/", {"username": COACH, "password": password})
    locked = right == 429 and "locked" in page.lower()
    # The fifth failure is the one that locks (AXES_FAILURE_LIMIT = 5).
    passed = wrong == [200] * 4 + [429] and locked and len(servers) == 2
    return passed, (
        f"5 wrong passwords answered {wrong} (login requests per server {dict(servers)}); "
        f"then the right password: {right}{' (locked out)' if locked else ''}"
    )


def check_coach_edit(nginx, env) -> tuple[bool, str]:
    browser = Browser(nginx)
    path = "/conditions/runners-knee/"
    before = [browser.request("GET", path) for _ in range(4)]  # cached on both servers
    marker = f"Edited by a coach {secrets.token_hex(4)}"
    manage(
        env, "shell", "--no-imports", "-c",
        "from kneecare.content.models import Condition; "
        "c = Condition.objects.get(slug='runners-knee'); "
        f"c.summary = {marker!r} + ' ' + c.summary; c.save()",
    )  # fmt: skip
    since = len(stack.upstreams_seen(nginx))
    after = [browser.request("GET", path) for _ in range(4)]
    servers = servers_used(nginx, since, path)
    seen = [marker in page for _, page in after]
    passed = all(status == 200 for status, _ in before + after) and all(seen) and len(servers) == 2
    return (
        passed,
        f"the edit shown in {sum(seen)} of 4 pages right after the save, by {dict(servers)}",
    )


def check_counts(nginx, env) -> tuple[bool, str]:
    since = len(stack.upstreams_seen(nginx))
    results: list[int] = []

    def runner(checks):
        browser = Browser(nginx)
        for _ in range(checks):
            status, page = browser.post_form(f"/c/{CLINIC}/symptoms/check/", ANSWERS)
            results.append(status if "data-urgency" in page else -status)

    threads = [threading.Thread(target=runner, args=(COUNTS // 4,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    made = results.count(200)
    stored = int(
        manage(
            env, "shell", "--no-imports", "-c",
            "from django.db.models import Sum; from clinics.models import DailyCount; "
            f"print(DailyCount.objects.filter(clinic__slug={CLINIC!r}).aggregate(n=Sum('count'))['n'])",
        )
    )  # fmt: skip
    posts = Counter(
        upstream
        for method, path, _, upstream in stack.upstreams_seen(nginx)[since:]
        if method == "POST"
    )
    passed = made == COUNTS and stored == COUNTS and len(posts) == 2
    return passed, f"{made} checks completed (POSTs per server {dict(posts)}), {stored} counted"


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="kneecare-scale-"))
    try:
        return run(workdir)
    finally:
        # Logs, certificate, static files and nginx's own files, whether the run passed,
        # failed or stopped half-way.
        shutil.rmtree(workdir, ignore_errors=True)


def run(workdir: Path) -> int:
    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        db.execute(f"CREATE DATABASE {DATABASE}")
    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()
    env = stack.site_env(
        workdir,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        RATELIMIT_GET="10/m",
        RATELIMIT_POST="1000/m",
    )
    stack.prepare_site(env)
    password = secrets.token_urlsafe(16)
    manage(
        env,
        "create_coach",
        COACH,
        "--email",
        "coach@example.com",
        extra_env={"COACH_PASSWORD": password},
    )
    create_clinic = f"Clinic.objects.create(name='Scale Clinic', slug={CLINIC!r})"
    manage(
        env, "shell", "--no-imports", "-c", f"from clinics.models import Clinic; {create_clinic}"
    )
    ports = [stack.free_port(), stack.free_port()]
    servers, nginx = [], None
    try:
        for number, port in enumerate(ports):
            servers.append(stack.start_gunicorn(env, port, workdir / f"gunicorn-{number}.log"))
        nginx = stack.start_nginx(
            workdir / "nginx", upstreams=ports, static_root=workdir / "static"
        )
        print(
            f"Two app servers on 127.0.0.1:{ports[0]} and :{ports[1]} behind nginx on "
            f":{nginx.https_port}; PostgreSQL database {DATABASE}, Redis db {REDIS_DB}\n"
        )
        checks = [
            ("rate limits are shared", check_rate_limits(nginx)),
            ("admin lock-outs are shared", check_lockouts(nginx, password)),
            ("a coach's edit shows at once on both servers", check_coach_edit(nginx, env)),
            ("clinic counts from both servers add up", check_counts(nginx, env)),
        ]
    finally:
        if nginx is not None:
            stack.stop_nginx(nginx)
        for server in servers:
            stack.stop(server)
    for name, (passed, detail) in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {name}: {detail}")
    if all(passed for _, (passed, _) in checks):
        return 0
    # The working directory goes once this returns: show the app servers' logs now.
    for log in sorted(workdir.glob("gunicorn-*.log")):
        print(f"\n{log.name}:\n{log.read_text(errors='replace')[-4000:]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())

"""Runners using KneeCare, for locust: one user class per page `make bench` measures, and a
mixed load of them all.

`make bench` drives these through locust's Python API (tests/load/bench.py). To run the
mixed load by hand against a server on this machine:

    .venv/bin/locust -f tests/load/locustfile.py --headless -u 16 -r 16 -t 30s \\
        --host http://127.0.0.1:8000 MixedRunner

Only ever point it at a loopback address: it is a load test.
"""

import re

from locust import FastHttpUser, constant, task

from tests.inputs import LOAD_ANSWERS as TRIAGE_ANSWERS

CONDITION = "/conditions/runners-knee/"
MILEAGE = "/training/mileage/?current=20&goal=30"
TRIAGE = "/symptoms/check/"
CSRF_COOKIE = re.compile(r"((?:__Host-)?csrftoken)=([^;]+)")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Page(FastHttpUser):
    """A runner who keeps asking for one page, as fast as the server answers."""

    abstract = True
    wait_time = constant(0)
    path = "/"

    @task
    def get_page(self):
        with self.client.get(self.path, name=self.path, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


class Floor(Page):
    path = "/healthz"


class Home(Page):
    path = "/"


class ConditionPage(Page):
    path = CONDITION


class TriageForm(Page):
    path = TRIAGE


class Mileage(Page):
    path = MILEAGE


class TriagePost(FastHttpUser):
    """A runner who submits the self-check with htmx: the result partial comes back."""

    wait_time = constant(0)

    def on_start(self):
        # The CSRF cookie is Secure with the __Host- prefix, which a cookie jar will not send
        # over the loopback's plain HTTP, so the cookie is sent by hand.
        response = self.client.get(TRIAGE, name="triage: csrf")
        cookie_header = response.headers.get("Set-Cookie", "")
        cookie = CSRF_COOKIE.search(cookie_header)
        field = CSRF_FIELD.search(response.text or "")
        if cookie is None or field is None:
            raise RuntimeError("The self-check page set no CSRF cookie or token.")
        self.headers = {
            "Cookie": f"{cookie[1]}={cookie[2]}",
            "X-CSRFToken": field[1],
            "HX-Request": "true",
            "HX-Target": "result",
        }

    @task
    def submit(self):
        with self.client.post(
            TRIAGE,
            data=TRIAGE_ANSWERS,
            headers=self.headers,
            name="triage: htmx POST",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or 'id="result-heading"' not in (response.text or ""):
                response.failure(f"status {response.status_code}, no result")


class MixedRunner(TriagePost):
    """Runners as they come: reading, checking their knee, planning their mileage."""

    @task(4)
    def home(self):
        self.client.get("/", name="/")

    @task(3)
    def condition(self):
        self.client.get(CONDITION, name=CONDITION)

    @task(2)
    def triage_form(self):
        self.client.get(TRIAGE, name=TRIAGE)

    @task(2)
    def mileage(self):
        self.client.get(MILEAGE, name=MILEAGE)

    @task(1)
    def health_check(self):
        self.client.get("/healthz", name="/healthz")

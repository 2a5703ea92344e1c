"""Whatever a coach or clinic writes, and whatever a visitor puts in a query string, cannot
run script on a public page."""

from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import escape

from clinics.models import Clinic
from kneecare.content.models import (
    Citation,
    Condition,
    Exercise,
    Expert,
    GuidanceStep,
    KeyFigure,
    Study,
)
from tests.inputs import URGENT_ANSWERS
from training.forms import (
    CadenceForm,
    RampPlanForm,
    ShoeForm,
    SpikeForm,
    StrengthSheetForm,
    WeeklyCheckForm,
)

# Each fits the shortest text field (40 characters), so PostgreSQL stores it whole.
PAYLOADS = [
    '<script>alert("xss")</script>',
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)' x='",
    '" autofocus onfocus="alert(1)',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=javascript:alert(1)>",
    "</title><script>alert(1)</script>",
]
# An <svg> of our own draws the mileage chart; an injected one needs an on* attribute.
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "math", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


class ScriptFinder(HTMLParser):
    """Collects every place in a page where script could run."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and (attributes.get("src") or "").startswith("/static/"):
            return
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}> {attributes}")
        for name, value in attrs:
            if name.startswith("on") or name == "autofocus":
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value:
                scheme = value.strip().lower().replace("\t", "").replace("\n", "")
                if scheme.startswith(("javascript:", "vbscript:", "data:text")):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        source = attributes.get("src") or ""
        if tag == "img" and not (
            (source.startswith("/") and not source.startswith("//"))
            or source.startswith("data:image/")
        ):
            self.problems.append(f"<img {attributes}>")


def script_in(html: str) -> list[str]:
    finder = ScriptFinder()
    finder.feed(html)
    return finder.problems


def text_fields(model):
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField)
        and not field.choices
        and field.editable
    ]


CONTENT_MODELS = [Condition, GuidanceStep, Exercise, Expert, Study, Citation, KeyFigure]


def write_everywhere(payload):
    """Put the payload in every text a coach can write, on every record."""
    for model in CONTENT_MODELS:
        model.objects.update(**dict.fromkeys(text_fields(model), payload))


def content_pages():
    return [
        "/",
        "/conditions/",
        *(condition.get_absolute_url() for condition in Condition.objects.published()),
        "/guidance/",
        *(step.get_absolute_url() for step in GuidanceStep.objects.published()),
        "/sources/",
        "/training/strength/",
    ]


def test_the_finder_finds_each_payload_when_it_is_not_escaped():
    for payload in PAYLOADS:
        if payload.startswith("["):
            continue  # Markdown: only dangerous once rendered to HTML.
        html = f"<p title=\"{payload}\" lang='{payload}'>{payload}</p>"
        assert script_in(html), payload


def test_it_covers_the_fields_coaches_write():
    assert set(text_fields(Condition)) >= {"name", "also_known_as", "summary", "signs"}
    assert set(text_fields(Citation)) == {"claim"}
    assert set(text_fields(KeyFigure)) == {"label", "unit"}
    assert set(text_fields(Exercise)) == {"name", "how_to", "dose"}


class TestContent:
    def test_it_never_runs_what_a_coach_writes(self, client, seeded):
        for payload in PAYLOADS:
            write_everywhere(payload)
            cache.clear()  # update() bypasses the save that clears the page cache
            for path in content_pages():
                response = client.get(path)
                assert response.status_code == 200, path
                assert script_in(response.content.decode()) == [], (payload, path)

    def test_it_still_shows_the_text_escaped(self, client, seeded):
        write_everywhere('<script>alert("xss")</script>')
        html = client.get("/sources/").content.decode()
        assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html


CLINIC_FIELDS = ["name", "message", "address", "phone", "website", "urgent_advice"]


def clinic_with(payload):
    """A clinic with the payload in every field its admin form would accept it in."""
    clinic = Clinic(
        name="Riverside Physio",
        slug="riverside",
        phone="+44 20 7946 0000",
        website="https://riverside.example",
        address="1 River Street",
        message="Bring your shoes.",
        urgent_advice="Call us.",
    )
    accepted = []
    for field in CLINIC_FIELDS:
        previous = getattr(clinic, field)
        setattr(clinic, field, payload)
        try:
            clinic.full_clean()
        except ValidationError:
            setattr(clinic, field, previous)
        else:
            accepted.append(field)
    clinic.save()
    return clinic, accepted


class TestClinic:
    def test_it_never_runs_what_a_clinic_writes(self, client, seeded):
        for payload in [*PAYLOADS, "javascript:alert(1)", 'https://x/"><b']:
            Clinic.objects.filter(slug="riverside").delete()
            _, accepted = clinic_with(payload)
            assert {"name", "message", "address", "urgent_advice"} <= set(accepted)
            check = "/c/riverside/symptoms/check/"
            pages = [
                client.get("/c/riverside/"),
                client.get(check),
                client.get("/c/riverside/conditions/"),
                client.get("/c/riverside/training/shoes/?distance=900"),
                client.post(check, URGENT_ANSWERS),
                client.post(check, URGENT_ANSWERS, HTTP_HX_REQUEST="true"),
            ]
            for response in pages:
                assert response.status_code == 200
                problems = script_in(response.content.decode())
                assert problems == [], (payload, response.request["PATH_INFO"])
            # The name is shown, as text.
            assert escape(payload) in pages[0].content.decode()

    def test_it_never_links_a_script_address_written_around_the_form(self, client, db):
        clinic_with("Riverside")
        Clinic.objects.filter(slug="riverside").update(website="javascript:alert(1)")
        html = client.get("/c/riverside/").content.decode()
        assert "javascript:" not in html

    def test_it_refuses_a_script_address_for_the_website(self, db):
        _, accepted = clinic_with("javascript:alert(1)")
        assert "website" not in accepted
        assert "phone" not in accepted


# Each public GET tool, the forms whose fields make up its query string, and a valid query
# (so the page shows a result and the payload lands beside valid values).
TOOLS = {
    "/training/mileage/": (
        [RampPlanForm, WeeklyCheckForm],
        {"current": "20", "goal": "30", "last_week": "20", "this_week": "22"},
    ),
    "/training/mileage/plan.csv": ([RampPlanForm], {"current": "20", "goal": "30"}),
    "/training/mileage/plan.ics": ([RampPlanForm], {"current": "20", "goal": "30"}),
    "/training/spike/": ([SpikeForm], {"longest_30d": "10", "planned": "12"}),
    "/training/cadence/": ([CadenceForm], {"foot_strikes": "80"}),
    "/training/shoes/": ([ShoeForm], {"distance": "500", "tread_worn": "on"}),
    "/training/strength/": ([StrengthSheetForm], {"weeks": "8", "sessions": "2"}),
}
HTMX_VARIANTS = [
    {},
    {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "tool"},
    {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "result"},
]


def assert_not_reflected(response, payload):
    body = response.content.decode()
    if any(char in payload for char in "<>\"'"):
        assert payload not in body
    assert script_in(body) == []


# The payloads tried in each parameter one by one; all of them go in every parameter at once.
QUICK_PAYLOADS = ['<script>alert("xss")</script>', '"><svg onload=alert(1)>', "' onmouseover='x"]


class TestToolQueries:
    @pytest.mark.parametrize("path", list(TOOLS))
    def test_it_never_reflects_a_query_parameter_as_markup(self, client, seeded, path):
        Clinic.objects.create(slug="riverside", name="Riverside Physio")
        forms, valid = TOOLS[path]
        names = sorted({name for form in forms for name in form.base_fields} | {"unknown"})
        for name in names:
            for payload in QUICK_PAYLOADS:
                for headers in HTMX_VARIANTS[:2]:
                    response = client.get(path, {**valid, name: payload}, **headers)
                    assert response.status_code in {200, 302}, (name, response.status_code)
                    assert_not_reflected(response, payload)
        for payload in PAYLOADS:
            everything = dict.fromkeys(names, payload)
            for headers in HTMX_VARIANTS:
                assert_not_reflected(client.get(path, everything, follow=True, **headers), payload)
            clinic_path = f"/c/riverside{path}"
            assert_not_reflected(client.get(clinic_path, everything, follow=True), payload)

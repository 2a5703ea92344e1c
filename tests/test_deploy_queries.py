"""Every public page reads the database at most three times, however much content there is.

Measured with no page cached (the worst case: content and tool pages are cached
afterwards). Under a clinic's link the clinic itself is read once every few minutes into
the shared cache (clinics/branding.py), so these pages are measured with it
loaded; and a finished check counts itself (one UPDATE of the day's anonymous count, or an
INSERT for the day's first): that write is left out here and tested by the clinics app.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kneecare.content.models import (
    Citation,
    Condition,
    Exercise,
    Expert,
    GuidanceStep,
    KeyFigure,
    Status,
    Study,
)
from kneecare.content.page_cache import clear_content_pages
from tests.clinics import make_clinic
from tests.inputs import RUNNERS_KNEE

MAX_QUERIES = 3
HTMX = {"HTTP_HX_REQUEST": "true"}
PAGES = [
    ("GET", "/", {}),
    ("GET", "/conditions/", {}),
    ("GET", "/conditions/runners-knee/", {}),
    ("GET", "/guidance/", {}),
    ("GET", "/guidance/mileage/", {}),
    ("GET", "/sources/", {}),
    ("GET", "/no-such-page/", {}),
    ("GET", "/symptoms/check/", {}),
    ("POST", "/symptoms/check/", {}),
    ("POST", "/symptoms/check/", HTMX),
    ("GET", "/training/", {}),
    ("GET", "/training/mileage/", {}),
    ("GET", "/training/mileage/?current=20&goal=30&last_week=20&this_week=25", {}),
    ("GET", "/training/mileage/?current=20&goal=30", {**HTMX, "HTTP_HX_TARGET": "tool"}),
    ("GET", "/training/mileage/plan.csv?current=20&goal=30", {}),
    ("GET", "/training/mileage/plan.ics?current=20&goal=30", {}),
    ("GET", "/training/spike/?longest_30d=10&planned=16", {}),
    ("GET", "/training/cadence/?foot_strikes=80", {}),
    ("GET", "/training/shoes/?distance=700&tread_worn=on", {}),
    ("GET", "/training/strength/", {}),
    ("GET", "/training/strength/?weeks=8&sessions=1", {}),
    ("GET", "/c/riverside/", {}),
    ("GET", "/c/riverside/conditions/runners-knee/", {}),
    ("GET", "/c/riverside/symptoms/check/", {}),
    ("POST", "/c/riverside/symptoms/check/", HTMX),
    ("GET", "/c/riverside/training/shoes/?distance=700", {}),
    ("GET", "/healthz", {}),
]


def is_read(sql: str) -> bool:
    sql = sql.upper()
    if sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")):
        return False
    return "CLINICS_DAILYCOUNT" not in sql


def queries_for(client, method, path, headers):
    clear_content_pages()
    with CaptureQueriesContext(connection) as captured:
        if method == "POST":
            response = client.post(path, RUNNERS_KNEE, **headers)
        else:
            response = client.get(path, **headers)
    assert response.status_code in {200, 404}, (path, response.status_code)
    return [query["sql"] for query in captured.captured_queries if is_read(query["sql"])]


def query_counts(client):
    return {
        (method, path, bool(headers)): len(queries_for(client, method, path, headers))
        for method, path, headers in PAGES
    }


@pytest.fixture
def site(seeded, client):
    make_clinic(
        urgent_advice="Call us.",
    )
    client.get("/c/riverside/")  # loads the clinic into the cache


def add_more_content():
    """Twice as much of everything the pages list, linked the way the seed links it."""
    expert, study = Expert.objects.first(), Study.objects.first()
    steps = list(GuidanceStep.objects.all())
    exercises = list(Exercise.objects.all())
    for number in range(6):
        step = GuidanceStep.objects.create(
            slug=f"more-guidance-{number}",
            title=f"More guidance {number}",
            summary="A summary.",
            body="A body with **Markdown**.",
            status=Status.PUBLISHED,
        )
        KeyFigure.objects.create(step=step, code="extra", label="Extra", value=10, unit="%")
        Citation.objects.create(content_object=step, claim="A claim.", expert=expert)
        exercise = Exercise.objects.create(
            slug=f"more-exercise-{number}",
            name=f"More exercise {number}",
            category=Exercise.Category.HIP,
            stage=Exercise.Stage.FOUNDATION,
            how_to="Do it slowly.",
            status=Status.PUBLISHED,
        )
        condition = Condition.objects.create(
            slug=f"more-condition-{number}",
            name=f"More condition {number}",
            summary="Summary.",
            signs="Signs.",
            self_care="Rest.",
            see_professional="If it lasts.",
            status=Status.PUBLISHED,
        )
        condition.guidance.set([*steps, step])
        condition.exercises.set([*exercises, exercise])
        Citation.objects.create(content_object=condition, claim="A claim.", study=study)
        Expert.objects.create(slug=f"more-expert-{number}", name=f"Expert {number}")
        Study.objects.create(slug=f"more-study-{number}", citation=f"Study {number}", finding="-")
    for condition in Condition.objects.filter(slug="runners-knee"):
        condition.guidance.add(*GuidanceStep.objects.all())
        condition.exercises.add(*Exercise.objects.all())
        for _ in range(5):
            Citation.objects.create(content_object=condition, claim="More.", expert=expert)


class TestQueries:
    def test_it_reads_the_database_at_most_three_times_a_page(self, client, site):
        too_many = []
        for method, path, headers in PAGES:
            queries = queries_for(client, method, path, headers)
            if len(queries) > MAX_QUERIES:
                tables = [sql.split(" FROM ", 1)[-1].split()[0] for sql in queries]
                too_many.append(f"{method} {path} {headers}: {len(queries)} {tables}")
        assert too_many == [], "\n".join(too_many)

    def test_it_reads_as_often_with_twice_the_content(self, client, site):
        before = query_counts(client)
        add_more_content()
        assert query_counts(client) == before

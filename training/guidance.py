"""The guidance content the training pages explain their numbers with.

A tool page shows the key figures and citations of one guidance step: three queries (the
step, its figures, its citations with their experts and studies). The strength page shows
the published exercises with their citations, and the key figures and citations of the
hip and core step, also in three queries.
"""

from collections import defaultdict

from django.db.models import Q
from django.templatetags.static import static
from django.urls import reverse

from kneecare.content.models import Citation, Exercise, GuidanceStep, KeyFigure

STRENGTH_STEP = "hip-core-strength"


def guidance_step(slug: str) -> GuidanceStep | None:
    """A published guidance step with its figures and citations, or None if unpublished."""
    return GuidanceStep.objects.published().for_page().filter(slug=slug).first()


# The exercises with a line drawing in static/img/exercises/<slug>.svg (drawn for the 14
# seeded exercises; a coach's uploaded picture takes precedence).
DRAWN = frozenset(
    {
        "planks", "side-planks", "medicine-ball-rotations", "clamshells", "fire-hydrants",
        "open-chain-hip-abduction", "jump-squats", "jumping-lunges", "single-leg-landings",
        "uphill-sprints", "hamstring-stretch", "leg-lifts", "eccentric-work", "foam-rolling",
    }
)  # fmt: skip


def published_exercises() -> list[Exercise]:
    """The published exercises, each with ``picture``: the address of its picture or None.

    The pictures' bytes stay in the database; pages link to them by version."""
    exercises = list(Exercise.objects.published().defer("drawing"))
    for exercise in exercises:
        exercise.picture = picture_of(exercise)
    return exercises


def picture_of(exercise: Exercise) -> str | None:
    if exercise.drawing_version:
        url = reverse("content:exercise_picture", args=[exercise.slug])
        return f"{url}?v={exercise.drawing_version}"
    if exercise.slug in DRAWN:
        return static(f"img/exercises/{exercise.slug}.svg")
    return None


def strength_sources(exercises: list[Exercise]) -> tuple[list[KeyFigure], list[Citation]]:
    """The hip and core step's key figures and citations, in two queries.

    The citations of the exercises come in the same query as the step's and are set on
    each exercise as ``exercise.sources``: a prefetch would take one query per model.
    """
    published_step = GuidanceStep.objects.published().filter(slug=STRENGTH_STEP)
    figures = list(KeyFigure.objects.filter(step__in=published_step))
    citations = Citation.objects.select_related("expert", "study", "content_type").filter(
        Q(content_type__model="exercise", object_id__in=[exercise.pk for exercise in exercises])
        | Q(content_type__model="guidancestep", object_id__in=published_step.values("pk")),
        content_type__app_label="content",
    )
    by_exercise = defaultdict(list)
    step_citations = []
    for citation in citations:
        if citation.content_type.model == "exercise":
            by_exercise[citation.object_id].append(citation)
        else:
            step_citations.append(citation)
    for exercise in exercises:
        exercise.sources = by_exercise[exercise.pk]
    return figures, step_citations

"""Join a triage assessment with the coaches' published content, for the result page.

The triage module names conditions by slug; their names, advice and sources come from the
content model, so a coach's edit shows in the next result. A condition that is not
published (a draft, or deleted) is left out of the result rather than failing it.
"""

from dataclasses import dataclass

from kneecare.content.models import Condition
from kneecare.content.views import condition_queryset
from symptoms.triage import Assessment, ConditionMatch, RedFlag


@dataclass(frozen=True)
class UrgencyAdvice:
    heading: str
    action: str


# What to do and how soon, for each triage urgency level, in the banner above everything.
URGENCY_ADVICE = {
    "emergency": UrgencyAdvice(
        "Get emergency help now",
        "Call your emergency number (999 or 112 in the UK, 911 in North America) or go to "
        "the nearest emergency department now. Do not wait to see if it settles.",
    ),
    "urgent": UrgencyAdvice(
        "See a doctor today",
        "Contact your doctor, an urgent care centre or a minor injuries unit today. "
        "Do not run on this knee until a doctor has seen it.",
    ),
    "soon": UrgencyAdvice(
        "Book an appointment in the next few days",
        "Book an appointment with a doctor or physiotherapist in the next few days, "
        "and rest from running until then.",
    ),
    "self-care": UrgencyAdvice(
        "Start with self-care",
        "Nothing in your answers needs a doctor straight away. Rest, ice and the steps "
        "below usually help. See a professional if the pain gets worse or does not "
        "settle: each condition below says when.",
    ),
}


@dataclass(frozen=True)
class ConditionResult:
    match: ConditionMatch
    condition: Condition


@dataclass(frozen=True)
class Result:
    urgency: str
    red_flags: tuple[RedFlag, ...]
    conditions: tuple[ConditionResult, ...]  # best fit first, published conditions only

    @property
    def advice(self) -> UrgencyAdvice:
        return URGENCY_ADVICE[self.urgency]

    @property
    def needs_a_doctor_today(self) -> bool:
        return self.urgency in ("emergency", "urgent")


def build_result(assessment: Assessment) -> Result:
    """The assessment with each matched condition's published content, in three queries
    (conditions, their citations, their published guidance steps)."""
    slugs = [match.slug for match in assessment.conditions]
    published = {
        condition.slug: condition
        for condition in condition_queryset().published().filter(slug__in=slugs)
    }
    return Result(
        urgency=assessment.urgency,
        red_flags=assessment.red_flags,
        conditions=tuple(
            ConditionResult(match, published[match.slug])
            for match in assessment.conditions
            if match.slug in published
        ),
    )

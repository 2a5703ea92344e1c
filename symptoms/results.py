"""Join a triage assessment with the coaches' published content, for the result page.

The triage module names conditions by slug; their names, advice and sources come from the
content model, so a coach's edit shows in the next result. A condition whose content is not
published (a draft, or not written yet) is still listed, under the triage module's name and
without advice, so the ranking never depends on the content.

One voice: the urgency decides what the runner is told to do now. A condition's own
self-care ("keep running", "cut back") is shown as it is only under a self-care result; under
"soon" it is introduced as what helps once a professional has seen the knee; under "urgent"
and "emergency" it is left out, with the condition's page a link away.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe

from kneecare.content.models import Condition
from kneecare.content.page_cache import generation
from symptoms.evidence import LESS_LIKELY, POSSIBLE, REASONS, STRONG
from symptoms.triage import Assessment, ConditionMatch, RedFlag


@dataclass(frozen=True)
class UrgencyAdvice:
    heading: str
    action: str
    printed: str = ""  # the action on paper, where it differs (the folded advice is not printed)


# What to do and how soon, for each triage urgency level, in the banner above everything.
URGENCY_ADVICE = {
    "emergency": UrgencyAdvice(
        "Get emergency help now",
        "Call the emergency number below or go to the nearest emergency department now. "
        "Do not wait to see if it settles.",
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
        "for each condition usually help: open each condition below for the steps, and "
        "for when to see a professional if the pain gets worse or does not settle.",
        "Nothing in your answers needs a doctor straight away. Rest, ice and the steps on "
        "KneeCare for the conditions listed usually help. See a professional if the pain "
        "gets worse or does not settle.",
    ),
}

# The self-care banner when no published condition fits: nothing "below" to point to.
SELF_CARE_WITHOUT_CONDITIONS = UrgencyAdvice(
    "Start with self-care",
    "Nothing in your answers needs a doctor straight away. Rest from running, use ice "
    "for 15 minutes a few times a day, and build back up gently once the pain has eased. "
    "See a doctor or physiotherapist if the pain gets worse, does not settle within a "
    "couple of weeks, or you notice any warning sign such as swelling, locking or a knee "
    "that gives way.",
)


# The strength bands' thresholds, in percent, as the result page states them.
STRENGTH_BANDS = {
    "strong": round(STRONG * 100),
    "possible": round(POSSIBLE * 100),
    "less_likely": round(LESS_LIKELY * 100),
}


@dataclass(frozen=True)
class ConditionContent:
    """One condition as the result shows it, the same for every runner. Each piece of
    advice is HTML, empty when the condition's content is not published."""

    slug: str
    name: str
    url: str = ""
    self_care: str = ""  # what to do
    see_professional: str = ""  # when to see a professional
    further: str = ""  # training guidance and sources
    return_to_run_title: str | None = None  # the published programme for it, if any


# Reasons that only say a finding is absent: they keep a condition from being lowered, but
# alone they are no reason why it fits ("Why it fits: No swelling").
ABSENCE_REASONS = frozenset({REASONS[("swelling", "none")], REASONS[("weight_bearing", "normal")]})


@dataclass(frozen=True)
class ConditionResult:
    match: ConditionMatch
    content: ConditionContent

    @property
    def reasons(self) -> tuple[str, ...]:
        """The answers that raised it, none when each is merely the absence of a finding."""
        reasons = self.match.reasons
        return () if set(reasons) <= ABSENCE_REASONS else reasons


@dataclass(frozen=True)
class Result:
    urgency: str
    red_flags: tuple[RedFlag, ...]
    conditions: tuple[ConditionResult, ...]  # best fit first; weak ones also when nothing fits
    no_fit: bool = False

    @property
    def advice(self) -> UrgencyAdvice:
        # A condition listed under "nothing fits" is too weak to lead the advice.
        with_advice = not self.no_fit and any(item.content.self_care for item in self.conditions)
        if self.urgency == "self-care" and not with_advice:
            return SELF_CARE_WITHOUT_CONDITIONS
        return URGENCY_ADVICE[self.urgency]

    @property
    def condition_advice(self) -> str:
        """How each condition's own advice is shown: "self-care" as it is, "after-seen"
        introduced as what helps after a professional's look, "none" left out."""
        return {"self-care": "self-care", "soon": "after-seen"}.get(self.urgency, "none")

    @property
    def strength_bands(self) -> dict[str, int]:
        return STRENGTH_BANDS

    @property
    def is_emergency(self) -> bool:
        return self.urgency == "emergency"

    @property
    def needs_a_doctor_today(self) -> bool:
        return self.urgency in ("emergency", "urgent")


def build_result(assessment: Assessment) -> Result:
    published = published_conditions()
    return Result(
        urgency=assessment.urgency,
        red_flags=assessment.red_flags,
        conditions=tuple(
            ConditionResult(
                match, published.get(match.slug) or ConditionContent(match.slug, match.name)
            )
            for match in assessment.conditions
        ),
        no_fit=assessment.no_fit,
    )


# A link in a condition's advice (a coach's Markdown) that leaves the page and has no target.
LEAVING_LINK = re.compile(
    r'<a ((?![^>]*\btarget=)[^>]*\bhref="(?!#|tel:|mailto:)[^"]*"[^>]*)>(.*?)</a>', re.DOTALL
)


def _render(piece: str, condition) -> str:
    return in_new_tabs(
        render_to_string(f"symptoms/check.html#condition_{piece}", {"condition": condition})
    )


def in_new_tabs(html: str) -> SafeString:
    """Every link in the piece that leaves the page opens a new tab, and says so: the result
    is kept nowhere else, and without JavaScript Back cannot bring it back (issue 10)."""

    def new_tab(link: re.Match) -> str:
        attributes = link.group(1)
        if " rel=" not in f" {attributes}":
            attributes += ' rel="noopener"'
        return (
            f'<a {attributes} target="_blank">{link.group(2)} '
            '<span class="leaves-site-note">(opens in a new tab)</span></a>'
        )

    # Our own template's output, with fixed words and attributes added.
    return mark_safe(LEAVING_LINK.sub(new_tab, html))  # noqa: S308


def published_conditions() -> dict[str, ConditionContent]:
    """Every published condition's content, with its Markdown and sources rendered.

    Rendering it costs three queries and a dozen Markdown conversions, most of a result's
    time, and it holds nothing of any runner's answers, so it is cached like the content
    pages: under the content generation, which a coach's save bumps, so an edit shows in the
    next result. The links in it carry the URL prefix (a clinic's), hence one copy each.
    """
    key = f"symptoms:conditions:{generation()}:{get_script_prefix()}"
    conditions = cache.get(key)
    if conditions is None:
        conditions = {
            condition.slug: ConditionContent(
                slug=condition.slug,
                name=condition.name,
                url=condition.get_absolute_url(),
                self_care=_render("self_care", condition),
                see_professional=_render("see_professional", condition),
                further=_render("further", condition),
                return_to_run_title=condition.return_to_run_title,
            )
            for condition in Condition.objects.published().for_page()
        }
        cache.set(key, conditions, settings.CONTENT_PAGE_CACHE_SECONDS)
    return conditions

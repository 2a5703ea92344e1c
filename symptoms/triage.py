"""Turn a runner's questionnaire answers into a triage assessment.

Pure Python: no Django, no I/O. The rules and their sources are data in
``symptoms.rules``; this module only applies them. The result is guidance,
not a diagnosis: online symptom checkers put the right diagnosis first in
about a third of cases and triaged right in 57 % (Semigran et al., BMJ 2015),
so the conditions are shown as possibilities and the urgency errs towards
seeing a doctor whenever a red flag or a suspected tear is present.
"""

from dataclasses import dataclass

from kneecare.urgency import URGENCY_LEVELS
from symptoms.rules import (
    CONDITION_SLUGS,
    RED_FLAG_RULES,
    REFERRAL_RULES,
    SCORING_RULES,
    SUSPECTED_AT,
    Clue,
)

__all__ = [
    "CONDITION_SLUGS",
    "URGENCY_LEVELS",
    "SUSPECTED_AT",
    "Answers",
    "RedFlag",
    "ConditionMatch",
    "Assessment",
    "assess",
    "urgency_rank",
    "PAIN_LOCATIONS",
    "ONSETS",
    "INJURY_EVENTS",
    "SWELLING",
    "WEIGHT_BEARING",
    "WORSE_WITH",
]

# The choices a form offers for each answer, in the order it shows them.
PAIN_LOCATIONS = ("outer", "front", "inner", "back", "whole")
ONSETS = ("gradual", "sudden")
INJURY_EVENTS = ("twist", "fall", "hyperextension", "abrupt-stop", "awkward-movement")
SWELLING = ("none", "within-hour", "later")
WEIGHT_BEARING = ("normal", "painful", "unable")
WORSE_WITH = ("stairs", "sitting", "bending", "running")


@dataclass(frozen=True, kw_only=True)
class Answers:
    """One runner's answers, already validated and converted by the form."""

    pain_location: str
    onset: str
    age: int | None = None
    # Only counted after a sudden onset; ignored otherwise.
    injury_event: frozenset[str] = frozenset()
    heard_pop: bool = False
    swelling: str = "none"
    weight_bearing: str = "normal"  # "unable": cannot take four steps
    outer_tightness: bool = False
    worse_with: frozenset[str] = frozenset()
    stiff_tender: bool = False
    recent_increase: bool = False
    pain_level: int = 0
    patella_tender: bool = False
    fibular_head_tender: bool = False
    cannot_flex_90: bool = False
    locking: bool = False
    hot_or_fever: bool = False
    calf_swelling: bool = False


@dataclass(frozen=True)
class RedFlag:
    code: str
    urgency: str
    title: str
    action: str
    source: str


@dataclass(frozen=True)
class ConditionMatch:
    slug: str
    score: int
    reasons: tuple[str, ...]
    suspected: bool


@dataclass(frozen=True)
class Assessment:
    urgency: str
    red_flags: tuple[RedFlag, ...]  # most urgent first
    conditions: tuple[ConditionMatch, ...]  # score > 0, best first

    @property
    def top(self) -> ConditionMatch | None:
        """The best-fitting condition, or None when no answer points to one."""
        return self.conditions[0] if self.conditions else None

    @property
    def suspected(self) -> tuple[ConditionMatch, ...]:
        return tuple(match for match in self.conditions if match.suspected)


def assess(answers: Answers) -> Assessment:
    """Assess one runner's answers.

    Conditions score the points of every rule in ``SCORING_RULES`` that holds
    and are suspected from ``SUSPECTED_AT`` points. The overall urgency is the
    most urgent of the red flags (``RED_FLAG_RULES``: NICE CKS, the Ottawa
    knee rules of Stiell et al. 1995/1997) and of the suspected conditions'
    own urgency (``REFERRAL_RULES``); with neither it is "self-care".
    """
    red_flags = tuple(
        RedFlag(rule.code, rule.urgency, rule.title, rule.action, rule.source)
        for rule in sorted(RED_FLAG_RULES, key=lambda rule: urgency_rank(rule.urgency))
        if _all_hold(clues=rule.when, answers=answers)
    )
    conditions = _rank_conditions(answers=answers)
    referrals = (
        rule.urgency
        for rule in REFERRAL_RULES
        if any(match.suspected and match.slug == rule.condition for match in conditions)
        and _all_hold(clues=rule.when, answers=answers)
    )
    urgency = min(
        (*(flag.urgency for flag in red_flags), *referrals, "self-care"), key=urgency_rank
    )
    return Assessment(urgency=urgency, red_flags=red_flags, conditions=conditions)


def urgency_rank(urgency: str) -> int:
    """0 for "emergency" up to 3 for "self-care": lower is more urgent."""
    return URGENCY_LEVELS.index(urgency)


def _rank_conditions(*, answers: Answers) -> tuple[ConditionMatch, ...]:
    matches = []
    for slug in CONDITION_SLUGS:
        rules = [
            rule
            for rule in SCORING_RULES
            if rule.condition == slug and _all_hold(clues=rule.when, answers=answers)
        ]
        score = sum(rule.points for rule in rules)
        if score > 0:
            reasons = tuple(rule.reason for rule in rules)
            matches.append(ConditionMatch(slug, score, reasons, score >= SUSPECTED_AT))
    # sorted() is stable, so equal scores keep the CONDITION_SLUGS order.
    return tuple(sorted(matches, key=lambda match: -match.score))


def _all_hold(*, clues: tuple[Clue, ...], answers: Answers) -> bool:
    return all(_holds(clue=clue, answers=answers) for clue in clues)


def _holds(*, clue: Clue, answers: Answers) -> bool:
    value = getattr(answers, clue.answer)
    if clue.minimum is not None:
        return value is not None and value >= clue.minimum
    if isinstance(value, frozenset):
        return not value.isdisjoint(clue.values)
    return value in clue.values

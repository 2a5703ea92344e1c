"""Turn a runner's questionnaire answers into a triage assessment.

Pure Python: no Django, no I/O. The evidence (priors, age multipliers, likelihood ratios) is
data in ``symptoms.evidence``, the urgency rules in ``symptoms.rules``; this module applies
them. The result is guidance, not a diagnosis: online symptom checkers put the right diagnosis
first in about a third of cases (Semigran et al., BMJ 2015), so conditions are shown as
possibilities with a stated strength, and the urgency errs towards seeing someone.

The model is naive Bayes over likelihood ratios: each condition's prior odds, times its age
multiplier, times the likelihood ratio of every answer given. Answers are treated as
independent given the condition, which overstates agreement between related answers; the
strength bands are therefore coarse. "Something else" competes as a fourteenth hypothesis.
"""

import math
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from typing import Any

from symptoms.evidence import (
    AGE_MULTIPLIERS,
    CONDITION_NAMES,
    CONDITION_SLUGS,
    LESS_LIKELY,
    LIKELIHOODS,
    LISTED,
    OTHER,
    POSSIBLE,
    PRIORS,
    REASONS,
    STRONG,
)
from symptoms.rules import (
    RED_FLAG_ANSWERS,
    RED_FLAG_RULES,
    REFERRAL_RULES,
    STRENGTHS,
    SUPERSEDES,
    URGENCY_LEVELS,
    Clue,
)

__all__ = [
    "CONDITION_NAMES",
    "CONDITION_SLUGS",
    "URGENCY_LEVELS",
    "STRENGTHS",
    "Answers",
    "RedFlag",
    "ConditionMatch",
    "Assessment",
    "assess",
    "urgency_rank",
    "strength_of",
    "PAIN_LOCATIONS",
    "ONSETS",
    "DURATIONS",
    "INJURY_EVENTS",
    "SWELLING",
    "WEIGHT_BEARING",
    "WORSE_WITH",
    "YES_NO_QUESTIONS",
]

# The choices a form offers for each answer, in the order it shows them (issue 9 contract).
PAIN_LOCATIONS = (
    "outer", "front", "inner", "back", "whole", "below-kneecap", "above-kneecap", "inner-below",
)  # fmt: skip
ONSETS = ("gradual", "sudden")
DURATIONS = ("days", "weeks", "months")
INJURY_EVENTS = (
    "twist", "fall", "hyperextension", "abrupt-stop", "awkward-movement", "direct-blow",
    "landing",
)  # fmt: skip
SWELLING = ("none", "within-hour", "later", "after-activity")
WEIGHT_BEARING = ("normal", "painful", "unable")
WORSE_WITH = (
    "stairs", "sitting", "bending", "running", "downhill", "jumping", "squatting", "kneeling",
    "pivoting",
)  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class Answers:
    """One runner's answers, validated and converted by the form.

    ``None`` is an unanswered question (unknown), never "no". A yes/no answer is ``False``
    only when the form showed the question and the box was left empty.
    """

    pain_location: str
    onset: str
    age: int | None = None
    duration: str | None = None
    # Only counted after a sudden onset; ignored otherwise.
    injury_event: frozenset[str] = frozenset()
    heard_pop: bool | None = None
    swelling: str | None = None
    weight_bearing: str | None = None  # "unable": cannot take four steps
    pain_level: int | None = None
    worse_with: frozenset[str] = frozenset()
    outer_tightness: bool | None = None
    stiff_tender: bool | None = None
    recent_increase: bool | None = None
    patella_tender: bool | None = None
    fibular_head_tender: bool | None = None
    cannot_flex_90: bool | None = None
    locking: bool | None = None  # stuck bent, cannot straighten fully
    catching: bool | None = None
    giving_way: bool | None = None
    rest_pain: bool | None = None
    bone_tender: bool | None = None
    hop_pain: bool | None = None
    joint_line_tender: bool | None = None
    kneecap_shifted: bool | None = None
    hot_red: bool | None = None
    fever: bool | None = None
    breathless: bool | None = None
    foot_numb_cold: bool | None = None
    calf_swelling: bool | None = None
    getting_worse: bool | None = None  # worse and worse, even after a break from running
    local_swelling: bool | None = None  # a lump or puffy patch in one spot
    hip_or_back: bool | None = None  # pain also in the hip, groin or back, or hip movement
    hot_or_fever: bool | None = None  # the first form's box: hot and red, and a fever


YES_NO_QUESTIONS = tuple(f.name for f in fields(Answers) if "bool" in str(f.type))
_ONE_ANSWER = ("pain_location", "onset", "duration", "swelling", "weight_bearing")
_SEVERAL = ("injury_event", "worse_with")


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
    probability: float  # after the answers, among the 13 and "something else"
    strength: str  # "strong", "possible" or "less-likely"
    reasons: tuple[str, ...]  # the answers that raised it, strongest first

    @property
    def suspected(self) -> bool:
        return self.strength == "strong"

    @property
    def score(self) -> int:
        """The probability in whole percent."""
        return round(self.probability * 100)

    @property
    def name(self) -> str:
        return CONDITION_NAMES[self.slug]


@dataclass(frozen=True)
class Assessment:
    urgency: str
    red_flags: tuple[RedFlag, ...]  # most urgent first
    conditions: tuple[ConditionMatch, ...]  # listed, best first; also when no_fit
    no_fit: bool = False  # no condition is likely enough to lead

    @property
    def top(self) -> ConditionMatch | None:
        """The best-fitting condition, or None when nothing fits."""
        return None if self.no_fit or not self.conditions else self.conditions[0]

    @property
    def suspected(self) -> tuple[ConditionMatch, ...]:
        return tuple(match for match in self.conditions if match.suspected)


def assess(answers: Answers) -> Assessment:
    """Assess one runner's answers.

    Conditions: naive Bayes over ``symptoms.evidence``; listed when at least ``LESS_LIKELY``,
    at most ``LISTED``, banded strong (``STRONG``), possible (``POSSIBLE``) or less likely.
    Nothing fits when "something else" leads or no condition reaches ``POSSIBLE``; the
    conditions that reach ``LESS_LIKELY`` are then still listed, under the no-fit message.

    Urgency: the most urgent of the red flags that hold (``RED_FLAG_RULES``: NICE CKS, NHS
    pathways, the Ottawa knee rules) and of the referrals of likely conditions
    (``REFERRAL_RULES``), else "self-care". Referrals weigh the condition evidence without the
    red-flag answers, so that adding a warning sign never lowers the urgency.
    """
    answers = _normalise(answers)
    ranking = _rank(answers)
    no_fit = _no_fit(ranking)
    named = [match for match in ranking if match.slug != OTHER][:LISTED]
    # When nothing fits well enough to name a leader, the conditions that still reach
    # LESS_LIKELY are listed all the same, with their own (weak) strength: hiding a
    # 40 % candidate because "something else" scored 50 % tells the runner less than we know.
    listed = tuple(m for m in named if m.probability >= LESS_LIKELY)
    if any(getattr(answers, name) is not None for name in RED_FLAG_ANSWERS):
        unanswered: dict[str, Any] = {name: None for name in RED_FLAG_ANSWERS}
        referral_ranking = _rank(replace(answers, **unanswered), with_reasons=False)
    else:
        referral_ranking = ranking
    flags = {rule.code: rule for rule in RED_FLAG_RULES if _all_hold(rule.when, answers)}
    for code in [code for code in flags if code in SUPERSEDES]:
        for superseded in SUPERSEDES[code]:
            flags.pop(superseded, None)
    red_flags = [
        RedFlag(rule.code, rule.urgency, rule.title, rule.action, rule.source)
        for rule in flags.values()
    ]
    urgencies = [flag.urgency for flag in red_flags]
    no_referral = _no_fit(referral_ranking)
    strength = {} if no_referral else {m.slug: m.strength for m in referral_ranking}
    leader = "" if no_referral else referral_ranking[0].slug
    for referral in REFERRAL_RULES:
        likely = referral.condition in strength and _at_least_as_strong(
            strength[referral.condition], referral.strength
        )
        if referral.leading and referral.condition != leader:
            likely = False
        if likely and _all_hold(referral.when, answers):
            urgencies.append(referral.urgency)
            if referral.code and referral.code not in flags:
                red_flags.append(
                    RedFlag(
                        referral.code,
                        referral.urgency,
                        referral.title,
                        referral.action,
                        referral.source,
                    )
                )
    # Nothing fits: no self-care plan can be matched, so a professional should examine it
    # (issue 9: "no single likely cause: a physiotherapist can examine it"). Weighed without
    # the red-flag answers, like the referrals, so a warning sign never lowers the urgency.
    if no_referral:
        urgencies.append("soon")
    red_flags.sort(key=lambda flag: urgency_rank(flag.urgency))
    urgency = min((*urgencies, "self-care"), key=urgency_rank)
    return Assessment(urgency=urgency, red_flags=tuple(red_flags), conditions=listed, no_fit=no_fit)


def urgency_rank(urgency: str) -> int:
    """0 for "emergency" up to 3 for "self-care": lower is more urgent."""
    return URGENCY_LEVELS.index(urgency)


def strength_of(probability: float) -> str:
    if probability >= STRONG:
        return "strong"
    if probability >= POSSIBLE:
        return "possible"
    return "less-likely"


def _at_least_as_strong(strength: str, minimum: str) -> bool:
    return STRENGTHS.index(strength) <= STRENGTHS.index(minimum)


def _normalise(answers: Answers) -> Answers:
    """The first form's "hot and red, or a fever" box meant both; injury answers count only
    after a sudden onset."""
    if answers.hot_or_fever:
        answers = replace(answers, hot_red=True, fever=True)
    if answers.onset != "sudden" and (answers.injury_event or answers.heard_pop is not None):
        answers = replace(answers, injury_event=frozenset(), heard_pop=None)
    return answers


# Precomputed at import, so an assessment is a few dozen additions.
HYPOTHESES = (*CONDITION_SLUGS, OTHER)
_LOG_PRIORS = tuple(math.log(PRIORS[slug].share) for slug in HYPOTHESES)


def _index() -> dict[tuple[str, object], tuple[tuple[int, float], ...]]:
    index: dict[tuple[str, object], list[tuple[int, float]]] = {}
    for row in LIKELIHOODS:
        if row.ratio == 1:
            continue  # stated as neutral for the reader; it changes nothing
        key = (row.answer, row.value)
        index.setdefault(key, []).append((HYPOTHESES.index(row.condition), math.log(row.ratio)))
    return {key: tuple(rows) for key, rows in index.items()}


def _age_table() -> dict[int, tuple[float, ...]]:
    table = {}
    for age in range(10, 101):
        logs = [0.0] * len(HYPOTHESES)
        for row in AGE_MULTIPLIERS:
            if row.youngest <= age <= row.oldest:
                logs[HYPOTHESES.index(row.condition)] += math.log(row.factor)
        table[age] = tuple(logs)
    return table


_LOG_RATIOS = _index()
_LOG_AGE = _age_table()


def _observations(answers: Answers) -> Iterator[tuple[str, object]]:
    """Every answer given, as the (question, answer) keys of the evidence table."""
    for name in _ONE_ANSWER:
        value = getattr(answers, name)
        if value is not None:
            yield (name, value)
    if answers.pain_level is not None:
        level = answers.pain_level
        yield ("pain_band", "severe" if level >= 8 else "mild" if level <= 3 else "moderate")
    for name in _SEVERAL:
        for value in sorted(getattr(answers, name)):
            yield (name, value)
    for name in YES_NO_QUESTIONS:
        value = getattr(answers, name)
        if value is not None:
            yield (name, value)
    # Derived answers: a sudden start with no injury named, night pain while growing, a lump
    # at the front and a gradual start from 45.
    if answers.onset == "sudden" and not answers.injury_event and not answers.heard_pop:
        yield ("no_injury_event", True)
    # Night pain means more while still growing (RCHT Cornwall).
    if answers.rest_pain and answers.age is not None and answers.age <= 16:
        yield ("child_rest_pain", True)
    # A lump at the front of the knee: the bursa over the kneecap, outside the 13.
    if answers.local_swelling and answers.pain_location == "front":
        yield ("front_lump", True)
    # From 45, most meniscal tears are degenerative and build up without an injury.
    if answers.onset == "gradual" and answers.age is not None and answers.age >= 45:
        yield ("gradual_from_45", True)


def _rank(answers: Answers, *, with_reasons: bool = True) -> tuple[ConditionMatch, ...]:
    """Every hypothesis with its posterior probability, most likely first ("something else"
    included, under the slug ``OTHER``), and the reasons that raised each unless not wanted."""
    logs = list(_LOG_PRIORS)
    if answers.age is not None and answers.age in _LOG_AGE:
        logs = [a + b for a, b in zip(logs, _LOG_AGE[answers.age], strict=True)]
    raised: list[list[tuple[float, str]]] = [[] for _ in HYPOTHESES]
    for key in _observations(answers):
        for position, log_ratio in _LOG_RATIOS.get(key, ()):
            logs[position] += log_ratio
            if with_reasons and log_ratio > 0 and key in REASONS:
                raised[position].append((-log_ratio, REASONS[key]))
    top = max(logs)
    weights = [math.exp(value - top) for value in logs]
    total = sum(weights)
    matches = [
        ConditionMatch(
            slug,
            weight / total,
            strength_of(weight / total),
            tuple(reason for _, reason in sorted(raised[position], key=lambda pair: pair[0])),
        )
        for position, (slug, weight) in enumerate(zip(HYPOTHESES, weights, strict=True))
    ]
    # sorted() is stable, so equal probabilities keep the CONDITION_SLUGS order.
    return tuple(sorted(matches, key=lambda match: -match.probability))


def _no_fit(ranking: tuple[ConditionMatch, ...]) -> bool:
    best = ranking[0]
    return best.slug == OTHER or best.probability < POSSIBLE


def _all_hold(clues: tuple[Clue, ...], answers: Answers) -> bool:
    return all(_holds(clue, answers) for clue in clues)


def _holds(clue: Clue, answers: Answers) -> bool:
    value = getattr(answers, clue.answer)
    if clue.excluded:
        return value not in clue.excluded
    if value is None:
        return False
    if clue.minimum is not None or clue.maximum is not None:
        low = clue.minimum if clue.minimum is not None else value
        high = clue.maximum if clue.maximum is not None else value
        return bool(low <= value <= high)
    if isinstance(value, frozenset):
        return not value.isdisjoint(clue.values)
    return value in clue.values

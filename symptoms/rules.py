"""The triage rules as data, each with its source, for a clinician or coach to read.

A rule holds when every one of its clues holds. Clues name an answer field of
``symptoms.triage.Answers``; ``symptoms.triage`` applies the rules.

Condition weights: the article's defining symptom of a condition is worth 3
points, supporting clues 1-3, and a condition is *suspected* at
``SUSPECTED_AT`` (5) points, so the defining symptom alone never makes it
suspected. Onset separates the two families. Meniscus and ligament tears are
injuries, so their clues only count after a sudden onset. The overuse
conditions (IT band, runner's knee, tendonitis, strain) build up over time
(Crossley et al. 2016; Fredericson & Wolf 2005), so after a sudden onset
only their defining symptom counts (3). Any sudden injury with a pop or fast
swelling therefore scores at least 4 for a tear and ranks it first.

The article ("Steps to Take If You Experience Knee Pain Following a Run",
2023) quotes Dr Leon Popovitz, Scott Weiss and others on treatment only; the
symptoms it describes are the article's own, so they are cited to it.
"""

from dataclasses import dataclass

CONDITION_SLUGS = (
    "it-band-syndrome",
    "overuse-tendonitis",
    "runners-knee",
    "meniscus-tear",
    "ligament-tear",
    "knee-strain",
)
SUSPECTED_AT = 5

ARTICLE = "Steps to Take If You Experience Knee Pain Following a Run (article, 2023)"
CROSSLEY = "Crossley et al., BJSM 2016"
FREDERICSON = "Fredericson & Wolf 2005"
NOYES = "Noyes et al. 1980"
WAGEMAKERS = "Wagemakers et al. 2010"
NICE = "NICE Clinical Knowledge Summaries, knee pain assessment"
NHS = "NHS musculoskeletal pathway guidance"
OTTAWA = "Stiell et al., Ann Emerg Med 1995; JAMA 1997"


@dataclass(frozen=True)
class Clue:
    """The answer ``answer`` is one of ``values`` (for a several-choice answer:
    includes one of them), or is at least ``minimum`` (an unanswered age never is)."""

    answer: str
    values: frozenset[object] = frozenset()
    minimum: int | None = None


def yes(answer: str) -> Clue:
    return Clue(answer, frozenset({True}))


def one_of(answer: str, *values: str) -> Clue:
    return Clue(answer, frozenset(values))


def at_least(answer: str, minimum: int) -> Clue:
    return Clue(answer, minimum=minimum)


SUDDEN = one_of("onset", "sudden")
GRADUAL = one_of("onset", "gradual")
LIGAMENT_MECHANISM = one_of("injury_event", "twist", "hyperextension", "abrupt-stop")
MENISCUS_MECHANISM = one_of("injury_event", "awkward-movement", "fall")
SWELLS_WITHIN_HOUR = one_of("swelling", "within-hour")
GIVES_WAY = "The knee locks, catches or gives way"


@dataclass(frozen=True, kw_only=True)
class ScoringRule:
    condition: str
    points: int
    when: tuple[Clue, ...]
    reason: str  # "why it fits", in the runner's words
    source: str


def _rule(condition: str, points: int, reason: str, source: str, *when: Clue) -> ScoringRule:
    return ScoringRule(condition=condition, points=points, when=when, reason=reason, source=source)


# The table is aligned by hand, one rule per row: condition, points, reason, source, clues.
# fmt: off
SCORING_RULES = (
    _rule("it-band-syndrome", 3, "Tightness on the outside of the knee", ARTICLE,
          yes("outer_tightness")),
    _rule("it-band-syndrome", 2, "Pain on the outside of the knee", f"{ARTICLE}; {FREDERICSON}",
          GRADUAL, one_of("pain_location", "outer")),
    _rule("it-band-syndrome", 1, "The outside of the knee hurts when you run", ARTICLE,
          GRADUAL, one_of("pain_location", "outer"), one_of("worse_with", "running")),

    _rule("runners-knee", 3, "Pain around or behind the kneecap", f"{CROSSLEY}; {ARTICLE}",
          one_of("pain_location", "front")),
    _rule("runners-knee", 2, "Worse going up or down stairs", f"{ARTICLE}; {CROSSLEY}",
          GRADUAL, one_of("worse_with", "stairs")),
    _rule("runners-knee", 2, "Worse after sitting for a long time", f"{ARTICLE}; {CROSSLEY}",
          GRADUAL, one_of("worse_with", "sitting")),
    _rule("runners-knee", 1, "Kneecap pain when squatting or bending", CROSSLEY,
          GRADUAL, one_of("pain_location", "front"), one_of("worse_with", "bending")),
    _rule("runners-knee", 1, "Kneecap pain when running", f"{ARTICLE}; {CROSSLEY}",
          GRADUAL, one_of("pain_location", "front"), one_of("worse_with", "running")),

    _rule("overuse-tendonitis", 3, "You recently ran more or harder", ARTICLE,
          yes("recent_increase")),
    _rule("overuse-tendonitis", 1, "The pain built up gradually", ARTICLE,
          GRADUAL, yes("recent_increase")),
    _rule("overuse-tendonitis", 1, "It hurts when you run", ARTICLE,
          GRADUAL, yes("recent_increase"), one_of("worse_with", "running")),

    _rule("knee-strain", 3, "Stiffness and tenderness after running", ARTICLE,
          yes("stiff_tender")),
    _rule("knee-strain", 2, "It started after running extra miles", ARTICLE,
          GRADUAL, yes("stiff_tender"), yes("recent_increase")),
    _rule("knee-strain", 1, "Pain that comes with running", ARTICLE,
          GRADUAL, yes("stiff_tender"), one_of("worse_with", "running")),

    _rule("meniscus-tear", 3, "An awkward movement or a fall", ARTICLE,
          SUDDEN, MENISCUS_MECHANISM),
    _rule("meniscus-tear", 2, "Swelling straight away or within the hour", ARTICLE,
          SUDDEN, SWELLS_WITHIN_HOUR),
    _rule("meniscus-tear", 2, "Pain when bending the knee", ARTICLE,
          SUDDEN, one_of("worse_with", "bending")),
    _rule("meniscus-tear", 1, GIVES_WAY, NICE,
          SUDDEN, yes("locking")),

    # Pop, fast swelling and giving way are 3, 3 and 2, so any two of them
    # reach SUSPECTED_AT (Wagemakers 2010: sensitivity and specificity 0.71)
    # while a pop alone does not (Noyes 1980: as common in intact ACLs).
    _rule("ligament-tear", 3, "A twist, an overstretch or a sudden stop", ARTICLE,
          SUDDEN, LIGAMENT_MECHANISM),
    _rule("ligament-tear", 1, "A knee injury from a fall or an awkward movement", ARTICLE,
          SUDDEN, MENISCUS_MECHANISM),
    _rule("ligament-tear", 3, "A pop when it happened", f"{ARTICLE}; {NOYES}; {WAGEMAKERS}",
          SUDDEN, yes("heard_pop")),
    _rule("ligament-tear", 3, "Swelling within the hour", f"{NOYES}; {WAGEMAKERS}",
          SUDDEN, SWELLS_WITHIN_HOUR),
    _rule("ligament-tear", 2, GIVES_WAY, WAGEMAKERS,
          SUDDEN, yes("locking")),
    _rule("ligament-tear", 2, "Trouble putting weight on the leg", ARTICLE,
          SUDDEN, one_of("weight_bearing", "painful", "unable")),
    _rule("ligament-tear", 1, "Sudden, intense pain", ARTICLE,
          SUDDEN, at_least("pain_level", 7)),
)
# fmt: on


@dataclass(frozen=True, kw_only=True)
class ReferralRule:
    """A suspected condition needs a doctor this urgently (when ``when`` also holds)."""

    condition: str
    urgency: str
    when: tuple[Clue, ...] = ()
    source: str


REFERRAL_RULES = (
    ReferralRule(
        condition="ligament-tear", urgency="urgent", source=f"{ARTICLE}: seek care promptly"
    ),
    # A tear can only be repaired within about 6-8 weeks, so it is seen soon.
    ReferralRule(condition="meniscus-tear", urgency="soon", source=f"{ARTICLE}; {NHS}"),
    # We ask once and cannot see whether a strain settles; severe pain (7 of
    # 10 or more) stands in for "a strain that needs a professional's look".
    ReferralRule(
        condition="knee-strain",
        urgency="soon",
        when=(at_least("pain_level", 7),),
        source=f"{ARTICLE}: consult a medical professional",
    ),
)


@dataclass(frozen=True, kw_only=True)
class RedFlagRule:
    code: str
    urgency: str
    when: tuple[Clue, ...]
    title: str
    action: str
    source: str


_X_RAY = "See a doctor or urgent care today for an X-ray to rule out a broken bone."

# The Ottawa knee rules apply to a sudden injury (in the study, under 7 days
# old); each positive finding means an X-ray. Sensitivity 95-100 %.
RED_FLAG_RULES = (
    RedFlagRule(
        code="hot-swollen-knee",
        urgency="emergency",
        when=(yes("hot_or_fever"),),
        title="A hot, red knee or a fever",
        action="Go to an emergency department now: the joint may be infected.",
        source=NICE,
    ),
    RedFlagRule(
        code="calf-swelling",
        urgency="emergency",
        when=(yes("calf_swelling"),),
        title="Pain or swelling in the calf",
        action="Get emergency care now: it may be a blood clot in the leg (DVT).",
        source=NICE,
    ),
    RedFlagRule(
        code="ottawa-age",
        urgency="urgent",
        when=(SUDDEN, at_least("age", 55)),
        title="A knee injury at 55 or over",
        action=_X_RAY,
        source=OTTAWA,
    ),
    RedFlagRule(
        code="ottawa-patella",
        urgency="urgent",
        when=(SUDDEN, yes("patella_tender")),
        title="A tender kneecap after an injury",
        action=_X_RAY,
        source=OTTAWA,
    ),
    RedFlagRule(
        code="ottawa-fibular-head",
        urgency="urgent",
        when=(SUDDEN, yes("fibular_head_tender")),
        title="A tender bony bump below the outside of the knee",
        action=_X_RAY,
        source=OTTAWA,
    ),
    RedFlagRule(
        code="ottawa-flexion",
        urgency="urgent",
        when=(SUDDEN, yes("cannot_flex_90")),
        title="Cannot bend the knee to a right angle after an injury",
        action=_X_RAY,
        source=OTTAWA,
    ),
    RedFlagRule(
        code="ottawa-weight-bearing",
        urgency="urgent",
        when=(SUDDEN, one_of("weight_bearing", "unable")),
        title="Cannot take four steps after an injury",
        action=_X_RAY,
        source=OTTAWA,
    ),
    RedFlagRule(
        code="cannot-bear-weight",
        urgency="urgent",
        when=(GRADUAL, one_of("weight_bearing", "unable")),
        title="Cannot put weight on the leg",
        action="See a doctor today; do not run on it.",
        source=NICE,
    ),
    RedFlagRule(
        code="rapid-swelling",
        urgency="urgent",
        when=(SUDDEN, SWELLS_WITHIN_HOUR),
        title="The knee swelled within an hour of the injury",
        action="See a doctor today: fast swelling means bleeding into the joint, "
        "most often from a torn ACL (72 % of such knees in one study).",
        source=f"{NICE}; {NOYES}",
    ),
    RedFlagRule(
        code="locking",
        urgency="soon",
        when=(yes("locking"),),
        title="The knee locks, catches or gives way",
        action="Book an appointment with a doctor or physiotherapist in the next few days.",
        source=NICE,
    ),
)

"""The urgency rules as data, each with its source, for a clinician or coach to read.

Two kinds decide how soon a runner should see someone:

- red flags (``RED_FLAG_RULES``): warning signs that need a professional on their own, whatever
  the cause. A rule holds when every one of its clues holds; an unanswered question never
  holds. Several rules may share a code: the flag is raised once.
- referrals (``REFERRAL_RULES``): a condition the evidence model finds likely enough that
  needs someone's look by itself (a torn ligament, a bone stress injury).

The overall urgency is the most urgent of both, and "self-care" with neither. Sources are
collected in the project's evidence sheets (EVIDENCE.md, TRIAGE-EVIDENCE.md §3).
"""

from dataclasses import dataclass

from kneecare.urgency import URGENCY_LEVELS

__all__ = ["URGENCY_LEVELS"]  # re-exported: the levels live in the shared layer
STRENGTHS = ("strong", "possible", "less-likely")  # strongest first

NICE = "NICE Clinical Knowledge Summaries, knee pain assessment"
GLOS = "Gloucestershire NHS knee pathway"
LOTHIAN = "NHS Lothian acute knee trauma referral guidance"
NHS_DVT = "NHS, deep vein thrombosis (DVT)"
NG158 = "NICE NG158 1.1.3 (DVT: ultrasound within 4 hours)"
NHS_SEPTIC = "NHS, septic arthritis (urgent advice)"
NHS = "NHS musculoskeletal pathway guidance"
OTTAWA = "Stiell et al., Ann Emerg Med 1995; JAMA 1997 (Ottawa knee rules)"
NOYES = "Noyes et al. 1980"
BOYCE = "Boyce RH et al., JAAOS 2015;23:761-8"
BSI = "Bone stress injury review 2020 (PMC7049623); Milgrom 2021"
RCHT = "RCHT Cornwall acute limp in children guideline 2021"
SUFE = "Ankarath S et al., JRSM 2002;95:356-8; Perry DC et al. 2018"
DEVON = "Devon paediatric knee pain referral guidance"
CORNWALL = "Cornwall RMS referral criteria"
NG12 = "NICE NG12 (suspected cancer): an unexplained lump in a child, very urgent ultrasound"


@dataclass(frozen=True)
class Clue:
    """The answer ``answer`` is one of ``values`` (for a several-choice answer: includes one
    of them), or lies in ``minimum``..``maximum``: an unanswered question never holds. Or it
    is not one of ``excluded``, which an unanswered question is not either."""

    answer: str
    values: frozenset[object] = frozenset()
    minimum: int | None = None
    maximum: int | None = None
    excluded: frozenset[object] = frozenset()  # holds unless the answer is one of these


def yes(answer: str) -> Clue:
    return Clue(answer, frozenset({True}))


def one_of(answer: str, *values: str) -> Clue:
    return Clue(answer, frozenset(values))


def not_one_of(answer: str, *values: str) -> Clue:
    return Clue(answer, excluded=frozenset(values))


def at_least(answer: str, minimum: int) -> Clue:
    return Clue(answer, minimum=minimum)


def between(answer: str, minimum: int, maximum: int) -> Clue:
    return Clue(answer, minimum=minimum, maximum=maximum)


SUDDEN = one_of("onset", "sudden")
# The Ottawa knee rules were derived on injuries under 7 days old (Stiell 1995); fast swelling
# sends a knee today only while the injury is recent too.
RECENT = not_one_of("duration", "weeks", "months")
GRADUAL = one_of("onset", "gradual")
CHILD = between("age", 10, 16)


@dataclass(frozen=True, kw_only=True)
class RedFlagRule:
    code: str  # a public data-red-flag marker: add, never rename
    urgency: str
    when: tuple[Clue, ...]
    title: str
    action: str
    source: str


_X_RAY = "See a doctor or urgent care today for an X-ray to rule out a broken bone."
_TODAY = "See a doctor, an urgent care centre or a minor injuries unit today; do not run on it."
_SOON = "Book an appointment with a doctor or physiotherapist in the next few days."


def _flag(
    code: str, urgency: str, title: str, action: str, source: str, *when: Clue
) -> RedFlagRule:
    return RedFlagRule(
        code=code, urgency=urgency, when=when, title=title, action=action, source=source
    )


# The Ottawa knee rules apply to a sudden injury (in the study, under 7 days old); each
# positive finding means an X-ray. Sensitivity 95-100 %.
# fmt: off
RED_FLAG_RULES = (
    _flag("hot-swollen-knee", "emergency", "A hot or swollen knee with a fever",
          "Go to an emergency department now: the joint may be infected.",
          f"{GLOS} (A&E); {NICE}", yes("fever"), yes("hot_red")),
    _flag("hot-swollen-knee", "emergency", "A hot or swollen knee with a fever",
          "Go to an emergency department now: the joint may be infected.",
          f"{GLOS} (A&E); {NICE}", yes("fever"), one_of("swelling", "within-hour", "later")),
    _flag("calf-swelling-breathless", "emergency", "A sore calf with breathlessness or chest "
          "pain", "Call your emergency number or go to an emergency department now: a clot "
          "may have reached the lungs.", NHS_DVT, yes("calf_swelling"), yes("breathless")),
    _flag("breathless", "emergency", "Short of breath or chest pain",
          "Call your emergency number or go to an emergency department now.", NHS_DVT,
          yes("breathless")),
    _flag("foot-numb-cold-injury", "emergency", "A numb, cold or pale foot after an injury",
          "Go to an emergency department now: the blood supply or a nerve may be damaged.",
          f"{GLOS}; {BOYCE}", SUDDEN, yes("foot_numb_cold")),
    _flag("hot-red-knee", "urgent", "A hot, red knee",
          "See a doctor today: a hot, red joint needs checking for infection or gout.",
          f"{NHS_SEPTIC}; {NICE}", yes("hot_red")),
    _flag("fever-unwell", "urgent", "Knee pain with a fever or feeling unwell",
          "See a doctor today: infection in a joint does not always make it hot or red.",
          f"{NICE}; {RCHT}", yes("fever")),
    _flag("calf-swelling-numb-foot", "emergency", "A swollen calf with a numb or cold foot",
          "Go to an emergency department now: pressure in the calf or a blocked artery can "
          "threaten the leg.", f"{GLOS} (neurovascular compromise: A&E)", yes("calf_swelling"),
          yes("foot_numb_cold")),
    _flag("child-night-pain", "urgent", "Night pain while still growing",
          "See a doctor today: night pain in a child or teenager needs a same-day check for "
          "infection or a bone problem.", RCHT, CHILD, yes("rest_pain")),
    _flag("calf-swelling", "urgent", "Pain or swelling in the calf",
          "See a doctor today: it may be a blood clot in the leg (DVT), which needs a scan "
          "within hours.", f"{NHS_DVT}; {NG158}", yes("calf_swelling")),
    _flag("foot-numb-cold", "urgent", "A numb, cold or pale foot",
          "See a doctor today: a nerve or the blood supply needs checking.", NICE,
          yes("foot_numb_cold")),
    _flag("kneecap-dislocation", "urgent", "The kneecap slipped out of place",
          "See a doctor today, at an urgent care centre or fracture clinic, even if it "
          "slipped back.", f"{GLOS}; {LOTHIAN}", yes("kneecap_shifted"),
          one_of("weight_bearing", "painful", "unable")),
    # Slipped out and back with normal walking: a recurrent dislocation goes to physiotherapy
    # and an outpatient referral (RCH Melbourne), not to a same-day clinic.
    _flag("kneecap-slipped", "soon", "The kneecap slipped out of place and back",
          f"{_SOON} Ask about physiotherapy to steady the kneecap.",
          f"RCH Melbourne patellar dislocation guideline; {GLOS}", yes("kneecap_shifted")),
    _flag("locking", "urgent", "The knee is stuck bent and cannot straighten",
          "See a doctor today: a locked knee needs an urgent look from a knee specialist.",
          f"{GLOS}; {LOTHIAN}", yes("locking")),
    _flag("ottawa-age", "urgent", "A knee injury at 55 or over", _X_RAY, OTTAWA,
          SUDDEN, RECENT, at_least("age", 55)),
    _flag("ottawa-patella", "urgent", "A tender kneecap after an injury", _X_RAY, OTTAWA,
          SUDDEN, RECENT, yes("patella_tender")),
    _flag("ottawa-fibular-head", "urgent", "A tender bony bump below the outside of the knee",
          _X_RAY, OTTAWA, SUDDEN, RECENT, yes("fibular_head_tender")),
    _flag("ottawa-flexion", "urgent", "Cannot bend the knee to a right angle after an injury",
          _X_RAY, OTTAWA, SUDDEN, RECENT, yes("cannot_flex_90")),
    _flag("ottawa-weight-bearing", "urgent", "Cannot take four steps after an injury", _X_RAY,
          OTTAWA, SUDDEN, RECENT, one_of("weight_bearing", "unable")),
    _flag("cannot-bear-weight", "urgent", "Cannot put weight on the leg", _TODAY,
          f"{NICE}; {CORNWALL}", one_of("weight_bearing", "unable")),
    _flag("rapid-swelling", "urgent", "The knee swelled within an hour of the injury",
          "See a doctor today: fast swelling means bleeding into the joint, most often from a "
          "torn ACL (72 % of such knees in one study).", f"{NICE}; {NOYES}; {LOTHIAN}",
          SUDDEN, RECENT, one_of("swelling", "within-hour")),
    _flag("bone-stress", "soon", "One spot on a bone is sore to press",
          f"Stop running now. {_SOON} Bony tenderness alone makes the bone stress rule "
          "positive, and running on a stress reaction can turn it into a fracture.",
          f"Bone stress injury rule, 778 recruits, 2020 (PMC7485018); {BSI}", GRADUAL,
          yes("bone_tender")),
    _flag("severe-pain", "soon", "Severe pain (8 out of 10 or more)",
          f"{_SOON} Rest from running until then.",
          "our estimate: no published guideline sets a numeric pain threshold",
          at_least("pain_level", 8)),
    _flag("rest-pain", "soon", "Pain at rest or at night",
          f"{_SOON} Pain that does not settle with rest needs a look.",
          f"{GLOS} (red-flag observation); {CORNWALL}", yes("rest_pain")),
    _flag("getting-worse", "soon", "Pain that keeps getting worse, even after a break",
          f"{_SOON} Pain that grows despite rest needs an examination to find its cause.",
          f"{GLOS} (red-flag observation); {CORNWALL}", yes("getting_worse")),
    _flag("hip-or-back", "soon", "Pain in the hip, groin or back as well",
          f"{_SOON} Ask them to examine the hip and the back: pain from either can be felt "
          "in the knee.", f"{SUFE}; {NICE}", yes("hip_or_back")),
    _flag("child-hip-pain", "urgent", "Hip or groin pain with knee pain while still growing",
          "See a doctor today and keep weight off the leg if you can: a slipped hip growth "
          "plate shows as knee pain and must be found early.", f"{SUFE}; {RCHT}", CHILD,
          yes("hip_or_back")),
    _flag("child-lump", "soon", "A lump or swelling in one spot while still growing",
          f"{_SOON} A lump in a child or teenager should be looked at and, unless it is "
          "clearly the Osgood-Schlatter bump, scanned.", f"{NG12}; {DEVON}", CHILD,
          yes("local_swelling")),
    _flag("growth-area", "soon", "Pain below the kneecap while still growing",
          f"{_SOON} A growth-area problem settles best with a physiotherapist's plan.",
          f"{DEVON}; the level is our estimate", CHILD,
          one_of("pain_location", "below-kneecap")),
    _flag("child-limp", "soon", "A limp without an injury while still growing",
          f"{_SOON} Ask them to check the hip too: hip problems in teenagers often show as "
          "knee pain.", f"{SUFE}; {RCHT}", CHILD, GRADUAL,
          one_of("weight_bearing", "painful"), one_of("duration", "weeks", "months")),
)
# fmt: on

# A flag that says everything another one says: only the more urgent is shown.
SUPERSEDES = {
    "hot-swollen-knee": ("hot-red-knee", "fever-unwell"),
    "calf-swelling-breathless": ("calf-swelling", "breathless"),
    "calf-swelling-numb-foot": ("calf-swelling", "foot-numb-cold"),
    "foot-numb-cold-injury": ("foot-numb-cold",),
    "kneecap-dislocation": ("kneecap-slipped",),
    "child-night-pain": ("rest-pain",),
    "child-hip-pain": ("hip-or-back",),
    "ottawa-weight-bearing": ("cannot-bear-weight",),
}

# Adding a warning sign must never lower the urgency, though it changes the evidence. Every
# referral is at most "soon", and most warning signs raise a flag of at least "soon" in any
# story. These findings raise one only in some stories (the Ottawa findings after a recent
# injury, bony tenderness after a gradual onset, a lump while growing), so the evidence a
# referral weighs leaves them out (see symptoms.triage).
RED_FLAG_ANSWERS = (
    "patella_tender",
    "fibular_head_tender",
    "cannot_flex_90",
    "bone_tender",
    "local_swelling",  # a flag only while still growing
)


@dataclass(frozen=True, kw_only=True)
class ReferralRule:
    """A condition at least ``strength`` likely (and, if ``leading``, the likeliest of all)
    needs a professional this urgently. With a ``code`` it is also shown as a warning sign,
    with its ``title`` and ``action``."""

    condition: str
    urgency: str
    strength: str
    source: str
    leading: bool = False
    when: tuple[Clue, ...] = ()
    code: str = ""
    title: str = ""
    action: str = ""


REFERRAL_RULES = (
    # An urgent trauma clinic sees a recent rupture within days, not the same day; the red
    # flags (fast swelling, cannot bear weight, locking) send a knee today.
    ReferralRule(
        condition="ligament-tear",
        urgency="soon",
        strength="possible",
        leading=True,
        source=f"{GLOS}: a recent ligament rupture goes to an urgent trauma clinic",
    ),
    # The kneecap-dislocation red flag sends one that hurts to walk on today.
    ReferralRule(
        condition="kneecap-dislocation",
        urgency="soon",
        strength="strong",
        source=f"{GLOS}; {LOTHIAN}: abnormal kneecap position",
    ),
    # A tear can only be repaired within about 6-8 weeks, so it is seen soon.
    # The likeliest cause is a tear: seen within the repair window, or for its mechanical
    # symptoms. A tear that is only one possibility among others (a strain after a small
    # twist, wear over 45) is not referred on that alone.
    # A degenerative tear, built up without an injury and without catching or giving way,
    # is treated with exercise first (NICE NG226; BMJ Rapid Recommendations 2017), like wear.
    *(
        ReferralRule(
            condition="meniscus-tear",
            urgency="soon",
            strength="possible",
            leading=True,
            when=(clue,),
            source=source,
        )
        for clue, source in (
            (SUDDEN, f"{NHS}: repair window"),
            (yes("catching"), "NICE CKS: mechanical symptoms"),
            (yes("giving_way"), "NICE CKS: mechanical symptoms"),
            (one_of("swelling", "within-hour", "later"), f"{NICE}: a swollen knee needs a look"),
        )
    ),
    # Running on a stress reaction turns it into a fracture with longer healing.
    ReferralRule(
        condition="bone-stress-injury",
        urgency="soon",
        strength="possible",
        source=BSI,
        code="bone-stress",
        title="A possible bone stress injury",
        action=f"Stop running now. {_SOON} A scan may be needed to see the bone.",
    ),
    # A new, painful swelling behind the knee: a GP tells a cyst from a clot.
    ReferralRule(
        condition="bakers-cyst",
        urgency="soon",
        strength="possible",
        leading=True,
        when=(one_of("swelling", "later"),),
        source="NHS, Baker's cyst: see a GP about a painful swelling behind the knee",
    ),
    # We ask once and cannot see whether a strain settles; severe pain (7 of 10 or more)
    # stands in for "a strain that needs a professional's look".
    ReferralRule(
        condition="knee-strain",
        urgency="soon",
        strength="possible",
        when=(at_least("pain_level", 7),),
        source="article (2023): consult a medical professional",
    ),
)

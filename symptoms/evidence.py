"""The evidence behind the self-check: priors, age multipliers and likelihood ratios, as data.

Read by a clinician, used by ``symptoms.triage``. Pure Python, no Django.

How to read it. Each condition starts from a *prior*: its share of runners' knee complaints
before any answer. Age multiplies the prior. Each answer then multiplies the odds of each
condition by a *likelihood ratio* (LR): how much more (over 1) or less (under 1) often runners
with that condition give that answer than runners with knee pain in general. An answer with no
row leaves a condition unchanged (LR 1). A yes/no question has a row for "yes" (LR+) and, only
where it is published or clearly reasoned, one for "no" (LR-). An unanswered question is
unknown and changes nothing.

Every row carries a mark and its source:
  P  a published figure, cited;
  D  derived by us from published numbers (LR+ = Se / (1 - Sp), LR- = (1 - Se) / Sp);
  E  our reasoned estimate, with the reasoning, to replace when data appear.
The figures and their references are collected in the project's triage evidence sheet
(TRIAGE-EVIDENCE.md, 2026). Where only an examiner's version of a finding was studied, the
runner's self-report gets a weaker E value: self-report is noisier than an examination.
Location answers get higher LRs than aggravators, because squatting, stairs and extra mileage
load every knee condition while the place that hurts separates them.
"""

from dataclasses import dataclass

P, D, E = "P", "D", "E"

# The 13 conditions the self-check ranks, in the order ties are broken, with the name shown
# when the coaches' content for a condition has not been published yet.
CONDITION_NAMES = {
    "runners-knee": "Runner's knee (patellofemoral pain)",
    "it-band-syndrome": "IT band syndrome",
    "overuse-tendonitis": "Overuse tendonitis (patellar or quadriceps tendinopathy)",
    "meniscus-tear": "Meniscus tear",
    "knee-strain": "Knee strain or mild sprain",
    "knee-osteoarthritis": "Knee osteoarthritis",
    "ligament-tear": "Ligament tear",
    "bone-stress-injury": "Bone stress injury",
    "pes-anserine-bursitis": "Pes anserine bursitis",
    "hamstring-tendinopathy": "Hamstring tendinopathy",
    "bakers-cyst": "Baker's cyst",
    "kneecap-dislocation": "Kneecap dislocation",
    "osgood-schlatter": "Osgood-Schlatter (or Sinding-Larsen-Johansson) disease",
}
CONDITION_SLUGS = tuple(CONDITION_NAMES)

# "Something else": knee pain from a cause outside the 13 (referred hip or back pain, gout,
# inflammatory arthritis, infection, a clot, a nerve). It competes with the 13 like any other
# hypothesis; when it leads, or no condition reaches POSSIBLE, the result says nothing fits.
OTHER = "other"

# Strength bands for a condition's probability after the answers (posterior), stated on the
# result page. A condition under LESS_LIKELY is not listed; at most LISTED are.
STRONG = 0.60  # more likely than not, with a margin
POSSIBLE = 0.20  # one chance in five or better: three times the average of 14 (7 %)
LESS_LIKELY = 0.05  # worth naming, not worth leading with
LISTED = 3

TAUNTON = "Taunton JE et al., BJSM 2002;36:95-101"
KAKOURIS = "Kakouris N et al., J Sport Health Sci 2021;10(5)"
NIELSEN = "Nielsen RO et al., PLoS ONE 2014;9:e99877"
BENCA = "Benca E et al., J Clin Med 2020;9:438"
KUJALA = "Kujala UM et al., Am J Sports Med 1985;13:236-41"
NICE_OA = "NICE NG226, 2022"
PEAT = "Peat G et al., Ann Rheum Dis 2006;65:1363-7"
WAGEMAKERS = "Wagemakers HP et al., Arch Phys Med Rehabil 2010;91:1452-9"
DECARY = "Décary S et al., PLoS ONE 2018;13:e0198797"
NOYES = "Noyes FR et al., JBJS Am 1980;62:687-95"
NUNES = "Nunes GS et al., Phys Ther Sport 2013;14:54-9"
CROSSLEY = "Crossley KM et al., BJSM 2016;50:839-43"
HEGEDUS = "Hegedus EJ et al., JOSPT 2007;37:541-50"
MALLIARAS = "Malliaras P et al., JOSPT 2015;45:887-98"
ITBS_BP = "BMJ Best Practice, iliotibial band syndrome; Fredericson & Wolf 2005"
BSI_RULE = "Bone stress injury rule, 778 recruits, 2020 (PMC7485018)"
MILGROM = "Milgrom C et al., J Sci Med Sport 2021 (hop test)"
BSI_REVIEW = "Bone stress injury review 2020 (PMC7049623)"
PES_DESC = "Medscape pes anserine bursitis; StatPearls NBK532941"
RCH = "RCH Melbourne patellar dislocation guideline"
BYLUND = "Bylund WE, de Weber K, Sports Health 2010;2:380-4"
BAKER_DESC = "Popliteal cyst series (Miller 1996; Hayashi 2010)"
ZHANG = "Zhang W et al., Ann Rheum Dis 2010;69:483-9"
BOYCE = "Boyce RH et al., JAAOS 2015;23:761-8"


@dataclass(frozen=True, kw_only=True)
class Prior:
    share: float
    mark: str
    source: str


# Sheet §1b: anchored where a runner series gives a share (PFP:ITBS about 2:1 in Kakouris;
# PFP and meniscus close in novices, Nielsen), our estimate elsewhere.
PRIORS: dict[str, Prior] = {
    "runners-knee": Prior(share=0.32, mark=P, source=f"{KAKOURIS}; {NIELSEN}: largest share"),
    "it-band-syndrome": Prior(share=0.15, mark=P, source=f"{KAKOURIS}: about half of PFP"),
    "overuse-tendonitis": Prior(share=0.10, mark=E, source=f"third commonest in {BENCA}"),
    "meniscus-tear": Prior(share=0.10, mark=P, source=f"{NIELSEN}: 9 % vs PFP 10 %"),
    "knee-strain": Prior(share=0.07, mark=E, source="no share published; common minor injury"),
    "knee-osteoarthritis": Prior(share=0.06, mark=E, source="age-driven: see AGE_MULTIPLIERS"),
    "ligament-tear": Prior(
        share=0.04,
        mark=E,
        source=f"runners rarely pivot; 21 % of GP injury series only ({WAGEMAKERS})",
    ),
    "bone-stress-injury": Prior(
        share=0.04, mark=E, source=f"{BSI_REVIEW}: most are below the knee"
    ),
    "pes-anserine-bursitis": Prior(share=0.03, mark=E, source="no runner share published"),
    "hamstring-tendinopathy": Prior(share=0.03, mark=E, source="no runner share published"),
    "bakers-cyst": Prior(share=0.02, mark=E, source="no runner share published"),
    "kneecap-dislocation": Prior(
        share=0.02, mark=E, source="23/100,000 a year (Sports Health 2018): rare in adult runners"
    ),
    "osgood-schlatter": Prior(share=0.02, mark=E, source="near zero in adults: see age"),
    OTHER: Prior(
        share=0.06,
        mark=E,
        source="the 13 cover the diagnoses of every runner "
        "series above; a few complaints come from elsewhere (hip, back, joint "
        "disease)",
    ),
}


@dataclass(frozen=True, kw_only=True)
class AgeMultiplier:
    condition: str
    youngest: int
    oldest: int
    factor: float
    mark: str
    source: str


def _age(
    condition: str, ages: tuple[int, int], factor: float, mark: str, source: str
) -> AgeMultiplier:
    return AgeMultiplier(
        condition=condition,
        youngest=ages[0],
        oldest=ages[1],
        factor=factor,
        mark=mark,
        source=source,
    )


# An unanswered age multiplies nothing.
# fmt: off
AGE_MULTIPLIERS = (
    _age("osgood-schlatter", (10, 16), 10, E, f"sheet §1b; mean onset 13.1 y ({KUJALA})"),
    _age("osgood-schlatter", (17, 19), 0.5, E, "the growth plate closes in the late teens"),
    _age("osgood-schlatter", (20, 100), 0.005, E, "an adult only has its after-effects"),
    _age("kneecap-dislocation", (10, 16), 3, E, "sheet §1b; 147.7/100,000 at 14-18 y"),
    _age("kneecap-dislocation", (17, 24), 1.5, E, "mean age at first dislocation 21.4 y"),
    _age("kneecap-dislocation", (45, 100), 0.3, E, "first dislocations are rare later"),
    _age("knee-osteoarthritis", (10, 16), 0.01, E, "sheet §1b: not a teenager's condition"),
    _age("knee-osteoarthritis", (17, 34), 0.2, E, "uncommon before middle age"),
    _age("knee-osteoarthritis", (35, 44), 0.4, E, "rising towards NICE's age of 45; was 0.7, "
         "now given the same runners' discount as the band from 45 (5 -> 3, about 0.6: "
         "Alentorn-Geli 2017, below)"),
    _age("knee-osteoarthritis", (45, 100), 3, E, f"sheet §1b suggests 5 ({NICE_OA} diagnoses "
         f"from 45; symptomatic OA in 33 % over 50, {PEAT}); set at 3 because recreational "
         "runners had about a third of the hip and knee OA of sedentary people (3.5 % vs "
         "10.2 %, Alentorn-Geli E et al., JOSPT 2017;47:373-90)"),
    _age("meniscus-tear", (10, 16), 0.5, E, "degenerative tears absent; traumatic remain"),
    _age("meniscus-tear", (45, 100), 2, E, "sheet §1b suggests 1.5; degenerative tears are "
         "common from middle age (Englund M et al., NEJM 2008;359:1108-15)"),
    _age("pes-anserine-bursitis", (45, 100), 2, E, f"sheet §1b; often with OA ({PES_DESC})"),
    _age("bakers-cyst", (45, 100), 2, E, f"sheet §1b; 40 % of painful knees at 35-65 "
         f"({BAKER_DESC})"),
    _age("bakers-cyst", (10, 16), 0.5, E, "rarely a teenage runner's complaint"),
    _age("runners-knee", (10, 33), 1.3, P, f"under 34 a risk factor ({TAUNTON}); size E"),
    _age("runners-knee", (45, 100), 0.6, E, "other causes take over in middle age"),
    _age("overuse-tendonitis", (10, 16), 0.4, E, "at this age the same spot is usually "
         "Osgood-Schlatter or Sinding-Larsen-Johansson"),
    _age("overuse-tendonitis", (45, 100), 0.6, E, f"mostly 15-30 y ({MALLIARAS})"),
    _age("hamstring-tendinopathy", (10, 16), 0.3, E, "an adult runner's overload injury"),
    _age("bone-stress-injury", (10, 16), 0.7, E, "fewer high-mileage runners at this age"),
    _age("bone-stress-injury", (55, 100), 2, E, "insufficiency fractures of the upper shin "
         "and the thigh-bone condyles, from normal load on weaker bone, are a disease of older "
         "adults (Yamamoto T, Bullough PG, JBJS Am 2000;82:858-66)"),
    _age(OTHER, (10, 16), 2, E, "a slipped hip (15 % present with knee pain only, Perry 2018) "
         "and bone tumours belong in a teenager's knee-pain list (Ankarath 2002)"),
)
# fmt: on


@dataclass(frozen=True, kw_only=True)
class Likelihood:
    """How one answer to one question changes one condition's odds."""

    condition: str
    answer: str  # a field of symptoms.triage.Answers, or "pain_band"
    value: str | bool  # the answer, or True/False for a yes/no question
    ratio: float
    mark: str
    source: str  # the publication, or for E the reasoning


Row = tuple[str, dict[str | bool, float], str, str]


def _row(answer: str, ratios: dict[str | bool, float], mark: str, source: str) -> Row:
    return (answer, ratios, mark, source)


def _yes(answer: str, positive: float, mark: str, source: str) -> Row:
    return (answer, {True: positive}, mark, source)


def _yes_no(answer: str, positive: float, negative: float, mark: str, source: str) -> Row:
    return (answer, {True: positive, False: negative}, mark, source)


LOCATION = "pain_location"
SEVERITY = "pain_band"  # "mild" (0-3), "moderate" (4-7) or "severe" (8-10)
# Mechanical symptoms point inside the joint; an overuse condition outside it rarely gives them.
NOT_MECHANICAL = "clicking, locking and giving way point inside the joint, not to this"
ACUTE_SWELLING = "fast swelling means bleeding into the joint: an injury inside it"
NO_INJURY = (
    "sudden pain with no injury named: a tear or sprain needs a mechanism, while a joint that "
    "flares on its own points to gout, crystals, infection or inflammatory arthritis (NICE CKS "
    "knee pain assessment)"
)
SWELLING_OVERUSE = (
    "an overuse condition outside the joint rarely swells the knee; fast swelling means "
    "bleeding into the joint"
)
SETTLES = (
    "an overload injury settles when the load is cut; pain that keeps getting worse after a "
    "break points elsewhere"
)
ONE_SPOT_SWELLING = "a swelling of the whole joint, not a lump in one place"
REFERRED = "pain reaching the hip, groin or back points to referred pain instead"

# One tuple of rows per condition. fmt: off keeps each row on the lines a reader expects.
# fmt: off
EVIDENCE: dict[str, tuple[Row, ...]] = {
    "runners-knee": (
        _row(LOCATION, {"front": 3.5, "above-kneecap": 1.0, "below-kneecap": 0.6, "whole": 0.6,
                        "inner": 0.4, "outer": 0.2, "back": 0.2, "inner-below": 0.1}, E,
             f"pain around or behind the kneecap ({CROSSLEY}), so a runner can point to the "
             "front; pain on the tendon below it points to the tendon"),
        _row("onset", {"gradual": 1.3, "sudden": 0.2}, E, f"builds up with load ({CROSSLEY})"),
        _row("worse_with", {"squatting": 1.8}, P, f"squat pain LR+ 1.8 ({NUNES})"),
        _row("worse_with", {"sitting": 2.0, "stairs": 1.5}, E, "sheet §2: sitting pain Se 0.73, "
             "stair descent with sitting LR+ 19 (PTP 2024); singly weaker"),
        _row("worse_with", {"kneeling": 1.3, "bending": 1.3, "downhill": 1.3}, E,
             "kneeling Se 84 % (Nunes); loads the kneecap joint"),
        _yes("patella_tender", 1.5, E, "patellar palpation is one item of Cook's cluster "
             "(Physiother Can 2010), weaker self-pressed"),
        _row("swelling", {"none": 1.2, "after-activity": 1.0, "later": 0.5, "within-hour": 0.1},
             E, SWELLING_OVERUSE),
        _row("duration", {"days": 0.7, "months": 1.3}, E, "a persistent complaint (Crossley)"),
        _yes("locking", 0.2, E, NOT_MECHANICAL),
        _yes("giving_way", 0.8, E, "the kneecap pain can make the knee buckle at times"),
        _yes("joint_line_tender", 0.4, E, "the joint line is not where the kneecap hurts"),
        _yes("bone_tender", 0.4, E, "one sore spot on a bone points to a bone"),
        _yes("rest_pain", 0.5, E, "kneecap pain comes with loading the kneecap (squats, stairs, "
             f"running, long sitting: {CROSSLEY}); pain at rest or waking at night is not part "
             "of it, as for the IT band and the tendon rows"),
        _yes("outer_tightness", 0.7, E, "points to the IT band"),
        _row("weight_bearing", {"painful": 0.6, "unable": 0.2}, E, "kneecap pain comes with "
             f"squats, stairs and running; walking is usually fine ({CROSSLEY})"),
        _row("injury_event", {"direct-blow": 1.5}, E, "a knock to the kneecap can start it"),
        _yes("getting_worse", 0.5, E, SETTLES),
        _yes("local_swelling", 0.5, E, "kneecap pain comes without a lump"),
        _yes("hip_or_back", 0.5, E, REFERRED),
    ),
    "it-band-syndrome": (
        _row(LOCATION, {"outer": 6.0, "whole": 0.4, "front": 0.2, "back": 0.2,
                        "above-kneecap": 0.2, "inner": 0.1, "below-kneecap": 0.1,
                        "inner-below": 0.05}, E,
             f"lateral pain 2-3 cm above the joint line ({ITBS_BP}); sheet suggests 5"),
        _row("onset", {"gradual": 1.3, "sudden": 0.15}, E, f"starts within runs ({ITBS_BP})"),
        _yes_no("outer_tightness", 4.0, 0.7, E, "the tight band is the defining complaint"),
        _row("worse_with", {"downhill": 2.5, "running": 1.3}, E,
             f"flares downhill and with a long stride ({ITBS_BP}); sheet suggests 2"),
        _row("worse_with", {"sitting": 0.7, "squatting": 0.8, "kneeling": 0.8}, E,
             "kneecap-loading pain points to the kneecap joint instead"),
        _yes("recent_increase", 1.3, E, f"distance-related injury after a ramp ({NIELSEN})"),
        _row("swelling", {"none": 1.2, "after-activity": 0.8, "later": 0.4, "within-hour": 0.1},
             E, SWELLING_OVERUSE),
        _yes("locking", 0.2, E, NOT_MECHANICAL),
        _yes("catching", 0.6, E, NOT_MECHANICAL),
        _yes("giving_way", 0.6, E, NOT_MECHANICAL),
        _yes("joint_line_tender", 0.6, E, "the band is above the joint line"),
        _yes("bone_tender", 0.5, E, "one sore spot on a bone points to a bone"),
        _yes("rest_pain", 0.5, E, "it hurts with running and settles at rest"),
        _row("weight_bearing", {"unable": 0.2}, E, "runners with ITBS can walk"),
        _yes("getting_worse", 0.5, E, SETTLES),
        _yes("hip_or_back", 1.0, E, "the band runs up to the outer hip, so pain there is "
             "no evidence either way"),
    ),
    "overuse-tendonitis": (
        _row(LOCATION, {"below-kneecap": 5.0, "above-kneecap": 3.0, "front": 1.3, "whole": 0.3,
                        "inner-below": 0.2, "outer": 0.1, "inner": 0.1, "back": 0.1}, E,
             f"pain at the lower pole of the kneecap or the quadriceps tendon ({MALLIARAS}); "
             "sheet suggests 4"),
        _row("onset", {"gradual": 1.3, "sudden": 0.2}, E, f"load-related, builds up ({MALLIARAS})"),
        _row("worse_with", {"jumping": 2.5}, E, f"pain rises with jump and landing demand "
             f"({MALLIARAS}); sheet suggests 2.5"),
        _row("worse_with", {"squatting": 1.5, "stairs": 1.2, "kneeling": 1.3, "downhill": 1.2},
             E, "loading the tendon hurts; weaker than jumping"),
        _yes("stiff_tender", 1.8, E, "stiff at the start, warms up: a tendon's hallmark"),
        _yes("patella_tender", 1.5, E, "tender lower pole, PPV 68 % (Cook JL, BJSM 2001)"),
        _yes("recent_increase", 1.5, E, "a load spike starts tendinopathy (Malliaras)"),
        _row("swelling", {"none": 1.2, "after-activity": 0.8, "later": 0.5, "within-hour": 0.1},
             E, SWELLING_OVERUSE),
        _row("duration", {"days": 0.6, "months": 1.3}, E, "often long-standing"),
        _yes("locking", 0.2, E, NOT_MECHANICAL),
        _yes("catching", 0.5, E, NOT_MECHANICAL),
        _yes("giving_way", 0.5, E, NOT_MECHANICAL),
        _yes("joint_line_tender", 0.4, E, "the tendon is not at the joint line"),
        _yes("rest_pain", 0.5, E, "tendon pain follows load, not rest"),
        _row("weight_bearing", {"unable": 0.2}, E, "walking is possible"),
        _row("injury_event", {"landing": 1.5}, E, "landing loads the tendon hardest"),
        _yes("getting_worse", 0.5, E, SETTLES),
        _yes("local_swelling", 1.2, E, "a thickened tendon can look puffy"),
        _yes("hip_or_back", 0.5, E, REFERRED),
    ),
    "meniscus-tear": (
        _row(LOCATION, {"inner": 2.5, "back": 1.2, "outer": 1.0, "whole": 0.6, "inner-below": 0.5,
                        "front": 0.3, "below-kneecap": 0.1, "above-kneecap": 0.1}, E,
             "pain at the joint line, more often the inner (medial) meniscus; localised pain "
             "predicted a tear over 45 (Arthritis Care Res 2017;69:484-90)"),
        _row("onset", {"sudden": 2.0, "gradual": 0.7}, E, "mostly a twisting injury; "
             "degenerative tears over 45 come on without one"),
        _row("injury_event", {"twist": 2.0, "awkward-movement": 1.5, "abrupt-stop": 1.3,
                              "landing": 1.2, "direct-blow": 0.5}, E,
             "sheet §2: a twist while weight-bearing, LR+ 2 suggested"),
        _row("swelling", {"later": 2.0, "after-activity": 1.5, "within-hour": 1.2, "none": 0.7}, E,
             "sheet §2: swelling over hours (delayed) LR+ 2 suggested"),
        _yes_no("catching", 2.0, 0.8, E, "sheet §2; mechanical symptoms are independent "
                "predictors (Swiss Med Wkly 2011)"),
        _yes_no("locking", 4.0, 0.8, E, "sheet §2: a true locked knee, LR+ 4 suggested; "
                "mechanical symptoms are independent predictors (Swiss Med Wkly 2011), so "
                "their absence argues mildly against a tear"),
        _yes_no("giving_way", 1.5, 0.8, E, "independent predictor (Swiss Med Wkly 2011); its "
                "absence argues mildly against a tear, as for locking"),
        _yes_no("joint_line_tender", 2.0, 0.7, E, f"examiner: LR+ 2.7, LR- 0.48 ({HEGEDUS}), "
                "best examiner LR+ 1.26 (Galli 2013); self-pressed between the two"),
        _row("worse_with", {"pivoting": 1.8, "squatting": 1.5, "bending": 1.3}, E,
             "pain on twisting and deep squatting (sheet §2)"),
        _yes("heard_pop", 1.2, E, "a pop is commoner with a torn ligament (Wagemakers)"),
        _yes("cannot_flex_90", 1.3, E, "a displaced tear can block bending"),
        _yes("no_injury_event", 0.5, E, NO_INJURY),
        _yes("outer_tightness", 0.6, E, "points to the IT band"),
        _yes("gradual_from_45", 1.6, E, "from 45 most tears are degenerative and build up "
             "without an injury (Englund M et al., NEJM 2008;359:1108-15), which undoes the "
             "gradual-onset discount above"),
        _yes("bone_tender", 0.6, E, "one sore spot on a bone points to a bone"),
        _yes("local_swelling", 0.8, E, "a tear swells the whole joint; a small cyst beside "
             "the meniscus is the exception"),
        _yes("hip_or_back", 0.5, E, REFERRED),
    ),
    "ligament-tear": (
        _row("onset", {"sudden": 5.0, "gradual": 0.05}, E, "a torn ligament is an injury"),
        _row("injury_event", {"hyperextension": 2.5, "twist": 2.0, "abrupt-stop": 2.0,
                              "landing": 1.5, "direct-blow": 2.0, "awkward-movement": 1.0}, E,
             f"pivoting mechanism (with a pop LR+ 9.8, {DECARY}); a blow to the outside of the "
             "knee is the classic inner-ligament (MCL) injury (sheet §2 suggests 1.5)"),
        _yes_no("heard_pop", 2.3, 0.51, D, f"Se 0.63, Sp 0.73 ({WAGEMAKERS})"),
        _row("swelling", {"within-hour": 3.0, "later": 1.0, "none": 0.4, "after-activity": 0.3}, E,
             f"sheet §2 suggests 3; 72 % of knees swollen at once had a torn ACL ({NOYES})"),
        _yes_no("giving_way", 2.5, 0.6, E, "sheet §2 suggests 2; one of Wagemakers' two-of-"
                "three, and the hallmark of an unstable knee; no giving way argues against it"),
        _row(LOCATION, {"whole": 2.0, "inner": 2.0, "outer": 1.0, "back": 1.0, "front": 0.6,
                        "inner-below": 0.5, "below-kneecap": 0.2, "above-kneecap": 0.2}, E,
             "deep, diffuse pain; the inner (medial collateral) ligament, the commonest one "
             "injured, hurts on the inside"),
        _row("weight_bearing", {"unable": 1.5, "painful": 1.3, "normal": 0.6}, E,
             "hard to walk on straight after a tear"),
        _row(SEVERITY, {"severe": 1.3, "mild": 0.5}, E, "sudden intense pain"),
        _yes("kneecap_shifted", 0.3, E, "a slipped kneecap explains the injury instead"),
        _yes("no_injury_event", 0.3, E, NO_INJURY),
        _yes("foot_numb_cold", 5.0, E, "after an injury, a numb or cold foot is the warning "
             f"sign of a knee dislocation that tore several ligaments ({BOYCE})"),
        _row("worse_with", {"pivoting": 1.5}, E, "an unstable knee fails on turning"),
    ),
    "knee-strain": (
        _row("onset", {"sudden": 1.5, "gradual": 0.8}, E, "extra miles or a minor fall or twist "
             "(issue 9's definition)"),
        _yes("stiff_tender", 3.0, E, "stiff and tender: the defining complaint of a strain or "
             "mild sprain (issue 9's definition)"),
        _yes("recent_increase", 1.3, E, "overloaded soft tissue after extra miles"),
        _row("injury_event", {"fall": 1.5, "awkward-movement": 1.5, "twist": 1.2}, E,
             "a small fall or twist"),
        _row(SEVERITY, {"mild": 2.0, "severe": 0.4}, E, "a mild injury: aching rather than "
             "sharp, sore rather than disabling"),
        _row("duration", {"days": 2.0, "weeks": 1.0, "months": 0.2}, E, "it settles in weeks"),
        _row("swelling", {"none": 1.2, "later": 1.0, "within-hour": 0.3}, E,
             "mild at most; fast swelling means a tear or fracture"),
        _row("weight_bearing", {"normal": 1.5, "unable": 0.2}, E, "a stable, walkable knee"),
        _yes("heard_pop", 0.3, E, "no tear signs by definition"),
        _yes("giving_way", 0.3, E, "stable by definition"),
        _yes("locking", 0.1, E, "no tear signs by definition"),
        _yes("catching", 0.5, E, "no tear signs by definition"),
        _yes("kneecap_shifted", 0.1, E, "stable by definition"),
        _yes("no_injury_event", 0.5, E, NO_INJURY),
        _row(LOCATION, {"whole": 1.3, "inner": 1.2, "back": 1.2, "below-kneecap": 0.6,
                        "inner-below": 0.5}, E, "soft tissue around the joint"),
        _yes("getting_worse", 0.3, E, "a strain or mild sprain eases within days to weeks"),
        _yes("hip_or_back", 0.5, E, REFERRED),
    ),
    "knee-osteoarthritis": (
        _row("onset", {"gradual": 1.5, "sudden": 0.3}, E, f"persistent pain ({ZHANG})"),
        _row("duration", {"months": 2.5, "weeks": 0.8, "days": 0.3}, E,
             f"persistent, activity-related pain ({NICE_OA})"),
        _yes("stiff_tender", 2.0, E, f"short stiffness is one of {NICE_OA}'s criteria"),
        _yes("catching", 1.5, E, "sheet §2: crepitus LR+ 2 suggested, self-reported weaker"),
        _row(LOCATION, {"whole": 2.5, "inner": 0.8, "front": 1.0, "outer": 0.7, "back": 0.3,
                        "inner-below": 0.3, "above-kneecap": 0.5, "below-kneecap": 0.3}, E,
             f"activity-related pain across the joint ({NICE_OA}); pain in one spot on the "
             "inner side predicted a tear rather than wear over 45 (Arthritis Care Res "
             "2017;69:484-90); pain behind or below the joint points elsewhere"),
        _row("swelling", {"after-activity": 2.0, "later": 1.2, "within-hour": 0.1}, E,
             "an effusion after activity"),
        _row("worse_with", {"stairs": 1.3, "squatting": 1.3, "kneeling": 1.2}, E,
             f"activity-related pain ({NICE_OA})"),
        _yes("rest_pain", 1.3, E, "advanced OA aches at night"),
        _yes("recent_increase", 0.7, E, "OA is not a load-spike injury"),
        _yes("outer_tightness", 0.6, E, "points to the IT band"),
        _yes("getting_worse", 1.5, E, f"a slowly progressive disease that flares ({NICE_OA})"),
        _yes("local_swelling", 0.6, E, ONE_SPOT_SWELLING),
        _yes("hip_or_back", 1.0, E, "hip and knee arthritis often come together"),
    ),
    "bone-stress-injury": (
        _yes_no("bone_tender", 4.0, 0.2, E, f"focal tenderness Se 41 %, Sp 100 % (Coria); "
                f"rule LR+ 2.1, LR- 0.05 ({BSI_RULE}); self-pressed weaker"),
        _yes_no("hop_pain", 1.8, 0.1, D, f"Se 100 %, Sp 45 % ({MILGROM}); LR- set at 0.1, not "
                "0, for self-report"),
        _yes("rest_pain", 2.0, E, "sheet §2: night pain LR+ 2 suggested"),
        _yes("recent_increase", 2.0, E, f"more running is a rule item ({BSI_RULE})"),
        _row(LOCATION, {"inner-below": 2.0, "inner": 1.5, "below-kneecap": 1.0, "whole": 0.8,
                        "outer": 0.8, "above-kneecap": 0.8, "front": 0.5, "back": 0.5}, E,
             "the medial upper shin is the commonest site around the knee (sheet §4 cases)"),
        _row("onset", {"gradual": 1.5, "sudden": 0.3}, E, f"builds with load ({BSI_REVIEW})"),
        _row("duration", {"weeks": 1.5, "months": 0.8}, E, "weeks after a training change"),
        _row("weight_bearing", {"painful": 1.8, "unable": 1.2, "normal": 0.6}, E,
             "walking on the bone hurts"),
        _row("worse_with", {"running": 1.3, "jumping": 1.2}, E, "impact loads the bone"),
        _row("swelling", {"within-hour": 0.1, "later": 0.5}, E, "no joint swelling"),
        _yes("locking", 0.1, E, NOT_MECHANICAL),
        _yes("catching", 0.3, E, NOT_MECHANICAL),
        _yes("giving_way", 0.3, E, NOT_MECHANICAL),
        _yes("joint_line_tender", 0.8, E, "the plateau sits just below the joint line"),
        _yes("getting_worse", 0.7, E, f"eases with rest from impact, which is the treatment "
             f"({BSI_REVIEW})"),
        _yes("local_swelling", 1.5, E, "focal swelling over the bone, after a rise in "
             "activity, is a described feature (sheet §4 guideline case)"),
        _yes("hip_or_back", 0.5, E, REFERRED),
    ),
    "pes-anserine-bursitis": (
        _row(LOCATION, {"inner-below": 8.0, "inner": 1.5, "whole": 0.3, "front": 0.2,
                        "below-kneecap": 0.2, "back": 0.2, "outer": 0.05, "above-kneecap": 0.1},
             E, f"tender 5-7 cm below the inner joint line ({PES_DESC}); sheet suggests 6"),
        _row("onset", {"gradual": 1.5, "sudden": 0.3}, E, "an overuse condition"),
        _row("injury_event", {"direct-blow": 3.0}, E, f"a knock on the inner upper shin is a "
             f"described cause of the bursitis besides overuse ({PES_DESC}); it also undoes the "
             "sudden-onset penalty above, which assumes an overuse start"),
        _row("worse_with", {"stairs": 1.5, "sitting": 1.3}, E,
             f"stairs and rising from a chair ({PES_DESC})"),
        _yes("rest_pain", 1.3, E, f"night pain is described ({PES_DESC})"),
        _row("swelling", {"within-hour": 0.1, "later": 0.5}, E, SWELLING_OVERUSE),
        _yes("joint_line_tender", 0.6, E, "tender below the joint line, not at it"),
        _yes("locking", 0.1, E, NOT_MECHANICAL),
        _yes("catching", 0.3, E, NOT_MECHANICAL),
        _yes("giving_way", 0.3, E, NOT_MECHANICAL),
        _yes("local_swelling", 3.0, E, f"local swelling over the bursa below the inner joint "
             f"line ({PES_DESC})"),
        _yes("getting_worse", 0.8, E, SETTLES),
        _yes("hip_or_back", 0.5, E, REFERRED),
    ),
    "hamstring-tendinopathy": (
        _row(LOCATION, {"back": 6.0, "inner": 2.0, "outer": 0.5, "whole": 0.3, "inner-below": 0.3,
                        "front": 0.1, "below-kneecap": 0.1, "above-kneecap": 0.1}, E,
             f"posteromedial pain at the semimembranosus insertion ({BYLUND})"),
        _row("onset", {"gradual": 1.5, "sudden": 0.3}, E, "builds after a training increase"),
        _yes("recent_increase", 1.5, E, f"often after a training increase ({BYLUND})"),
        _row("worse_with", {"bending": 1.5, "running": 1.5}, E,
             f"knee-flexion load (sheet suggests posterior pain + flexion load LR+ 4, {BYLUND}); "
             "pain at foot strike (J Athl Train 2020;55:1255)"),
        _yes("stiff_tender", 1.5, E, "a tendon stiffens after load"),
        _row("swelling", {"none": 1.3, "after-activity": 1.2, "later": 0.3, "within-hour": 0.1},
             E, f"the semimembranosus bursa beside the tendon can puff up after load "
             f"({BYLUND}); fast swelling means an injury inside the joint"),
        _yes("calf_swelling", 0.5, E, "a swollen calf points to a cyst or a clot"),
        _yes("locking", 0.1, E, NOT_MECHANICAL),
        _yes("catching", 0.3, E, NOT_MECHANICAL),
        _yes("giving_way", 0.3, E, NOT_MECHANICAL),
        _yes("getting_worse", 0.5, E, SETTLES),
        _yes("local_swelling", 1.5, E, f"the bursa beside the tendon can swell ({BYLUND})"),
        _yes("hip_or_back", 0.5, E, REFERRED),
    ),
    "bakers-cyst": (
        _row(LOCATION, {"back": 8.0, "whole": 0.8, "inner": 0.3, "outer": 0.2, "front": 0.1,
                        "below-kneecap": 0.1, "above-kneecap": 0.1, "inner-below": 0.2}, E,
             "sheet §4: posterior swelling, LR+ 6 suggested"),
        _yes("calf_swelling", 3.0, E, "a leaking cyst swells the calf like a clot (5/424 "
             "swollen legs, Phlebology 2014)"),
        _row("swelling", {"after-activity": 3.0, "later": 3.0, "none": 0.4, "within-hour": 0.3},
             E, "a cyst grows from a knee with fluid in it, so the knee swells too "
             f"({BAKER_DESC})"),
        _row("worse_with", {"bending": 1.5, "squatting": 1.5}, E,
             "full bending squeezes the cyst"),
        _yes("stiff_tender", 1.5, E, "tightness behind the knee"),
        _row("duration", {"months": 1.3}, E, "slow to come and go"),
        _row("onset", {"gradual": 1.2, "sudden": 0.8}, E, "a rupture can start suddenly"),
        _yes("locking", 0.5, E, "a cyst does not block the joint"),
        _yes("no_injury_event", 3.0, E, "a cyst leaks or bursts on its own, without an injury "
             "(BMJ Case Rep 2023;16:e257869)"),
        _yes("recent_increase", 0.5, E, f"a cyst grows from fluid in the joint, not from a "
             f"training spike ({BAKER_DESC}); the tendon beside it is what extra miles load"),
        _yes("local_swelling", 4.0, E, f"a lump or fullness behind the knee is how a cyst shows "
             f"({BAKER_DESC})"),
        _yes("hip_or_back", 0.5, E, REFERRED),
    ),
    "kneecap-dislocation": (
        _yes_no("kneecap_shifted", 20.0, 0.3, E, f"the kneecap visibly out of place; sheet "
                f"suggests 20. It may slip back by itself ({RCH}), hence LR- only 0.3"),
        _row("onset", {"sudden": 3.0, "gradual": 0.1}, E, f"a dislocation is an injury ({RCH})"),
        _row("injury_event", {"twist": 2.0, "landing": 1.2}, E,
             f"planted foot, knee inwards, thigh rotating ({RCH})"),
        _row("swelling", {"within-hour": 3.0, "none": 0.3}, E,
             f"second commonest cause of a bloody joint after an ACL tear ({RCH})"),
        _yes("heard_pop", 1.5, E, "a pop as the kneecap goes out"),
        _yes("giving_way", 2.0, E, "the knee gives way as it dislocates, and after"),
        _yes("patella_tender", 2.0, E, "the inner kneecap edge is torn and tender"),
        _row(LOCATION, {"front": 2.0, "inner": 1.5, "whole": 1.3, "above-kneecap": 0.8,
                        "outer": 0.7, "below-kneecap": 0.5, "inner-below": 0.3, "back": 0.2}, E,
             "pain around the kneecap and its inner edge"),
        _row("weight_bearing", {"unable": 1.5}, E, "hard to walk until it settles"),
        _yes("local_swelling", 0.5, E, ONE_SPOT_SWELLING),
        _yes("getting_worse", 0.5, E, "an injury that settles once the kneecap is back"),
    ),
    "osgood-schlatter": (
        _row(LOCATION, {"below-kneecap": 10.0, "front": 1.0, "inner-below": 0.2, "whole": 0.2,
                        "above-kneecap": 0.2, "inner": 0.05, "outer": 0.05, "back": 0.05}, E,
             f"sheet §2: tuberosity pain at 10-16, LR+ 10 suggested ({KUJALA})"),
        _yes("bone_tender", 2.0, E, "the bony bump below the kneecap is sore to press"),
        _row("worse_with", {"kneeling": 2.0, "jumping": 2.0, "squatting": 1.5, "stairs": 1.2,
                            "running": 1.2}, E, "kneeling presses on the bump; jumping pulls it"),
        _row("onset", {"gradual": 1.5, "sudden": 0.2}, E, "builds with sport (Kujala)"),
        _row("swelling", {"after-activity": 1.2, "later": 0.3, "within-hour": 0.1}, E,
             "a local swelling of the bump, not the joint"),
        _yes("locking", 0.1, E, NOT_MECHANICAL),
        _yes("catching", 0.3, E, NOT_MECHANICAL),
        _yes("giving_way", 0.3, E, NOT_MECHANICAL),
        _yes("local_swelling", 3.0, E, f"a swollen, tender bump below the kneecap ({KUJALA})"),
        _yes("getting_worse", 0.7, E, "eases with less sport, flares with more (Kujala)"),
        _yes("hip_or_back", 0.5, E, "at this age, hip pain with knee pain points to the hip "
             "(Ankarath 2002)"),
    ),
    OTHER: (
        _yes("fever", 20.0, E, "none of the 13 causes a fever: with knee pain it means "
             "infection until shown otherwise (fever in about half of septic joints, ALiEM)"),
        _yes("hot_red", 8.0, E, "heat and redness mean inflammation (infection, gout, crystals, "
             "inflammatory arthritis), outside the 13"),
        _yes("breathless", 20.0, E, "breathlessness or chest pain means a clot in the lung or "
             "another illness, outside the 13"),
        _yes("calf_swelling", 10.0, E, "among painful swollen legs a clot was 30 times "
             "commoner than a leaking cyst (38.1 % vs 1.2 %, Phlebology 2014); set lower "
             "because these runners came with knee pain, where cysts are far commoner"),
        _yes("foot_numb_cold", 5.0, E, "a nerve or blood-vessel problem is outside the 13"),
        _row(LOCATION, {"whole": 2.0}, E, "pain with no place of its own: referred from the hip "
             "or back, or whole-joint disease"),
        _row("weight_bearing", {"painful": 1.5, "unable": 2.0}, E, "a limp without a knee "
             "finding: referred hip pain or bone disease (Ankarath 2002; RCHT 2021)"),
        _yes("rest_pain", 2.5, E, "constant or night pain is the red-flag observation for "
             "tumour, infection and inflammatory disease (Gloucestershire, Cornwall pathways)"),
        _row("swelling", {"within-hour": 0.3}, E, "swelling within the hour is bleeding into "
             f"the joint, which an injury causes ({NOYES}); gout, crystals and infection swell "
             "a joint over hours"),
        _yes("no_injury_event", 3.0, E, NO_INJURY),
        _yes("child_rest_pain", 4.0, E, "night pain in a child calls for a same-day look for "
             "infection or a bone tumour (RCHT Cornwall limp guideline 2021)"),
        _yes("hip_or_back", 8.0, E, "knee pain can come from the hip or the back: a slipped "
             "hip presents as thigh or knee pain alone in 15 % (Perry 2018), hip arthritis "
             "and a trapped nerve root refer to the knee; examining the hip and back is part of "
             "assessing knee pain (Ankarath 2002)"),
        _yes("getting_worse", 3.0, E, "pain that keeps getting worse, at rest or despite rest, "
             "is a red-flag observation for tumour, infection and inflammatory disease "
             "(Gloucestershire NHS knee pathway; Cornwall RMS)"),
        _yes("local_swelling", 1.5, E, "a lump outside the 13 (a bursa over the kneecap, a "
             "ganglion, rarely a tumour)"),
        _yes("front_lump", 4.0, E, "a soft swelling over the front of the kneecap is the "
             "bursa there (prepatellar bursitis, 'housemaid's knee'), from kneeling or a knock, "
             "outside the 13 (StatPearls, prepatellar bursitis)"),
    ),
}
# fmt: on


def _likelihoods() -> tuple[Likelihood, ...]:
    return tuple(
        Likelihood(
            condition=condition, answer=answer, value=value, ratio=ratio, mark=mark, source=source
        )
        for condition, rows in EVIDENCE.items()
        for answer, ratios, mark, source in rows
        for value, ratio in ratios.items()
    )


LIKELIHOODS = _likelihoods()

# "Why it fits": each answer in the runner's words, shown under every condition it raised.
REASONS: dict[tuple[str, str | bool], str] = {
    (LOCATION, "outer"): "Pain on the outside of the knee",
    (LOCATION, "front"): "Pain around or behind the kneecap",
    (LOCATION, "inner"): "Pain on the inside of the knee",
    (LOCATION, "back"): "Pain at the back of the knee",
    (LOCATION, "whole"): "Pain all over the knee",
    (LOCATION, "below-kneecap"): "Pain just below the kneecap",
    (LOCATION, "above-kneecap"): "Pain just above the kneecap",
    (LOCATION, "inner-below"): "Pain on the inside, a few centimetres below the joint",
    ("onset", "gradual"): "The pain built up gradually",
    ("onset", "sudden"): "It started suddenly, with an injury",
    ("duration", "days"): "It started in the last few days",
    ("duration", "weeks"): "It has lasted a few weeks",
    ("duration", "months"): "It has lasted more than six weeks",
    ("injury_event", "twist"): "A twist or pivot on the knee",
    ("injury_event", "fall"): "A fall",
    ("injury_event", "hyperextension"): "The knee bent backwards",
    ("injury_event", "abrupt-stop"): "A sudden stop or change of direction",
    ("injury_event", "awkward-movement"): "An awkward landing or movement",
    ("injury_event", "direct-blow"): "A knock or kick to the knee",
    ("injury_event", "landing"): "Landing from a jump or a step",
    ("heard_pop", True): "A pop when it happened",
    ("swelling", "none"): "No swelling",
    ("swelling", "within-hour"): "Swelling within the hour",
    ("swelling", "later"): "Swelling that came on hours later",
    ("swelling", "after-activity"): "Puffiness after runs that settles",
    ("weight_bearing", "normal"): "You can walk normally",
    ("weight_bearing", "painful"): "Putting weight on the leg hurts",
    ("weight_bearing", "unable"): "Trouble putting weight on the leg",
    (SEVERITY, "mild"): "The pain is mild",
    (SEVERITY, "severe"): "Sudden, intense pain",
    ("worse_with", "stairs"): "Worse going up or down stairs",
    ("worse_with", "sitting"): "Worse after sitting for a long time",
    ("worse_with", "bending"): "Worse when bending the knee",
    ("worse_with", "running"): "It hurts when you run",
    ("worse_with", "downhill"): "Worse running downhill",
    ("worse_with", "jumping"): "Worse with jumping or landing",
    ("worse_with", "squatting"): "Worse when squatting",
    ("worse_with", "kneeling"): "Worse when kneeling",
    ("worse_with", "pivoting"): "Worse when turning on the leg",
    ("outer_tightness", True): "Tightness on the outside of the knee",
    ("stiff_tender", True): "Stiffness and tenderness after running",
    ("recent_increase", True): "You recently ran more or harder",
    ("patella_tender", True): "Pressing on the kneecap hurts",
    ("cannot_flex_90", True): "You cannot bend the knee to a right angle",
    ("locking", True): "The knee gets stuck bent",
    ("catching", True): "Clicking or catching inside the knee",
    ("giving_way", True): "The knee gives way",
    ("rest_pain", True): "Pain at rest or at night",
    ("bone_tender", True): "One spot on the bone is sore to press",
    ("hop_pain", True): "Hopping on the leg hurts",
    ("joint_line_tender", True): "The joint line at the side is sore to press",
    ("kneecap_shifted", True): "The kneecap slipped out of place",
    ("calf_swelling", True): "A painful or swollen calf",
    ("hot_red", True): "A hot, red knee",
    ("fever", True): "A fever or feeling unwell",
    ("foot_numb_cold", True): "A numb, cold or pale foot",
    ("no_injury_event", True): "It started suddenly without an injury",
    ("gradual_from_45", True): "It built up gradually, at 45 or over",
    ("getting_worse", True): "It keeps getting worse, even with rest",
    ("front_lump", True): "A swelling in one spot at the front of the knee",
    ("local_swelling", True): "A swelling in one spot",
    ("hip_or_back", True): "Pain also in the hip, groin or back",
}

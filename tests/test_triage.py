"""The triage engine: pure Python, so these tests need no database and no Django.

The stories here are our own small ones, built from the evidence sheets' descriptions of each
condition, to pin the engine's behaviour. The accuracy benchmark on published cases is the
vignette suite (tests/vignettes/, `make triage-report`).
"""

from dataclasses import fields, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from symptoms import evidence, rules
from symptoms.triage import (
    CONDITION_SLUGS,
    DURATIONS,
    INJURY_EVENTS,
    ONSETS,
    PAIN_LOCATIONS,
    STRENGTHS,
    SWELLING,
    URGENCY_LEVELS,
    WEIGHT_BEARING,
    WORSE_WITH,
    YES_NO_QUESTIONS,
    Answers,
    _rank,
    assess,
    strength_of,
    urgency_rank,
)

ACUTE = {"meniscus-tear", "ligament-tear", "kneecap-dislocation", "knee-strain"}


def answers(**overrides) -> Answers:
    """A runner with no findings unless the test says otherwise."""
    return Answers(**{"pain_location": "whole", "onset": "gradual", **overrides})


def at_least(urgency: str, level: str) -> bool:
    return urgency_rank(urgency) <= urgency_rank(level)


def top(runner: Answers) -> str | None:
    match = assess(runner).top
    return match.slug if match else None


maybe = st.none() | st.booleans()
answer_sets = st.builds(
    Answers,
    age=st.none() | st.integers(min_value=10, max_value=100),
    pain_location=st.sampled_from(PAIN_LOCATIONS),
    onset=st.sampled_from(ONSETS),
    duration=st.none() | st.sampled_from(DURATIONS),
    injury_event=st.frozensets(st.sampled_from(INJURY_EVENTS)),
    swelling=st.none() | st.sampled_from(SWELLING),
    weight_bearing=st.none() | st.sampled_from(WEIGHT_BEARING),
    pain_level=st.none() | st.integers(min_value=0, max_value=10),
    worse_with=st.frozensets(st.sampled_from(WORSE_WITH)),
    **{name: maybe for name in YES_NO_QUESTIONS},
)


class TestConditionStories:
    """One typical story per condition, from the descriptions in the evidence sheets."""

    STORIES = {
        "it-band-syndrome": answers(
            pain_location="outer", outer_tightness=True, worse_with=frozenset({"downhill"})
        ),
        "runners-knee": answers(pain_location="front", worse_with=frozenset({"stairs", "sitting"})),
        "overuse-tendonitis": answers(
            age=22,
            pain_location="below-kneecap",
            stiff_tender=True,
            worse_with=frozenset({"jumping", "squatting"}),
        ),
        "meniscus-tear": answers(
            age=30,
            pain_location="inner",
            onset="sudden",
            injury_event=frozenset({"twist"}),
            swelling="later",
            catching=True,
        ),
        "ligament-tear": answers(
            onset="sudden",
            injury_event=frozenset({"abrupt-stop"}),
            heard_pop=True,
            swelling="later",
            giving_way=True,
        ),
        "knee-strain": answers(
            age=30,
            pain_location="inner",
            onset="sudden",
            injury_event=frozenset({"fall"}),
            stiff_tender=True,
            duration="days",
            pain_level=3,
        ),
        "bone-stress-injury": answers(
            pain_location="inner-below", bone_tender=True, hop_pain=True, recent_increase=True
        ),
        "knee-osteoarthritis": answers(
            age=62, pain_location="inner", duration="months", stiff_tender=True
        ),
        "pes-anserine-bursitis": answers(
            age=58, pain_location="inner-below", worse_with=frozenset({"stairs"})
        ),
        "hamstring-tendinopathy": answers(
            age=35,
            pain_location="back",
            swelling="none",
            recent_increase=True,
            worse_with=frozenset({"running", "bending"}),
        ),
        "bakers-cyst": answers(
            age=55, pain_location="back", swelling="later", worse_with=frozenset({"bending"})
        ),
        "kneecap-dislocation": answers(
            age=15, pain_location="front", onset="sudden", kneecap_shifted=True
        ),
        "osgood-schlatter": answers(
            age=13, pain_location="below-kneecap", worse_with=frozenset({"kneeling", "jumping"})
        ),
    }

    def test_it_has_a_story_for_every_condition(self):
        assert set(self.STORIES) == set(CONDITION_SLUGS)

    @pytest.mark.parametrize("slug", list(STORIES))
    def test_it_ranks_each_condition_first_for_its_story(self, slug):
        result = assess(self.STORIES[slug])
        assert not result.no_fit
        assert result.top.slug == slug
        assert result.top.strength in ("strong", "possible")
        assert result.top.reasons

    def test_it_explains_why_with_the_answers_that_raised_it(self):
        result = assess(self.STORIES["it-band-syndrome"])
        assert result.top.reasons[0] == "Pain on the outside of the knee"
        assert "Tightness on the outside of the knee" in result.top.reasons
        assert "Worse running downhill" in result.top.reasons

    def test_it_puts_a_meniscus_tear_first_after_a_twist_with_delayed_swelling(self):
        # Issue 9: any twist used to put a ligament tear first.
        assert top(self.STORIES["meniscus-tear"]) == "meniscus-tear"

    def test_it_finds_a_degenerative_meniscus_tear_without_an_injury(self):
        runner = answers(
            age=52,
            pain_location="inner",
            catching=True,
            joint_line_tender=True,
            swelling="later",
            worse_with=frozenset({"pivoting"}),
        )
        assert top(runner) == "meniscus-tear"

    def test_it_does_not_call_a_mileage_jump_alone_tendonitis(self):
        # More mileage is a risk factor for every overuse injury, not a tendon sign.
        assert top(answers(pain_location="front", recent_increase=True)) == "runners-knee"

    def test_it_keeps_growth_area_pain_in_a_teenager_apart_from_adult_tendinopathy(self):
        below = {"pain_location": "below-kneecap", "worse_with": frozenset({"jumping"})}
        assert top(answers(age=13, **below)) == "osgood-schlatter"
        assert top(answers(age=25, **below)) == "overuse-tendonitis"

    def test_it_weighs_a_no_differently_from_an_unanswered_question(self):
        story = self.STORIES["bone-stress-injury"]
        unknown = assess(replace(story, bone_tender=None)).conditions
        denied = assess(replace(story, bone_tender=False)).conditions
        assert dict((m.slug, m.probability) for m in unknown)["bone-stress-injury"] > dict(
            (m.slug, m.probability) for m in denied
        ).get("bone-stress-injury", 0)

    def test_it_reads_the_old_hot_or_fever_box_as_both_answers(self):
        assert assess(answers(hot_or_fever=True)) == assess(answers(hot_red=True, fever=True))
        assert assess(answers(hot_or_fever=False)) == assess(answers())


class TestNoFit:
    def test_it_says_nothing_fits_when_no_knee_condition_explains_the_answers(self):
        # A teenager with a limp and pain all over the knee: the hip is the worry (Perry 2018).
        runner = answers(
            age=13,
            pain_location="whole",
            weight_bearing="painful",
            swelling="none",
            duration="weeks",
        )
        result = assess(runner)
        assert result.no_fit
        assert result.top is None
        # The weak candidates are still listed, none of them strong enough to lead.
        for match in result.conditions:
            assert match.strength != "strong"

    def test_it_still_lists_a_weak_candidate_when_nothing_fits(self):
        # Sudden, fast swelling with pain all over and no injury named: "something else" leads
        # (no injury, a diffuse knee), but a tear inside the joint stays worth naming.
        runner = answers(
            age=19,
            onset="sudden",
            pain_location="whole",
            swelling="later",
            weight_bearing="painful",
            duration="days",
        )
        result = assess(runner)
        assert result.no_fit
        assert result.top is None
        assert result.conditions
        assert {match.slug for match in result.conditions} <= set(CONDITION_SLUGS)
        assert all(match.probability < 0.5 for match in result.conditions)

    def test_it_asks_for_an_examination_within_days_when_nothing_fits(self):
        # No self-care plan can be matched, so a professional should look (issue 9).
        result = assess(answers(age=40, pain_location="whole", weight_bearing="painful"))
        assert result.no_fit
        assert result.urgency == "soon"

    def test_it_says_nothing_fits_when_the_signs_point_outside_the_knee_conditions(self):
        result = assess(answers(hot_red=True, fever=True, swelling="later"))
        assert result.no_fit
        assert result.urgency == "emergency"

    def test_it_bands_strength_at_the_stated_thresholds(self):
        assert strength_of(evidence.STRONG) == "strong"
        assert strength_of(evidence.STRONG - 0.001) == "possible"
        assert strength_of(evidence.POSSIBLE) == "possible"
        assert strength_of(evidence.POSSIBLE - 0.001) == "less-likely"


def red_flag_answers() -> dict[str, tuple[Answers, str]]:
    sudden = {"onset": "sudden"}
    return {
        "hot-swollen-knee": (answers(hot_red=True, fever=True), "emergency"),
        "calf-swelling-breathless": (answers(calf_swelling=True, breathless=True), "emergency"),
        "breathless": (answers(breathless=True), "emergency"),
        "foot-numb-cold-injury": (answers(**sudden, foot_numb_cold=True), "emergency"),
        "hot-red-knee": (answers(hot_red=True), "urgent"),
        "fever-unwell": (answers(fever=True), "urgent"),
        "calf-swelling": (answers(calf_swelling=True), "urgent"),
        "foot-numb-cold": (answers(foot_numb_cold=True), "urgent"),
        "kneecap-dislocation": (
            answers(kneecap_shifted=True, weight_bearing="painful"),
            "urgent",
        ),
        "kneecap-slipped": (answers(kneecap_shifted=True, weight_bearing="normal"), "soon"),
        "calf-swelling-numb-foot": (answers(calf_swelling=True, foot_numb_cold=True), "emergency"),
        "child-night-pain": (answers(age=14, rest_pain=True), "urgent"),
        "locking": (answers(locking=True), "urgent"),
        "ottawa-age": (answers(**sudden, age=55), "urgent"),
        "ottawa-patella": (answers(**sudden, patella_tender=True), "urgent"),
        "ottawa-fibular-head": (answers(**sudden, fibular_head_tender=True), "urgent"),
        "ottawa-flexion": (answers(**sudden, cannot_flex_90=True), "urgent"),
        "ottawa-weight-bearing": (answers(**sudden, weight_bearing="unable"), "urgent"),
        "cannot-bear-weight": (answers(weight_bearing="unable"), "urgent"),
        "rapid-swelling": (answers(**sudden, swelling="within-hour"), "urgent"),
        "severe-pain": (answers(pain_level=8), "soon"),
        "rest-pain": (answers(rest_pain=True), "soon"),
        "growth-area": (answers(age=13, pain_location="below-kneecap"), "soon"),
        "child-limp": (answers(age=12, weight_bearing="painful", duration="weeks"), "soon"),
        "bone-stress": (TestConditionStories.STORIES["bone-stress-injury"], "soon"),
        "getting-worse": (answers(getting_worse=True), "soon"),
        "hip-or-back": (answers(age=40, hip_or_back=True), "soon"),
        "child-hip-pain": (answers(age=13, hip_or_back=True), "urgent"),
        "child-lump": (answers(age=12, local_swelling=True), "soon"),
    }


RED_FLAGS = red_flag_answers()


class TestRedFlags:
    @pytest.mark.parametrize("code", RED_FLAGS)
    def test_it_raises_each_red_flag_with_its_urgency(self, code):
        runner, urgency = RED_FLAGS[code]
        result = assess(runner)
        flag = next(flag for flag in result.red_flags if flag.code == code)
        assert flag.urgency == urgency
        assert flag.title and flag.action and flag.source
        assert at_least(result.urgency, urgency)

    def test_it_has_a_story_for_every_red_flag_code(self):
        codes = {rule.code for rule in rules.RED_FLAG_RULES}
        codes |= {rule.code for rule in rules.REFERRAL_RULES if rule.code}
        assert codes == set(RED_FLAGS)

    def test_it_calls_a_sore_calf_urgent_and_an_emergency_only_with_breathlessness(self):
        assert assess(answers(calf_swelling=True)).urgency == "urgent"
        both = assess(answers(calf_swelling=True, breathless=True))
        assert [flag.code for flag in both.red_flags] == ["calf-swelling-breathless"]

    def test_it_calls_a_hot_red_knee_without_fever_urgent(self):
        assert assess(answers(hot_red=True, fever=False)).urgency == "urgent"

    def test_it_calls_a_numb_foot_an_emergency_only_after_an_injury(self):
        assert assess(answers(foot_numb_cold=True)).urgency == "urgent"
        assert assess(answers(onset="sudden", foot_numb_cold=True)).urgency == "emergency"

    def test_it_applies_the_ottawa_rules_only_after_a_sudden_injury(self):
        result = assess(
            answers(age=70, patella_tender=True, fibular_head_tender=True, cannot_flex_90=True)
        )
        assert result.red_flags == ()
        assert result.urgency == "self-care"

    def test_it_needs_an_age_of_55_for_the_ottawa_age_rule(self):
        for age in (None, 54):
            assert assess(answers(onset="sudden", age=age)).red_flags == ()

    def test_it_applies_the_ottawa_rules_to_injuries_under_a_week_old(self):
        # Stiell 1995 derived the rules on injuries under 7 days old.
        injury = answers(onset="sudden", age=68, fibular_head_tender=True)
        for duration in (None, "days"):
            codes = {f.code for f in assess(replace(injury, duration=duration)).red_flags}
            assert codes == {"ottawa-age", "ottawa-fibular-head"}
        for duration in ("weeks", "months"):
            assert assess(replace(injury, duration=duration)).red_flags == ()

    def test_it_sends_a_dislocated_kneecap_today_unless_it_went_back_and_walks_normally(self):
        slipped = answers(onset="sudden", kneecap_shifted=True)
        assert assess(replace(slipped, weight_bearing="unable")).urgency == "urgent"
        assert assess(replace(slipped, weight_bearing="painful")).urgency == "urgent"
        assert assess(replace(slipped, weight_bearing="normal")).urgency == "soon"

    def test_it_does_not_call_later_swelling_rapid(self):
        assert assess(answers(onset="sudden", swelling="later")).red_flags == ()

    def test_it_sends_fast_swelling_today_only_while_the_injury_is_recent(self):
        swollen = answers(onset="sudden", swelling="within-hour")
        assert assess(replace(swollen, duration="days")).urgency == "urgent"
        assert "rapid-swelling" not in {
            flag.code for flag in assess(replace(swollen, duration="months")).red_flags
        }

    def test_it_never_raises_a_flag_from_an_unanswered_question(self):
        assert assess(answers()).red_flags == ()
        assert assess(answers(locking=False, hot_red=False, calf_swelling=False)).red_flags == ()

    def test_it_lists_the_most_urgent_flag_first(self):
        result = assess(answers(rest_pain=True, onset="sudden", age=60, calf_swelling=True))
        assert [f.code for f in result.red_flags] == ["calf-swelling", "ottawa-age", "rest-pain"]
        assert result.urgency == "urgent"


class TestReferrals:
    def test_it_books_a_likely_ligament_tear_soon_without_a_red_flag(self):
        # An urgent trauma clinic sees a recent rupture within days (Gloucestershire); fast
        # swelling, locking or not bearing weight send the knee today through a red flag.
        result = assess(TestConditionStories.STORIES["ligament-tear"])
        assert result.red_flags == ()
        assert result.top.strength == "strong"
        assert result.urgency == "soon"
        with_flag = replace(TestConditionStories.STORIES["ligament-tear"], weight_bearing="unable")
        assert assess(with_flag).urgency == "urgent"

    def test_it_books_a_likely_meniscus_tear_soon(self):
        result = assess(TestConditionStories.STORIES["meniscus-tear"])
        assert result.top.strength in ("strong", "possible")
        assert result.urgency == "soon"

    def test_it_books_a_strain_soon_only_when_the_pain_is_severe(self):
        strain = TestConditionStories.STORIES["knee-strain"]
        assert assess(strain).urgency == "self-care"
        assert assess(replace(strain, pain_level=7)).urgency == "soon"


class TestEvidenceData:
    ANSWER_VALUES: dict[str, tuple[object, ...]] = {
        "pain_location": PAIN_LOCATIONS,
        "onset": ONSETS,
        "duration": DURATIONS,
        "injury_event": INJURY_EVENTS,
        "swelling": SWELLING,
        "weight_bearing": WEIGHT_BEARING,
        "worse_with": WORSE_WITH,
        "pain_band": ("mild", "moderate", "severe"),
        "child_rest_pain": (True,),
        "no_injury_event": (True,),
        "gradual_from_45": (True,),
        "front_lump": (True,),
        **{name: (True, False) for name in YES_NO_QUESTIONS},
    }

    def test_it_gives_every_row_a_known_answer_a_ratio_a_mark_and_a_source(self):
        hypotheses = {*CONDITION_SLUGS, evidence.OTHER}
        for row in evidence.LIKELIHOODS:
            assert row.condition in hypotheses
            assert row.value in self.ANSWER_VALUES[row.answer], row
            assert 0 < row.ratio <= 50, row
            assert row.mark in ("P", "D", "E"), row
            assert len(row.source) > 10, row
        keys = [(r.condition, r.answer, r.value) for r in evidence.LIKELIHOODS]
        assert len(keys) == len(set(keys)), "one ratio per condition and answer"

    def test_it_words_every_answer_that_can_raise_a_condition(self):
        for row in evidence.LIKELIHOODS:
            if row.ratio > 1 and row.condition != evidence.OTHER:
                assert (row.answer, row.value) in evidence.REASONS, row

    def test_it_has_a_prior_for_every_condition_and_something_else(self):
        assert set(evidence.PRIORS) == {*CONDITION_SLUGS, evidence.OTHER}
        assert set(evidence.CONDITION_NAMES) == set(CONDITION_SLUGS)
        assert len(CONDITION_SLUGS) == 13
        for prior in evidence.PRIORS.values():
            assert 0 < prior.share < 1 and prior.mark in ("P", "D", "E") and prior.source
        for row in evidence.AGE_MULTIPLIERS:
            assert row.condition in {*CONDITION_SLUGS, evidence.OTHER}
            assert 10 <= row.youngest <= row.oldest <= 100
            assert row.factor > 0 and row.mark in ("P", "D", "E") and row.source

    def test_it_only_names_answer_fields_slugs_and_urgency_levels_that_exist(self):
        answer_fields = {f.name for f in fields(Answers)}
        for rule in (*rules.RED_FLAG_RULES, *rules.REFERRAL_RULES):
            assert rule.source
            assert {clue.answer for clue in rule.when} <= answer_fields
            assert rule.urgency in URGENCY_LEVELS
        for rule in rules.REFERRAL_RULES:
            assert rule.condition in CONDITION_SLUGS
            assert rule.strength in STRENGTHS
        assert set(rules.RED_FLAG_ANSWERS) <= answer_fields

    def test_it_keeps_each_conditional_warning_sign_out_of_the_referral_evidence(self):
        # Adding a warning sign never lowers the urgency: referrals reach at most "soon", and
        # a sign that raises a flag of at least that level in every story needs no more; the
        # others are left out of the evidence a referral weighs.
        most_urgent_referral = min(
            (rule.urgency for rule in rules.REFERRAL_RULES), key=urgency_rank
        )
        assert most_urgent_referral == "soon"
        for name in YES_NO_QUESTIONS:
            alone = [
                rule
                for rule in rules.RED_FLAG_RULES
                if [clue.answer for clue in rule.when] == [name]
            ]
            in_a_rule = any(
                clue.answer == name for rule in rules.RED_FLAG_RULES for clue in rule.when
            )
            if in_a_rule and not any(
                at_least(rule.urgency, most_urgent_referral) for rule in alone
            ):
                assert name in rules.RED_FLAG_ANSWERS or name in ("hot_or_fever",), name


RED_FLAG_ADDITIONS = [
    {"hot_red": True},
    {"fever": True},
    {"hot_or_fever": True},
    {"breathless": True},
    {"calf_swelling": True},
    {"foot_numb_cold": True},
    {"kneecap_shifted": True},
    {"locking": True},
    {"rest_pain": True},
    {"bone_tender": True},
    {"patella_tender": True},
    {"fibular_head_tender": True},
    {"cannot_flex_90": True},
    {"weight_bearing": "unable"},
    {"pain_level": 9},
    {"onset": "sudden", "swelling": "within-hour"},
]


class TestAssessProperties:
    @given(answer_sets)
    def test_it_always_returns_a_well_formed_assessment(self, runner):
        result = assess(runner)
        assert result.urgency in URGENCY_LEVELS
        chances = [match.probability for match in result.conditions]
        assert chances == sorted(chances, reverse=True)
        assert sum(chances) <= 1 + 1e-9
        assert len(result.conditions) <= evidence.LISTED
        assert len({match.slug for match in result.conditions}) == len(result.conditions)
        assert {match.slug for match in result.conditions} <= set(CONDITION_SLUGS)
        for match in result.conditions:
            assert match.probability >= evidence.LESS_LIKELY
            assert match.strength == strength_of(match.probability)
        if result.no_fit:
            assert result.top is None
            assert all(match.strength != "strong" for match in result.conditions)
        else:
            assert result.top.probability >= evidence.POSSIBLE
        assert len({flag.code for flag in result.red_flags}) == len(result.red_flags)

    @given(answer_sets)
    def test_it_is_deterministic(self, runner):
        assert assess(runner) == assess(replace(runner))

    @given(answer_sets)
    def test_it_lists_red_flags_most_urgent_first_and_never_below_them(self, runner):
        result = assess(runner)
        ranks = [urgency_rank(flag.urgency) for flag in result.red_flags]
        assert ranks == sorted(ranks)
        assert all(at_least(result.urgency, flag.urgency) for flag in result.red_flags)

    @given(answer_sets)
    def test_it_is_at_least_urgent_for_ottawa_findings_and_red_flags(self, runner):
        sudden = runner.onset == "sudden"
        recent = runner.duration not in ("weeks", "months")
        ottawa = (
            sudden
            and recent
            and (
                (runner.age or 0) >= 55
                or runner.patella_tender
                or runner.fibular_head_tender
                or runner.cannot_flex_90
                or runner.weight_bearing == "unable"
            )
        )
        hot_and_fever = runner.hot_or_fever or (runner.hot_red and runner.fever)
        urgent = (
            ottawa
            or runner.weight_bearing == "unable"
            or (sudden and recent and runner.swelling == "within-hour")
            or runner.hot_red
            or runner.fever
            or runner.calf_swelling
            or (runner.kneecap_shifted and runner.weight_bearing in ("painful", "unable"))
            or runner.locking
            or (runner.rest_pain and runner.age is not None and runner.age <= 16)
            or runner.foot_numb_cold
        )
        emergency = (
            hot_and_fever
            or runner.breathless
            or (sudden and runner.foot_numb_cold)
            or (runner.fever and runner.swelling in ("within-hour", "later"))
            or (runner.calf_swelling and runner.foot_numb_cold)
        )
        soon = (
            runner.rest_pain
            or (runner.pain_level or 0) >= 8
            or runner.kneecap_shifted
            or (runner.bone_tender and runner.onset == "gradual")
        )
        urgency = assess(runner).urgency
        if emergency:
            assert urgency == "emergency"
        if urgent:
            assert at_least(urgency, "urgent")
        if soon:
            assert at_least(urgency, "soon")

    @given(answer_sets, st.sampled_from(RED_FLAG_ADDITIONS))
    def test_it_never_lowers_the_urgency_when_a_red_flag_is_added(self, runner, addition):
        before = assess(runner).urgency
        after = assess(replace(runner, **addition)).urgency
        assert at_least(after, before)

    @given(answer_sets)
    def test_it_advises_self_care_only_without_a_flag_or_a_referred_condition(self, runner):
        result = assess(runner)
        if result.red_flags:
            assert result.urgency != "self-care"
        referred = {rule.condition for rule in rules.REFERRAL_RULES}
        if not result.red_flags and result.urgency != "self-care":
            # Either a referred condition is listed, or nothing fits (weighed, like the
            # referrals, without the answers that raise red flags only in some stories).
            unflagged = replace(runner, **{name: None for name in rules.RED_FLAG_ANSWERS})
            plain = assess(unflagged)
            listed = {m.slug for m in plain.conditions}
            assert plain.no_fit or listed & referred

    @given(answer_sets)
    def test_it_never_ranks_an_acute_tear_strongly_after_a_gradual_onset(self, runner):
        gradual = replace(runner, onset="gradual", kneecap_shifted=None)
        for match in assess(gradual).conditions:
            if match.slug in ("ligament-tear", "kneecap-dislocation"):
                assert match.strength != "strong"
        # An injury event reported with a gradual onset changes nothing.
        assert assess(gradual) == assess(replace(gradual, injury_event=frozenset()))


class TestDegenerativeTears:
    """From 45, a tear that built up without an injury is the commoner kind (Englund 2008)."""

    STORY = dict(pain_location="inner", onset="gradual", duration="months", swelling="none",
                 joint_line_tender=True, pain_level=4)  # fmt: skip

    def test_a_gradual_start_counts_for_a_tear_only_from_45(self):
        def tear(age: int) -> float:
            ranking = assess(Answers(age=age, **self.STORY)).conditions
            return next(m.probability for m in ranking if m.slug == "meniscus-tear")

        assert tear(50) > tear(40)
        assert "It built up gradually, at 45 or over" in next(
            m.reasons
            for m in assess(Answers(age=50, **self.STORY)).conditions
            if m.slug == "meniscus-tear"
        )

    def test_a_degenerative_tear_without_swelling_or_mechanical_symptoms_is_self_care(self):
        result = assess(Answers(age=56, **self.STORY))
        assert result.conditions[0].slug == "meniscus-tear"
        assert result.urgency == "self-care"

    def test_the_same_tear_with_a_swollen_knee_or_catching_is_seen_soon(self):
        for extra in (dict(swelling="later"), dict(catching=True), dict(giving_way=True)):
            story = {**self.STORY, **extra}
            result = assess(Answers(age=56, **story))
            assert result.conditions[0].slug == "meniscus-tear", extra
            assert result.urgency in ("soon", "urgent"), extra


class TestNewQuestions:
    """The three questions added in self-check 2's second round: each moves the evidence the
    way its row in symptoms.evidence says."""

    def probability(self, runner: Answers, slug: str) -> float:
        return next(m.probability for m in _rank(runner) if m.slug == slug)

    def test_hip_or_back_pain_points_outside_the_knee_conditions(self):
        runner = answers(age=48, pain_location="front", duration="months", pain_level=6)
        with_hip = replace(runner, hip_or_back=True)
        assert self.probability(with_hip, "other") > 3 * self.probability(runner, "other")
        assert self.probability(with_hip, "runners-knee") < self.probability(runner, "runners-knee")

    def test_a_lump_in_one_spot_raises_the_conditions_that_make_one(self):
        for location, slug in (("back", "bakers-cyst"), ("inner-below", "pes-anserine-bursitis")):
            runner = answers(age=50, pain_location=location, duration="months")
            lump = replace(runner, local_swelling=True)
            assert self.probability(lump, slug) > self.probability(runner, slug), slug

    def test_a_lump_over_the_kneecap_points_to_the_bursa_there(self):
        runner = answers(age=45, pain_location="front", worse_with=frozenset({"kneeling"}))
        lump = replace(runner, local_swelling=True)
        assert self.probability(lump, "other") > 2 * self.probability(runner, "other")

    def test_pain_that_keeps_getting_worse_counts_against_an_overload_injury(self):
        runner = answers(pain_location="outer", outer_tightness=True)
        worse = replace(runner, getting_worse=True)
        assert self.probability(worse, "it-band-syndrome") < self.probability(
            runner, "it-band-syndrome"
        )
        assert assess(worse).urgency == "soon"

"""The triage module: pure Python, so these tests need no database and no Django."""

from dataclasses import fields, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from symptoms import rules
from symptoms.triage import (
    CONDITION_SLUGS,
    INJURY_EVENTS,
    ONSETS,
    PAIN_LOCATIONS,
    SUSPECTED_AT,
    SWELLING,
    URGENCY_LEVELS,
    WEIGHT_BEARING,
    WORSE_WITH,
    Answers,
    assess,
    urgency_rank,
)

ACUTE = {"meniscus-tear", "ligament-tear"}


def answers(**overrides) -> Answers:
    """A runner with no findings unless the test says otherwise."""
    return Answers(**{"pain_location": "whole", "onset": "gradual", **overrides})


def at_least(urgency: str, level: str) -> bool:
    return urgency_rank(urgency) <= urgency_rank(level)


answer_sets = st.builds(
    Answers,
    age=st.none() | st.integers(min_value=10, max_value=100),
    pain_location=st.sampled_from(PAIN_LOCATIONS),
    onset=st.sampled_from(ONSETS),
    injury_event=st.frozensets(st.sampled_from(INJURY_EVENTS)),
    heard_pop=st.booleans(),
    swelling=st.sampled_from(SWELLING),
    weight_bearing=st.sampled_from(WEIGHT_BEARING),
    outer_tightness=st.booleans(),
    worse_with=st.frozensets(st.sampled_from(WORSE_WITH)),
    stiff_tender=st.booleans(),
    recent_increase=st.booleans(),
    pain_level=st.integers(min_value=0, max_value=10),
    patella_tender=st.booleans(),
    fibular_head_tender=st.booleans(),
    cannot_flex_90=st.booleans(),
    locking=st.booleans(),
    hot_or_fever=st.booleans(),
    calf_swelling=st.booleans(),
)


class TestConditionVignettes:
    def test_it_ranks_it_band_syndrome_first_for_outer_tightness(self):
        result = assess(
            answers(pain_location="outer", outer_tightness=True, worse_with=frozenset({"running"}))
        )
        assert result.top.slug == "it-band-syndrome"
        assert result.top.suspected
        assert "Tightness on the outside of the knee" in result.top.reasons
        assert result.urgency == "self-care"

    def test_it_ranks_runners_knee_first_for_kneecap_pain_on_stairs_and_sitting(self):
        result = assess(answers(pain_location="front", worse_with=frozenset({"stairs", "sitting"})))
        assert result.top.slug == "runners-knee"
        assert result.top.suspected

    def test_it_ranks_overuse_tendonitis_first_after_a_mileage_jump(self):
        result = assess(answers(recent_increase=True, worse_with=frozenset({"running"})))
        assert result.top.slug == "overuse-tendonitis"
        assert result.top.suspected

    def test_it_ranks_meniscus_tear_first_after_an_awkward_movement(self):
        result = assess(
            answers(
                onset="sudden",
                pain_location="inner",
                injury_event=frozenset({"awkward-movement"}),
                swelling="within-hour",
                worse_with=frozenset({"bending"}),
            )
        )
        assert result.top.slug == "meniscus-tear"
        assert result.top.suspected

    def test_it_ranks_ligament_tear_first_after_a_twist_with_a_pop(self):
        result = assess(
            answers(
                onset="sudden",
                injury_event=frozenset({"twist"}),
                heard_pop=True,
                weight_bearing="painful",
                pain_level=8,
            )
        )
        assert result.top.slug == "ligament-tear"
        assert result.top.suspected

    def test_it_ranks_knee_strain_first_for_stiffness_after_extra_miles(self):
        result = assess(answers(stiff_tender=True, recent_increase=True, pain_level=3))
        assert result.top.slug == "knee-strain"
        assert result.top.suspected
        assert result.urgency == "self-care"

    def test_it_lists_no_conditions_when_nothing_points_to_one(self):
        assert assess(answers()) == assess(answers())
        assert assess(answers()).conditions == ()
        assert assess(answers()).top is None

    def test_it_does_not_suspect_a_tear_from_a_pop_alone(self):
        (ligament,) = assess(answers(onset="sudden", heard_pop=True)).conditions
        assert ligament.slug == "ligament-tear"
        assert not ligament.suspected


RED_FLAG_VIGNETTES = {
    "hot-swollen-knee": (answers(hot_or_fever=True), "emergency"),
    "calf-swelling": (answers(calf_swelling=True), "emergency"),
    "ottawa-age": (answers(onset="sudden", age=55), "urgent"),
    "ottawa-patella": (answers(onset="sudden", patella_tender=True), "urgent"),
    "ottawa-fibular-head": (answers(onset="sudden", fibular_head_tender=True), "urgent"),
    "ottawa-flexion": (answers(onset="sudden", cannot_flex_90=True), "urgent"),
    "ottawa-weight-bearing": (answers(onset="sudden", weight_bearing="unable"), "urgent"),
    "cannot-bear-weight": (answers(weight_bearing="unable"), "urgent"),
    "rapid-swelling": (answers(onset="sudden", swelling="within-hour"), "urgent"),
    "locking": (answers(locking=True), "soon"),
}


class TestRedFlags:
    @pytest.mark.parametrize("code", RED_FLAG_VIGNETTES)
    def test_it_raises_each_red_flag_with_its_urgency(self, code):
        runner, urgency = RED_FLAG_VIGNETTES[code]
        result = assess(runner)
        flag = next(flag for flag in result.red_flags if flag.code == code)
        assert flag.urgency == urgency
        assert flag.title and flag.action and flag.source
        assert at_least(result.urgency, urgency)

    def test_it_has_a_vignette_for_every_red_flag_rule(self):
        assert {rule.code for rule in rules.RED_FLAG_RULES} == set(RED_FLAG_VIGNETTES)

    def test_it_applies_the_ottawa_rules_only_after_a_sudden_injury(self):
        result = assess(
            answers(age=70, patella_tender=True, fibular_head_tender=True, cannot_flex_90=True)
        )
        assert result.red_flags == ()
        assert result.urgency == "self-care"

    def test_it_needs_an_age_of_55_for_the_ottawa_age_rule(self):
        for age in (None, 54):
            assert assess(answers(onset="sudden", age=age)).red_flags == ()

    def test_it_tells_an_injured_runner_who_cannot_walk_to_get_an_x_ray(self):
        codes = [f.code for f in assess(answers(onset="sudden", weight_bearing="unable")).red_flags]
        assert codes == ["ottawa-weight-bearing"]

    def test_it_does_not_call_later_swelling_rapid(self):
        assert assess(answers(onset="sudden", swelling="later")).red_flags == ()

    def test_it_lists_the_most_urgent_flag_first(self):
        result = assess(answers(locking=True, onset="sudden", age=60, calf_swelling=True))
        assert [f.code for f in result.red_flags] == ["calf-swelling", "ottawa-age", "locking"]
        assert result.urgency == "emergency"


class TestConditionUrgency:
    def test_it_sends_a_suspected_ligament_tear_to_a_doctor_promptly(self):
        result = assess(answers(onset="sudden", injury_event=frozenset({"twist"}), heard_pop=True))
        assert result.red_flags == ()
        assert result.urgency == "urgent"

    def test_it_books_a_suspected_meniscus_tear_soon(self):
        result = assess(
            answers(
                onset="sudden", injury_event=frozenset({"fall"}), worse_with=frozenset({"bending"})
            )
        )
        assert result.top.slug == "meniscus-tear"
        assert result.urgency == "soon"

    def test_it_books_a_strain_soon_only_when_the_pain_is_severe(self):
        strain = {"stiff_tender": True, "recent_increase": True}
        assert assess(answers(**strain, pain_level=7)).urgency == "soon"
        assert assess(answers(**strain, pain_level=6)).urgency == "self-care"


class TestRulesData:
    def test_it_only_names_answer_fields_slugs_and_urgency_levels_that_exist(self):
        answer_fields = {f.name for f in fields(Answers)}
        every_rule = (*rules.SCORING_RULES, *rules.REFERRAL_RULES, *rules.RED_FLAG_RULES)
        for rule in every_rule:
            assert rule.source
            assert {clue.answer for clue in rule.when} <= answer_fields
        for rule in (*rules.SCORING_RULES, *rules.REFERRAL_RULES):
            assert rule.condition in CONDITION_SLUGS
        for rule in (*rules.REFERRAL_RULES, *rules.RED_FLAG_RULES):
            assert rule.urgency in URGENCY_LEVELS

    def test_it_gives_every_condition_rules_that_can_reach_suspicion(self):
        for slug in CONDITION_SLUGS:
            points = [r.points for r in rules.SCORING_RULES if r.condition == slug]
            assert all(p > 0 for p in points)
            assert sum(points) >= SUSPECTED_AT


class TestAssessProperties:
    @given(answer_sets)
    def test_it_always_returns_a_well_formed_assessment(self, runner):
        result = assess(runner)
        assert result.urgency in URGENCY_LEVELS
        scores = [match.score for match in result.conditions]
        assert scores == sorted(scores, reverse=True)
        assert all(score > 0 for score in scores)
        assert len({match.slug for match in result.conditions}) == len(result.conditions)
        for better, worse in zip(result.conditions, result.conditions[1:], strict=False):
            if better.score == worse.score:
                assert CONDITION_SLUGS.index(better.slug) < CONDITION_SLUGS.index(worse.slug)
        for match in result.conditions:
            assert match.reasons
            assert match.suspected == (match.score >= SUSPECTED_AT)

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
        ottawa = sudden and (
            (runner.age or 0) >= 55
            or runner.patella_tender
            or runner.fibular_head_tender
            or runner.cannot_flex_90
            or runner.weight_bearing == "unable"
        )
        urgent = (
            ottawa
            or runner.weight_bearing == "unable"
            or (sudden and runner.swelling == "within-hour")
        )
        emergency = runner.hot_or_fever or runner.calf_swelling
        urgency = assess(runner).urgency
        if emergency:
            assert urgency == "emergency"
        if urgent or emergency:
            assert at_least(urgency, "urgent")
        if runner.locking:
            assert at_least(urgency, "soon")

    @given(answer_sets)
    def test_it_advises_self_care_when_nothing_needs_a_doctor(self, runner):
        result = assess(runner)
        suspected = {match.slug for match in result.suspected}
        needs_doctor = (
            result.red_flags
            or suspected & ACUTE
            or ("knee-strain" in suspected and runner.pain_level >= 7)
        )
        assert (result.urgency == "self-care") == (not needs_doctor)

    @given(answer_sets, st.sampled_from(INJURY_EVENTS), st.sampled_from(["pop", "swelling"]))
    def test_it_ranks_a_tear_first_after_a_sudden_injury_with_a_pop_or_swelling(
        self, runner, event, sign
    ):
        injured = replace(
            runner,
            onset="sudden",
            injury_event=runner.injury_event | {event},
            heard_pop=runner.heard_pop or sign == "pop",
            swelling="within-hour" if sign == "swelling" else runner.swelling,
        )
        assert assess(injured).top.slug in ACUTE

    @given(answer_sets)
    def test_it_never_ranks_a_tear_after_a_gradual_onset(self, runner):
        gradual = replace(runner, onset="gradual")
        assert not {match.slug for match in assess(gradual).conditions} & ACUTE
        # An injury event reported with a gradual onset changes nothing.
        assert assess(gradual) == assess(replace(gradual, injury_event=frozenset()))

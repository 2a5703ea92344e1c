from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from training.return_to_run import Phase, after_session, schedule

START = date(2026, 12, 7)
# The standard programme of the Trials 2023 protocol, in miles.
PHASES = tuple(
    Phase(number, effort, walk, run, Decimal(miles), 2)
    for number, effort, walk, run, miles in [
        (1, 3, 2, 3, "1.0"), (2, 3, 2, 3, "1.5"), (3, 4, 2, 4, "1.5"),
        (4, 4, 2, 4, "2.0"), (5, 5, 1, 4, "2.0"), (6, 5, 0, None, "2.0"),
    ]
)  # fmt: skip


class TestSchedule:
    def test_it_does_each_phase_twice_with_a_rest_day_between_runs(self):
        sessions = schedule(phases=PHASES, start=START)

        assert len(sessions) == 12
        assert [session.phase.number for session in sessions] == [
            1,
            1,
            2,
            2,
            3,
            3,
            4,
            4,
            5,
            5,
            6,
            6,
        ]
        assert [session.repeat for session in sessions[:4]] == [1, 2, 1, 2]
        assert sessions[0].day == START and sessions[-1].day == START + timedelta(days=22)

    @given(st.integers(2, 4), st.lists(st.integers(1, 4), min_size=1, max_size=8))
    def test_it_never_puts_two_runs_on_consecutive_days(self, days_between, repeats):
        phases = tuple(
            Phase(n, 3, 2, 3, Decimal(1), sessions) for n, sessions in enumerate(repeats, 1)
        )
        sessions = schedule(phases=phases, start=START, days_between=days_between)

        assert len(sessions) == sum(repeats)
        for before, after in zip(sessions, sessions[1:]):
            assert (after.day - before.day).days == days_between >= 2
            assert after.phase.number >= before.phase.number

    def test_it_refuses_runs_on_consecutive_days(self):
        with pytest.raises(ValueError):
            schedule(phases=PHASES, start=START, days_between=1)


class TestAfterSession:
    @pytest.mark.parametrize(
        "pain, settled, swelling, verdict",
        [
            (0, True, False, "carry-on"),
            (5, True, False, "carry-on"),
            (6, True, False, "step-back"),
            (3, False, False, "step-back"),
            (3, True, True, "get-help"),
            (8, False, True, "get-help"),
        ],
    )
    def test_it_follows_the_pain_monitoring_limits(self, pain, settled, swelling, verdict):
        result = after_session(pain_during=pain, settled_by_morning=settled, swelling=swelling)

        assert result.verdict == verdict and result.reason

    def test_stiffness_alone_repeats_the_phase(self):
        # Trials 2023: stay in a phase while it brings swelling, stiffness or more pain.
        result = after_session(pain_during=2, settled_by_morning=True, stiffness=True)
        assert result.verdict == "repeat"
        assert [reason.rule for reason in result.reasons] == ["each-phase-twice"]

    def test_swelling_stops_the_programme_as_the_help_rule_says(self):
        # The page's own "When to get help": if the knee swells, stop and see a professional.
        result = after_session(pain_during=2, settled_by_morning=True, swelling=True)
        assert result.verdict == "get-help"
        assert [reason.rule for reason in result.reasons] == ["when-to-get-help"]

    def test_it_names_every_reason_that_applied(self):
        result = after_session(
            pain_during=7, settled_by_morning=False, swelling=True, stiffness=True
        )
        assert result.verdict == "get-help"
        assert [reason.rule for reason in result.reasons] == [
            "when-to-get-help",
            "pain-at-most-5",
            "settled-by-next-morning",
            "each-phase-twice",
        ]

    @given(st.integers(0, 10), st.booleans(), st.booleans(), st.booleans())
    def test_the_verdict_is_the_strictest_reason(self, pain, settled, swelling, stiffness):
        result = after_session(
            pain_during=pain, settled_by_morning=settled, swelling=swelling, stiffness=stiffness
        )
        rules = {reason.rule for reason in result.reasons}
        assert ("when-to-get-help" in rules) == swelling == (result.verdict == "get-help")
        assert ("pain-at-most-5" in rules) == (pain > 5)
        assert ("settled-by-next-morning" in rules) == (not settled)
        assert ("each-phase-twice" in rules) == stiffness
        if not swelling:
            expected = (
                "step-back" if pain > 5 or not settled else "repeat" if stiffness else "carry-on"
            )
            assert result.verdict == expected
        assert result.reasons or result.verdict == "carry-on"

    def test_it_needs_a_pain_score_out_of_ten(self):
        with pytest.raises(ValueError):
            after_session(pain_during=11, settled_by_morning=True)

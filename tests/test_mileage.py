from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from training.mileage import (
    PlanWeek,
    RaceFit,
    WeeklyChange,
    format_distance,
    race_fit,
    ramp_plan,
    weekly_change,
    weeks_until,
)

D = Decimal
TENTH = D("0.1")
HALF = D("0.5")


def tenths(low, high):
    """Distances in whole tenths, as a form would give them."""
    return st.integers(low, high).map(lambda n: D(n) / 10)


def distances(plan):
    return [week.distance for week in plan]


class TestRampPlan:
    def test_it_builds_from_20_to_40_with_a_recovery_week_every_fourth(self):
        plan = ramp_plan(current=D(20), goal=D(40))

        assert distances(plan) == [
            D("22"),  # 20 + 10 %
            D("24"),  # 24.2 rounded down to 0.5
            D("26"),  # 26.4
            D("20.5"),  # recovery: 80 % of 26 = 20.8
            D("28.5"),  # 28.6: the peak is still 26
            D("31"),  # 31.35
            D("34"),  # 34.1
            D("27"),  # recovery: 27.2
            D("37"),  # 37.4
            D("40"),  # 40.7 is past the goal, so the goal exactly
        ]
        assert [week.week for week in plan] == list(range(1, 11))
        assert [week.is_recovery for week in plan].count(True) == 2
        assert plan[3].is_recovery and plan[7].is_recovery

    def test_it_reports_the_increase_against_the_highest_earlier_week(self):
        plan = ramp_plan(current=D(20), goal=D(40))

        assert plan[0] == PlanWeek(
            week=1, distance=D(22), increase_percent=D("10.0"), is_recovery=False
        )
        assert plan[1].increase_percent == D("9.1")  # 24 against 22
        assert plan[3].increase_percent == D("-21.2")  # 20.5 against 26
        assert plan[4].increase_percent == D("9.6")  # 28.5 against 26, not against 20.5

    def test_it_leaves_out_recovery_weeks_when_asked(self):
        plan = ramp_plan(current=D(20), goal=D(40), recovery_every=None)

        assert distances(plan) == [D(n) for n in ("22", "24", "26", "28.5", "31", "34", "37", "40")]
        assert not any(week.is_recovery for week in plan)

    def test_it_never_ends_on_a_recovery_week(self):
        plan = ramp_plan(current=D(20), goal=D(26))

        assert distances(plan) == [D(22), D(24), D(26)]
        assert not plan[-1].is_recovery

    def test_it_steps_in_tenths_when_halves_would_not_progress(self):
        plan = ramp_plan(current=D(3), goal=D(4), recovery_every=None)

        # 3.3 rounds down to 3.0 in halves, so 3.3; then 3.63 gives 3.5.
        assert distances(plan) == [D("3.3"), D("3.5"), D("3.8"), D("4")]

    def test_it_ends_on_a_goal_that_is_not_a_whole_tenth(self):
        plan = ramp_plan(current=D(10), goal=D("12.25"))

        assert distances(plan) == [D(11), D(12), D("12.25")]

    def test_it_reaches_a_goal_within_ten_percent_in_one_week(self):
        assert distances(ramp_plan(current=D(20), goal=D(22))) == [D(22)]

    def test_it_returns_no_weeks_when_the_goal_is_not_above_current(self):
        assert ramp_plan(current=D(30), goal=D(30)) == ()
        assert ramp_plan(current=D(30), goal=D(25)) == ()

    def test_it_accepts_ints_and_floats(self):
        assert ramp_plan(current=20, goal=22.1) == ramp_plan(current=D(20), goal=D("22.1"))

    def test_it_still_progresses_below_one_unit_a_week(self):
        plan = ramp_plan(current=D("0.5"), goal=D(1), recovery_every=None)

        assert distances(plan)[:2] == [D("0.55"), D("0.6")]
        assert plan[-1].distance == 1

    @pytest.mark.parametrize("current", [D(0), D(-5)])
    def test_it_requires_a_current_distance_above_zero(self, current):
        with pytest.raises(ValueError):
            ramp_plan(current=current, goal=D(20))

    @pytest.mark.parametrize("recovery_every", [0, 1])
    def test_it_requires_a_build_week_before_each_recovery_week(self, recovery_every):
        with pytest.raises(ValueError):
            ramp_plan(current=D(10), goal=D(20), recovery_every=recovery_every)

    def test_it_rejects_an_endless_goal(self):
        with pytest.raises(ValueError):
            ramp_plan(current=D(10), goal=float("inf"))


class TestRampPlanProperties:
    plans = st.tuples(tenths(10, 2000), tenths(10, 3000), st.sampled_from([None, 2, 3, 4, 5]))

    @given(plans)
    def test_it_keeps_every_week_within_ten_percent_of_the_highest_before_it(self, case):
        current, goal, recovery_every = case
        highest = current
        for week in ramp_plan(current=current, goal=goal, recovery_every=recovery_every):
            assert week.distance <= highest * D("1.1")
            highest = max(highest, week.distance)

    @given(plans)
    def test_it_reaches_the_goal_exactly_and_only_in_the_last_week(self, case):
        current, goal, recovery_every = case
        plan = ramp_plan(current=current, goal=goal, recovery_every=recovery_every)
        if goal <= current:
            assert plan == ()
        else:
            assert plan[-1].distance == goal
            assert not plan[-1].is_recovery
            assert all(week.distance < goal for week in plan[:-1])

    @given(plans)
    def test_it_ends_within_a_bounded_number_of_weeks(self, case):
        current, goal, recovery_every = case
        plan = ramp_plan(current=current, goal=goal, recovery_every=recovery_every)
        builds = [week for week in plan if not week.is_recovery]
        # From whole tenths each build week adds at least 0.1.
        assert len(builds) <= max((goal - current) / TENTH, 0)
        assert len(plan) <= 2 * len(builds)

    @given(plans)
    def test_it_uses_tenths_and_halves_from_five_up(self, case):
        current, goal, recovery_every = case
        plan = ramp_plan(current=current, goal=goal, recovery_every=recovery_every)
        for week in plan:
            assert week.distance % TENTH == 0
        for week in plan[:-1]:
            if not week.is_recovery and week.distance >= 5:
                assert week.distance % HALF == 0

    @given(plans)
    def test_it_takes_the_largest_step_the_rule_and_rounding_allow(self, case):
        current, goal, recovery_every = case
        highest = current
        for week in ramp_plan(current=current, goal=goal, recovery_every=recovery_every):
            if not week.is_recovery and week.distance != goal:
                step = HALF if week.distance % HALF == 0 else TENTH
                assert week.distance + step > highest * D("1.1")
            highest = max(highest, week.distance)

    @given(plans)
    def test_it_places_lighter_recovery_weeks_after_each_run_of_build_weeks(self, case):
        current, goal, recovery_every = case
        plan = ramp_plan(current=current, goal=goal, recovery_every=recovery_every)
        highest = current
        for week in plan:
            if week.is_recovery:
                assert highest * D("0.7") < week.distance <= highest * D("0.8")
                assert week.week % recovery_every == 0
            elif recovery_every is not None:
                assert week.week % recovery_every != 0
            highest = max(highest, week.distance)

    @given(st.decimals(min_value=D("0.01"), max_value=D(5), places=2), tenths(1, 100))
    def test_it_terminates_and_keeps_the_rule_at_tiny_volumes(self, current, goal):
        plan = ramp_plan(current=current, goal=goal)
        highest = current
        for week in plan:
            assert week.distance <= highest * D("1.1")
            highest = max(highest, week.distance)
        assert highest == max(current, goal)


class TestWeeklyChange:
    def test_it_flags_a_week_over_the_ten_percent_cap(self):
        assert weekly_change(last_week=D(20), this_week=D(23)) == WeeklyChange(
            percent_change=D("15.0"), allowed_max=D("22.0"), over_by=D("1.0"), within_rule=False
        )

    def test_it_accepts_a_week_right_at_the_cap(self):
        change = weekly_change(last_week=D(33), this_week=D("36.3"))

        assert change.within_rule and change.over_by == 0
        assert change.percent_change == D("10.0")

    def test_it_rounds_the_allowed_maximum_down_to_a_tenth(self):
        assert weekly_change(last_week=D("33.3"), this_week=D(30)).allowed_max == D("36.6")

    def test_it_reports_a_lighter_week_as_a_negative_change(self):
        change = weekly_change(last_week=D(20), this_week=D(15))

        assert change.percent_change == D("-25.0")
        assert change.within_rule

    def test_it_requires_a_last_week_above_zero(self):
        with pytest.raises(ValueError):
            weekly_change(last_week=D(0), this_week=D(5))

    @given(tenths(1, 2000), tenths(0, 4000))
    def test_it_is_within_the_rule_exactly_when_nothing_is_over(self, last_week, this_week):
        change = weekly_change(last_week=last_week, this_week=this_week)

        assert change.within_rule == (change.over_by == 0)
        assert change.within_rule == (this_week <= change.allowed_max)
        assert change.allowed_max <= last_week * D("1.1") < change.allowed_max + TENTH


class TestRaceFit:
    def test_it_counts_whole_weeks_to_the_race(self):
        assert weeks_until(today=date(2025, 3, 1), race_date=date(2025, 4, 12)) == 6
        assert weeks_until(today=date(2025, 3, 1), race_date=date(2025, 3, 14)) == 1

    def test_it_counts_no_weeks_for_a_past_race(self):
        assert weeks_until(today=date(2025, 3, 1), race_date=date(2025, 2, 1)) == 0

    def test_it_says_a_long_plan_does_not_fit(self):
        plan = ramp_plan(current=D(20), goal=D(40))

        fit = race_fit(plan=plan, today=date(2025, 3, 1), race_date=date(2025, 4, 12))

        assert fit == RaceFit(weeks_needed=10, weeks_left=6, fits=False)

    def test_it_says_a_plan_fits_when_it_ends_by_race_week(self):
        plan = ramp_plan(current=D(20), goal=D(26))

        fit = race_fit(plan=plan, today=date(2025, 3, 1), race_date=date(2025, 3, 22))

        assert fit == RaceFit(weeks_needed=3, weeks_left=3, fits=True)


class TestFormatDistance:
    @pytest.mark.parametrize(
        ("distance", "text"),
        [
            (D("22.0"), "22"),
            (D("22.5"), "22.5"),
            (D(30), "30"),
            (D("0.55"), "0.55"),
            (D(100), "100"),
        ],
    )
    def test_it_drops_trailing_zeros(self, distance, text):
        assert format_distance(distance) == text

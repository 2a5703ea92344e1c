from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from training.plan_export import plan_csv, plan_ics
from training.race_plan import coming_monday, race_week_number, training_plan

D = Decimal
START = date(2026, 12, 7)  # a Monday
NOW = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)


def tenths(low, high):
    return st.integers(low, high).map(lambda n: D(n) / 10)


plans = st.tuples(
    tenths(10, 1000),
    tenths(10, 1500),
    st.integers(0, 40),  # days from START to race day, in weeks below
    st.one_of(st.none(), tenths(5, 400)),
)


def race_plan(current, goal, race_in_weeks, longest=None):
    race_date = START + timedelta(days=7 * race_in_weeks + 6) if race_in_weeks is not None else None
    return training_plan(
        current=current, goal=goal, start=START, race_date=race_date, longest_run=longest
    )


class TestTaper:
    def test_it_tapers_for_two_weeks_after_holding_the_goal(self):
        plan = race_plan(D(20), D(35), 11)  # race on the Sunday of week 12

        phases = [week.phase for week in plan.weeks]
        assert phases[-2:] == ["taper", "race"]
        assert plan.weeks[-1].race_day == START + timedelta(days=83)
        assert plan.reaches_goal and plan.peak == D(35)
        assert plan.weeks[-2].distance == D(21)  # 60 % of 35
        assert plan.weeks[-1].distance == D(14)  # 40 %
        assert "hold" in phases or "recovery" in phases[-4:]

    def test_it_never_puts_a_recovery_week_straight_before_the_taper(self):
        for weeks in range(2, 30):
            plan = race_plan(D(20), D(35), weeks)
            assert plan.weeks[-3].phase != "recovery"

    def test_it_says_when_the_race_is_too_close_and_still_keeps_to_ten_percent(self):
        plan = race_plan(D(20), D(35), 4)  # five weeks to race week

        assert not plan.reaches_goal
        assert plan.weeks_needed > plan.weeks_available == 5
        assert [week.phase for week in plan.weeks][-2:] == ["taper", "race"]
        highest = D(20)
        for week in plan.weeks[:-2]:
            assert week.distance <= highest * D("1.1")
            highest = max(highest, week.distance)
        assert plan.peak == highest < D(35)

    @pytest.mark.parametrize("weeks, phases", [(0, ["race"]), (1, ["taper", "race"])])
    def test_it_only_tapers_when_the_race_is_this_week_or_next(self, weeks, phases):
        plan = race_plan(D(30), D(40), weeks)

        assert [week.phase for week in plan.weeks] == phases
        assert plan.weeks[-1].distance == D(12)  # 40 % of the 30 run now

    @given(plans)
    def test_it_keeps_taper_weeks_below_the_peak_and_race_week_lightest(self, case):
        current, goal, race_in_weeks, longest = case
        if goal <= current:
            return
        plan = race_plan(current, goal, race_in_weeks, longest)
        tail = [week for week in plan.weeks if week.phase in ("taper", "race")]
        assert tail[-1].phase == "race"
        assert all(week.distance < plan.peak for week in tail)
        peak_at = max(
            n for n, week in enumerate(plan.weeks) if week.distance == plan.peak or n == 0
        )
        assert all(plan.weeks[-1].distance <= week.distance for week in plan.weeks[peak_at:])


class TestDatesAndLongRuns:
    @given(plans)
    def test_it_dates_consecutive_weeks_from_the_start(self, case):
        current, goal, race_in_weeks, longest = case
        if goal <= current:
            return
        plan = race_plan(current, goal, race_in_weeks, longest)
        assert plan.weeks[0].starts == START
        for before, after in zip(plan.weeks, plan.weeks[1:]):
            assert after.starts - before.starts == timedelta(days=7)
            assert after.week == before.week + 1
        race = plan.weeks[-1]
        assert race.starts <= race.race_day <= race.ends

    @given(plans)
    def test_no_longest_run_breaks_the_spike_limit(self, case):
        current, goal, race_in_weeks, longest = case
        if goal <= current:
            return
        plan = race_plan(current, goal, None if race_in_weeks > 30 else race_in_weeks, longest)
        runs = [week.longest_run for week in plan.weeks]
        assert runs[0] <= plan.longest_run_before * D("1.1")
        for n in range(1, len(runs)):
            # The three weeks before lie within the 30 days before, whatever the weekday.
            assert runs[n] <= max(runs[max(n - 3, 0) : n]) * D("1.1")
            assert 0 < runs[n] <= plan.weeks[n].distance

    def test_it_assumes_a_longest_run_when_none_is_given(self):
        assumed = training_plan(current=D(20), goal=D(30), start=START)
        given_run = training_plan(current=D(20), goal=D(30), start=START, longest_run=D(4))

        assert assumed.longest_run_assumed and assumed.longest_run_before == D(6)
        assert not given_run.longest_run_assumed
        assert given_run.weeks[0].longest_run == D(4)  # 4.4, rounded down to a half

    @pytest.mark.parametrize(
        "today, monday",
        [
            (date(2026, 12, 2), date(2026, 12, 7)),
            (date(2026, 12, 7), date(2026, 12, 7)),
            (date(2026, 12, 13), date(2026, 12, 14)),
        ],
    )
    def test_it_starts_on_the_coming_monday(self, today, monday):
        assert coming_monday(today) == monday

    def test_it_rejects_a_race_before_the_start(self):
        with pytest.raises(ValueError):
            race_week_number(start=START, race_date=START - timedelta(days=1))


class TestDatedExports:
    def plan(self):
        return race_plan(D(20), D(30), 9)

    def test_the_calendar_parses_and_holds_the_race(self):
        plan = self.plan()
        ics = plan_ics(plan=plan.weeks, unit="km", start=START, now=NOW, race_date=plan.race_date)
        calendar = icalendar.Calendar.from_ical(ics)
        events = list(calendar.walk("VEVENT"))

        assert len(events) == len(plan.weeks) + 1
        race = [event for event in events if str(event["SUMMARY"]) == "Race day"]
        assert race[0].decoded("DTSTART") == plan.race_date
        assert events[0].decoded("DTSTART") == START
        assert "longest run" in str(events[0]["SUMMARY"])
        assert "(race week)" in str(events[len(plan.weeks) - 1]["SUMMARY"])

    def test_the_csv_dates_each_week_and_marks_race_day(self):
        plan = self.plan()
        lines = plan_csv(plan=plan.weeks, unit="km").splitlines()

        assert lines[1].startswith(f"1,22,km,no,{START.isoformat()},build,")
        assert lines[-1].endswith(
            f",race,{plan.weeks[-1].longest_run},{plan.race_date.isoformat()}"
        )

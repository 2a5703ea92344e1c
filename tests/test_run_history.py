from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from training.run_files import FoundRun
from training.run_formats import Run
from training.run_history import day_range, run_history

D = Decimal
DAY0 = datetime(2026, 9, 7, 7, 0, tzinfo=UTC)  # a Monday


def run(day, km, spm=None, name=None):
    started = DAY0 + timedelta(days=day)
    return FoundRun(name or f"{day}.gpx", Run(started, km * 1000, km * 360, spm))


class TestBands:
    def test_it_marks_each_run_against_the_longest_of_the_30_days_before(self):
        history = run_history(
            found=[run(0, 10), run(10, 8), run(20, 11), run(25, 14), run(60, 12)], unit="km"
        )
        by_day = {checked.day: checked for checked in history.runs}

        first = by_day[date(2026, 9, 7)]
        assert first.band is None and first.longest_before is None
        assert by_day[date(2026, 9, 17)].band == "within"  # shorter
        assert by_day[date(2026, 9, 27)].band == "within"  # exactly 10 % longer
        spike = by_day[date(2026, 10, 2)]
        assert (spike.band, spike.longest_before, spike.hazard_ratio) == ("10-30", D(11), D("1.64"))
        # 35 days after the 14 km run: nothing in the 30 days before it.
        assert by_day[date(2026, 11, 6)].band is None

    def test_it_finds_the_longest_run_and_the_next_sensible_one(self):
        history = run_history(found=[run(0, 21.1), run(50, 9), run(60, 10.5)], unit="km")

        assert history.longest.distance == D("21.10")
        assert history.longest_30d == D("10.50")
        assert history.next_run_max == D("11.5")

    def test_it_converts_to_miles(self):
        history = run_history(found=[run(0, 16.09344)], unit="mi")

        assert history.runs[0].distance == D("10.00")


class TestWindowAndWeeks:
    def test_it_shows_the_90_days_up_to_the_latest_run_in_monday_weeks(self):
        history = run_history(found=[run(-200, 30), run(0, 5), run(2, 7), run(80, 6)], unit="km")

        assert history.last_day == date(2026, 11, 26)
        assert history.first_day == date(2026, 8, 29)
        assert [checked.day for checked in history.runs] == [
            date(2026, 11, 26),
            date(2026, 9, 9),
            date(2026, 9, 7),
        ]
        assert history.weeks[0].starts == date(2026, 8, 24)
        assert history.weeks[-1].starts == date(2026, 11, 23)
        sept_7 = next(week for week in history.weeks if week.starts == date(2026, 9, 7))
        assert (sept_7.distance, sept_7.runs) == (D(12), 2)
        assert history.longest.distance == D(30)  # to date, before the window too
        # The runs shown span 7 September to 26 November; the window starts earlier.
        assert history.first_run == date(2026, 9, 7)

    def test_the_runs_shown_start_on_the_first_run_not_the_window(self):
        history = run_history(found=[run(70, 5), run(77, 6), run(83, 7)], unit="km")

        assert history.first_day == date(2026, 9, 1)
        assert (history.first_run, history.last_day) == (date(2026, 11, 16), date(2026, 11, 29))
        assert day_range(history.first_run, history.last_day) == "between 16 and 29 November 2026"

    @pytest.mark.parametrize(
        "first, last, words",
        [
            (date(2026, 11, 29), date(2026, 11, 29), "on 29 November 2026"),
            (date(2026, 11, 16), date(2026, 11, 29), "between 16 and 29 November 2026"),
            (date(2026, 10, 2), date(2026, 11, 29), "between 2 October and 29 November 2026"),
            (date(2025, 12, 2), date(2026, 1, 9), "between 2 December 2025 and 9 January 2026"),
        ],
    )
    def test_it_says_the_days_of_the_runs_in_words(self, first, last, words):
        assert day_range(first, last) == words

    @given(st.lists(st.integers(0, 400), min_size=1, max_size=30))
    def test_the_runs_shown_lie_between_the_first_run_and_the_last(self, days):
        history = run_history(
            found=[run(day, 5, name=str(n)) for n, day in enumerate(days)], unit="km"
        )
        shown = [checked.day for checked in history.runs]
        assert history.first_run == min(shown) and history.last_day == max(shown)
        assert history.first_day <= history.first_run

    @given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 60)), min_size=1, max_size=40))
    def test_weeks_are_consecutive_and_add_up_to_the_runs_shown(self, runs):
        history = run_history(
            found=[run(day, km, name=str(n)) for n, (day, km) in enumerate(runs)], unit="km"
        )
        for before, after in zip(history.weeks, history.weeks[1:]):
            assert after.starts - before.starts == timedelta(days=7)
        assert sum(week.distance for week in history.weeks) == sum(r.distance for r in history.runs)
        assert sum(week.runs for week in history.weeks) == len(history.runs)


class TestCadenceAndDuplicates:
    def test_it_averages_cadence_over_the_runs_that_have_it(self):
        history = run_history(found=[run(0, 5, 160), run(2, 5), run(4, 5, 171)], unit="km")

        assert history.average_steps_per_minute == 166  # 165.5 rounded to even

    def test_it_counts_one_run_recorded_twice_once(self):
        twin = FoundRun("0.fit", Run(DAY0 + timedelta(seconds=30), 5050, 1800, None))

        history = run_history(found=[run(0, 5), twin, run(3, 5)], unit="km")

        assert len(history.runs) == 2 and history.duplicates == 1

    def test_it_has_nothing_to_say_without_runs(self):
        assert run_history(found=[], unit="km") is None

    def test_it_rejects_an_unknown_unit(self):
        with pytest.raises(ValueError):
            run_history(found=[run(0, 5)], unit="m")

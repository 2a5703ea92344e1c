import csv
import io
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from training.mileage import PlanWeek, ramp_plan
from training.plan_chart import Padding, chart_layout, plan_bars, week_bars
from training.plan_export import escape_text, fold_line, plan_csv, plan_ics

D = Decimal
NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
START = date(2025, 3, 3)


def sample_plan():
    return ramp_plan(current=D(20), goal=D(30))  # 22, 24, 26, 20.5 (recovery), 28.5, 30


def physical_lines(ics):
    assert ics.endswith("\r\n")
    assert "\n" not in ics.replace("\r\n", "")
    assert "\r" not in ics.replace("\r\n", "")
    return ics[: -len("\r\n")].split("\r\n")


def unfold(ics):
    """Content lines with RFC 5545 folding undone."""
    return ics.replace("\r\n ", "").replace("\r\n\t", "")[: -len("\r\n")].split("\r\n")


def properties(lines):
    """Each VEVENT as a dict of name (without parameters) to raw value."""
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name_and_params, value = line.split(":", 1)
            current[name_and_params] = value
    return events


class TestPlanCsv:
    def test_it_writes_a_header_and_one_row_a_week(self):
        text = plan_csv(plan=sample_plan(), unit="km")

        assert text.splitlines()[:2] == [
            "week,distance,unit,recovery,week_starts,phase,longest_run,race_day",
            "1,22,km,no,,,,",
        ]
        assert text.endswith("\r\n")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [row["distance"] for row in rows] == ["22", "24", "26", "20.5", "28.5", "30"]
        assert [row["recovery"] for row in rows] == ["no", "no", "no", "yes", "no", "no"]
        assert {row["unit"] for row in rows} == {"km"}

    def test_it_writes_only_the_header_for_an_empty_plan(self):
        assert plan_csv(plan=(), unit="mi") == (
            "week,distance,unit,recovery,week_starts,phase,longest_run,race_day\r\n"
        )

    def test_it_rejects_an_unknown_unit(self):
        with pytest.raises(ValueError):
            plan_csv(plan=sample_plan(), unit="m")


class TestPlanIcsStructure:
    def test_it_pairs_every_begin_with_an_end(self):
        stack = []
        for line in unfold(plan_ics(plan=sample_plan(), unit="km", start=START, now=NOW)):
            if line.startswith("BEGIN:"):
                stack.append(line[len("BEGIN:") :])
            elif line.startswith("END:"):
                assert stack.pop() == line[len("END:") :]
        assert stack == []

    def test_it_uses_crlf_and_folds_at_75_octets(self):
        ics = plan_ics(plan=sample_plan(), unit="km", start=START, now=NOW)

        lines = physical_lines(ics)
        assert all(len(line.encode("utf-8")) <= 75 for line in lines)
        assert any(line.startswith(" ") for line in lines)  # the descriptions are long

    def test_it_declares_the_calendar_header(self):
        lines = unfold(plan_ics(plan=sample_plan(), unit="km", start=START, now=NOW))

        assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
        assert "VERSION:2.0" in lines
        assert any(line.startswith("PRODID:") for line in lines)


class TestPlanIcsEvents:
    def test_it_makes_one_whole_week_event_per_week(self):
        plan = sample_plan()
        events = properties(unfold(plan_ics(plan=plan, unit="km", start=START, now=NOW)))

        assert len(events) == len(plan)
        for week, event in zip(plan, events, strict=True):
            first_day = START + timedelta(days=7 * (week.week - 1))
            assert event["DTSTART;VALUE=DATE"] == f"{first_day:%Y%m%d}"
            assert event["DTEND;VALUE=DATE"] == f"{first_day + timedelta(days=7):%Y%m%d}"
            assert event["DTSTAMP"] == "20250301T093000Z"

    def test_it_names_each_week_in_the_summary(self):
        events = properties(unfold(plan_ics(plan=sample_plan(), unit="km", start=START, now=NOW)))

        assert events[0]["SUMMARY"] == "Week 1: 22 km"
        assert events[3]["SUMMARY"] == "Week 4: 20.5 km (recovery)"
        assert events[4]["SUMMARY"] == "Week 5: 28.5 km"

    def test_it_keeps_uids_stable_and_unique(self):
        first = plan_ics(plan=sample_plan(), unit="km", start=START, now=NOW)
        later = plan_ics(plan=sample_plan(), unit="km", start=START, now=NOW + timedelta(days=2))
        uids = [event["UID"] for event in properties(unfold(first))]

        assert uids == [event["UID"] for event in properties(unfold(later))]
        assert len(set(uids)) == len(uids)
        assert uids[0] == "plan-20250303-week-1@kneecare.local"

    def test_it_stamps_in_utc(self):
        paris = datetime(2025, 3, 1, 10, 30, tzinfo=timezone(timedelta(hours=1)))
        events = properties(unfold(plan_ics(plan=sample_plan(), unit="mi", start=START, now=paris)))

        assert {event["DTSTAMP"] for event in events} == {"20250301T093000Z"}

    def test_it_escapes_text_values(self):
        plan = (PlanWeek(week=1, distance=D(5), increase_percent=D(0), is_recovery=False),)
        ics = plan_ics(plan=plan, unit="km", start=START, uid_domain="a,b;c", now=NOW)
        event = properties(unfold(ics))[0]

        assert event["UID"] == "plan-20250303-week-1@a\\,b\\;c"
        assert "\\n" in event["DESCRIPTION"] and "\\," not in event["SUMMARY"]

    def test_it_needs_an_aware_now(self):
        with pytest.raises(ValueError):
            plan_ics(plan=sample_plan(), unit="km", start=START, now=datetime(2025, 3, 1))

    def test_it_writes_an_empty_calendar_for_an_empty_plan(self):
        lines = unfold(plan_ics(plan=(), unit="km", start=START, now=NOW))

        assert "BEGIN:VEVENT" not in lines and lines[-1] == "END:VCALENDAR"


class TestIcsText:
    def test_it_escapes_backslashes_semicolons_commas_and_newlines(self):
        assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"

    def test_it_leaves_a_short_line_alone(self):
        assert fold_line("SUMMARY:Week 1: 22 km") == "SUMMARY:Week 1: 22 km"

    def test_it_never_splits_a_multibyte_character(self):
        folded = fold_line("DESCRIPTION:" + "é" * 80)

        for line in folded.split("\r\n"):
            assert len(line.encode("utf-8")) <= 75
            line.encode("utf-8").decode("utf-8")
        assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "é" * 80

    @given(st.text(min_size=0, max_size=400).filter(lambda text: "\r" not in text))
    def test_it_folds_any_text_reversibly(self, text):
        line = "DESCRIPTION:" + escape_text(text)
        folded = fold_line(line)

        assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
        assert folded.replace("\r\n ", "") == line
        assert "\n" not in escape_text(text)


class TestPlanBars:
    def test_it_draws_week_zero_first_then_one_bar_a_week(self):
        plan = sample_plan()
        chart = plan_bars(current=D(20), plan=plan)

        assert len(chart.bars) == len(plan) + 1
        assert [bar.label for bar in chart.bars] == ["Now", "1", "2", "3", "4", "5", "6"]
        assert [bar.is_recovery for bar in chart.bars] == [
            False,
            False,
            False,
            False,
            True,
            False,
            False,
        ]
        assert chart.bars[0].value == 20 and chart.bars[-1].value == 30
        assert (chart.width, chart.height) == (640, 240)

    def test_it_scales_bars_to_round_ticks(self):
        chart = plan_bars(current=D(20), plan=sample_plan(), padding=Padding(10, 10, 30, 40))

        assert chart.y_ticks == ((210.0, "0"), (143.3, "10"), (76.7, "20"), (10.0, "30"))
        tallest = chart.bars[-1]
        assert (tallest.y, tallest.height) == (10.0, 200.0)
        assert chart.bars[0].height == 133.3  # two thirds of 200

    def test_it_keeps_bars_inside_the_plot_and_side_by_side(self):
        padding = Padding()
        chart = plan_bars(current=D(20), plan=sample_plan(), padding=padding)

        for bar, following in zip(chart.bars, chart.bars[1:], strict=False):
            assert bar.x + bar.width < following.x
        for bar in chart.bars:
            assert padding.left <= bar.x and bar.x + bar.width <= 640 - padding.right
            assert bar.y >= padding.top
            assert bar.y + bar.height == pytest.approx(240 - padding.bottom, abs=0.11)

    def test_it_rounds_every_number_to_one_decimal(self):
        chart = plan_bars(current=D(3), plan=ramp_plan(current=D(3), goal=D(7)))

        numbers = [n for bar in chart.bars for n in (bar.x, bar.y, bar.width, bar.height)]
        numbers += [y for y, _ in chart.y_ticks]
        assert all(round(n, 1) == n for n in numbers)

    def test_it_draws_just_the_current_week_for_an_empty_plan(self):
        chart = plan_bars(current=D("0.5"), plan=())

        assert [bar.label for bar in chart.bars] == ["Now"]
        assert chart.y_ticks[0] == (212.0, "0") and chart.y_ticks[-1][1] == "0.5"

    @given(st.integers(10, 2000), st.integers(10, 3000))
    def test_it_always_has_a_top_tick_at_or_above_the_highest_week(self, current, goal):
        plan = ramp_plan(current=D(current) / 10, goal=D(goal) / 10)
        chart = plan_bars(current=D(current) / 10, plan=plan)
        highest = max(bar.value for bar in chart.bars)

        assert D(chart.y_ticks[-1][1]) >= highest
        assert 2 <= len(chart.y_ticks) <= 6
        assert all(bar.height <= 240 - 12 - 28 for bar in chart.bars)


class TestChartLayout:
    def test_it_labels_every_bar_while_they_fit(self):
        chart = week_bars(values=[D(1), D(2), D(3)], labels=["a", "b", "c"], width=400)
        layout = chart_layout(chart, max_labels=7)
        assert [label for _, label in layout.week_labels] == ["a", "b", "c"]
        assert [x for x, _ in layout.week_labels] == [
            round(bar.x + bar.width / 2, 1) for bar in chart.bars
        ]

    @pytest.mark.parametrize("bars, max_labels", [(13, 7), (30, 12), (12, 12), (1, 7)])
    def test_it_labels_every_few_bars_and_never_more_than_the_most(self, bars, max_labels):
        chart = week_bars(values=[D(n) for n in range(bars)], labels=[str(n) for n in range(bars)])
        layout = chart_layout(chart, max_labels=max_labels)
        assert 1 <= len(layout.week_labels) <= max_labels
        assert layout.week_labels[0][1] == "0"

    def test_it_puts_the_axis_and_labels_inside_the_padding(self):
        chart = week_bars(values=[D(5)], labels=["x"], width=400, height=220)
        layout = chart_layout(chart, max_labels=7)
        padding = Padding()
        assert (layout.left, layout.right) == (padding.left, 400 - padding.right)
        assert layout.axis_y == 220 - padding.bottom < layout.week_label_y < 220

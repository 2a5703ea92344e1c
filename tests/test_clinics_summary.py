from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from clinics.summary import QuietDays, count_summary, fold_quiet_days
from clinics.usage import count_table
from kneecare.urgency import URGENCY_LEVELS

TODAY = date(2026, 12, 2)
TOOLS = [("symptoms", URGENCY_LEVELS), ("shoes", ())]


class TestCountSummary:
    def test_it_totals_each_tool_and_urgency_over_7_30_and_90_days(self):
        rows = [
            (TODAY, "symptoms", "urgent", 2),
            (TODAY - timedelta(days=6), "symptoms", "self-care", 1),
            (TODAY - timedelta(days=7), "symptoms", "urgent", 4),
            (TODAY - timedelta(days=40), "shoes", "", 5),
            (TODAY - timedelta(days=90), "shoes", "", 100),  # outside every period
            (TODAY + timedelta(days=1), "shoes", "", 100),  # not yet
        ]
        summary = count_summary(rows, last_day=TODAY, tools=TOOLS)
        lines = {(line.tool, line.urgency): line.totals for line in summary.lines}
        assert summary.periods == (7, 30, 90)
        assert lines[("symptoms", "")] == (3, 7, 7)
        assert lines[("symptoms", "urgent")] == (2, 6, 6)
        assert lines[("symptoms", "self-care")] == (1, 1, 1)
        assert lines[("symptoms", "emergency")] == (0, 0, 0)
        assert lines[("shoes", "")] == (0, 0, 5)
        assert summary.totals == (3, 7, 12)
        assert [line.urgency for line in summary.lines[:5]] == ["", *URGENCY_LEVELS]

    @given(
        st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=120),
                st.sampled_from([("symptoms", u) for u in URGENCY_LEVELS] + [("shoes", "")]),
                st.integers(min_value=1, max_value=50),
            ),
            max_size=40,
        )
    )
    def test_it_never_counts_a_longer_period_lower(self, entries):
        rows = [(TODAY - timedelta(days=age), tool, u, n) for age, (tool, u), n in entries]
        summary = count_summary(rows, last_day=TODAY, tools=TOOLS)
        for line in [*summary.lines]:
            assert list(line.totals) == sorted(line.totals)
        symptoms = next(
            line for line in summary.lines if line.tool == "symptoms" and not line.urgency
        )
        levels = [line for line in summary.lines if line.tool == "symptoms" and line.urgency]
        assert symptoms.totals == tuple(
            map(sum, zip(*(line.totals for line in levels), strict=True))
        )
        in_90 = sum(n for age, _, n in entries if age < 90)
        assert summary.totals[-1] == in_90


class TestFoldQuietDays:
    def test_it_folds_each_run_of_days_without_checks(self):
        rows = [(TODAY, "shoes", "", 1), (TODAY - timedelta(days=4), "shoes", "", 2)]
        table = count_table(rows, last_day=TODAY, days=7, tools=["shoes"], urgencies=[""])
        folded = fold_quiet_days(table.rows)
        assert [getattr(item, "day", None) for item in folded][0] == TODAY
        assert folded[1] == QuietDays(
            first=TODAY - timedelta(days=3), last=TODAY - timedelta(days=1), days=3
        )
        assert folded[2].day == TODAY - timedelta(days=4)
        assert folded[3] == QuietDays(
            first=TODAY - timedelta(days=6), last=TODAY - timedelta(days=5), days=2
        )

    @given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=40))
    def test_it_keeps_every_day_once(self, per_day):
        rows = [(TODAY - timedelta(days=i), "shoes", "", n) for i, n in enumerate(per_day) if n]
        table = count_table(
            rows, last_day=TODAY, days=len(per_day), tools=["shoes"], urgencies=[""]
        )
        folded = fold_quiet_days(table.rows)
        assert sum(item.days if isinstance(item, QuietDays) else 1 for item in folded) == len(
            per_day
        )
        assert all(
            not (isinstance(a, QuietDays) and isinstance(b, QuietDays))
            for a, b in zip(folded, folded[1:])
        )

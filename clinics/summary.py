"""A clinic's counts at a glance: totals by tool and urgency over the last 7, 30 and 90
days, and the day-by-day table with runs of days without checks folded into one line.

Pure Python, like `clinics.usage`: it takes (day, tool, urgency, count) rows and returns
frozen dataclasses for the admin template.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .usage import DayRow

PERIODS = (7, 30, 90)  # days, each ending today


@dataclass(frozen=True)
class SummaryLine:
    tool: str
    urgency: str  # "" for the tool's own line
    totals: tuple[int, ...]  # one per period


@dataclass(frozen=True)
class CountSummary:
    periods: tuple[int, ...]
    lines: tuple[SummaryLine, ...]  # each tool, then its urgency levels
    totals: tuple[int, ...]  # every check, one per period


def count_summary(
    counts: Iterable[tuple[date, str, str, int]],
    *,
    last_day: date,
    tools: Sequence[tuple[str, Sequence[str]]],
    periods: Sequence[int] = PERIODS,
) -> CountSummary:
    """Totals for each (tool, its urgency levels) in `tools`, over each period ending on
    `last_day`; a tool's urgency lines follow it. Days after `last_day` are left out."""
    starts = [last_day - timedelta(days=days - 1) for days in periods]
    by_key: dict[tuple[str, str], list[int]] = {}
    for day, tool, urgency, count in counts:
        if day > last_day:
            continue
        for key in ((tool, ""), (tool, urgency)) if urgency else ((tool, ""),):
            sums = by_key.setdefault(key, [0] * len(periods))
            for index, start in enumerate(starts):
                if day >= start:
                    sums[index] += count
    lines = []
    for tool, levels in tools:
        lines.append(SummaryLine(tool, "", tuple(by_key.get((tool, ""), [0] * len(periods)))))
        for level in levels:
            totals = tuple(by_key.get((tool, level), [0] * len(periods)))
            lines.append(SummaryLine(tool, level, totals))
    tool_names = {tool for tool, _ in tools}
    totals = tuple(
        sum(
            sums[index]
            for (tool, urgency), sums in by_key.items()
            if not urgency and tool in tool_names
        )
        for index in range(len(periods))
    )
    return CountSummary(periods=tuple(periods), lines=tuple(lines), totals=totals)


@dataclass(frozen=True)
class QuietDays:
    """A run of days without a single check, shown as one line."""

    first: date
    last: date
    days: int


def fold_quiet_days(rows: Sequence[DayRow]) -> tuple[DayRow | QuietDays, ...]:
    """The rows in their order (newest first), each run of days with no checks as one line."""
    folded: list[DayRow | QuietDays] = []
    for row in rows:
        if row.total:
            folded.append(row)
            continue
        previous = folded[-1] if folded else None
        if isinstance(previous, QuietDays):
            folded[-1] = QuietDays(first=row.day, last=previous.last, days=previous.days + 1)
        else:
            folded.append(QuietDays(first=row.day, last=row.day, days=1))
    return tuple(folded)

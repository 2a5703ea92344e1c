"""A clinic's anonymous counts as a table of days by check, and a bar chart of the same.

Pure Python: it takes (day, tool, urgency, count) rows and returns frozen dataclasses. The
admin template draws the chart as SVG from the geometry here; the table is its text.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Column:
    tool: str
    urgency: str  # "" for a tool without urgency levels


@dataclass(frozen=True)
class DayRow:
    day: date
    cells: tuple[int, ...]  # one per column
    total: int


@dataclass(frozen=True)
class CountTable:
    columns: tuple[Column, ...]
    rows: tuple[DayRow, ...]  # newest day first
    column_totals: tuple[int, ...]
    total: int


def count_table(
    counts: Iterable[tuple[date, str, str, int]],
    *,
    last_day: date,
    days: int,
    tools: Sequence[str],
    urgencies: Sequence[str],
) -> CountTable:
    """Every day of the `days` up to `last_day`, including days with no checks, and a column
    for each tool and urgency that has a count in that window, in the order given."""
    first_day = last_day - timedelta(days=days - 1)
    by_key: dict[tuple[date, Column], int] = {}
    for day, tool, urgency, count in counts:
        if first_day <= day <= last_day:
            key = (day, Column(tool, urgency))
            by_key[key] = by_key.get(key, 0) + count
    present = {column for _, column in by_key}
    columns = tuple(
        sorted(
            present,
            key=lambda column: (
                _position(tools, column.tool),
                _position(urgencies, column.urgency),
                column.tool,
                column.urgency,
            ),
        )
    )
    rows = []
    for offset in range(days):
        day = last_day - timedelta(days=offset)
        cells = tuple(by_key.get((day, column), 0) for column in columns)
        rows.append(DayRow(day=day, cells=cells, total=sum(cells)))
    column_totals = tuple(sum(row.cells[index] for row in rows) for index in range(len(columns)))
    return CountTable(
        columns=columns, rows=tuple(rows), column_totals=column_totals, total=sum(column_totals)
    )


def _position(order: Sequence[str], value: str) -> int:
    return order.index(value) if value in order else len(order)


@dataclass(frozen=True)
class Segment:
    tool: str
    count: int
    y: float
    height: float


@dataclass(frozen=True)
class Bar:
    day: date
    total: int
    x: float
    width: float
    segments: tuple[Segment, ...]  # one per tool with checks that day, bottom first


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    plot_top: int
    plot_bottom: int
    plot_left: int
    scale_max: int
    bars: tuple[Bar, ...]  # oldest day on the left
    tools: tuple[str, ...]  # the tools drawn, for the legend


def bar_chart(table: CountTable, *, width: int = 640, height: int = 200) -> BarChart:
    """One bar a day, its height the day's checks, stacked by tool in column order."""
    plot_top, plot_left, plot_bottom = 10, 36, height - 24
    scale_max = max([row.total for row in table.rows] + [1])
    slot = (width - plot_left) / max(len(table.rows), 1)
    per_check = (plot_bottom - plot_top) / scale_max
    tools = tuple(dict.fromkeys(column.tool for column in table.columns))
    bars = []
    for index, row in enumerate(reversed(table.rows)):
        per_tool = {tool: 0 for tool in tools}
        for column, count in zip(table.columns, row.cells, strict=True):
            per_tool[column.tool] += count
        segments, top = [], float(plot_bottom)
        for tool, count in per_tool.items():
            if count:
                top -= count * per_check
                segments.append(
                    Segment(
                        tool=tool, count=count, y=round(top, 2), height=round(count * per_check, 2)
                    )
                )
        bars.append(
            Bar(
                day=row.day,
                total=row.total,
                x=round(plot_left + index * slot + slot * 0.15, 2),
                width=round(slot * 0.7, 2),
                segments=tuple(segments),
            )
        )
    return BarChart(
        width=width,
        height=height,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        plot_left=plot_left,
        scale_max=scale_max,
        bars=tuple(bars),
        tools=tools,
    )

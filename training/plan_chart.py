"""Geometry for a bar chart of a mileage plan, drawn as SVG by a template.

Only numbers here: the template places a ``<rect>`` per bar and a line and
label per y tick. Coordinates are SVG user units, y growing downwards,
rounded to one decimal so the markup stays short.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from training.mileage import Distance, PlanWeek, as_distance, format_distance
from training.race_plan import DatedWeek

BAR_SHARE = Decimal("0.7")  # of each week's slot; the rest is the gap between bars
MAX_TICKS = 5


@dataclass(frozen=True)
class Padding:
    """Room around the plot: tick labels go on the left, week labels below."""

    top: int = 12
    right: int = 8
    bottom: int = 28
    left: int = 40


DEFAULT_PADDING = Padding()


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # "Now" for week 0, then the week number
    value: Decimal
    is_recovery: bool
    is_taper: bool = False


@dataclass(frozen=True)
class ChartGeometry:
    bars: tuple[Bar, ...]
    y_ticks: tuple[tuple[float, str], ...]  # (y, label), from 0 upwards
    width: int
    height: int


def plan_bars(
    *,
    current: Distance,
    plan: Sequence[PlanWeek | DatedWeek],
    width: int = 640,
    height: int = 240,
    padding: Padding = DEFAULT_PADDING,
) -> ChartGeometry:
    """One bar per week, week 0 (``current``) first, on a 0-based y axis.

    The axis top is the first tick at or above the highest week, with ticks
    every 1, 2 or 5 × 10ⁿ so there are at most five steps.
    """
    return week_bars(
        values=[as_distance(current), *(week.distance for week in plan)],
        labels=["Now", *(str(week.week) for week in plan)],
        recovery=[False, *(week.is_recovery for week in plan)],
        taper=[False, *(isinstance(w, DatedWeek) and w.phase in ("taper", "race") for w in plan)],
        width=width,
        height=height,
        padding=padding,
    )


def week_bars(
    *,
    values: Sequence[Decimal],
    labels: Sequence[str],
    recovery: Sequence[bool] = (),
    taper: Sequence[bool] = (),
    width: int = 640,
    height: int = 240,
    padding: Padding = DEFAULT_PADDING,
) -> ChartGeometry:
    """One bar per value, labelled, on a 0-based y axis (see :func:`plan_bars`).

    ``recovery`` and ``taper`` flag bars to draw in another colour; missing flags are False.
    """
    step = _tick_step(max(values, default=Decimal(0)))
    top = (max(values, default=Decimal(0)) / step).to_integral_value(rounding=ROUND_CEILING) * step
    top = top or step
    plot_left, plot_bottom = padding.left, height - padding.bottom
    plot_width = Decimal(width - padding.left - padding.right)
    plot_height = Decimal(plot_bottom - padding.top)
    slot = plot_width / max(len(values), 1)
    bar_width = slot * BAR_SHARE
    bars = []
    for index, value in enumerate(values):
        bar_height = max(value, Decimal(0)) / top * plot_height
        bars.append(
            Bar(
                x=_tidy(plot_left + slot * index + (slot - bar_width) / 2),
                y=_tidy(plot_bottom - bar_height),
                width=_tidy(bar_width),
                height=_tidy(bar_height),
                label=labels[index],
                value=value,
                is_recovery=index < len(recovery) and recovery[index],
                is_taper=index < len(taper) and taper[index],
            )
        )
    ticks = tuple(
        (_tidy(plot_bottom - step * n / top * plot_height), format_distance(step * n))
        for n in range(int(top / step) + 1)
    )
    return ChartGeometry(bars=tuple(bars), y_ticks=ticks, width=width, height=height)


@dataclass(frozen=True)
class ChartLayout:
    """Where the axis and the labels go around the bars (SVG user units, y downwards)."""

    left: int
    right: int
    axis_y: int
    tick_label_x: int
    week_label_y: int
    week_labels: tuple[tuple[float, str], ...]  # (x, label) under every few bars


def chart_layout(
    chart: ChartGeometry, *, max_labels: int, padding: Padding = DEFAULT_PADDING
) -> ChartLayout:
    """The axis line and tick labels, and a label under every bar or every few bars, so
    that no more than ``max_labels`` run into each other."""
    every = max(math.ceil(len(chart.bars) / max_labels), 1)
    axis_y = chart.height - padding.bottom
    return ChartLayout(
        left=padding.left,
        right=chart.width - padding.right,
        axis_y=axis_y,
        tick_label_x=padding.left - 6,
        week_label_y=axis_y + 16,
        week_labels=tuple(
            (round(bar.x + bar.width / 2, 1), bar.label) for bar in chart.bars[::every]
        ),
    )


def _tick_step(highest: Decimal) -> Decimal:
    """The smallest 1, 2 or 5 × 10ⁿ that covers ``highest`` in MAX_TICKS steps."""
    if highest <= 0:
        return Decimal(1)
    magnitude = Decimal(1).scaleb((highest / MAX_TICKS).adjusted())
    for factor in (1, 2, 5):
        if magnitude * factor * MAX_TICKS >= highest:
            return magnitude * factor
    return magnitude * 10


def _tidy(number: Decimal | int) -> float:
    return round(float(number), 1)

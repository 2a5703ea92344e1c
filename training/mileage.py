"""Weekly mileage: the 10 % rule as a plan, a weekly check and a race-date fit.

The rule comes from the seed article: coach Ian Sharman advises not to raise
mileage by more than 10 % a week, because tendons and ligaments adapt more
slowly than muscle. Show it honestly beside the evidence: Buist et al. (Am J
Sports Med 2008) found that 532 novices on a 13-week plan keeping to 10 % had
the same injury rate as on a standard 8-week plan (20.8 % vs 20.3 %).

Distances are unit-free Decimals (km or miles alike) so sums never drift.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from kneecare.numbers import plain_number

TEN_PERCENT = Decimal("0.10")
RECOVERY_SHARE = Decimal("0.8")
# Coarsest first: runners plan in half kilometres or miles, but at small
# volumes half a unit is more than 10 %, so finer steps take over.
HALF = Decimal("0.5")
TENTH = Decimal("0.1")

Distance = Decimal | int | float


@dataclass(frozen=True)
class PlanWeek:
    week: int
    distance: Decimal
    # Change against the highest earlier week, the figure the rule checks.
    increase_percent: Decimal
    is_recovery: bool


@dataclass(frozen=True)
class WeeklyChange:
    percent_change: Decimal
    allowed_max: Decimal
    over_by: Decimal
    within_rule: bool


@dataclass(frozen=True)
class RaceFit:
    weeks_needed: int
    weeks_left: int
    fits: bool


def as_distance(value: Distance) -> Decimal:
    """A distance as a Decimal; floats go through str so 22.1 stays 22.1."""
    distance = value if isinstance(value, Decimal) else Decimal(str(value))
    if not distance.is_finite():
        raise ValueError("A distance must be a finite number.")
    return distance


def round_down(value: Decimal, step: Decimal) -> Decimal:
    """Round down to a multiple of ``step``, never above ``value``."""
    return (value / step).to_integral_value(rounding=ROUND_FLOOR) * step


def format_distance(distance: Decimal) -> str:
    """A distance as a runner writes it: ``22.5``, ``30`` (no trailing zeros)."""
    return plain_number(distance)


def percent(change: Decimal, base: Decimal) -> Decimal:
    """``change`` as a percentage of ``base``, to one decimal place."""
    return (change * 100 / base).quantize(TENTH, rounding=ROUND_HALF_UP)


def _round_down_above(value: Decimal, *, floor: Decimal) -> Decimal:
    """Round ``value`` down to the coarsest step (0.5, 0.1, 0.01, …) that stays above ``floor``.

    This is what keeps every plan moving: when rounding to 0.5 would give no
    progress (3 → cap 3.3 → 3.0), the step drops to 0.1 (3.3). ``value`` must
    be above ``floor``, so a small enough step always exists.
    """
    step = HALF
    while (rounded := round_down(value, step)) <= floor:
        step = TENTH if step == HALF else step / 10
    return rounded


def ramp_plan(
    *,
    current: Distance,
    goal: Distance,
    max_increase: Decimal = TEN_PERCENT,
    recovery_every: int | None = 4,
    recovery_share: Decimal = RECOVERY_SHARE,
) -> tuple[PlanWeek, ...]:
    """The shortest plan from ``current`` weekly distance (week 0) to ``goal``.

    Rules, in order:

    - No week is more than ``max_increase`` above the highest week before it,
      week 0 included (the 10 % rule, Ian Sharman in the seed article).
    - Each build week is the largest distance the rule allows, rounded down to
      0.5 (to 0.1 or finer where 0.5 would give no progress), capped at the
      goal; the last week is the goal exactly.
    - Every ``recovery_every``-th week is a lighter recovery week at about
      ``recovery_share`` of the peak so far (3 up, 1 down), rounded down to
      0.5, or finer where 0.5 would drop it below 70 % of the peak. This is
      common coaching practice so tendons catch up (Sharman: they adapt
      slower than muscle), not a research finding. Recovery weeks don't lower
      the peak, and the plan never ends on one. ``recovery_every=None`` leaves
      them out.

    Buist et al. 2008 found the 10 % rule alone did not prevent injuries.
    Returns an empty tuple when ``goal`` is not above ``current``.
    """
    current, goal = as_distance(current), as_distance(goal)
    if current <= 0:
        raise ValueError("Current weekly distance must be above zero.")
    if max_increase <= 0:
        raise ValueError("The allowed weekly increase must be above zero.")
    if recovery_every is not None and recovery_every < 2:
        raise ValueError("A recovery week needs at least one build week before it.")
    if not 0 < recovery_share < 1:
        raise ValueError("A recovery week must be lighter than the peak.")

    weeks: list[PlanWeek] = []
    peak = current
    builds_since_recovery = 0
    while peak < goal:
        if recovery_every is not None and builds_since_recovery == recovery_every - 1:
            floor = max(peak * (recovery_share - TENTH), Decimal(0))
            lighter = _round_down_above(peak * recovery_share, floor=floor)
            weeks.append(_week(len(weeks) + 1, lighter, peak, is_recovery=True))
            builds_since_recovery = 0
            continue
        cap = peak * (1 + max_increase)
        distance = goal if goal <= cap else _round_down_above(cap, floor=peak)
        weeks.append(_week(len(weeks) + 1, distance, peak, is_recovery=False))
        peak = distance
        builds_since_recovery += 1
    return tuple(weeks)


def _week(number: int, distance: Decimal, peak: Decimal, *, is_recovery: bool) -> PlanWeek:
    # Show whole tenths alike (40 as 40.0 beside 37.5) and finer steps as they are.
    tenths = distance.quantize(TENTH)
    return PlanWeek(
        week=number,
        distance=tenths if tenths == distance else distance.normalize(),
        increase_percent=percent(distance - peak, peak),
        is_recovery=is_recovery,
    )


def weekly_change(
    *, last_week: Distance, this_week: Distance, max_increase: Decimal = TEN_PERCENT
) -> WeeklyChange:
    """Check one week against the last under the 10 % rule (Sharman, seed article).

    ``allowed_max`` is ``last_week`` plus ``max_increase``, rounded down to 0.1;
    ``over_by`` is how far ``this_week`` goes past it (0 when within). Nielsen
    et al. (JOSPT 2014) found no overall injury difference between weekly
    increases under 10 %, 10-30 % and over 30 %.
    """
    last_week, this_week = as_distance(last_week), as_distance(this_week)
    if last_week <= 0:
        raise ValueError("Last week's distance must be above zero.")
    if this_week < 0:
        raise ValueError("This week's distance cannot be negative.")
    allowed_max = round_down(last_week * (1 + max_increase), TENTH)
    over_by = max(this_week - allowed_max, Decimal(0))
    return WeeklyChange(
        percent_change=percent(this_week - last_week, last_week),
        allowed_max=allowed_max,
        over_by=over_by,
        within_rule=over_by == 0,
    )


def weeks_until(*, today: date, race_date: date) -> int:
    """Whole weeks from ``today`` to ``race_date``; 0 when the race has passed."""
    return max((race_date - today).days // 7, 0)


def race_fit(*, plan: tuple[PlanWeek, ...], today: date, race_date: date) -> RaceFit:
    """Does the whole plan fit in the whole weeks left before the race?

    Week 1 starts now, so a six-week plan fits when the race is 42 or more
    days away. ``weeks_needed`` counts recovery weeks too.
    """
    weeks_left = weeks_until(today=today, race_date=race_date)
    return RaceFit(weeks_needed=len(plan), weeks_left=weeks_left, fits=len(plan) <= weeks_left)

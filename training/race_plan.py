"""A dated plan: the 10 % build, a two-week taper before a race, a longest run each week.

- Dates: week 1 starts on ``start`` (the planner's default is the coming Monday) and each
  week starts seven days after the one before.
- Taper: Bosquet et al. (Med Sci Sports Exerc 2007), a meta-analysis of 27 studies, found
  performance gained most from a taper of about two weeks that cut training volume by
  roughly 40 to 60 % while keeping its intensity. So the week before race week drops to
  60 % of the peak and race week to 40 % (training before the race itself).
- Longest run: Frandsen et al. (BJSM 2025) linked injuries to a single run more than 10 %
  longer than the longest of the previous 30 days, not to weekly change. Each week's
  suggested longest run is at most 10 % above the longest suggested in the three weeks
  before it: whatever day of the week the runs fall on, those three weeks lie within the
  30 days. The run also keeps to about 30 % of the week, a common coaching guide rather
  than a research finding. The study is observational: it shows which runs went with
  injuries, not that keeping under the line prevents them.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from training.mileage import (
    RECOVERY_SHARE,
    TEN_PERCENT,
    TENTH,
    Distance,
    _round_down_above,
    as_distance,
    percent,
    ramp_plan,
)

# Share of the peak week for the taper week and for race week (Bosquet et al. 2007).
TAPER_SHARES = (Decimal("0.6"), Decimal("0.4"))
LONG_RUN_SHARE = Decimal("0.3")
# Weeks whose longest runs surely fall within the 30 days before this week's (3 × 7 + 6).
SPIKE_WINDOW_WEEKS = 3
RECOVERY_EVERY = 4


@dataclass(frozen=True)
class DatedWeek:
    week: int
    starts: date
    distance: Decimal
    # "build", "recovery", "hold" (at the goal, waiting for the taper), "taper" or "race".
    phase: str
    # Against the highest earlier week; None in the taper, which only comes down.
    increase_percent: Decimal | None
    longest_run: Decimal
    race_day: date | None = None

    @property
    def is_recovery(self) -> bool:
        return self.phase == "recovery"

    @property
    def ends(self) -> date:
        return self.starts + timedelta(days=6)


@dataclass(frozen=True)
class TrainingPlan:
    weeks: tuple[DatedWeek, ...]
    start: date
    race_date: date | None
    peak: Decimal
    reaches_goal: bool
    # Build weeks to the goal plus the taper; weeks from start to race week.
    weeks_needed: int
    weeks_available: int | None
    # The longest run the first week is measured against, and whether we assumed it.
    longest_run_before: Decimal
    longest_run_assumed: bool


def coming_monday(today: date) -> date:
    """``today`` if it is a Monday, else the next Monday."""
    return today + timedelta(days=(7 - today.weekday()) % 7)


def race_week_number(*, start: date, race_date: date) -> int:
    """Which week of a plan starting on ``start`` holds ``race_date`` (week 1 holds ``start``)."""
    if race_date < start:
        raise ValueError("The race must not be before the plan starts.")
    return (race_date - start).days // 7 + 1


def training_plan(
    *,
    current: Distance,
    goal: Distance,
    start: date,
    race_date: date | None = None,
    longest_run: Distance | None = None,
) -> TrainingPlan:
    """The 10 % plan from ``current`` to ``goal``, dated from ``start``.

    With a race: the build, then weeks held at the goal (every fourth one lighter) until
    the two-week taper, race week last. When the build and taper do not fit before race
    week, the plan builds only as far as the weeks allow and still tapers: the best plan
    that keeps to the 10 % rule, never a faster one. ``longest_run`` is the runner's
    longest of the last 30 days; without it we assume 30 % of ``current``.
    """
    current, goal = as_distance(current), as_distance(goal)
    build = ramp_plan(current=current, goal=goal)
    steps = [(week.distance, "recovery" if week.is_recovery else "build") for week in build]
    available = None if race_date is None else race_week_number(start=start, race_date=race_date)
    reaches_goal = True
    if available is not None:
        slots = max(available - len(TAPER_SHARES), 0)
        reaches_goal = len(build) <= slots
        steps = steps[:slots] if not reaches_goal else _held(steps, goal, slots)
        peak = max([current, *(distance for distance, _ in steps)])
        if steps and steps[-1][1] == "recovery":
            # The taper is lighter anyway: hold the peak rather than drop twice.
            steps[-1] = (peak, "hold")
        tapers = TAPER_SHARES[-available:] if available < len(TAPER_SHARES) else TAPER_SHARES
        names = ("taper", "race")[-len(tapers) :]
        steps += [
            (_tidy_round(peak * share), name) for share, name in zip(tapers, names, strict=True)
        ]
    peak = max([current, *(distance for distance, phase in steps if phase != "race")])
    reference = as_distance(longest_run) if longest_run else _tidy_round(current * LONG_RUN_SHARE)
    weeks = _dated(steps, current=current, start=start, race_date=race_date, reference=reference)
    return TrainingPlan(
        weeks=weeks,
        start=start,
        race_date=race_date,
        peak=peak,
        reaches_goal=reaches_goal,
        weeks_needed=len(build) + (len(TAPER_SHARES) if race_date else 0),
        weeks_available=available,
        longest_run_before=reference,
        longest_run_assumed=not longest_run,
    )


def _held(steps: list[tuple[Decimal, str]], goal: Decimal, slots: int) -> list[tuple[Decimal, str]]:
    """Fill the weeks between reaching the goal and the taper: hold it, every fourth lighter."""
    held = list(steps)
    since_recovery = next(
        (n for n, (_, phase) in enumerate(reversed(held)) if phase == "recovery"), len(held)
    )
    while len(held) < slots:
        if since_recovery == RECOVERY_EVERY - 1:
            lighter = _round_down_above(
                goal * RECOVERY_SHARE, floor=goal * (RECOVERY_SHARE - TENTH)
            )
            held.append((lighter, "recovery"))
            since_recovery = 0
        else:
            held.append((goal, "hold"))
            since_recovery += 1
    return held


def _dated(
    steps: list[tuple[Decimal, str]],
    *,
    current: Decimal,
    start: date,
    race_date: date | None,
    reference: Decimal,
) -> tuple[DatedWeek, ...]:
    weeks: list[DatedWeek] = []
    highest = current
    longest: list[Decimal] = []
    for number, (distance, phase) in enumerate(steps, start=1):
        starts = start + timedelta(days=7 * (number - 1))
        # The runner's own longest run counts for week 1 only: we don't know its day.
        window = longest[-SPIKE_WINDOW_WEEKS:] or [reference]
        cap = max(window) * (1 + TEN_PERCENT)
        longest_run = _tidy_round(min(distance * LONG_RUN_SHARE, cap))
        longest.append(longest_run)
        in_taper = phase in ("taper", "race")
        weeks.append(
            DatedWeek(
                week=number,
                starts=starts,
                distance=distance,
                phase=phase,
                increase_percent=None if in_taper else percent(distance - highest, highest),
                longest_run=longest_run,
                race_day=race_date if phase == "race" else None,
            )
        )
        if not in_taper:
            highest = max(highest, distance)
    return tuple(weeks)


def _tidy_round(value: Decimal) -> Decimal:
    """Down to a half (or a tenth, or finer, where a half would lose over 10 %): never up."""
    if value <= 0:
        return Decimal(0)
    rounded = _round_down_above(value, floor=value * (1 - TEN_PERCENT))
    tenths = rounded.quantize(TENTH)
    return tenths if tenths == rounded else rounded.normalize()

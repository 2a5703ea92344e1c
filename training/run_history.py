"""What a runner's own runs say: weekly distance, single-run spikes, the next long run.

The spike check is Frandsen et al. (BJSM 2025): each run is compared with the longest run
of the 30 days before it, in the bands of :mod:`training.spike`. The study followed 5,205
runners; it shows which runs went with injuries, not that staying within 10 % prevents
them. The window shown is the 90 days up to the latest run in the files, so an export
made some weeks ago still shows its own last 90 days.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from training.mileage import TEN_PERCENT, TENTH, round_down
from training.run_files import FoundRun
from training.spike import spike_check

WINDOW_DAYS = 90
SPIKE_DAYS = 30
METRES_PER = {"km": Decimal(1000), "mi": Decimal("1609.344")}
# One run recorded twice (a watch file and the app's GPX of it): starts this close and
# distances within 3 % of each other.
SAME_RUN_SECONDS = 120
SAME_RUN_SHARE = Decimal("0.03")


@dataclass(frozen=True)
class CheckedRun:
    file: str
    day: date
    distance: Decimal
    steps_per_minute: int | None
    # The longest of the 30 days before; None when there was no run then.
    longest_before: Decimal | None
    band: str | None
    percent_longer: Decimal | None
    hazard_ratio: Decimal | None


@dataclass(frozen=True)
class WeekTotal:
    starts: date
    distance: Decimal
    runs: int


@dataclass(frozen=True)
class RunHistory:
    unit: str
    first_day: date  # the window's first day: WINDOW_DAYS - 1 days before last_day
    last_day: date  # the latest run's day
    first_run: date  # the earliest run in the window (on or after first_day)
    weeks: tuple[WeekTotal, ...]
    runs: tuple[CheckedRun, ...]  # in the window, newest first
    longest: CheckedRun
    longest_30d: Decimal
    next_run_max: Decimal
    average_steps_per_minute: int | None
    duplicates: int


def run_history(*, found: Iterable[FoundRun], unit: str) -> RunHistory | None:
    """The last :data:`WINDOW_DAYS` days of runs, or None when there are no runs.

    Distances are in ``unit`` (km or mi), to two decimals. ``next_run_max`` is the
    longest of the 30 days up to the latest run plus 10 %, rounded down to 0.1: the
    longest run that stays within Frandsen's lowest band.
    """
    if unit not in METRES_PER:
        raise ValueError(f"Unknown unit {unit!r}; use 'km' or 'mi'.")
    ordered, duplicates = _without_duplicates(sorted(found, key=lambda item: item.run.started))
    if not ordered:
        return None
    distances = [_distance(item.run.metres, unit) for item in ordered]
    checked = []
    for index, item in enumerate(ordered):
        since = item.run.started - timedelta(days=SPIKE_DAYS)
        before = [
            distances[earlier] for earlier in range(index) if ordered[earlier].run.started >= since
        ]
        checked.append(_checked(item, distances[index], max(before, default=None)))
    last_day = checked[-1].day
    first_day = last_day - timedelta(days=WINDOW_DAYS - 1)
    in_window = [run for run in checked if run.day >= first_day]
    recent = [run.distance for run in checked if run.day > last_day - timedelta(days=SPIKE_DAYS)]
    longest_30d = max(recent)
    cadences = [run.steps_per_minute for run in in_window if run.steps_per_minute]
    return RunHistory(
        unit=unit,
        first_day=first_day,
        last_day=last_day,
        first_run=in_window[0].day,
        weeks=_weeks(in_window, first_day=first_day, last_day=last_day),
        runs=tuple(reversed(in_window)),
        longest=max(checked, key=lambda run: run.distance),
        longest_30d=longest_30d,
        next_run_max=round_down(longest_30d * (1 + TEN_PERCENT), TENTH),
        average_steps_per_minute=round(sum(cadences) / len(cadences)) if cadences else None,
        duplicates=duplicates,
    )


def day_range(first: date, last: date) -> str:
    """The days from ``first`` to ``last`` in words: "on 29 November 2026", "between 16 and
    29 November 2026", "between 2 October and 29 November 2026", "between 2 December 2025
    and 9 January 2026"."""
    if first > last:
        raise ValueError("The first day comes after the last.")
    end = f"{last.day} {last:%B} {last.year}"
    if first == last:
        return f"on {end}"
    if (first.year, first.month) == (last.year, last.month):
        start = f"{first.day}"
    elif first.year == last.year:
        start = f"{first.day} {first:%B}"
    else:
        start = f"{first.day} {first:%B} {first.year}"
    return f"between {start} and {end}"


def _without_duplicates(ordered: list[FoundRun]) -> tuple[list[FoundRun], int]:
    kept: list[FoundRun] = []
    for item in ordered:
        if kept and _same_run(kept[-1], item):
            continue
        kept.append(item)
    return kept, len(ordered) - len(kept)


def _same_run(first: FoundRun, second: FoundRun) -> bool:
    apart = (second.run.started - first.run.started).total_seconds()
    longer = max(first.run.metres, second.run.metres)
    gap = abs(first.run.metres - second.run.metres)
    return apart <= SAME_RUN_SECONDS and gap <= float(SAME_RUN_SHARE) * longer


def _distance(metres: float, unit: str) -> Decimal:
    return (Decimal(str(metres)) / METRES_PER[unit]).quantize(Decimal("0.01"))


def _checked(item: FoundRun, distance: Decimal, longest_before: Decimal | None) -> CheckedRun:
    check = None
    if longest_before is not None and longest_before > 0 and distance > 0:
        check = spike_check(longest_30d=longest_before, planned=distance)
    return CheckedRun(
        file=item.file,
        day=item.run.started.date(),
        distance=distance,
        steps_per_minute=item.run.steps_per_minute,
        longest_before=longest_before,
        band=check.band if check else None,
        percent_longer=check.percent_longer if check else None,
        hazard_ratio=check.hazard_ratio if check else None,
    )


def _weeks(runs: list[CheckedRun], *, first_day: date, last_day: date) -> tuple[WeekTotal, ...]:
    """Monday-to-Sunday weeks from the one holding ``first_day`` to the one holding
    ``last_day``, empty weeks included, so the chart's gaps are real gaps."""
    monday = first_day - timedelta(days=first_day.weekday())
    weeks = []
    while monday <= last_day:
        sunday = monday + timedelta(days=6)
        members = [run for run in runs if monday <= run.day <= sunday]
        total = sum((run.distance for run in members), Decimal(0))
        weeks.append(WeekTotal(starts=monday, distance=total, runs=len(members)))
        monday += timedelta(days=7)
    return tuple(weeks)

"""The printable strength sheet: which stage to work on in each week.

The stages and their order come from D. S. Blaise Williams III (seed article): hip and
core work first, then plyometrics (jumping), then uphill sprints, in one or two sessions a
week. How many weeks each stage gets is our suggestion, not a tested schedule: the weeks
are shared out as evenly as possible, earlier stages taking any extra week, because the
guidance says to move on only when a stage feels easy and the knee stays calm the next
day. Runners with sore knees felt much better after three to four weeks of strength work
(Journal of Athletic Training study, seed article), so about four weeks a stage is a fair
first guess.
"""

from dataclasses import dataclass

STAGES = (1, 2, 3)


@dataclass(frozen=True)
class SheetWeek:
    week: int
    stage: int
    sessions: int


def strength_sheet(*, weeks: int, sessions: int) -> tuple[SheetWeek, ...]:
    """One row a week, the stages in order and shared out evenly (12 weeks: 4, 4, 4;
    10 weeks: 4, 3, 3; 8 weeks: 3, 3, 2)."""
    if weeks < len(STAGES):
        raise ValueError(f"A sheet needs at least {len(STAGES)} weeks, one for each stage.")
    if sessions < 1:
        raise ValueError("A sheet needs at least one session a week.")
    return tuple(
        SheetWeek(week=week, stage=STAGES[(week - 1) * len(STAGES) // weeks], sessions=sessions)
        for week in range(1, weeks + 1)
    )

"""Cadence (steps per minute): measure it, and a 5-10 % step-rate target.

From the seed article, D. S. Blaise Williams III: count how often one foot
lands in 60 seconds and double it; below about 160 steps a minute, aim 5 to
10 % higher, pick music at that beat, and allow four to six weeks for it to
become habitual. The 160 is his rule of thumb; the studies below raised each
runner's own cadence by 5-10 % whatever it was, so that is the target we give
everyone with knee pain.

Research behind raising step rate: Heiderscheit et al. (MSSE 2011), +5 % or
+10 % lowered the energy the knee absorbs; Lenhart et al. (MSSE 2014), +10 %
cut peak patellofemoral (kneecap) joint force by 14 %; Willy et al. (Scand J
Med Sci Sports 2016), runners cued to +7.5 % reached +8.6 % over 8 sessions
and kept it at 30 days.
"""

from dataclasses import dataclass

# A coaching rule of thumb (Williams, seed article), not a research
# threshold: no study supports a fixed line at 160.
RULE_OF_THUMB_SPM = 160
# The 5-10 % range, as whole percentages so the arithmetic stays exact.
TARGET_LOW_PERCENT = 105
TARGET_HIGH_PERCENT = 110
# Step up evenly over four weeks, then hold to week six: Williams says four
# to six weeks of practice make the new cadence habitual.
STEP_UP_WEEKS = 4
HABIT_WEEKS = 6


@dataclass(frozen=True)
class CadenceAdvice:
    spm: int
    below_line: bool
    target_low: int | None
    target_high: int | None
    # (week, steps per minute to aim for that week), weeks 1 to 6.
    progression: tuple[tuple[int, int], ...]
    # Music at the target step rate, or at half of it for slower songs.
    music_bpm: int | None
    music_half_time_bpm: float | None


def cadence_from(*, foot_strikes: int | None = None, spm: int | None = None) -> int:
    """Steps per minute from a count or as given.

    ``foot_strikes`` is how often one foot lands in 60 seconds; cadence is
    twice that (Williams, seed article). Give exactly one of the two.
    """
    if foot_strikes is not None and spm is None:
        cadence = 2 * foot_strikes
    elif spm is not None and foot_strikes is None:
        cadence = spm
    else:
        raise ValueError("Give either foot strikes of one foot in 60 seconds or steps per minute.")
    if cadence <= 0:
        raise ValueError("Cadence must be above zero.")
    return cadence


def cadence_advice(*, spm: int) -> CadenceAdvice:
    """A target 5-10 % above ``spm``, whatever it is, and whether it is under 160.

    The rise is the evidence-based part: Heiderscheit et al. 2011 and Lenhart et al. 2014
    tested +5 % and +10 % from each runner's own step rate, and Willy et al. 2016 cued
    +7.5 %, with no threshold at any cadence. The 160 line (Williams, seed article) is a
    rule of thumb, so ``below_line`` only says which side of it ``spm`` falls.

    ``target_low`` is ``spm`` + 5 % rounded up and ``target_high`` is ``spm`` + 10 %
    rounded down, so both stay inside the tested range. The weekly progression ends on
    ``target_low``, the article's first goal, which is also the music beat.
    """
    if spm <= 0:
        raise ValueError("Cadence must be above zero.")
    target_low = -(-spm * TARGET_LOW_PERCENT // 100)
    target_high = spm * TARGET_HIGH_PERCENT // 100
    if target_low > target_high:
        raise ValueError(f"No whole step rate lies 5-10 % above {spm}.")
    return CadenceAdvice(
        spm=spm,
        below_line=spm < RULE_OF_THUMB_SPM,
        target_low=target_low,
        target_high=target_high,
        progression=_progression(start=spm, target=target_low),
        music_bpm=target_low,
        music_half_time_bpm=target_low / 2,
    )


def _progression(*, start: int, target: int) -> tuple[tuple[int, int], ...]:
    """Even whole-number steps to ``target`` by week 4, then hold to week 6."""
    gap = target - start
    return tuple(
        (week, start + -(-gap * min(week, STEP_UP_WEEKS) // STEP_UP_WEEKS))
        for week in range(1, HABIT_WEEKS + 1)
    )

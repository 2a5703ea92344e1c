"""Shoe wear: replace, replace soon, or keep running in them.

From the seed article: running shoes absorb less shock the more they are
used, passing more force to the joints (Pamela Kopfensteiner, D.P.T.).
D. S. Blaise Williams III: nobody knows exactly when a shoe is finished;
experts say anywhere from 300 to 600 miles, and a worn tread, creases in the
midsole or a shoe that flexes more easily are signs it is time. Cook et al.
(1985): machine-tested shoes kept about 60 % of their cushioning at 500
miles, shoes worn by runners about 80 % - so mileage alone is a rough guide.
"""

from dataclasses import dataclass
from decimal import Decimal

from training.mileage import Distance, as_distance, format_distance


@dataclass(frozen=True)
class WearWindow:
    unit: str
    soon_from: Decimal
    replace_from: Decimal
    source: str


# The 300-600 mile range experts give (Williams, seed article); km rounded
# to whole kilometres (300 mi = 482.8 km, 600 mi = 965.6 km).
WEAR_WINDOWS = {
    "mi": WearWindow("mi", Decimal(300), Decimal(600), "D. S. Blaise Williams III, seed article"),
    "km": WearWindow("km", Decimal(483), Decimal(965), "D. S. Blaise Williams III, seed article"),
}

# Signs to look for on the shoe itself (Williams, seed article).
WEAR_SIGNS = {
    "tread_worn": "The tread is noticeably worn.",
    "midsole_creases": "The midsole has creases.",
    "flexes_easily": "The shoe flexes more easily than it used to.",
}

# Knee pain is read differently inside and below the window (see shoe_verdict).
KNEE_PAIN_IN_WINDOW = "Knee pain with a pair this far into its life: its cushioning may be spent."
KNEE_PAIN_INSPECT = "Knee pain: inspect the sole for a worn tread, creases or easy flexing."


@dataclass(frozen=True)
class ShoeVerdict:
    verdict: str  # "replace", "soon" or "ok"
    distance_left: Decimal
    reasons: tuple[str, ...]


def shoe_verdict(
    *,
    distance: Distance,
    unit: str,
    tread_worn: bool = False,
    midsole_creases: bool = False,
    flexes_easily: bool = False,
    knee_pain: bool = False,
) -> ShoeVerdict:
    """Judge a pair from its distance and the wear signs ticked.

    - "replace" when any wear sign is ticked, or from 600 mi (965 km) on;
    - "soon" from 300 mi (483 km) on, where the experts' range starts;
    - "ok" otherwise, with ``distance_left`` before 300 mi (483 km).

    Knee pain is not a wear sign by itself. Inside the 300-600 mi window it
    tips the verdict to "replace", since the shoe is already in the range
    where experts say to replace it and worn cushioning passes more force to
    the knee (Kopfensteiner, seed article). Below the window it leaves the
    verdict alone and adds a reason to inspect the sole (Williams, seed
    article). Either way more distance never gives a milder verdict.
    """
    if unit not in WEAR_WINDOWS:
        raise ValueError(f"Unknown unit {unit!r}; use 'km' or 'mi'.")
    distance = as_distance(distance)
    if distance < 0:
        raise ValueError("Distance cannot be negative.")
    window = WEAR_WINDOWS[unit]
    ticked = {
        "tread_worn": tread_worn,
        "midsole_creases": midsole_creases,
        "flexes_easily": flexes_easily,
    }
    reasons = [WEAR_SIGNS[name] for name, is_ticked in ticked.items() if is_ticked]
    worn_out = any(ticked.values())
    so_far = f"{format_distance(distance)} {unit}"
    range_text = f"{window.soon_from}-{window.replace_from} {unit}"

    if distance >= window.replace_from:
        reasons.append(f"{so_far} is at or past the top of the {range_text} range.")
        worn_out = True
    elif distance >= window.soon_from:
        reasons.append(f"{so_far} is inside the {range_text} range.")
        if knee_pain:
            reasons.append(KNEE_PAIN_IN_WINDOW)
            worn_out = True
    else:
        reasons.append(f"{so_far} is below the {range_text} range.")
        if knee_pain:
            reasons.append(KNEE_PAIN_INSPECT)

    if worn_out:
        return ShoeVerdict("replace", Decimal(0), tuple(reasons))
    if distance >= window.soon_from:
        return ShoeVerdict("soon", Decimal(0), tuple(reasons))
    return ShoeVerdict("ok", window.soon_from - distance, tuple(reasons))

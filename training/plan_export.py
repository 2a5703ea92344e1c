"""A mileage plan as CSV for spreadsheets and as iCalendar for calendar apps.

The calendar follows RFC 5545: CRLF line endings, TEXT values escaped
(section 3.3.11) and lines folded at 75 octets (section 3.1).
"""

import csv
import io
from datetime import UTC, date, datetime, timedelta

from training.mileage import PlanWeek, format_distance

UNITS = ("km", "mi")
PRODID = "-//KneeCare//Training plan//EN"
FOLD_AT_OCTETS = 75


def plan_csv(*, plan: tuple[PlanWeek, ...], unit: str) -> str:
    """The plan as CSV: a ``week,distance,unit,recovery`` header, one row a week.

    ``recovery`` is ``yes`` or ``no``. Rows end in CRLF, as RFC 4180 asks.
    """
    _check_unit(unit)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["week", "distance", "unit", "recovery"])
    for week in plan:
        recovery = "yes" if week.is_recovery else "no"
        writer.writerow([week.week, format_distance(week.distance), unit, recovery])
    return out.getvalue()


def plan_ics(
    *,
    plan: tuple[PlanWeek, ...],
    unit: str,
    start: date,
    uid_domain: str = "kneecare.local",
    now: datetime,
) -> str:
    """The plan as an RFC 5545 calendar with one whole-week event per week.

    Week n is an all-day event from ``start`` + 7 × (n − 1) days that lasts
    seven days (DTEND is exclusive), because a weekly distance is a target
    for the whole week rather than for one day. UIDs are built from
    ``start`` and the week number, so exporting the same plan again updates
    the events in a calendar instead of duplicating them. DTSTAMP is ``now``
    in UTC; ``now`` must be timezone-aware.
    """
    _check_unit(unit)
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware, so DTSTAMP can be given in UTC.")
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for week in plan:
        first_day = start + timedelta(days=7 * (week.week - 1))
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(f'plan-{start:%Y%m%d}-week-{week.week}@{uid_domain}')}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{first_day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{first_day + timedelta(days=7):%Y%m%d}",
            f"SUMMARY:{escape_text(_summary(week, unit))}",
            f"DESCRIPTION:{escape_text(_description(week))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def _summary(week: PlanWeek, unit: str) -> str:
    summary = f"Week {week.week}: {format_distance(week.distance)} {unit}"
    return f"{summary} (recovery)" if week.is_recovery else summary


def _description(week: PlanWeek) -> str:
    if week.is_recovery:
        return (
            "A lighter week, so tendons and ligaments, which adapt more slowly than "
            "muscle, can catch up (coach Ian Sharman)."
        )
    return (
        "No more than 10 % above your highest week so far (coach Ian Sharman).\n"
        "On its own the 10 % rule did not prevent injuries in novices (Buist et al. 2008)."
    )


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545, section 3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character.

    Each continuation starts with a space, which counts toward its 75 octets.
    """
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > FOLD_AT_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += octets
    pieces.append(current)
    return "\r\n".join(pieces)


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise ValueError(f"Unknown unit {unit!r}; use 'km' or 'mi'.")

"""A mileage plan as CSV for spreadsheets and as iCalendar for calendar apps.

The calendar follows RFC 5545: CRLF line endings, TEXT values escaped
(section 3.3.11) and lines folded at 75 octets (section 3.1).
"""

import csv
import io
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from training.mileage import PlanWeek, format_distance
from training.race_plan import DatedWeek
from training.return_to_run import Phase, Session

Week = PlanWeek | DatedWeek

UNITS = ("km", "mi")
PRODID = "-//KneeCare//Training plan//EN"
FOLD_AT_OCTETS = 75


CSV_HEADER = (
    "week",
    "distance",
    "unit",
    "recovery",
    "week_starts",
    "phase",
    "longest_run",
    "race_day",
)


def plan_csv(*, plan: Sequence[Week], unit: str) -> str:
    """The plan as CSV: a header (:data:`CSV_HEADER`), then one row a week.

    ``recovery`` is ``yes`` or ``no``; dates are ISO 8601; ``week_starts``, ``phase``,
    ``longest_run`` and ``race_day`` are empty for an undated plan, and ``race_day`` is
    filled only in race week. Rows end in CRLF, as RFC 4180 asks.
    """
    _check_unit(unit)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for week in plan:
        recovery = "yes" if week.is_recovery else "no"
        row = [week.week, format_distance(week.distance), unit, recovery, "", "", "", ""]
        if isinstance(week, DatedWeek):
            race_day = week.race_day.isoformat() if week.race_day else ""
            longest = format_distance(week.longest_run)
            row[4:] = [week.starts.isoformat(), week.phase, longest, race_day]
        writer.writerow(row)
    return out.getvalue()


def plan_ics(
    *,
    plan: Sequence[Week],
    unit: str,
    start: date,
    uid_domain: str = "kneecare.local",
    now: datetime,
    race_date: date | None = None,
) -> str:
    """The plan as an RFC 5545 calendar with one whole-week event per week.

    With ``race_date``, race day is an all-day event of its own.

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
    if race_date is not None:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(f'plan-{start:%Y%m%d}-race@{uid_domain}')}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{race_date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{race_date + timedelta(days=1):%Y%m%d}",
            "SUMMARY:Race day",
            f"DESCRIPTION:{escape_text(RACE_DESCRIPTION)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)


RACE_DESCRIPTION = "Race day, at the end of a two-week taper. Good luck!"


def _summary(week: Week, unit: str) -> str:
    summary = f"Week {week.week}: {format_distance(week.distance)} {unit}"
    if isinstance(week, DatedWeek):
        summary += f", longest run {format_distance(week.longest_run)} {unit}"
        if week.phase in ("recovery", "taper"):
            summary += f" ({week.phase})"
        elif week.phase == "race":
            summary += " (race week)"
        return summary
    return f"{summary} (recovery)" if week.is_recovery else summary


def _description(week: Week) -> str:
    if isinstance(week, DatedWeek) and week.phase in ("taper", "race"):
        return (
            "Taper: cut the distance, keep some of your usual pace in it. A two-week "
            "taper cutting volume by about 40-60 % worked best (Bosquet et al. 2007).\n"
            "Keep your longest run within 10 % of the longest of the last 30 days "
            "(Frandsen et al. 2025)."
        )
    if isinstance(week, DatedWeek):
        return (
            "No more than 10 % above your highest week so far (coach Ian Sharman), and a "
            "longest run within 10 % of your longest of the last 30 days (Frandsen et al. "
            "2025).\nOn its own the 10 % rule did not prevent injuries in novices (Buist et "
            "al. 2008)."
        )
    if week.is_recovery:
        return (
            "A lighter week, so tendons and ligaments, which adapt more slowly than "
            "muscle, can catch up (coach Ian Sharman)."
        )
    return (
        "No more than 10 % above your highest week so far (coach Ian Sharman).\n"
        "On its own the 10 % rule did not prevent injuries in novices (Buist et al. 2008)."
    )


def return_to_run_ics(
    *,
    sessions: Sequence[Session],
    unit: str,
    uid_domain: str = "kneecare.local",
    now: datetime,
) -> str:
    """The walk-run schedule as an RFC 5545 calendar: one all-day event a session.

    UIDs are built from the first session's date and the session number, so exporting the
    same schedule again updates the events instead of duplicating them.
    """
    _check_unit(unit)
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware, so DTSTAMP can be given in UTC.")
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    first = sessions[0].day if sessions else None
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    for session in sessions:
        phase = session.phase
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(f'return-{first:%Y%m%d}-session-{session.number}@{uid_domain}')}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{session.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{session.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(f'Walk-run phase {phase.number}: {walk_run(phase)}')}",
            f"DESCRIPTION:{escape_text(_session_description(session, unit))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def walk_run(phase: Phase) -> str:
    """``walk 2 min, run 3 min`` or ``run throughout``."""
    if phase.run_minutes is None or phase.walk_minutes == 0:
        return "run throughout"
    return f"walk {phase.walk_minutes} min, run {phase.run_minutes} min"


def _session_description(session: Session, unit: str) -> str:
    phase = session.phase
    return (
        f"Session {session.repeat} of phase {phase.number}: {walk_run(phase)}, "
        f"{format_distance(phase.distance)} {unit} in all, effort {phase.effort}/10, flat ground.\n"
        "Pain during the run at most 5/10 and settled by the next morning; otherwise step "
        "back a phase (Silbernagel et al. 2007). Programme: Trials 2023, "
        "doi:10.1186/s13063-023-07502-x."
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

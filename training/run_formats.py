"""Read one run from the bytes of a GPX, TCX or FIT file, in memory.

Every reader returns the runs in the file (a TCX may hold several) or raises
:class:`NotARun` with a message a runner can act on. XML goes through defusedxml first
with DTDs forbidden, so a file with entities (billion laughs) or external references
(XXE) is refused before any other parser sees it. Nothing here keeps coordinates: only
the start time, distance, moving time and average cadence leave a reader.

Cadence: GPX (Garmin's TrackPointExtension), TCX (``RunCadence``) and FIT all store
running cadence as strides a minute, one foot's landings, so steps a minute are twice it.
"""

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import Element  # noqa: S405 - only the type; parsing is defused

import defusedxml.ElementTree as safe_xml
import fitdecode
import gpxpy
from defusedxml import DefusedXmlException

RUN_SPORTS = {"running", "run", "trail_running", "trail running", "treadmill", "9"}
# Faster than this on average is not a run on foot (25 km/h): a ride or a drive.
FASTEST_RUN_M_PER_S = 7.0
TCX = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


class NotARun(Exception):
    """The file holds no run we can count; the message says why, in the runner's words."""


@dataclass(frozen=True)
class Run:
    started: datetime  # timezone-aware, UTC
    metres: float
    seconds: float | None
    steps_per_minute: int | None


def read_run_file(data: bytes) -> tuple[Run, ...]:
    """The runs in one file, by what its bytes are rather than what its name says."""
    if len(data) >= 12 and data[8:12] == b".FIT":
        return read_fit(data)
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        raise NotARun("isn't a GPX, TCX or FIT file.")
    root = _safe_root(data)
    tag = root.tag.rsplit("}", 1)[-1]
    if tag == "gpx":
        return read_gpx(data)
    if tag == "TrainingCenterDatabase":
        return read_tcx(root)
    raise NotARun("is XML, but not GPX or TCX.")


def _safe_root(data: bytes) -> Element:
    try:
        root: Element = safe_xml.fromstring(data, forbid_dtd=True)
        return root
    except DefusedXmlException as error:
        raise NotARun("declares XML entities or a DTD, which we never read.") from error
    except safe_xml.ParseError as error:
        raise NotARun("is damaged: its XML doesn't parse.") from error


def read_gpx(data: bytes) -> tuple[Run, ...]:
    """A GPX track with times (gpxpy), after the defused check in :func:`read_run_file`."""
    try:
        gpx = gpxpy.parse(data.decode("utf-8"))
    except (UnicodeDecodeError, gpxpy.gpx.GPXException) as error:
        raise NotARun("is damaged: gpxpy can't read it.") from error
    runs = []
    for track in gpx.tracks:
        if track.type and track.type.strip().lower() not in RUN_SPORTS:
            raise NotARun(f"is not a run (its type is {track.type.strip()[:30]!r}).")
        bounds = track.get_time_bounds()
        if bounds.start_time is None or bounds.end_time is None:
            raise NotARun("has no times, so we can't tell which week it belongs to.")
        cadences = [
            float(child.text)
            for segment in track.segments
            for point in segment.points
            for extension in point.extensions
            for child in extension.iter()
            if child.tag.rsplit("}", 1)[-1] == "cad" and _positive(child.text)
        ]
        runs.append(
            _checked(
                started=bounds.start_time,
                metres=track.length_2d(),
                seconds=track.get_moving_data().moving_time or None,
                strides=sum(cadences) / len(cadences) if cadences else None,
            )
        )
    if not runs:
        raise NotARun("has no track in it.")
    return tuple(runs)


def read_tcx(root: Element) -> tuple[Run, ...]:
    """Each running Activity of a TCX file: its laps' distances and times added up."""
    runs = []
    for activity in root.iter(f"{TCX}Activity"):
        sport = activity.get("Sport", "")
        if sport.lower() not in RUN_SPORTS:
            raise NotARun(f"is not a run (its sport is {sport[:30]!r}).")
        laps = activity.findall(f"{TCX}Lap")
        if not laps:
            raise NotARun("has an activity with no laps.")
        try:
            started = datetime.fromisoformat(laps[0].get("StartTime", ""))
            metres = sum(float(lap.findtext(f"{TCX}DistanceMeters", "0")) for lap in laps)
            seconds = sum(float(lap.findtext(f"{TCX}TotalTimeSeconds", "0")) for lap in laps)
        except ValueError as error:
            raise NotARun("is damaged: a lap has no readable start, distance or time.") from error
        cadences = [
            float(element.text or "")
            for element in activity.iter()
            if element.tag.rsplit("}", 1)[-1] == "RunCadence" and _positive(element.text)
        ]
        strides = sum(cadences) / len(cadences) if cadences else None
        runs.append(_checked(started=started, metres=metres, seconds=seconds, strides=strides))
    if not runs:
        raise NotARun("has no activity in it.")
    return tuple(runs)


def read_fit(data: bytes) -> tuple[Run, ...]:
    """The session summaries of a FIT activity (fitdecode, checksums checked)."""
    sessions = []
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                    sessions.append(frame)
    except (fitdecode.FitError, EOFError, ValueError, KeyError, IndexError) as error:
        raise NotARun("is damaged: fitdecode can't read it.") from error
    if not sessions:
        raise NotARun("has no session summary, so it holds no finished activity.")
    runs = []
    for session in sessions:
        sport = str(_field(session, "sport") or "")
        if sport not in RUN_SPORTS:
            raise NotARun(f"is not a run (its sport is {sport[:30]!r}).")
        started = _field(session, "start_time")
        metres = _field(session, "total_distance")
        if not isinstance(started, datetime) or metres is None:
            raise NotARun("has a session without a start time or distance.")
        strides = _field(session, "avg_running_cadence") or _field(session, "avg_cadence")
        if strides is not None:
            strides = float(strides) + float(_field(session, "avg_fractional_cadence") or 0)
        seconds = _field(session, "total_timer_time")
        runs.append(
            _checked(
                started=started,
                metres=float(metres),
                seconds=float(seconds) if seconds is not None else None,
                strides=strides,
            )
        )
    return tuple(runs)


def _field(message: fitdecode.FitDataMessage, name: str) -> Any:
    return message.get_value(name, fallback=None)


def _positive(text: str | None) -> bool:
    try:
        return float(text or "") > 0
    except ValueError:
        return False


def _checked(
    *, started: datetime, metres: float, seconds: float | None, strides: float | None
) -> Run:
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    if not metres > 0:
        raise NotARun("has no distance in it.")
    if seconds and metres / seconds > FASTEST_RUN_M_PER_S:
        raise NotARun("is faster than anyone runs: a ride or a drive, not a run.")
    return Run(
        started=started.astimezone(UTC),
        metres=metres,
        seconds=seconds,
        steps_per_minute=round(2 * strides) if strides else None,
    )

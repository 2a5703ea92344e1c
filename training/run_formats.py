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
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NoReturn
from xml.etree import ElementTree as plain_xml  # noqa: S405 - only after the DTD check
from xml.etree.ElementTree import Element  # noqa: S405
from xml.parsers import expat

import fitdecode
from defusedxml import DefusedXmlException, DTDForbidden
from gpxpy.geo import distance as gpx_distance

from training.fit_sessions import DamagedFit, session_messages

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
        return read_gpx(root)
    if tag == "TrainingCenterDatabase":
        return read_tcx(root)
    raise NotARun("is XML, but not GPX or TCX.")


def _safe_root(data: bytes) -> Element:
    """The XML tree of ``data``, refused if it has a DTD (so no entity can be declared).

    This is defusedxml's ``forbid_dtd`` rule, applied with expat's own C callbacks before
    the C ElementTree parser builds the tree: defusedxml's ElementTree parser makes a
    Python call for every element, which took 0.1 s for an hour's GPX file. With no
    DOCTYPE, nothing can expand (billion laughs) or load an outside file (XXE).
    """
    guard = expat.ParserCreate()
    guard.StartDoctypeDeclHandler = _refuse_dtd
    guard.EntityDeclHandler = _refuse_dtd
    guard.ExternalEntityRefHandler = _refuse_dtd
    try:
        guard.Parse(data, True)
        root: Element = plain_xml.fromstring(data)  # noqa: S314 - checked above
    except DefusedXmlException as error:
        raise NotARun("declares XML entities or a DTD, which we never read.") from error
    except (expat.ExpatError, plain_xml.ParseError) as error:
        raise NotARun("is damaged: its XML doesn't parse.") from error
    return root


def _refuse_dtd(*args: object) -> NoReturn:
    raise DTDForbidden(None, None, None)


def read_gpx(root: Element) -> tuple[Run, ...]:
    """Each track of a GPX file (1.0 or 1.1), from the tree defusedxml parsed.

    Distances between points are gpxpy's (``gpxpy.geo.distance``, as its ``length_2d``);
    the tree is walked here rather than rebuilt as gpxpy objects, which took four times
    as long and made a 90-day export too slow to read while the runner waits.
    """
    namespace = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    runs = []
    for track in root.iter(f"{namespace}trk"):
        kind = (track.findtext(f"{namespace}type") or "").strip()
        if kind and kind.lower() not in RUN_SPORTS:
            raise NotARun(f"is not a run (its type is {kind[:30]!r}).")
        metres, times, cadences = 0.0, [], []
        for segment in track.iter(f"{namespace}trkseg"):
            previous = None
            for point in segment.iter(f"{namespace}trkpt"):
                try:
                    here = (float(point.get("lat", "")), float(point.get("lon", "")))
                except ValueError as error:
                    raise NotARun("is damaged: a track point has no position.") from error
                if previous is not None:
                    metres += gpx_distance(previous[0], previous[1], None, here[0], here[1], None)
                previous = here
                stamp = point.findtext(f"{namespace}time")
                if stamp:
                    times.append(stamp)
                for element in point.iter():
                    if element.tag.endswith("}cad") and _positive(element.text):
                        cadences.append(float(element.text or ""))
        if len(times) < 2:
            raise NotARun("has no times, so we can't tell which week it belongs to.")
        try:
            started, ended = (_utc(datetime.fromisoformat(times[n])) for n in (0, -1))
        except ValueError as error:
            raise NotARun("is damaged: a time in it can't be read.") from error
        runs.append(
            _checked(
                started=started,
                metres=metres,
                seconds=(ended - started).total_seconds() or None,
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
            for extensions in activity.iter(f"{TCX}Extensions")
            for element in extensions.iter()
            if element.tag.endswith("RunCadence") and _positive(element.text)
        ]
        strides = sum(cadences) / len(cadences) if cadences else None
        runs.append(_checked(started=started, metres=metres, seconds=seconds, strides=strides))
    if not runs:
        raise NotARun("has no activity in it.")
    return tuple(runs)


def read_fit(data: bytes) -> tuple[Run, ...]:
    """The session summaries of a FIT activity, decoded by fitdecode from the session
    messages alone (:mod:`training.fit_sessions`)."""
    sessions = []
    try:
        summaries = session_messages(data)
    except (DamagedFit, IndexError) as error:
        raise NotARun("is damaged: its FIT structure doesn't hold together.") from error
    try:
        with fitdecode.FitReader(
            io.BytesIO(summaries),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                    sessions.append(frame)
    except Exception as error:  # noqa: BLE001 - a hostile file may trip any decoding step
        # fitdecode raises FitError for what it recognises as damage, but odd field sizes
        # reach plain TypeError or IndexError inside it: either way the file is damaged.
        raise NotARun("is damaged: fitdecode can't read it.") from error
    if not sessions:
        raise NotARun("has no session summary, so it holds no finished activity.")
    runs = []
    for session in sessions:
        sport = str(_field(session, "sport") or "")
        if sport not in RUN_SPORTS:
            raise NotARun(f"is not a run (its sport is {sport[:30]!r}).")
        started = _field(session, "start_time")
        metres = _number(session, "total_distance")
        if not isinstance(started, datetime) or metres is None:
            raise NotARun("has a session without a start time or distance.")
        strides = _number(session, "avg_running_cadence") or _number(session, "avg_cadence")
        if strides is not None:
            strides += _number(session, "avg_fractional_cadence") or 0
        seconds = _number(session, "total_timer_time")
        runs.append(_checked(started=started, metres=metres, seconds=seconds, strides=strides))
    return tuple(runs)


def _field(message: fitdecode.FitDataMessage, name: str) -> Any:
    return message.get_value(name, fallback=None)


def _number(message: fitdecode.FitDataMessage, name: str) -> float | None:
    """A field's value when it is one finite number; a damaged field can be a tuple."""
    value = _field(message, name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _utc(moment: datetime) -> datetime:
    """A time as UTC; one without a zone is taken as UTC, as GPX says times are."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _positive(text: str | None) -> bool:
    try:
        return float(text or "") > 0
    except ValueError:
        return False


def _checked(
    *, started: datetime, metres: float, seconds: float | None, strides: float | None
) -> Run:
    started = _utc(started)
    if not metres > 0:
        raise NotARun("has no distance in it.")
    if seconds and metres / seconds > FASTEST_RUN_M_PER_S:
        raise NotARun("is faster than anyone runs: a ride or a drive, not a run.")
    return Run(
        started=started,
        metres=metres,
        seconds=seconds,
        steps_per_minute=round(2 * strides) if strides else None,
    )

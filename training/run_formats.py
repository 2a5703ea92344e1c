"""Read one run from the bytes of a GPX, TCX or FIT file, in memory.

Every reader returns the runs in the file (a TCX may hold several) or raises
:class:`NotARun` with a message a runner can act on. XML is read by expat with
defusedxml's rule that DTDs are forbidden, so a file with entities (billion laughs) or
external references (XXE) is refused before any of it is read. Nothing here keeps
coordinates: only the start time, distance, moving time and average cadence leave a
reader.

Cadence: GPX (Garmin's TrackPointExtension), TCX (``RunCadence``) and FIT all store
running cadence as strides a minute, one foot's landings, so steps a minute are twice it.
"""

import io
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NoReturn
from xml.parsers import expat

import fitdecode
from defusedxml import DefusedXmlException, DTDForbidden
from gpxpy.geo import distance as gpx_distance

from training.fit_sessions import DamagedFit, session_messages

RUN_SPORTS = {"running", "run", "trail_running", "trail running", "treadmill", "9"}
# Faster than this on average is not a run on foot (25 km/h): a ride or a drive.
FASTEST_RUN_M_PER_S = 7.0
# Element names as expat gives them with namespaces on: "namespace}name".
TCX = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


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
    return read_xml(data)


def read_xml(data: bytes) -> tuple[Run, ...]:
    """The runs of a GPX or TCX file, read in one streaming pass of expat.

    A DTD is refused as soon as expat meets it, which is always before the first element:
    defusedxml's ``forbid_dtd`` rule, with its handlers. With no DOCTYPE nothing can
    expand (billion laughs) or load an outside file (XXE). No tree is built: a reader
    keeps only the few values a run needs as the elements go past, so the bytes are
    decoded once and a large file takes no more memory than a small one. (An ElementTree
    built after a separate pass for the DTD check took half as long again.)
    """
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_dtd
    readers: list[_StartTagReader] = []

    def root(name: str, attributes: dict[str, str]) -> None:
        namespace, _, tag = name.rpartition("}")
        if tag == "gpx":
            readers.append(_GpxReader(parser, f"{namespace}}}" if namespace else ""))
        elif name == f"{TCX}TrainingCenterDatabase":
            readers.append(_TcxReader(parser))
        else:
            raise NotARun("is XML, but not GPX or TCX.")

    parser.StartElementHandler = root
    try:
        parser.Parse(data, True)
    except DefusedXmlException as error:
        raise NotARun("declares XML entities or a DTD, which we never read.") from error
    except expat.ExpatError as error:
        raise NotARun("is damaged: its XML doesn't parse.") from error
    return readers[0].runs()


def _refuse_dtd(*args: object) -> NoReturn:
    raise DTDForbidden(None, None, None)


class _StartTagReader:
    """Reads a run file from its start tags alone, in the order the formats' schemas set.

    A watch writes several elements a second, and each event expat hands to Python costs
    time, so a reader listens to start tags only (half the events) and follows where it
    is from the elements' order: a GPX track's ``type`` comes before its first segment,
    a TCX lap's totals before its track. A track or activity ends where the next one
    starts, or with the document. The text of an element a reader wants is collected
    from its start tag to the next start tag (the closing tags and the white space
    between them add nothing but spaces, which are stripped), then handed to
    :meth:`collected`. In a file that breaks the schema's order this can misread a
    value, which then fails its own checks like any other damage; it never reads beyond
    the file.
    """

    nothing_found = "has no run in it."

    def __init__(self, parser: expat.XMLParserType) -> None:
        self.parser = parser
        self.collecting: str | None = None
        self.text: list[str] = []
        self.found: list[Run] = []
        parser.StartElementHandler = self.start

    def start(self, name: str, attributes: dict[str, str]) -> None:
        raise NotImplementedError

    def collect(self, name: str) -> None:
        self.collecting = name
        self.text = []
        self.parser.CharacterDataHandler = self.text.append

    def flush(self) -> None:
        """Hand on the text collected so far; every ``start`` calls this first."""
        name, self.collecting = self.collecting, None
        self.parser.CharacterDataHandler = None
        if name is not None:
            self.collected(name, "".join(self.text).strip())

    def collected(self, name: str, text: str) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """The track or activity being read ends: take its run."""
        raise NotImplementedError

    def runs(self) -> tuple[Run, ...]:
        self.flush()
        self.close()
        if not self.found:
            raise NotARun(self.nothing_found)
        return tuple(self.found)


class _GpxReader(_StartTagReader):
    """Each track of a GPX file (1.0 or 1.1): its points' distances added up, its first
    and last times, and the average of any cadence its points carry (an extension's
    ``cad``). Distances between points are gpxpy's (``gpxpy.geo.distance``, as its
    ``length_2d``); building gpxpy's own objects took four times as long."""

    nothing_found = "has no track in it."

    def __init__(self, parser: expat.XMLParserType, namespace: str) -> None:
        super().__init__(parser)
        self.trk, self.trkseg, self.trkpt, self.type, self.time = (
            f"{namespace}{tag}" for tag in ("trk", "trkseg", "trkpt", "type", "time")
        )
        self.in_track = False
        self.in_segment = False  # from a track's first segment to its end
        self.previous: tuple[float, float] | None = None
        self._new_track()

    def _new_track(self) -> None:
        self.metres = 0.0
        self.first_time: str | None = None
        self.last_time: str | None = None
        self.strides: list[float] = []

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if self.collecting is not None:
            self.flush()
        if self.in_segment:
            if name == self.trkpt:
                try:
                    here = (float(attributes.get("lat", "")), float(attributes.get("lon", "")))
                except ValueError as error:
                    raise NotARun("is damaged: a track point has no position.") from error
                if self.previous is not None:
                    self.metres += gpx_distance(*self.previous, None, *here, None)
                self.previous = here
            elif name == self.time or name.endswith("}cad"):
                self.collect(name)
            elif name == self.trkseg:
                self.previous = None
            elif name == self.trk:
                self.close()
                self.in_track = True
        elif name == self.trkseg and self.in_track:
            self.in_segment = True
            self.previous = None
        elif name == self.trk:
            self.in_track = True
        elif name == self.type and self.in_track:
            self.collect(name)

    def collected(self, name: str, text: str) -> None:
        if name == self.time:
            if text and self.first_time is None:
                self.first_time = text
            elif text:
                self.last_time = text
        elif name == self.type:
            if text and text.lower() not in RUN_SPORTS:
                raise NotARun(f"is not a run (its type is {text[:30]!r}).")
        elif _positive(text):
            self.strides.append(float(text))

    def close(self) -> None:
        if not self.in_track:
            return
        self.in_track = self.in_segment = False
        if self.first_time is None or self.last_time is None:
            raise NotARun("has no times, so we can't tell which week it belongs to.")
        try:
            started, ended = (
                _utc(datetime.fromisoformat(stamp)) for stamp in (self.first_time, self.last_time)
            )
        except ValueError as error:
            raise NotARun("is damaged: a time in it can't be read.") from error
        self.found.append(
            _checked(
                started=started,
                metres=self.metres,
                seconds=(ended - started).total_seconds() or None,
                strides=_average(self.strides),
            )
        )
        self._new_track()


class _TcxReader(_StartTagReader):
    """Each running Activity of a TCX file: its laps' distances and times added up, and
    the average of its track points' ``RunCadence`` (or, when no point has one, of its
    laps' ``AvgRunCadence``)."""

    nothing_found = "has no activity in it."
    ACTIVITY, LAP, TRACK = f"{TCX}Activity", f"{TCX}Lap", f"{TCX}Track"
    LAP_TOTALS = (f"{TCX}DistanceMeters", f"{TCX}TotalTimeSeconds")
    # What follows the activities in a TCX file; a course has laps of its own.
    AFTER_ACTIVITIES = frozenset({f"{TCX}Workouts", f"{TCX}Courses", f"{TCX}Author"})
    WATCHED = frozenset({ACTIVITY, LAP, TRACK, *LAP_TOTALS, *AFTER_ACTIVITIES})
    DAMAGED_LAP = "is damaged: a lap has no readable start, distance or time."

    def __init__(self, parser: expat.XMLParserType) -> None:
        super().__init__(parser)
        self.in_activity = False
        self.in_lap_totals = False  # from a lap's start to its track
        self._new_activity()

    def _new_activity(self) -> None:
        self.started: datetime | None = None
        self.laps = 0
        self.totals = dict.fromkeys(self.LAP_TOTALS, 0.0)
        self.strides: list[float] = []
        self.lap_strides: list[float] = []

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if self.collecting is not None:
            self.flush()
        # Most elements are a track point's: two quick checks pass them by.
        if name in self.WATCHED or name.endswith("RunCadence"):
            self._watched(name, attributes)

    def _watched(self, name: str, attributes: dict[str, str]) -> None:
        if name == self.ACTIVITY:
            self.close()
            sport = attributes.get("Sport", "")
            if sport.lower() not in RUN_SPORTS:
                raise NotARun(f"is not a run (its sport is {sport[:30]!r}).")
            self.in_activity = True
        elif not self.in_activity:
            return
        elif name in self.totals:
            if self.in_lap_totals:
                self.collect(name)
        elif name == self.TRACK:
            self.in_lap_totals = False
        elif name == self.LAP:
            self.laps += 1
            self.in_lap_totals = True
            if self.started is None:
                try:
                    self.started = datetime.fromisoformat(attributes.get("StartTime", ""))
                except ValueError as error:
                    raise NotARun(self.DAMAGED_LAP) from error
        elif name in self.AFTER_ACTIVITIES:
            self.close()
        elif name.endswith(("}RunCadence", "}AvgRunCadence")):
            self.collect(name)

    def collected(self, name: str, text: str) -> None:
        if name in self.totals:
            try:
                self.totals[name] += float(text)
            except ValueError as error:
                raise NotARun(self.DAMAGED_LAP) from error
        elif _positive(text):
            strides = self.lap_strides if name.endswith("}AvgRunCadence") else self.strides
            strides.append(float(text))

    def close(self) -> None:
        if not self.in_activity:
            return
        self.in_activity = self.in_lap_totals = False
        if not self.laps or self.started is None:
            raise NotARun("has an activity with no laps.")
        metres, seconds = self.totals.values()
        self.found.append(
            _checked(
                started=self.started,
                metres=metres,
                seconds=seconds,
                strides=_average(self.strides or self.lap_strides),
            )
        )
        self._new_activity()


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


def _average(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


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

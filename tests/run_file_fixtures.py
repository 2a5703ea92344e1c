"""Small real-format run files built by the tests: GPX (written by gpxpy), TCX (by hand),
FIT (bytes laid out as the FIT protocol says, with its CRC), zips, and hostile files.

Tracks run due north from a made-up point in the sea, so no real place is in them.
"""

import gzip
import io
import struct
import zipfile
from datetime import UTC, datetime, timedelta

import gpxpy.gpx

METRES_PER_DEGREE = 111_195  # of latitude, on the sphere gpxpy measures with
START = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)


def gpx_run(*, start=START, km=5.0, minutes=30, cadence=None, kind="running", points=31):
    gpx = gpxpy.gpx.GPX()
    gpx.nsmap["gpxtpx"] = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
    track = gpxpy.gpx.GPXTrack()
    track.type = kind
    gpx.tracks.append(track)
    segment = gpxpy.gpx.GPXTrackSegment()
    track.segments.append(segment)
    for n in range(points):
        share = n / (points - 1)
        point = gpxpy.gpx.GPXTrackPoint(
            latitude=-40.0 + share * km * 1000 / METRES_PER_DEGREE,
            longitude=-30.0,
            time=start + timedelta(minutes=minutes * share),
        )
        if cadence:
            point.extensions.append(_cadence_extension(cadence))
        segment.points.append(point)
    return gpx.to_xml().encode()


def _cadence_extension(cadence):
    from xml.etree import ElementTree

    namespace = "{http://www.garmin.com/xmlschemas/TrackPointExtension/v1}"
    extension = ElementTree.Element(f"{namespace}TrackPointExtension")
    ElementTree.SubElement(extension, f"{namespace}cad").text = str(cadence // 2)
    return extension


def tcx_run(*, start=START, km=5.0, minutes=30, cadence=None, sport="Running", every=300):
    """A TCX run with a track point every ``every`` seconds (a watch writes one a second)."""
    points = minutes * 60 // every
    extension = (
        f"<Extensions><TPX><RunCadence>{cadence // 2}</RunCadence></TPX></Extensions>"
        if cadence
        else ""
    )
    track = "".join(
        f"<Trackpoint><Time>{(start + timedelta(seconds=n * every)).isoformat()}</Time>"
        f"<Position><LatitudeDegrees>{-40 + n / points * km * 1000 / METRES_PER_DEGREE:.7f}"
        "</LatitudeDegrees><LongitudeDegrees>-30.0000000</LongitudeDegrees></Position>"
        f"<AltitudeMeters>12.4</AltitudeMeters><DistanceMeters>{n / points * km * 1000:.1f}"
        "</DistanceMeters><HeartRateBpm><Value>150</Value></HeartRateBpm>"
        f"{extension}</Trackpoint>"
        for n in range(points)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>{start.isoformat()}</Id>'
        f'<Lap StartTime="{start.isoformat()}"><TotalTimeSeconds>{minutes * 60}</TotalTimeSeconds>'
        f"<DistanceMeters>{km * 1000:.1f}</DistanceMeters><Track>{track}</Track></Lap>"
        "</Activity></Activities></TrainingCenterDatabase>"
    ).encode()


# FIT base types and the messages we write: (field number, base type, struct format).
ENUM, UINT8, UINT16, UINT32 = 0x00, 0x02, 0x84, 0x86
FILE_ID = (0, [(0, ENUM, "B"), (4, UINT32, "I")])  # type, time_created
SESSION = (
    18,
    [
        (253, UINT32, "I"),
        (2, UINT32, "I"),
        (5, ENUM, "B"),
        (7, UINT32, "I"),
        (8, UINT32, "I"),
        (9, UINT32, "I"),
        (18, UINT8, "B"),
    ],
)  # timestamp, start_time, sport, total_elapsed_time, total_timer_time, total_distance, avg_cadence
SINT32 = 0x85
# timestamp, position_lat, position_long, distance, speed, heart_rate, cadence, altitude:
# what a watch writes every second.
RECORD = (
    20,
    [(253, UINT32, "I"), (0, SINT32, "i"), (1, SINT32, "i"), (5, UINT32, "I"),
     (6, UINT16, "H"), (3, UINT8, "B"), (4, UINT8, "B"), (2, UINT16, "H")],
)  # fmt: skip
SEMICIRCLES_PER_DEGREE = 2**31 / 180


def fit_run(*, start=START, km=5.0, minutes=30, cadence=None, sport=1, session=True, records=10):
    stamp = int((start - FIT_EPOCH).total_seconds())
    end = stamp + minutes * 60
    body = _definition(0, FILE_ID) + _data(0, FILE_ID, [4, stamp])
    body += _definition(1, RECORD)
    for n in range(records):
        share = n / records
        latitude = -40.0 + share * km * 1000 / METRES_PER_DEGREE
        body += _data(
            1,
            RECORD,
            [
                stamp + n * minutes * 60 // records,
                int(latitude * SEMICIRCLES_PER_DEGREE),
                int(-30.0 * SEMICIRCLES_PER_DEGREE),
                int(km * 100_000 * share),
                3000,
                150,
                (cadence or 170) // 2,
                2500,
            ],
        )
    if session:
        body += _definition(2, SESSION)
        strides = cadence // 2 if cadence else 0xFF  # 0xFF: invalid, no cadence
        body += _data(
            2,
            SESSION,
            [end, stamp, sport, minutes * 60_000, minutes * 60_000, int(km * 100_000), strides],
        )
    return fit_file(body)


def fit_file(body):
    """FIT bytes around ``body``: the 14-byte header and the CRCs the protocol asks for."""
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT")
    header += struct.pack("<H", fit_crc(header))
    return header + body + struct.pack("<H", fit_crc(header + body))


def _definition(local, message):
    number, fields = message
    out = struct.pack("<BBBHB", 0x40 | local, 0, 0, number, len(fields))
    for field, base, fmt in fields:
        out += struct.pack("<BBB", field, struct.calcsize(fmt), base)
    return out


def _data(local, message, values):
    _, fields = message
    return struct.pack("<B", local) + struct.pack("<" + "".join(f for _, _, f in fields), *values)


CRC_TABLE = [
    0x0000,
    0xCC01,
    0xD801,
    0x1400,
    0xF001,
    0x3C00,
    0x2800,
    0xE401,
    0xA001,
    0x6C00,
    0x7800,
    0xB401,
    0x5000,
    0x9C01,
    0x8801,
    0x4400,
]


def fit_crc(data, crc=0):
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            tmp = CRC_TABLE[crc & 0xF]
            crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ CRC_TABLE[nibble]
    return crc


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'.encode()
        for n in range(1, 10)
    )
    + b']>\n<gpx version="1.1" creator="x">&lol9;</gpx>'
)
XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    b'<gpx version="1.1" creator="x"><trk><name>&secret;</name></trk></gpx>'
)


def zipped(members):
    """A zip of ``{name: bytes}``, deflated like the exports."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb(megabytes=100):
    """A zip whose one GPX member unpacks from about 100 KB to ``megabytes`` of zeros."""
    return zipped({"activities/bomb.gpx": b"\0" * (megabytes * 1024 * 1024)})


def gzipped(data):
    return gzip.compress(data, mtime=0)


def ninety_day_export(runs=60, *, end=START):
    """An export zip like Strava's: GPX, gzipped FIT and gzipped TCX runs over 90 days, a
    point every second as watches record them, with cadence; 5 to 11 km at 6 minutes a km."""
    members = {}
    for n in range(runs):
        start = end - timedelta(days=90 * n / runs, hours=n % 5)
        km = 5 + (n % 7)
        if n % 3 == 0:
            members[f"activities/{n}.gpx"] = gpx_run(
                start=start, km=km, minutes=km * 6, cadence=166, points=km * 60 * 6
            )
        elif n % 3 == 1:
            members[f"activities/{n}.fit.gz"] = gzipped(
                fit_run(start=start, km=km, minutes=km * 6, cadence=170, records=km * 60 * 6)
            )
        else:
            members[f"activities/{n}.tcx.gz"] = gzipped(
                tcx_run(start=start, km=km, minutes=km * 6, cadence=164, every=1)
            )
    members["profile.csv"] = b"not,a,run\n"
    return zipped(members)


def garmin_export(runs=60, *, end=START):
    """An export zip like Garmin's: one FIT file a run over 90 days, a record a second."""
    members = {}
    for n in range(runs):
        start = end - timedelta(days=90 * n / runs, hours=n % 5)
        km = 5 + (n % 7)
        members[f"DI_CONNECT/DI-Connect-Uploaded-Files/{n}.fit"] = fit_run(
            start=start, km=km, minutes=km * 6, cadence=170, records=km * 60 * 6
        )
    return zipped(members)

"""The run-file readers, on small real-format files the tests build (tests/run_file_fixtures.py)."""

import logging
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.run_file_fixtures import (
    BILLION_LAUGHS,
    START,
    XXE,
    fit_file,
    fit_run,
    gpx_run,
    gzipped,
    tcx_run,
    zip_bomb,
    zipped,
)
from training import run_files
from training.run_files import Upload, read_uploads, short_name
from training.run_formats import NotARun, read_run_file


def one(name, data):
    return read_uploads([Upload(name, data)])


class TestFormats:
    @pytest.mark.parametrize("make", [gpx_run, tcx_run, fit_run])
    def test_it_reads_start_distance_time_and_cadence(self, make):
        (run,) = read_run_file(make(km=8.0, minutes=48, cadence=168))

        assert run.started == START
        assert run.metres == pytest.approx(8000, rel=0.01)
        assert run.seconds == pytest.approx(48 * 60, rel=0.01)
        assert run.steps_per_minute == 168

    @pytest.mark.parametrize("make", [gpx_run, tcx_run, fit_run])
    def test_it_leaves_cadence_empty_when_the_file_has_none(self, make):
        assert read_run_file(make())[0].steps_per_minute is None

    def test_it_reads_a_gzipped_file_like_the_exports_hold(self):
        result = one("1.fit.gz", gzipped(fit_run(km=10)))

        assert result.problems == () and result.runs[0].run.metres == pytest.approx(10_000)

    @pytest.mark.parametrize(
        "data, message",
        [
            (gpx_run(kind="cycling"), "not a run"),
            (tcx_run(sport="Biking"), "not a run"),
            (fit_run(sport=2), "not a run"),
            (gpx_run(km=40, minutes=60), "ride or a drive"),
            (fit_run(session=False), "no session"),
            (fit_run()[:-9], "damaged"),
            (fit_file(b"\x05\x00\x00\x00\x00"), "damaged"),  # a message with no definition
            (fit_file(b"\x40\x00\x00\x12\x00\x09\x02"), "damaged"),  # a cut-off definition
            (b"<gpx><trk>", "damaged"),
            (b"PK\x03\x04 not really a zip", "damaged zip"),
            (b"\x89PNG\r\n\x1a\n", "isn't a GPX, TCX or FIT"),
            (b"<html><body>hi</body></html>", "not GPX or TCX"),
            (gzipped(b"")[:-4], "damaged gzip"),
        ],
    )
    def test_it_names_what_is_wrong_with_a_bad_file(self, data, message):
        result = one("bad.file", data)

        assert result.runs == ()
        assert result.problems[0].file == "bad.file"
        assert message in result.problems[0].message


class TestHostileFiles:
    @pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE])
    def test_it_refuses_xml_entities_before_any_parser_expands_them(self, data):
        with pytest.raises(NotARun, match="entities"):
            read_run_file(data)

    def test_it_refuses_a_zip_bomb_without_unpacking_it(self):
        result = one("export.zip", zip_bomb())

        assert result.runs == ()
        assert result.problems[0].file == "export.zip: activities/bomb.gpx"
        assert "too large" in result.problems[0].message

    def test_it_stops_at_the_size_limit_even_when_the_header_lies(self, monkeypatch):
        monkeypatch.setattr(run_files, "MAX_FILE_BYTES", 1000)
        monkeypatch.setattr(run_files, "MAX_PACKING_RATIO", 10**9)

        result = one("big.gpx.gz", gzipped(gpx_run()))
        zipped_result = one("e.zip", zipped({"a.gpx": gpx_run()}))

        assert "too large" in result.problems[0].message
        assert "too large" in zipped_result.problems[0].message

    def test_it_does_not_open_a_zip_inside_a_zip(self):
        result = one("e.zip", zipped({"inner.zip": zipped({"a.gpx": gpx_run()})}))

        assert result.runs == () and "zip inside a zip" in result.problems[0].message

    def test_it_reads_at_most_the_run_limit(self, monkeypatch):
        monkeypatch.setattr(run_files, "MAX_RUNS", 3)
        files = {f"{n}.fit": fit_run(start=START + timedelta(days=n)) for n in range(5)}

        result = one("e.zip", zipped(files))

        assert len(result.runs) == 3
        assert result.problems[0].file == "e.zip: 3.fit"
        assert "read 3 runs" in result.problems[0].message

    def test_it_shows_only_printable_short_names(self):
        assert short_name("a\x00b.gpx") == "a?b.gpx"
        assert short_name("x" * 200).startswith("…") and len(short_name("x" * 200)) == 80


class TestMixedUploads:
    def test_good_files_count_beside_bad_ones(self):
        export = zipped(
            {
                "activities/1.gpx": gpx_run(km=5),
                "activities/2.tcx.gz": gzipped(tcx_run(km=6, start=START + timedelta(days=2))),
                "activities/3.fit": fit_run(session=False),
                "activities/4.gpx": XXE,
                "profile.csv": b"name\nsam\n",
            }
        )

        result = read_uploads([Upload("export.zip", export), Upload("ride.fit", fit_run(sport=2))])

        assert sorted(found.file for found in result.runs) == [
            "export.zip: activities/1.gpx",
            "export.zip: activities/2.tcx.gz",
        ]
        assert [problem.file for problem in result.problems] == [
            "export.zip: activities/3.fit",
            "export.zip: activities/4.gpx",
            "ride.fit",
        ]

    def test_it_logs_nothing_from_a_file(self, caplog):
        caplog.set_level(logging.DEBUG)

        read_uploads([Upload("a.gpx", gpx_run()), Upload("b.gpx", XXE), Upload("c.fit", fit_run())])

        assert "-40." not in caplog.text and "-30." not in caplog.text


class TestFitSessions:
    def test_it_keeps_only_the_sessions_and_fitdecode_reads_the_same_run(self):
        import io

        import fitdecode

        from training.fit_sessions import session_messages

        original = fit_run(km=12, minutes=70, cadence=172, records=3000)
        summaries = session_messages(original)

        assert len(summaries) < len(original) / 20
        with fitdecode.FitReader(
            io.BytesIO(summaries), check_crc=fitdecode.CrcCheck.RAISE
        ) as reader:
            names = [frame.name for frame in reader if isinstance(frame, fitdecode.FitDataMessage)]
        assert names == ["session"]
        assert read_run_file(original) == read_run_file(summaries)

    def test_it_reads_chained_fit_files(self):
        later = START + timedelta(days=1)
        runs = read_run_file(fit_run(km=5) + fit_run(start=later, km=6))
        assert [round(run.metres) for run in runs] == [5000, 6000]


class TestAnyBytes:
    @given(st.binary(max_size=300))
    def test_random_bytes_are_a_named_problem_never_a_crash(self, data):
        result = one("random.bin", data)
        assert result.runs == () or all(found.run.metres > 0 for found in result.runs)

    @given(st.data())
    def test_a_damaged_fit_file_is_a_named_problem_never_a_crash(self, data):
        original = bytearray(fit_run(records=5))
        for _ in range(data.draw(st.integers(1, 6))):
            at = data.draw(st.integers(0, len(original) - 1))
            original[at] = data.draw(st.integers(0, 255))
        result = one("damaged.fit", bytes(original))
        assert len(result.runs) + len(result.problems) >= 1


class TestStreamingXml:
    """The XML readers follow a file's start tags in the schema's order (no tree)."""

    def test_gpx_distances_match_gpxpy_across_tracks_and_segments(self):
        import gpxpy

        first = gpx_run(km=6, minutes=36, points=50).decode()
        second = gpx_run(start=START + timedelta(days=1), km=9, minutes=54, points=70).decode()
        # One file: the first run's track with the second's segment added, then its track.
        segment = second[second.index("<trkseg>") : second.index("</trkseg>") + 9]
        track = second[second.index("<trk>") : second.index("</trk>") + 6]
        data = first.replace("</trkseg>", "</trkseg>" + segment, 1).replace(
            "</trk>", "</trk>" + track, 1
        )
        parsed = gpxpy.parse(data)

        runs = read_run_file(data.encode())

        assert [run.metres for run in runs] == pytest.approx(
            [track.length_2d() for track in parsed.tracks], rel=1e-9
        )
        assert runs[1].started == START + timedelta(days=1)

    def test_a_gpx_point_type_is_not_the_track_type(self):
        data = gpx_run().replace(b"<time>", b"<type>cycling</type><time>", 1)
        assert read_run_file(data)[0].metres > 0

    def test_a_tcx_without_point_cadence_takes_the_laps_average_not_their_maximum(self):
        lap_extension = (
            '<Extensions><LX xmlns="http://www.garmin.com/xmlschemas/ActivityExtension/v2">'
            "<AvgRunCadence>80</AvgRunCadence><MaxRunCadence>95</MaxRunCadence></LX></Extensions>"
        )
        data = tcx_run().replace(b"</Track>", b"</Track>" + lap_extension.encode())

        assert read_run_file(data)[0].steps_per_minute == 160

    def test_a_tcx_course_after_the_activity_adds_no_laps(self):
        course = (
            "<Courses><Course><Name>x</Name><Lap><TotalTimeSeconds>999</TotalTimeSeconds>"
            "<DistanceMeters>99999</DistanceMeters></Lap></Course></Courses>"
        )
        data = tcx_run(km=5, minutes=30).replace(
            b"</Activities>", b"</Activities>" + course.encode()
        )

        (run,) = read_run_file(data)
        assert run.metres == pytest.approx(5000) and run.seconds == pytest.approx(1800)

    def test_each_activity_of_a_tcx_is_a_run(self):
        one, two = tcx_run(km=5), tcx_run(start=START + timedelta(days=2), km=7)
        activity = two[two.index(b"<Activity ") : two.index(b"</Activities>")]
        data = one.replace(b"</Activities>", activity + b"</Activities>")

        assert [round(run.metres) for run in read_run_file(data)] == [5000, 7000]

    @pytest.mark.parametrize(
        "data",
        [
            b'<?xml version="1.0"?>\n<!DOCTYPE gpx SYSTEM "http://example.invalid/gpx.dtd">\n<gpx/>',
            b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY % p SYSTEM "file:///etc/passwd">%p;]><gpx/>',
        ],
    )
    def test_any_doctype_is_refused_even_without_entities_in_the_body(self, data):
        with pytest.raises(NotARun, match="entities or a DTD"):
            read_run_file(data)

    def test_a_gpx_with_an_undeclared_entity_is_damaged(self):
        with pytest.raises(NotARun, match="damaged"):
            read_run_file(gpx_run().replace(b"<time>", b"<time>&secret;", 1))

"""The "Your runs" page: uploads read in memory, a result, and nothing kept."""

import logging
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.run_file_fixtures import (
    BILLION_LAUGHS,
    START,
    XXE,
    fit_run,
    gpx_run,
    tcx_run,
    zip_bomb,
    zipped,
)
from training import your_runs

URL = "/training/runs/"


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def three_runs():
    return [
        upload("monday.gpx", gpx_run(start=START, km=10, minutes=60, cadence=164)),
        upload("wednesday.tcx", tcx_run(start=START + timedelta(days=2), km=8, minutes=48)),
        upload(
            "sunday.fit", fit_run(start=START + timedelta(days=6), km=14, minutes=84, cadence=170)
        ),
    ]


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


class TestPage:
    def test_it_shows_the_form_and_states_its_limits(self, client):
        response = client.get(URL)
        html = html_of(response)
        assert 'enctype="multipart/form-data"' in html and 'name="files"' in html
        assert "csrfmiddlewaretoken" in html
        assert "At most 50 MB in all" in html and "100 files per upload and 500 runs." in html
        assert "no-store" in response["Cache-Control"]

    def test_it_refuses_other_methods(self, client):
        assert client.put(URL).status_code == 405

    def test_it_needs_a_csrf_token(self):
        strict = Client(enforce_csrf_checks=True)
        response = strict.post(URL, {"files": three_runs()})
        assert response.status_code == 403


class TestUpload:
    def test_it_charts_the_weeks_and_marks_each_run_against_the_30_days_before(self, client):
        response = client.post(URL, {"files": three_runs(), "unit": "km"})
        html = html_of(response)

        assert 'data-runs="3"' in html
        # The runs' own days, then the window they were picked from (not its first day).
        assert "3 runs between 2 and 8 November 2026, in the 90 days to 8 November" in html, (
            re.search(r'id="runs-heading">[^<]*', html)
        )
        assert 'data-longest-run="14"' in html
        # The bands with their ends as Frandsen 2025 drew them, never "100+ %".
        assert "More than 100 % longer (over double): hazard rate ratio 2.28" in html
        assert (
            "More than 30 % and up to 100 % longer (up to double): hazard rate ratio 1.52" in html
        )
        # 14 km is 40 % past the 10 km of the days before it: the 30-100 % band.
        assert re.search(r'data-run-day="2026-11-08" data-run-band="30-100"', html)
        assert 'data-run-day="2026-11-04" data-run-band="within"' in html
        assert 'data-run-day="2026-11-02" data-run-band="none"' in html
        assert 'data-next-run-max="15.4"' in html
        assert 'data-cadence="167"' in html and 'href="/training/cadence/?spm=167"' in html
        assert "data-runs-chart" in html
        # 10 + 8 + 14 in the last week (the GPX track measures a few metres long); 12 empty before.
        bars = re.findall(r'data-week-bar="([\d.]+)"', html)
        assert len(bars) == 13 and set(bars[:-1]) == {"0"} and bars[-1].startswith("32")
        assert "no-store" in response["Cache-Control"]

    def test_it_answers_htmx_with_the_result_alone(self, client):
        html = html_of(client.post(URL, {"files": three_runs()}, HTTP_HX_REQUEST="true"))
        assert "<html" not in html and 'data-runs="3"' in html

    def test_it_reads_an_export_zip_in_miles(self, client):
        export = zipped({"activities/1.gpx": gpx_run(km=16.09344, minutes=80)})
        html = html_of(client.post(URL, {"files": [upload("export.zip", export)], "unit": "mi"}))
        assert re.search(r'data-longest-run="10(\.0\d)?"', html)

    def test_it_names_each_bad_file_and_still_counts_the_others(self, client):
        files = [
            *three_runs(),
            upload("laughs.gpx", BILLION_LAUGHS),
            upload("xxe.gpx", XXE),
            upload("bomb.zip", zip_bomb()),
            upload("nosession.fit", fit_run(session=False)),
            upload("empty.gpx", b""),
        ]
        html = html_of(client.post(URL, {"files": files}))

        assert 'data-runs="3"' in html and 'data-file-problems="5"' in html
        for name in (
            "laughs.gpx",
            "xxe.gpx",
            "bomb.zip: activities/bomb.gpx",
            "nosession.fit",
            "empty.gpx",
        ):
            assert f"<code>{name}</code>" in html

    def test_it_says_so_when_no_file_holds_a_run(self, client):
        html = html_of(client.post(URL, {"files": [upload("ride.fit", fit_run(sport=2))]}))
        assert "data-no-runs" in html and "<code>ride.fit</code> is not a run" in html

    def test_it_asks_for_files_when_none_came(self, client):
        html = html_of(client.post(URL, {"unit": "km"}))
        assert "Choose one or more run files" in html

    def test_it_takes_more_than_the_site_wide_limit_in_memory(self, client, settings, tmp_path):
        # Far over Django's 2.5 MB in-memory threshold and the 4 MB other pages take.
        settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
        big = gpx_run(km=40, minutes=300, points=22_000, cadence=170)
        assert len(big) > settings.MAX_REQUEST_BODY_BYTES * 1.2, len(big)

        html = html_of(client.post(URL, {"files": [upload("long.gpx", big)]}))

        assert 'data-runs="1"' in html and 'data-longest-run="40' in html
        assert list(tmp_path.iterdir()) == []

    def test_it_refuses_a_body_declared_over_50_mb_with_a_message_before_reading(self, client):
        over = str(50 * 1024 * 1024 + 1)
        response = client.post(URL, {"files": three_runs()}, CONTENT_LENGTH=over)

        assert response.status_code == 413
        html = response.content.decode()
        assert 'data-too-large="50"' in html and "at most 50 MB at a time" in html
        assert "<html" in html and "no-store" in response["Cache-Control"]

    def test_htmx_gets_the_over_limit_message_in_place(self, client):
        over = str(50 * 1024 * 1024 + 1)
        response = client.post(
            URL, {"files": three_runs()}, CONTENT_LENGTH=over, HTTP_HX_REQUEST="true"
        )

        assert response.status_code == 413
        assert response["HX-Retarget"] == "#result" and response["HX-Reswap"] == "innerHTML"
        html = response.content.decode()
        assert "<html" not in html and 'role="alert" data-too-large="50"' in html

    @pytest.mark.parametrize(
        "length, refused", [(50 * 1024 * 1024, False), (50 * 1024 * 1024 + 1, True)]
    )
    def test_the_request_checks_let_through_exactly_50_mb(self, length, refused):
        from django.test import RequestFactory
        from django.urls import resolve

        from kneecare.middleware import RequestChecksMiddleware

        request = RequestFactory().post(URL, CONTENT_LENGTH=str(length))
        request.resolver_match = resolve(URL)
        view = request.resolver_match.func
        response = RequestChecksMiddleware(lambda request: None).process_view(request, view, (), {})
        assert (response is not None) == refused

    def test_its_own_handler_stops_an_upload_past_the_limit(self, client, monkeypatch):
        # A body with no declared length reaches the view: its handler counts and stops.
        monkeypatch.setattr(your_runs.InMemoryRunFiles.__init__, "__defaults__", (None, 10_000))
        html = html_of(client.post(URL, {"files": three_runs()}))
        assert "nothing was read" in html and "data-runs=" not in html

    def test_it_refuses_too_many_files_with_a_message(self, client, settings):
        settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
        html = html_of(client.post(URL, {"files": three_runs()}))
        assert "zip them, or send fewer" in html and "data-runs=" not in html


class TestNothingKept:
    def test_it_writes_no_file_and_stores_logs_or_caches_nothing(
        self, client, caplog, monkeypatch, db, django_assert_num_queries
    ):
        import tempfile

        from django.core.cache import cache

        opened = []
        real_named = tempfile.NamedTemporaryFile
        monkeypatch.setattr(
            tempfile, "NamedTemporaryFile", lambda *a, **k: opened.append(a) or real_named(*a, **k)
        )
        cache.clear()
        caplog.set_level(logging.DEBUG)
        # Over Django's 2.5 MB in-memory threshold, past which it would use a temporary file.
        big = gpx_run(km=30, minutes=180, points=9_500, cadence=170)
        assert len(big) > 2_621_440, len(big)
        files = [*three_runs(), upload("long.gpx", big), upload("xxe.gpx", XXE)]

        with django_assert_num_queries(0):
            html = html_of(client.post(URL, {"files": files}))

        assert 'data-runs="' in html
        assert opened == []
        assert "-40." not in caplog.text and "-30." not in caplog.text
        assert "monday.gpx" not in caplog.text
        # Only the rate limit's counter for this address is in the cache, no page.
        # Local memory keeps its keys in `_cache`; django-redis lists them with keys().
        keys = list(cache._cache) if hasattr(cache, "_cache") else cache.keys("*")
        assert [key for key in keys if "rl:" not in key] == []

import re
from datetime import timedelta
from decimal import Decimal

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import set_script_prefix
from django.utils import timezone

from kneecare.content.models import Citation, Exercise, GuidanceStep, KeyFigure, Status
from kneecare.tools import check_completed
from tests.clinics import PREFIX, make_clinic
from training.cadence import RULE_OF_THUMB_SPM, TARGET_HIGH_PERCENT, TARGET_LOW_PERCENT
from training.mileage import TEN_PERCENT
from training.race_plan import coming_monday
from training.shoes import WEAR_WINDOWS

# One valid filled-in address per tool, with the marker its result carries.
TOOLS = {
    "mileage": ("/training/mileage/?current=20&goal=30&unit=km", "data-week="),
    "spike": ("/training/spike/?longest_30d=12&planned=16&unit=km", "data-spike-percent="),
    "cadence": ("/training/cadence/?foot_strikes=75", "data-spm="),
    "shoes": ("/training/shoes/?distance=350&unit=mi&tread_worn=on", "data-verdict="),
}
INVALID = {
    "mileage": "/training/mileage/?current=20&goal=abc&unit=km",
    "spike": "/training/spike/?longest_30d=12&planned=-4",
    "cadence": "/training/cadence/?spm=9000",
    "shoes": "/training/shoes/?distance=lots&tread_worn=on",
}
# A plan with its own start is the same every day, so it may be cached.
MONDAY = coming_monday(timezone.localdate())
PAGES = [
    "/training/",
    "/training/mileage/",
    "/training/spike/",
    "/training/cadence/",
    "/training/shoes/",
    "/training/strength/",
]


# What htmx sends in HX-Target: the form's submit swaps #tool, a live update only #result.
SUBMIT, LIVE_UPDATE = "tool", "result"


def htmx(client, url, target):
    return client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET=target)


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def attribute_values(html, name):
    return re.findall(rf'{name}="([^"]*)"', html)


@pytest.fixture
def completed():
    """The check_completed signals sent during a test, as (tool, urgency) pairs."""
    sent = []

    def receiver(sender, *, tool, urgency, **kwargs):
        sent.append((tool, urgency))

    check_completed.connect(receiver, weak=False, dispatch_uid="test-training-completed")
    yield sent
    check_completed.disconnect(dispatch_uid="test-training-completed")


class TestEveryPage:
    @pytest.mark.parametrize("url", PAGES)
    def test_it_shows_a_blank_page_without_errors(self, client, seeded, url):
        html = html_of(client.get(url))
        assert "is-invalid" not in html
        assert "data-form-errors" not in html
        assert "invalid-feedback" not in html

    @pytest.mark.parametrize("url", PAGES + [url for url, _ in TOOLS.values()])
    def test_it_refuses_post(self, client, seeded, url):
        assert client.post(url).status_code == 405

    @pytest.mark.parametrize("url", PAGES + [url for url, _ in TOOLS.values()])
    def test_it_uses_at_most_three_queries(self, client, seeded, url):
        with CaptureQueriesContext(connection) as queries:
            html_of(client.get(url))
        assert len(queries) <= 3, [query["sql"] for query in queries]

    @pytest.mark.parametrize("url", PAGES + [url for url, _ in TOOLS.values()])
    def test_it_keeps_a_clinic_prefix_in_every_link_and_form(self, client, seeded, url):
        # A clinic link moves its /c/<slug>/ prefix into the script prefix; the test
        # client does not set one from SCRIPT_NAME, so set it here.
        set_script_prefix("/c/riverside/")
        try:
            html = html_of(client.get(url))
        finally:
            set_script_prefix("/")
        main = re.search(r"<main.*</main>", html, re.S)[0]
        addresses = [
            *attribute_values(main, "href"),
            *attribute_values(main, "action"),
            *attribute_values(main, "hx-get"),
        ]
        ours = [a for a in addresses if a.startswith("/") and not a.startswith("/static/")]
        assert ours
        assert all(a.startswith("/c/riverside/") for a in ours), ours

    @pytest.mark.parametrize("url", PAGES[1:])
    def test_it_has_no_inline_script_or_style(self, client, seeded, url):
        html = html_of(client.get(url))
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert not re.search(r"\sstyle=", html)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html)


class TestTools:
    @pytest.mark.parametrize("tool", TOOLS)
    def test_it_answers_a_valid_submit_with_the_whole_page(self, client, seeded, tool):
        url, marker = TOOLS[tool]
        html = html_of(client.get(url))
        assert "<html" in html
        assert marker in html
        assert f'id="{tool}-form"' in html or 'id="plan-form"' in html
        assert "Where these numbers come from" in html
        assert "data-citation" in html

    @pytest.mark.parametrize("tool", TOOLS)
    def test_it_answers_a_live_update_with_the_result_only(self, client, seeded, tool):
        url, marker = TOOLS[tool]
        with CaptureQueriesContext(connection) as queries:
            html = html_of(htmx(client, url, LIVE_UPDATE))
        assert marker in html
        assert "<html" not in html
        assert "<form" not in html
        assert "Where these numbers come from" not in html
        assert len(queries) == 0

    @pytest.mark.parametrize("tool", TOOLS)
    def test_it_answers_an_htmx_submit_with_the_form_and_result(self, client, seeded, tool):
        url, marker = TOOLS[tool]
        form = "plan-form" if tool == "mileage" else f"{tool}-form"
        response = htmx(client, url, SUBMIT)
        html = html_of(response)
        assert marker in html
        assert f'id="{form}"' in html
        assert 'id="result"' in html
        assert "<html" not in html
        assert "HX-Request" in response["Vary"]

    @pytest.mark.parametrize("tool", TOOLS)
    def test_it_answers_an_htmx_history_restore_with_the_whole_page(self, client, seeded, tool):
        url, marker = TOOLS[tool]
        html = html_of(
            client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
        )
        assert "<html" in html
        assert marker in html

    @pytest.mark.parametrize("tool", TOOLS)
    def test_it_shows_errors_beside_the_fields_and_keeps_the_values(self, client, seeded, tool):
        _, marker = TOOLS[tool]
        html = html_of(client.get(INVALID[tool]))
        assert "is-invalid" in html
        assert "invalid-feedback" in html
        assert marker not in html

    @pytest.mark.parametrize("tool", TOOLS)
    def test_it_lists_the_errors_in_a_live_update(self, client, seeded, tool):
        html = html_of(htmx(client, INVALID[tool], LIVE_UPDATE))
        assert "data-form-errors" in html

    @pytest.mark.parametrize("tool", TOOLS)
    def test_it_counts_a_full_page_submit_once(self, client, seeded, completed, tool):
        client.get(TOOLS[tool][0])
        assert completed == [(tool, "")]

    @pytest.mark.parametrize("tool", TOOLS)
    def test_it_counts_a_page_served_from_the_cache_too(self, client, seeded, completed, tool):
        client.get(TOOLS[tool][0])
        client.get(TOOLS[tool][0])
        assert completed == [(tool, ""), (tool, "")]

    @pytest.mark.parametrize("tool", TOOLS)
    def test_it_counts_an_htmx_submit_but_not_live_updates(self, client, seeded, completed, tool):
        url, _ = TOOLS[tool]
        htmx(client, url, LIVE_UPDATE)
        htmx(client, url, LIVE_UPDATE)
        assert completed == []
        htmx(client, url, SUBMIT)
        assert completed == [(tool, "")]

    @pytest.mark.parametrize("tool", TOOLS)
    def test_it_does_not_count_a_history_restore(self, client, seeded, completed, tool):
        client.get(TOOLS[tool][0], HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
        assert completed == []

    @pytest.mark.parametrize("tool", TOOLS)
    def test_it_does_not_count_invalid_or_blank_forms(self, client, seeded, completed, tool):
        client.get(INVALID[tool])
        client.get(TOOLS[tool][0].split("?")[0])
        assert completed == []


class TestMileagePlanner:
    URL = TOOLS["mileage"][0]

    def weeks(self, html):
        rows = re.findall(r'data-week="(\d+)" data-distance="([\d.]+)"', html)
        return [(int(week), Decimal(distance)) for week, distance in rows]

    def test_it_plans_from_20_to_30_km_within_10_percent_of_the_highest_week(self, client, seeded):
        weeks = self.weeks(html_of(client.get(self.URL)))
        assert [week for week, _ in weeks] == list(range(1, len(weeks) + 1))
        highest = Decimal(20)
        for _, distance in weeks:
            assert distance <= highest * (1 + TEN_PERCENT)
            highest = max(highest, distance)
        assert weeks[-1][1] == 30

    def test_it_explains_the_recovery_week_with_ian_sharman(self, client, seeded):
        html = html_of(client.get(self.URL))
        assert 'data-week="4" data-distance="20.5" data-recovery' in html
        assert "Why every fourth week is lighter" in html
        assert "Ian Sharman" in html

    def test_it_is_honest_about_the_10_percent_rule(self, client, seeded):
        html = html_of(client.get(self.URL))
        assert "Buist et al. 2008" in html
        assert "Nielsen et al. 2014" in html
        assert 'href="/training/spike/"' in html

    def test_it_draws_an_accessible_chart(self, client, seeded):
        html = html_of(client.get(self.URL))
        svg = re.search(r"<svg.*?</svg>", html, re.S)[0]
        assert 'role="img"' in svg
        assert "<title" in svg and "<desc" in svg
        assert svg.count("<rect") == 7  # now and six weeks
        assert "style=" not in svg

    def test_it_plans_in_miles(self, client, seeded):
        html = html_of(client.get("/training/mileage/?current=10&goal=12&unit=mi"))
        assert "From 10 mi a week to 12" in html
        assert self.weeks(html)[-1] == (2, Decimal(12))

    def test_it_says_when_the_plan_fits_before_the_race(self, client, seeded):
        race = timezone.localdate() + timedelta(weeks=10)
        html = html_of(client.get(f"{self.URL}&race_date={race}"))
        assert 'data-race-fit="yes"' in html
        assert "It fits: the build needs 6 weeks and the taper 2" in html
        phases = re.findall(r'data-phase="([a-z]+)"', html)
        assert phases[:6] == ["build", "build", "build", "recovery", "build", "build"]
        assert phases[-2:] == ["taper", "race"] and "hold" in phases
        assert f'data-race-day="{race}"' in html
        assert "Bosquet et al. 2007" in html

    def test_it_warns_when_the_race_is_too_close_and_offers_the_best_safe_plan(
        self, client, seeded
    ):
        race = MONDAY + timedelta(weeks=3, days=5)  # the Saturday of week 4
        html = html_of(client.get(f"{self.URL}&race_date={race}&start={MONDAY}"))
        assert 'data-race-fit="no"' in html and "data-race-too-close" in html
        assert "Your race is too close to reach 30 km a week safely" in html
        assert "it peaks at 24 km, then tapers" in html
        weeks = self.weeks(html)
        assert weeks == [
            (1, Decimal(22)),
            (2, Decimal(24)),
            (3, Decimal("14.0")),
            (4, Decimal("9.5")),
        ]

    @pytest.mark.parametrize(("days", "when"), [(0, "today"), (1, "tomorrow")])
    def test_it_says_plainly_that_a_race_today_or_tomorrow_is_too_close_to_build(
        self, client, seeded, days, when
    ):
        race = timezone.localdate() + timedelta(days=days)
        html = html_of(client.get(f"{self.URL}&race_date={race}"))
        assert f'data-race-imminent="{when}"' in html and 'data-race-fit="no"' in html
        assert f"Your race is {when}: too close for any build." in html
        assert "race day falls in week" not in html and "two lighter weeks" not in html

    def test_it_counts_the_lighter_weeks_it_shows_when_there_is_no_time_to_build(
        self, client, seeded
    ):
        race = MONDAY + timedelta(days=2)  # in week 1 of a plan that starts on Monday
        html = html_of(client.get(f"{self.URL}&race_date={race}&start={MONDAY}"))
        assert len(self.weeks(html)) == 1
        assert "below is the lighter week that leads into the race" in html

    def test_it_asks_for_a_race_within_two_years(self, client, seeded):
        race = timezone.localdate() + timedelta(days=800)
        html = html_of(client.get(f"{self.URL}&race_date={race}"))
        assert "Choose a race within the next two years." in html and "data-week=" not in html

    def test_it_dates_each_week_from_the_start_and_suggests_a_longest_run(self, client, seeded):
        html = html_of(client.get(f"{self.URL}&start={MONDAY}&longest_run=8"))
        starts = re.findall(r'data-starts="([\d-]+)"', html)
        assert starts[:2] == [str(MONDAY), str(MONDAY + timedelta(days=7))]
        runs = [Decimal(run) for run in re.findall(r'data-longest-run="([\d.]+)"', html)]
        assert runs[0] <= Decimal("8.8")
        assert (
            "Frandsen et al. 2025" in html and "not that staying under the line prevents it" in html
        )

    def test_it_starts_on_the_coming_monday_by_default(self, client, seeded):
        html = html_of(client.get(self.URL))
        assert f'data-plan-start="{MONDAY}"' in html

    def test_it_shows_a_race_before_the_start_beside_its_field(self, client, seeded):
        start = MONDAY + timedelta(weeks=2)
        html = html_of(client.get(f"{self.URL}&start={start}&race_date={MONDAY}"))
        assert "Race day is before the first week starts" in html

    def queries_for(self, client, address):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    def from_cache(self, client, address):
        """Whether the page comes from the page cache: then no template is rendered."""
        response = client.get(address)
        assert response.status_code == 200
        return response.templates == []

    @pytest.mark.parametrize(
        "query",
        [
            "",
            f"&race_date={timezone.localdate() + timedelta(weeks=10)}",
            f"&start={MONDAY}",
            f"&start={MONDAY}&longest_run=8.5&last_week=20&this_week=21",
            # The form as a browser submits it without JavaScript: empty fields too.
            "&race_date=&start=&longest_run=",
        ],
    )
    def test_it_caches_a_plan_for_the_day(self, client, seeded, query):
        assert not self.from_cache(client, f"{self.URL}{query}")
        assert self.from_cache(client, f"{self.URL}{query}")

    def test_it_renders_a_plan_afresh_the_next_week(self, client, seeded, monkeypatch):
        client.get(self.URL)
        next_week = timezone.localdate() + timedelta(weeks=1)
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: next_week)
        html = html_of(client.get(self.URL))
        assert f'data-plan-start="{coming_monday(next_week)}"' in html

    def test_it_shows_a_race_fit_counted_from_today_not_from_the_day_it_was_cached(
        self, client, seeded, monkeypatch
    ):
        race = timezone.localdate() + timedelta(days=2)
        address = f"{self.URL}&race_date={race}"
        assert "data-race-imminent" not in html_of(client.get(address))
        tomorrow = timezone.localdate() + timedelta(days=1)
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
        assert 'data-race-imminent="tomorrow"' in html_of(client.get(address))

    def test_it_caches_a_plan_once_in_whatever_order_its_values_come(self, client, seeded):
        client.get("/training/mileage/?current=20&goal=30&unit=km")
        assert self.from_cache(client, "/training/mileage/?unit=km&goal=30&current=20")

    @pytest.mark.parametrize(
        "query",
        [
            "current=20.0&goal=30&unit=km",
            "current=020&goal=30",
            f"current=20&goal=30&start={MONDAY.year}-{MONDAY.month}-{MONDAY.day}",
            "unit=mi",
        ],
    )
    def test_it_does_not_cache_values_written_another_way(self, client, seeded, query):
        """They are shown back as typed, so each spelling would need an entry of its own."""
        address = f"/training/mileage/?{query}"
        assert not self.from_cache(client, address)
        assert not self.from_cache(client, address)

    def test_it_renders_a_plan_without_content_queries_once_its_sources_are_cached(
        self, client, seeded
    ):
        # The guidance step, its figures, its citations: rendered once for the content.
        assert self.queries_for(client, self.URL) == 3
        for address in (f"{self.URL}&longest_run=7", "/training/spike/?longest_30d=12&planned=16"):
            html = html_of(client.get(address))
            assert "Where these numbers come from" in html and "data-citation" in html
        assert self.queries_for(client, "/training/mileage/?current=20.0&goal=30") == 0

    def test_it_renders_its_sources_again_after_a_coachs_save(self, client, seeded):
        client.get(self.URL)
        step = GuidanceStep.objects.get(slug="mileage")
        step.title = "Edited by a coach: build up slowly"
        step.save()
        assert "Edited by a coach: build up slowly" in html_of(client.get(f"{self.URL}&start="))

    def test_it_shows_values_as_typed_even_when_the_same_plan_is_cached(self, client, seeded):
        cached = html_of(client.get("/training/mileage/?current=20&goal=30"))
        typed = html_of(client.get("/training/mileage/?current=20.0&goal=30"))
        assert 'value="20.0"' in typed and 'value="20.0"' not in cached
        assert re.findall(r"data-week=.*", typed) == re.findall(r"data-week=.*", cached)

    def test_it_keeps_a_clinics_cached_plan_apart(self, client, seeded):
        clinic = make_clinic()
        assert clinic.name not in html_of(client.get(self.URL))
        html = html_of(client.get(f"{PREFIX}{self.URL.removeprefix('/')}"))
        assert clinic.name in html and f'href="{PREFIX}training/mileage/plan.csv?' in html
        # The sources rendered for the plain site first keep to the clinic's link too.
        assert f'href="{PREFIX}guidance/mileage/"' in html

    def test_it_shows_a_past_race_date_beside_its_field(self, client, seeded):
        html = html_of(client.get(f"{self.URL}&race_date=2020-01-01"))
        assert "That date has passed" in html
        assert 'value="20"' in html and 'value="30"' in html

    def test_it_links_the_exports_with_the_same_plan(self, client, seeded):
        html = html_of(client.get(self.URL))
        query = f"current=20&amp;goal=30&amp;unit=km&amp;start={MONDAY}"
        assert f'href="/training/mileage/plan.csv?{query}"' in html
        assert f'href="/training/mileage/plan.ics?{query}"' in html


class TestQuickCheck:
    def test_it_says_how_far_over_the_10_percent_rule_a_week_is(self, client, seeded):
        html = html_of(client.get("/training/mileage/?last_week=20&this_week=25"))
        assert 'data-weekly-change="25" data-within-rule="no"' in html
        assert "Up 25 % on last week: 3 km over the 10 % rule." in html
        assert "Up to 22 km would keep within it." in html

    def test_it_says_when_a_week_is_within_the_rule(self, client, seeded):
        html = html_of(client.get("/training/mileage/?last_week=20&this_week=21&unit=mi"))
        assert 'data-within-rule="yes"' in html
        assert "allows up to 22 mi" in html

    def test_it_keeps_the_planner_and_the_check_in_one_address(self, client, seeded):
        html = html_of(
            client.get("/training/mileage/?current=20&goal=30&unit=mi&last_week=20&this_week=21")
        )
        assert "data-week=" in html and "data-weekly-change=" in html
        # Each form carries the other's values, so submitting either keeps both.
        assert '<input type="hidden" name="current" value="20" form="check-form">' in html
        assert '<input type="hidden" name="unit" value="mi" form="check-form">' in html
        assert '<input type="hidden" name="last_week" value="20" form="plan-form">' in html

    def test_it_refreshes_the_check_with_a_live_update_of_the_planner(self, client, seeded):
        html = html_of(
            htmx(
                client,
                "/training/mileage/?current=20&goal=30&last_week=20&this_week=25",
                LIVE_UPDATE,
            )
        )
        assert 'id="check-result" hx-swap-oob="innerHTML"' in html
        assert "data-weekly-change=" in html

    def test_it_counts_the_page_once_with_both_forms_valid(self, client, seeded, completed):
        client.get("/training/mileage/?current=20&goal=30&last_week=20&this_week=21")
        assert completed == [("mileage", "")]

    def test_it_counts_an_htmx_submit_of_the_quick_check(self, client, seeded, completed):
        htmx(client, "/training/mileage/?last_week=20&this_week=21", LIVE_UPDATE)
        htmx(client, "/training/mileage/?last_week=20&this_week=21", SUBMIT)
        assert completed == [("mileage", "")]

    def test_it_shows_a_bad_unit_beside_the_quick_check(self, client, seeded):
        html = html_of(client.get("/training/mileage/?last_week=20&this_week=21&unit=furlongs"))
        assert "Unit: Choose km or miles." in html


class TestExports:
    def test_it_downloads_the_plan_as_csv(self, client, seeded):
        response = client.get(
            f"/training/mileage/plan.csv?current=20&goal=30&unit=km&start={MONDAY}"
        )
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="kneecare-mileage-plan.csv"'
        lines = response.content.decode().splitlines()
        assert lines[0] == "week,distance,unit,recovery,week_starts,phase,longest_run,race_day"
        rows = [line.split(",") for line in lines[1:]]
        assert [row[:4] for row in rows] == [
            ["1", "22", "km", "no"],
            ["2", "24", "km", "no"],
            ["3", "26", "km", "no"],
            ["4", "20.5", "km", "yes"],
            ["5", "28.5", "km", "no"],
            ["6", "30", "km", "no"],
        ]
        assert [row[4] for row in rows] == [str(MONDAY + timedelta(weeks=n)) for n in range(6)]
        assert [row[5] for row in rows] == ["build"] * 3 + ["recovery"] + ["build"] * 2

    def test_it_puts_race_day_in_the_csv(self, client, seeded):
        race = MONDAY + timedelta(weeks=9, days=6)
        response = client.get(f"/training/mileage/plan.csv?current=20&goal=30&race_date={race}")
        last = response.content.decode().splitlines()[-1].split(",")
        assert (last[5], last[7]) == ("race", str(race))

    def test_it_exports_one_calendar_event_a_week_from_the_coming_monday(self, client, seeded):
        response = client.get("/training/mileage/plan.ics?current=20&goal=30&unit=mi")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        assert response["Content-Disposition"].endswith('.ics"')
        calendar = response.content.decode()
        assert calendar.startswith("BEGIN:VCALENDAR\r\n")
        assert calendar.count("BEGIN:VEVENT") == 6
        assert f"DTSTART;VALUE=DATE:{MONDAY:%Y%m%d}" in calendar
        assert "SUMMARY:Week 6: 30 mi\\, longest run" in calendar

    def test_it_exports_race_day_as_an_event_icalendar_reads(self, client, seeded):
        race = MONDAY + timedelta(weeks=9, days=6)
        response = client.get(f"/training/mileage/plan.ics?current=20&goal=30&race_date={race}")
        events = list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))
        race_day = [event for event in events if str(event["SUMMARY"]) == "Race day"]
        assert race_day[0].decoded("DTSTART") == race
        assert len(events) == 11  # ten weeks and race day

    def test_the_pages_links_export_the_plan_the_page_shows_up_to_the_race(self, client, seeded):
        race = timezone.localdate() + timedelta(weeks=10)
        html = html_of(client.get(f"/training/mileage/?current=20&goal=30&race_date={race}"))
        shown = re.findall(r'data-week="(\d+)"', html)
        csv_link, ics_link = (
            re.search(rf'href="([^"]*)" download data-export="{kind}"', html)[1].replace(
                "&amp;", "&"
            )
            for kind in ("csv", "ics")
        )
        rows = [line.split(",") for line in client.get(csv_link).content.decode().splitlines()[1:]]
        assert [row[0] for row in rows] == shown
        assert all(row[4] and row[5] and row[6] for row in rows)
        assert (rows[-2][5], rows[-1][5], rows[-1][7]) == ("taper", "race", str(race))
        events = list(icalendar.Calendar.from_ical(client.get(ics_link).content).walk("VEVENT"))
        assert len(events) == len(shown) + 1
        assert any(str(event["SUMMARY"]) == "Race day" for event in events)
        assert any("(taper)" in str(event["SUMMARY"]) for event in events)

    @pytest.mark.parametrize("path", ["plan.csv", "plan.ics"])
    def test_it_sends_invalid_values_back_to_the_planner(self, client, seeded, path):
        response = client.get(f"/training/mileage/{path}?current=30&goal=20")
        assert response.status_code == 302
        assert response["Location"] == "/training/mileage/?current=30&goal=20"

    @pytest.mark.parametrize("path", ["plan.csv", "plan.ics"])
    def test_it_refuses_post(self, client, seeded, path):
        assert client.post(f"/training/mileage/{path}?current=20&goal=30").status_code == 405

    @pytest.mark.parametrize("path", ["plan.csv", "plan.ics"])
    def test_it_answers_head_as_get_without_a_body(self, client, seeded, path):
        url = f"/training/mileage/{path}?current=20&goal=30&start={MONDAY}"
        head, get = client.head(url), client.get(url)
        assert head.status_code == 200
        assert head["Content-Type"] == get["Content-Type"]
        assert head["Content-Disposition"] == get["Content-Disposition"]
        assert head.content == b""

    def test_it_does_not_count_a_download(self, client, seeded, completed):
        client.get("/training/mileage/plan.csv?current=20&goal=30")
        client.get("/training/mileage/plan.ics?current=20&goal=30")
        assert completed == []


class TestSpikeCheck:
    def test_it_says_how_far_past_the_10_percent_line_a_run_is(self, client, seeded):
        html = html_of(client.get(TOOLS["spike"][0]))
        assert 'data-spike-percent="33.3" data-band="30-100"' in html
        assert "2.8 km past the 10 % line" in html
        assert "hazard rate ratio of 1.52" in html
        assert "up to <strong>13.2 km</strong> keeps it within 10 %" in html
        assert 'class="table-warning" aria-current="true" data-spike-band="30-100"' in html

    def test_double_the_longest_is_in_the_band_the_page_states(self, client, seeded):
        # Frandsen 2025: "moderate spike" >30 % and 100 %, "large spike" >100 %.
        html = html_of(client.get("/training/spike/?longest_30d=6&planned=12&unit=km"))
        assert 'data-spike-percent="100" data-band="30-100"' in html
        assert "hazard rate ratio of 1.52" in html
        row = html.split('aria-current="true" data-spike-band="30-100">')[1].split("</tr>")[0]
        assert "More than 30 % and up to 100 % longer (up to double)" in row
        assert "More than 100 % longer (over double)" in html and "100 %+" not in html

    def test_it_passes_a_run_within_10_percent(self, client, seeded):
        html = html_of(client.get("/training/spike/?longest_30d=20&planned=21&unit=mi"))
        assert 'data-spike-percent="5" data-band="within"' in html
        assert "up to\n    22 mi stays within it" in html

    def test_it_cites_frandsen(self, client, seeded):
        html = html_of(client.get(TOOLS["spike"][0]))
        assert "Frandsen et al., BJSM 2025" in html
        assert "5,205 runners" in html


class TestCadenceCoach:
    def test_it_sets_a_target_5_to_10_percent_higher_below_160(self, client, seeded):
        html = html_of(client.get("/training/cadence/?foot_strikes=75"))
        assert 'data-spm="150" data-target-low="158" data-target-high="165"' in html
        assert -(-150 * TARGET_LOW_PERCENT // 100) == 158
        assert 150 * TARGET_HIGH_PERCENT // 100 == 165
        assert html.count("data-progression-week=") == 6
        assert 'data-metronome data-bpm="158"' in html
        assert "js/metronome.js" in html

    def test_it_gives_a_runner_at_160_the_same_evidence_based_rise(self, client, seeded):
        html = html_of(client.get(f"/training/cadence/?spm={RULE_OF_THUMB_SPM}"))
        assert 'data-spm="160" data-target-low="168" data-target-high="176"' in html
        assert 'data-below-line="no"' in html
        assert "in the clear" not in html and "no threshold in research" in html
        assert html.count("data-progression-week=") == 6

    def test_it_has_a_metronome_for_each_week_and_a_visual_beat(self, client, seeded):
        html = html_of(client.get("/training/cadence/?spm=152"))
        # 152 → 160 (+5 %, rounded up) in even steps by week 4.
        for week, steps in [(1, 154), (2, 156), (3, 158), (4, 160), (6, 160)]:
            assert f'data-metronome data-bpm="{steps}" data-week="{week}"' in html
        assert "data-metronome-beat" in html and 'data-below-line="yes"' in html

    def test_it_calls_the_160_line_a_rule_of_thumb(self, client, seeded):
        html = html_of(client.get("/training/cadence/"))
        assert "rule of thumb" in html and "D. S. Blaise Williams III" in html
        for study in ("Heiderscheit", "Lenhart", "Willy"):
            assert study in html
        assert 'data-figure="patellofemoral_force_cut_percent"' in html


class TestShoeCheck:
    @pytest.mark.parametrize(
        ("query", "verdict"),
        [
            ("distance=100", "ok"),
            ("distance=700&unit=km", "soon"),
            ("distance=350&unit=mi&tread_worn=on", "replace"),
            ("distance=650&unit=mi", "replace"),
        ],
    )
    def test_it_gives_a_verdict(self, client, seeded, query, verdict):
        html = html_of(client.get(f"/training/shoes/?{query}"))
        assert f'data-verdict="{verdict}"' in html

    def test_it_says_how_far_to_go(self, client, seeded):
        html = html_of(client.get("/training/shoes/?distance=100"))
        assert f"About {WEAR_WINDOWS['km'].soon_from - 100} km to go" in html

    def test_it_explains_rotation_gait_analysis_and_insoles(self, client, seeded):
        html = html_of(client.get(TOOLS["shoes"][0]))
        assert "Malisoux et al. 2015" in html and "0.61" in html
        assert "gait analysis" in html and "insoles" in html
        assert "Turn the shoe over" in html


class TestStrengthPlan:
    def test_it_groups_published_exercises_by_stage(self, client, seeded):
        html = html_of(client.get("/training/strength/"))
        stages = re.findall(r'data-stage-section="(\d)"', html)
        assert stages == ["1", "2", "3", "0"]
        assert html.count("data-exercise=") == Exercise.objects.published().count()
        assert "Dose:" in html and "<li>" in html

    def test_it_hides_draft_exercises(self, client, seeded):
        Exercise.objects.filter(slug="jump-squats").update(status=Status.DRAFT)
        html = html_of(client.get("/training/strength/"))
        assert 'data-exercise="jump-squats"' not in html
        assert "Jump squat," not in html

    def test_it_attributes_every_exercise(self, client, seeded):
        html = html_of(client.get("/training/strength/"))
        articles = re.findall(r"<article.*?</article>", html, re.S)
        assert articles and all("data-citation" in article for article in articles)
        assert "one to two sessions a week" in html  # the plan's own citation

    def test_it_prints_a_12_week_sheet_by_default(self, client, seeded):
        html = html_of(client.get("/training/strength/"))
        stages = re.findall(r'<tr data-week="\d+" data-stage="(\d)"', html)
        assert stages == ["1"] * 4 + ["2"] * 4 + ["3"] * 4
        assert html.count("Session 2") == 1

    def test_it_lays_out_the_sheet_asked_for(self, client, seeded):
        html = html_of(client.get("/training/strength/?weeks=8&sessions=1"))
        stages = re.findall(r'<tr data-week="\d+" data-stage="(\d)"', html)
        assert stages == ["1"] * 3 + ["2"] * 3 + ["3"] * 2
        assert "Session 2" not in html

    def test_it_swaps_only_the_sheet_for_a_live_update(self, client, seeded):
        html = html_of(htmx(client, "/training/strength/?weeks=10&sessions=2", LIVE_UPDATE))
        assert 'data-sheet-weeks="10"' in html
        assert "<form" not in html and "data-exercise=" not in html

    def test_it_shows_a_bad_choice_beside_the_field(self, client, seeded):
        html = html_of(client.get("/training/strength/?weeks=99&sessions=2"))
        assert "Choose 8 to 12 weeks." in html
        assert "data-sheet-weeks" not in html

    def test_it_links_terrain_lean_and_downhill(self, client, seeded):
        html = html_of(client.get("/training/strength/"))
        for slug in ("off-road", "forward-lean", "downhill", "hip-core-strength"):
            assert f'href="/guidance/{slug}/"' in html

    def test_it_counts_nothing(self, client, seeded, completed):
        client.get("/training/strength/?weeks=8&sessions=1")
        assert completed == []


class TestHub:
    def test_it_links_every_tool_and_the_guidance(self, client, seeded):
        html = html_of(client.get("/training/"))
        for tool in ("mileage", "spike", "cadence", "shoes", "strength"):
            assert f'href="/training/{tool}/" data-tool-link="{tool}"' in html
        for slug in ("off-road", "forward-lean", "downhill"):
            assert f'href="/guidance/{slug}/"' in html


class TestCoachEdits:
    """A coach's save clears the cached tool pages at once."""

    def test_it_shows_an_edited_key_figure(self, client, seeded):
        url = TOOLS["cadence"][0]
        client.get(url)
        figure = KeyFigure.objects.get(
            step__slug="cadence", code="patellofemoral_force_cut_percent"
        )
        figure.label = "Edited by a coach: kneecap force cut"
        figure.save()
        assert "Edited by a coach: kneecap force cut" in html_of(client.get(url))

    def test_it_shows_an_edited_citation(self, client, seeded):
        url = TOOLS["spike"][0]
        client.get(url)
        step = GuidanceStep.objects.get(slug="mileage")
        citation = Citation.objects.filter(object_id=step.pk, study__slug="frandsen-2025").get()
        citation.claim = "A coach rewrote the Frandsen claim."
        citation.save()
        assert "A coach rewrote the Frandsen claim." in html_of(client.get(url))

    def test_it_shows_an_edited_exercise(self, client, seeded):
        client.get("/training/strength/")
        exercise = Exercise.objects.get(slug="planks")
        exercise.dose = "4 × 45 seconds, edited"
        exercise.save()
        assert "4 × 45 seconds, edited" in html_of(client.get("/training/strength/"))

    def test_it_leaves_out_an_unpublished_step(self, client, seeded):
        GuidanceStep.objects.filter(slug="footwear").update(status=Status.DRAFT)
        html = html_of(client.get(TOOLS["shoes"][0]))
        assert 'data-verdict="replace"' in html
        assert "Where these numbers come from" not in html


class TestSameNumbersAsTheGuidance:
    """The tools decide with the pure modules' numbers and explain them with the seeded
    guidance figures; the two must start out the same."""

    def figure(self, step, code):
        return KeyFigure.objects.get(step__slug=step, code=code).value

    def test_the_mileage_figures(self, seeded):
        assert self.figure("mileage", "weekly_increase_max_percent") == TEN_PERCENT * 100
        assert self.figure("mileage", "spike_threshold_percent") == 10

    def test_the_cadence_figures(self, seeded):
        assert self.figure("cadence", "cadence_line_spm") == RULE_OF_THUMB_SPM
        assert self.figure("cadence", "cadence_increase_min_percent") == TARGET_LOW_PERCENT - 100
        assert self.figure("cadence", "cadence_increase_max_percent") == TARGET_HIGH_PERCENT - 100

    def test_the_shoe_figures(self, seeded):
        for unit, step_unit in (("mi", "miles"), ("km", "km")):
            window = WEAR_WINDOWS[unit]
            assert self.figure("footwear", f"shoe_life_min_{step_unit}") == window.soon_from
            assert self.figure("footwear", f"shoe_life_max_{step_unit}") == window.replace_from


class TestToolPageCache:
    def cached(self, client, address):
        """Whether the page comes from the cache: then no template is rendered."""
        response = client.get(address)
        assert response.status_code == 200
        return response.templates == []

    @pytest.mark.parametrize(
        "address",
        [
            f"/training/mileage/?current=20&goal=30&unit=km&start={MONDAY}",
            f"/training/mileage/?current=20&goal=30&unit=km&start={MONDAY}&last_week=20&this_week=21",
            "/training/spike/?longest_30d=10&planned=12&unit=km",
            "/training/cadence/?spm=150",
            "/training/shoes/?distance=100&unit=km",
        ],
    )
    def test_it_caches_a_well_formed_query(self, client, seeded, address):
        assert client.get(address).status_code == 200
        assert self.cached(client, address)

    @pytest.mark.parametrize(
        "address",
        [
            "/training/mileage/?current=-5&goal=30&unit=km",
            "/training/mileage/?current=20&goal=30&unit=km&junk=1",
            "/training/spike/?longest_30d=abc&planned=12",
            "/training/cadence/?spm=150&utm_source=x",
            "/training/shoes/?distance=100&unit=furlongs",
        ],
    )
    def test_it_does_not_cache_bad_or_unknown_queries(self, client, seeded, address):
        assert client.get(address).status_code == 200
        assert not self.cached(client, address)

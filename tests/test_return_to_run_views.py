"""The return-to-run page: its dated schedule from the coach's content, the calendar, the
after-session check, and the links from overuse condition pages."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from kneecare.content.models import ReturnToRun, RunWalkPhase, Status

URL = "/training/return-to-run/"


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


class TestSchedule:
    def test_it_dates_twelve_sessions_from_tomorrow_every_other_day(self, client, seeded):
        html = html_of(client.get(URL))
        days = re.findall(r'data-session-day="([\d-]+)"', html)
        tomorrow = timezone.localdate() + timedelta(days=1)
        assert days == [str(tomorrow + timedelta(days=2 * n)) for n in range(12)]
        phases = re.findall(r'data-session="\d+" data-session-day="[\d-]+" data-phase="(\d)"', html)
        assert phases == ["1", "1", "2", "2", "3", "3", "4", "4", "5", "5", "6", "6"]
        assert "walk 2 min, run 3 min" in html and "run throughout" in html
        assert "1.6 km" in html  # a mile

    def test_it_follows_the_chosen_start_gap_and_unit(self, client, seeded):
        start = timezone.localdate() + timedelta(days=3)
        html = html_of(client.get(f"{URL}?start={start}&days_between=3&unit=mi"))
        days = re.findall(r'data-session-day="([\d-]+)"', html)
        assert days[:2] == [str(start), str(start + timedelta(days=3))]
        assert "1 mi" in html

    def test_it_shows_the_rules_and_their_sources(self, client, seeded):
        html = html_of(client.get(URL))
        for rule in (
            "rest-day-between-runs",
            "each-phase-twice",
            "pain-at-most-5",
            "settled-by-next-morning",
        ):
            assert f'data-rule="{rule}"' in html
        assert "Silbernagel et al., 2007" in html and "Trials 2023 return-to-run protocol" in html

    def test_it_uses_the_phases_a_coach_edits(self, client, seeded):
        RunWalkPhase.objects.filter(slug="phase-6").update(sessions=3)
        RunWalkPhase.objects.filter(slug="phase-5").update(status=Status.DRAFT)
        html = html_of(client.get(URL))
        assert re.findall(r'data-phase="(\d)"', html)[-4:] == ["4", "5", "5", "5"]

    def test_it_shows_a_bad_date_beside_its_field(self, client, seeded):
        html = html_of(client.get(f"{URL}?start=2001-01-01&days_between=2"))
        assert "Start within the last 6 days" in html and "data-return-schedule" not in html

    def test_it_answers_htmx_with_the_tool_alone(self, client, seeded):
        html = html_of(client.get(f"{URL}?days_between=3", HTTP_HX_REQUEST="true"))
        assert "<html" not in html and "data-return-schedule" in html

    def test_it_refuses_post(self, client, seeded):
        assert client.post(URL).status_code == 405


class TestAfterSession:
    def test_it_says_step_back_when_pain_went_above_five(self, client, seeded):
        html = html_of(client.get(f"{URL}?pain_during=6&settled=yes"))
        assert 'data-after-session="step-back"' in html

    def test_it_says_carry_on_within_both_limits(self, client, seeded):
        html = html_of(client.get(f"{URL}?pain_during=3&settled=yes"))
        assert 'data-after-session="carry-on"' in html

    def test_it_says_repeat_after_stiffness(self, client, seeded):
        html = html_of(client.get(f"{URL}?pain_during=2&settled=yes&stiffness=on"))
        assert 'data-after-session="repeat"' in html

    def test_swelling_says_what_when_to_get_help_says(self, client, seeded):
        html = html_of(client.get(f"{URL}?pain_during=2&settled=yes&swelling=on"))
        verdict = html.split("data-after-session=")[1].split("</div>")[0]
        assert verdict.startswith('"get-help"')
        assert "Stop the programme" in verdict and "physiotherapist or doctor" in verdict
        assert "Repeat this phase" not in verdict
        assert 'href="#rule-when-to-get-help"' in verdict and 'id="rule-when-to-get-help"' in html

    def test_the_verdict_names_every_reason_that_applied(self, client, seeded):
        html = html_of(client.get(f"{URL}?pain_during=7&settled=no&swelling=on"))
        verdict = html.split("data-after-session=")[1].split("</div>")[0]
        assert verdict.startswith('"get-help"')
        assert "swelled" in verdict
        assert "above 5 out of 10" in verdict and "not settled" in verdict
        assert verdict.count("data-after-reason") == 3

    def test_it_asks_for_a_pain_score(self, client, seeded):
        html = html_of(client.get(f"{URL}?pain_during=12&settled=yes"))
        assert "Enter your pain from 0 to 10." in html and "data-after-session" not in html


class TestCalendar:
    def test_it_exports_every_session_as_an_event_icalendar_reads(self, client, seeded):
        start = timezone.localdate() + timedelta(days=2)
        response = client.get(f"{URL}schedule.ics?start={start}&days_between=2&unit=km")
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        events = list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))
        assert len(events) == 12
        assert events[0].decoded("DTSTART") == start
        assert str(events[0]["SUMMARY"]) == "Walk-run phase 1: walk 2 min, run 3 min"
        assert "5/10" in str(events[0]["DESCRIPTION"])

    def test_it_answers_head_as_get_without_a_body(self, client, seeded):
        start = timezone.localdate() + timedelta(days=2)
        response = client.head(f"{URL}schedule.ics?start={start}&days_between=2&unit=km")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response.content == b""

    def test_it_sends_bad_values_back_to_the_page(self, client, seeded):
        response = client.get(f"{URL}schedule.ics?start=nonsense")
        assert response.status_code == 302 and response["Location"].startswith(URL)


class TestLinks:
    def test_overuse_condition_pages_link_to_the_programme(self, client, seeded):
        for slug in ("runners-knee", "it-band-syndrome", "overuse-tendonitis"):
            html = html_of(client.get(f"/conditions/{slug}/"))
            assert f'href="{URL}" data-return-to-run-link' in html, slug

    def test_other_condition_pages_do_not(self, client, seeded):
        html = html_of(client.get("/conditions/meniscus-tear/"))
        assert "data-return-to-run-link" not in html

    def test_a_draft_programme_is_not_linked(self, client, seeded):
        ReturnToRun.objects.update(status=Status.DRAFT)
        html = html_of(client.get("/conditions/runners-knee/"))
        assert "data-return-to-run-link" not in html

    def test_the_training_hub_links_the_new_pages(self, client, seeded):
        html = html_of(client.get("/training/"))
        assert 'data-tool-link="runs"' in html and 'data-tool-link="return-to-run"' in html

    def test_self_check_results_know_which_conditions_offer_it_without_another_query(
        self, seeded, django_assert_num_queries
    ):
        from kneecare.content.models import Condition

        with django_assert_num_queries(3):  # conditions, their citations, their guidance
            titles = {
                condition.slug: condition.return_to_run_title
                for condition in Condition.objects.published().for_page()
            }
        assert titles["runners-knee"] == "Back to running after an overuse knee injury"
        assert titles["meniscus-tear"] is None


class TestCoachAdmin:
    @pytest.fixture
    def coach_client(self, client, db):
        from django.contrib.auth.models import Group, User

        from kneecare.content.roles import COACHES

        user = User.objects.create_user("coach", password="a-long-coach-password", is_staff=True)
        user.groups.add(Group.objects.get(name=COACHES))
        client.force_login(user)
        return client

    @pytest.mark.parametrize(
        "model, slug, text",
        [
            ("returntorun", "overuse-knee", "Back to running after an overuse knee injury"),
            ("runwalkphase", "phase-1", "walk 2 min, run 3 min"),
            ("returntorunrule", "pain-at-most-5", "at most 5 out of 10"),
        ],
    )
    def test_a_coach_edits_and_previews_the_programme(
        self, coach_client, seeded, model, slug, text
    ):
        from kneecare.content.models import ReturnToRunRule
        from tests.admin_forms import admin_post_data

        record_model = {"returntorun": ReturnToRun, "runwalkphase": RunWalkPhase}.get(
            model, ReturnToRunRule
        )
        record = record_model.objects.get(slug=slug)
        assert coach_client.get(f"/admin/content/{model}/").status_code == 200
        page = coach_client.get(f"/admin/content/{model}/{record.pk}/change/")
        assert page.status_code == 200
        preview = coach_client.post(
            f"/admin/content/{model}/{record.pk}/preview/", admin_post_data(page)
        )
        assert preview.status_code == 200 and text in preview.content.decode()

    def test_a_coach_changes_a_phase_and_the_schedule_follows(self, coach_client, client, seeded):
        from tests.admin_forms import admin_post_data

        phase = RunWalkPhase.objects.get(slug="phase-1")
        page = f"/admin/content/runwalkphase/{phase.pk}/change/"
        response = coach_client.post(page, admin_post_data(coach_client.get(page), sessions=3))
        assert response.status_code == 302
        html = client.get(URL).content.decode()
        assert re.findall(r'data-phase="(\d)"', html)[:4] == ["1", "1", "1", "2"]


class TestUnderAClinicLink:
    """A clinic that leaves the programme out gets no link to it from a self-check result."""

    KNEECAP_PAIN = {
        "pain_location": "front",
        "onset": "gradual",
        "swelling": "none",
        "weight_bearing": "normal",
        "pain_level": "4",
        "worse_with": ["stairs", "squatting"],
    }

    @pytest.mark.parametrize("offered", [True, False])
    def test_the_result_links_the_programme_only_where_the_clinic_offers_it(
        self, client, seeded, offered
    ):
        from kneecare.tools import TOOL_NAMES
        from tests.clinics import PREFIX, make_clinic

        tools = [name for name in TOOL_NAMES if offered or name != "return_to_run"]
        make_clinic(tools=tools)
        html = html_of(client.post(f"{PREFIX}symptoms/check/", self.KNEECAP_PAIN))
        assert 'data-condition="runners-knee"' in html
        assert ("data-return-to-run-link" in html) is offered

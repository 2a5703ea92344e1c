"""A coach edits live content as a draft; the public keeps the live version until publish."""

import pytest
from django.contrib.auth.models import User

from kneecare.content.models import Condition, Exercise, GuidanceStep, Status
from tests.content_admin import change_url, form_post, make_clinic_staff, make_coach
from tests.inputs import SELF_CARE_ANSWERS

LIVE_PAGE = "/conditions/it-band-syndrome/"


@pytest.fixture
def coach_client(client, seeded):
    client.force_login(make_coach())
    return client


@pytest.fixture
def it_band(seeded):
    return Condition.objects.get(slug="it-band-syndrome")


def save_draft(client, record, **changes):
    data = form_post(client, record, **changes)
    data["_save_draft"] = "Save as draft"
    return client.post(change_url(record), data)


def publish(client, record, **changes):
    data = form_post(client, record, **changes)
    data["_publish"] = "Publish changes"
    return client.post(change_url(record), data)


class TestDraftOfLiveContent:
    def test_it_keeps_the_live_page_while_a_draft_waits(self, coach_client, client, it_band):
        response = save_draft(coach_client, it_band, summary="Draft words for review.")
        assert response.status_code == 302
        assert response["Location"] == change_url(it_band)
        it_band.refresh_from_db()
        assert it_band.status == Status.PUBLISHED
        assert it_band.pending_draft["summary"] == "Draft words for review."
        assert "Draft words" not in it_band.summary
        public = client.get(LIVE_PAGE)
        assert public.status_code == 200
        assert b"Draft words for review." not in public.content
        assert b"IT band syndrome" in client.get("/").content

    def test_it_keeps_the_live_version_in_self_check_results(self, coach_client, client, it_band):
        save_draft(coach_client, it_band, self_care="Draft advice nobody sees yet.")
        result = client.post("/symptoms/check/", SELF_CARE_ANSWERS)
        assert b'data-condition="it-band-syndrome"' in result.content
        assert b"Draft advice nobody sees yet." not in result.content

    def test_it_keeps_the_live_exercise_in_the_training_tools(self, coach_client, client, seeded):
        exercise = Exercise.objects.published().first()
        save_draft(coach_client, exercise, how_to="Draft steps nobody sees yet.")
        page = client.get("/training/strength/")
        assert page.status_code == 200
        assert exercise.name.encode() in page.content
        assert b"Draft steps nobody sees yet." not in page.content

    def test_it_shows_the_draft_in_the_editor(self, coach_client, it_band):
        save_draft(coach_client, it_band, summary="Draft words for review.")
        page = coach_client.get(change_url(it_band))
        assert page.context["adminform"].form["summary"].value() == "Draft words for review."
        assert b"data-pending-draft" in page.content
        assert b"<ins>" in page.content  # the draft's changes, word by word
        assert b'name="_discard_draft"' in page.content

    def test_it_publishes_the_draft_in_one_step(self, coach_client, client, it_band):
        save_draft(coach_client, it_band, summary="Published words.")
        response = publish(coach_client, it_band)
        assert response.status_code == 302
        it_band.refresh_from_db()
        assert it_band.summary == "Published words."
        assert it_band.pending_draft == {}
        assert b"Published words." in client.get(LIVE_PAGE).content

    def test_it_holds_linked_guidance_in_the_draft_until_publish(self, coach_client, it_band):
        before = set(it_band.guidance.values_list("pk", flat=True))
        save_draft(coach_client, it_band, guidance=[])
        assert set(it_band.guidance.values_list("pk", flat=True)) == before
        publish(coach_client, it_band)
        assert not it_band.guidance.exists()

    def test_it_discards_the_draft(self, coach_client, client, it_band):
        live_summary = it_band.summary
        save_draft(coach_client, it_band, summary="A draft to throw away.")
        response = coach_client.post(change_url(it_band), {"_discard_draft": "Discard draft"})
        assert response.status_code == 302
        it_band.refresh_from_db()
        assert it_band.pending_draft == {}
        assert it_band.summary == live_summary
        editor = coach_client.get(change_url(it_band))
        assert editor.context["adminform"].form["summary"].value() == live_summary

    def test_it_records_both_saves_and_the_publish_with_the_author(self, coach_client, it_band):
        before = it_band.history.count()
        save_draft(coach_client, it_band, summary="One.", change_reason="Fixed a typo")
        publish(coach_client, it_band)
        versions = list(
            it_band.history.order_by("-history_date")[: it_band.history.count() - before]
        )
        reasons = [version.history_change_reason for version in versions]
        assert "Draft saved: Fixed a typo" in reasons
        assert any(reason.startswith("Published") for reason in reasons)
        coach = User.objects.get(username="coach")
        assert {version.history_user for version in versions} == {coach}

    def test_it_refuses_source_changes_in_a_draft_and_keeps_what_was_typed(
        self, coach_client, it_band
    ):
        data = form_post(coach_client, it_band, summary="Typed summary.")
        claim = next(name for name in data if name.endswith("-0-claim"))
        data[claim] = "A reworded claim."
        data["_save_draft"] = "Save as draft"
        page = coach_client.post(change_url(it_band), data)
        assert page.status_code == 200
        assert b"A draft holds the page" in page.content
        assert b"Typed summary." in page.content
        it_band.refresh_from_db()
        assert it_band.pending_draft == {}

    def test_it_starts_a_new_record_as_a_draft(self, coach_client, client, seeded):
        page = coach_client.get("/admin/content/guidancestep/add/")
        assert page.status_code == 200
        data = {
            "title": "Warm up first",
            "slug": "warm-up",
            "summary": "Warm up.",
            "body": "Ten minutes of easy jogging.",
            "order": 9,
            "figures-TOTAL_FORMS": 0, "figures-INITIAL_FORMS": 0,
            "content-citation-content_type-object_id-TOTAL_FORMS": 0,
            "content-citation-content_type-object_id-INITIAL_FORMS": 0,
            "_save_draft": "Save draft",
        }  # fmt: skip
        response = coach_client.post("/admin/content/guidancestep/add/", data)
        assert response.status_code == 302
        step = GuidanceStep.objects.get(slug="warm-up")
        assert step.status == Status.DRAFT
        assert client.get("/guidance/warm-up/").status_code == 404
        publish(coach_client, step)
        assert client.get("/guidance/warm-up/").status_code == 200

    def test_it_keeps_a_coachs_draft_when_the_seed_runs_again(self, coach_client, it_band):
        from kneecare.content.seeding import seed_content

        save_draft(coach_client, it_band, summary="Mid-edit.")
        report = seed_content()
        assert "condition:it-band-syndrome" not in report.updated
        it_band.refresh_from_db()
        assert it_band.pending_draft["summary"] == "Mid-edit."


class TestPublishAction:
    def test_it_publishes_pending_drafts_from_the_list(self, coach_client, it_band):
        save_draft(coach_client, it_band, summary="From the list.")
        coach_client.post(
            "/admin/content/condition/", {"action": "publish", "_selected_action": [it_band.pk]}
        )
        it_band.refresh_from_db()
        assert it_band.summary == "From the list."
        assert it_band.pending_draft == {}


class TestDraftPermissions:
    def test_it_refuses_clinic_staff(self, client, it_band):
        client.force_login(make_clinic_staff())
        assert client.get(change_url(it_band)).status_code == 403
        response = client.post(change_url(it_band), {"_discard_draft": "Discard draft"})
        assert response.status_code == 403
        response = client.post(change_url(it_band), {"_save_draft": "1", "summary": "x"})
        assert response.status_code == 403
        it_band.refresh_from_db()
        assert it_band.pending_draft == {}


class TestSavedPreview:
    def test_it_shows_the_pending_draft_to_staff_only(self, coach_client, client, it_band):
        save_draft(coach_client, it_band, summary="Draft words for review.")
        response = coach_client.get(f"/preview/condition/{it_band.pk}/")
        assert b"Draft words for review." in response.content
        assert b"runners still see the live version" in response.content
        assert b"Draft words for review." not in client.get(LIVE_PAGE).content


def as_browser_sends(data):
    """Textareas come back from a browser with CRLF line endings."""
    return {
        name: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for name, value in data.items()
    }


class TestDraftFromABrowser:
    def test_a_crlf_post_changes_only_the_field_the_coach_edited(self, coach_client, it_band):
        assert "\n" in it_band.signs  # live multi-line text, stored with \n
        data = as_browser_sends(form_post(coach_client, it_band))
        data["summary"] = "Draft words\r\nfor review."
        data["_save_draft"] = "Save as draft"
        response = coach_client.post(change_url(it_band), data)
        assert response.status_code == 302
        it_band.refresh_from_db()
        assert it_band.pending_draft["summary"] == "Draft words\nfor review."
        assert not any("\r" in str(value) for value in it_band.pending_draft.values())

        editor = coach_client.get(change_url(it_band))
        assert [change.label for change in editor.context["draft_changes"]] == ["Summary"]
        history = coach_client.get(change_url(it_band).replace("/change/", "/history/"))
        assert "In the draft: Summary</td>" in history.content.decode()

        publish_data = as_browser_sends(form_post(coach_client, it_band))
        publish_data["_publish"] = "Publish changes"
        coach_client.post(change_url(it_band), publish_data)
        it_band.refresh_from_db()
        assert it_band.summary == "Draft words\nfor review."
        assert "\r" not in it_band.signs

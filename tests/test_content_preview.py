"""Preview posts the change form's unsaved values into a new tab; nothing is saved."""

import pytest

from kneecare.content.models import Condition, Exercise, GuidanceStep
from tests.content_admin import change_url, form_post, make_clinic_staff, make_coach


@pytest.fixture
def coach_client(client, seeded):
    client.force_login(make_coach())
    return client


def preview_url(record):
    return f"/admin/content/{record._meta.model_name}/{record.pk}/preview/"


class TestPreviewOfUnsavedValues:
    def test_it_renders_the_public_page_and_the_result_card_from_the_form(self, coach_client):
        condition = Condition.objects.get(slug="it-band-syndrome")
        versions = condition.history.count()
        data = form_post(
            coach_client, condition, summary="Unsaved **summary**.", self_care="Unsaved advice."
        )
        response = coach_client.post(preview_url(condition), data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "data-preview-banner" in html and "Nothing is saved" in html
        assert "Unsaved <strong>summary</strong>." in html
        card = html.split("data-preview-result-card", 1)[1]
        assert "Unsaved advice." in card
        assert 'data-condition="it-band-syndrome"' in card
        condition.refresh_from_db()
        assert "Unsaved" not in condition.summary
        assert condition.pending_draft == {}
        assert condition.history.count() == versions

    def test_it_shows_unsaved_sources(self, coach_client):
        step = GuidanceStep.objects.get(slug="mileage")
        data = form_post(coach_client, step)
        claim = next(
            name for name in data if name.endswith("citation-content_type-object_id-0-claim")
        )
        data[claim] = "An unsaved reworded claim."
        response = coach_client.post(preview_url(step), data)
        assert b"An unsaved reworded claim." in response.content
        assert not step.citations.filter(claim="An unsaved reworded claim.").exists()

    def test_it_previews_a_new_record_before_its_first_save(self, coach_client):
        data = {
            "name": "Plica syndrome",
            "slug": "plica",
            "urgency": "soon",
            "summary": "A fold in the joint lining.",
            "signs": "Clicking.",
            "self_care": "Rest.",
            "see_professional": "If it lasts.",
            "order": 30,
            "content-citation-content_type-object_id-TOTAL_FORMS": 0,
            "content-citation-content_type-object_id-INITIAL_FORMS": 0,
        }
        response = coach_client.post("/admin/content/condition/preview/", data)
        assert response.status_code == 200
        assert b"A fold in the joint lining." in response.content
        assert b"not on the site yet" in response.content
        assert not Condition.objects.filter(slug="plica").exists()

    def test_it_names_fields_that_need_fixing(self, coach_client):
        exercise = Exercise.objects.first()
        data = form_post(coach_client, exercise, name="", how_to="Unsaved steps.")
        response = coach_client.post(preview_url(exercise), data)
        assert response.status_code == 200
        assert b"data-preview-errors" in response.content
        assert b"Unsaved steps." in response.content

    def test_it_answers_only_a_post(self, coach_client):
        condition = Condition.objects.first()
        assert coach_client.get(preview_url(condition)).status_code == 405

    def test_it_needs_the_csrf_token(self, seeded):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(make_coach())
        condition = Condition.objects.first()
        assert client.post(preview_url(condition), {"name": "x"}).status_code == 403

    def test_it_refuses_clinic_staff(self, client, seeded):
        client.force_login(make_clinic_staff())
        condition = Condition.objects.first()
        assert client.post(preview_url(condition), {"name": "x"}).status_code == 403

    def test_the_change_form_has_a_preview_button_into_a_new_tab(self, coach_client):
        condition = Condition.objects.first()
        html = coach_client.get(change_url(condition)).content.decode()
        assert f'formaction="{preview_url(condition)}"' in html
        assert 'formtarget="_blank"' in html

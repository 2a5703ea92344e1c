"""The Markdown editor: a plain textarea without JavaScript, a sanitised live preview with it."""

import re

import pytest
from django.test import Client

from kneecare.content.markdown import render_markdown
from kneecare.content.models import Condition
from tests.content_admin import change_url, make_clinic_staff, make_coach

PREVIEW = "/preview/markdown/"
HOSTILE = "**Rest** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"


@pytest.fixture
def coach_client(client, seeded):
    client.force_login(make_coach())
    return client


class TestMarkdownPreviewEndpoint:
    def test_it_renders_with_the_public_pages_sanitiser(self, coach_client):
        response = coach_client.post(PREVIEW, {"text": HOSTILE})
        assert response.status_code == 200
        html = response.content.decode()
        assert html == str(render_markdown(HOSTILE))
        assert "<strong>Rest</strong>" in html
        assert "<script" not in html and "<img" not in html and "javascript:" not in html
        assert "no-store" in response["Cache-Control"]

    def test_raw_html_shows_as_typed_in_the_preview_and_on_the_public_page(
        self, coach_client, client
    ):
        text = "Rest <b>x</b> and **y**"
        preview = coach_client.post(PREVIEW, {"text": text}).content.decode()
        assert "&lt;b&gt;x&lt;/b&gt;" in preview and "<b>" not in preview
        assert "<strong>y</strong>" in preview
        Condition.objects.filter(slug="runners-knee").update(summary=text)
        public = client.get("/conditions/runners-knee/").content.decode()
        assert "&lt;b&gt;x&lt;/b&gt;" in public and "<b>x</b>" not in public
        assert "<strong>y</strong>" in public

    def test_it_answers_only_a_post(self, coach_client):
        assert coach_client.get(PREVIEW).status_code == 405

    def test_it_needs_the_csrf_token(self, seeded):
        client = Client(enforce_csrf_checks=True)
        client.force_login(make_coach())
        assert client.post(PREVIEW, {"text": "hi"}).status_code == 403

    def test_it_refuses_clinic_staff_and_the_public(self, client, seeded):
        assert client.post(PREVIEW, {"text": "hi"}).status_code == 302  # to the admin sign-in
        client.force_login(make_clinic_staff())
        assert client.post(PREVIEW, {"text": "hi"}).status_code == 403


class TestEditorWithoutJavaScript:
    def test_it_is_a_plain_textarea_with_a_cheat_sheet(self, coach_client):
        condition = Condition.objects.get(slug="runners-knee")
        html = coach_client.get(change_url(condition)).content.decode()
        textarea = re.search(r"<textarea[^>]*name=\"summary\"[^>]*>", html).group(0)
        assert "data-markdown-editor" in textarea
        assert f'data-preview-url="{PREVIEW}"' in textarea
        assert "data-markdown-cheat-sheet" in html and "**bold**" in html
        # The editor is one static file; no inline script or style on the page.
        assert 'src="/static/js/admin-markdown.js"' in html
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
        assert " style=" not in html

    def test_it_saves_what_was_typed_in_the_plain_textarea(self, coach_client):
        from tests.content_admin import form_post

        condition = Condition.objects.get(slug="runners-knee")
        data = form_post(coach_client, condition, summary="Typed *without* JavaScript.")
        data["_publish"] = "Publish changes"
        assert coach_client.post(change_url(condition), data).status_code == 302
        condition.refresh_from_db()
        assert condition.summary == "Typed *without* JavaScript."


class TestAdminFits:
    def test_it_has_a_favicon_and_its_stylesheet(self, coach_client):
        html = coach_client.get("/admin/content/condition/").content.decode()
        assert 'rel="icon" href="/static/img/favicon.svg"' in html
        assert "/static/css/admin.css" in html

    def test_the_list_shows_status_draft_last_edit_and_editor(self, coach_client):
        condition = Condition.objects.get(slug="runners-knee")
        from tests.content_admin import form_post

        data = form_post(coach_client, condition, summary="A waiting draft.")
        data["_save_draft"] = "Save as draft"
        coach_client.post(change_url(condition), data)
        html = coach_client.get("/admin/content/condition/").content.decode()
        for heading in ("Status", "Pending draft", "Last edited", "By"):
            assert f">{heading}<" in html or f">{heading}</a>" in html
        row = html.split(f'href="/admin/content/condition/{condition.pk}/change/', 1)[1]
        row = row.split("</tr>", 1)[0]
        assert "Sam Coach" in row
        assert "icon-yes" in row  # the pending draft
        assert "the seed (no person)" in html

"""The history a coach reads: author, time, reason, a word diff, and restore in one step."""

import pytest

from kneecare.content.models import Condition
from tests.content_admin import change_url, form_post, make_clinic_staff, make_coach


@pytest.fixture
def coach_client(client, seeded):
    client.force_login(make_coach())
    return client


@pytest.fixture
def runners_knee(seeded):
    return Condition.objects.get(slug="runners-knee")


def history_url(record):
    return f"/admin/content/condition/{record.pk}/history/"


def bad_edit(client, record, **changes):
    data = form_post(client, record, **changes)
    data["_publish"] = "Publish changes"
    assert client.post(change_url(record), data).status_code == 302
    record.refresh_from_db()
    return record


class TestReadableHistory:
    def test_it_lists_author_time_and_reason_in_full(self, coach_client, runners_knee):
        long_signs = "Pain around the kneecap " * 40
        bad_edit(coach_client, runners_knee, signs=long_signs, change_reason="Longer signs")
        page = coach_client.get(history_url(runners_knee))
        html = page.content.decode()
        assert page.status_code == 200
        assert "Sam Coach" in html
        assert "Published: Longer signs" in html
        assert "Typical signs" in html
        assert "None" not in html
        assert "chars]" not in html
        assert "/admin/auth/user/" not in html  # no link a coach would meet as a 403
        assert "Restore this version" in html

    def test_it_compares_a_version_with_the_current_one_word_by_word(
        self, coach_client, runners_knee
    ):
        before = runners_knee.history.latest()
        long_summary = runners_knee.summary
        bad_edit(coach_client, runners_knee, summary=long_summary.replace("kneecap", "knee cap", 1))
        page = coach_client.get(f"{history_url(runners_knee)}{before.history_id}/compare/")
        html = page.content.decode()
        assert page.status_code == 200
        assert "<del>kneecap</del><ins>knee cap</ins>" in html
        assert long_summary[-40:].replace("'", "&#x27;") in html  # the whole text, never cut
        assert "Summary" in html

    def test_it_restores_a_version_in_one_step_as_a_new_version(
        self, coach_client, client, runners_knee
    ):
        good = runners_knee.history.latest()
        good_summary = runners_knee.summary
        bad_edit(coach_client, runners_knee, summary="A bad edit.")
        versions = runners_knee.history.count()
        response = coach_client.post(
            f"{history_url(runners_knee)}{good.history_id}/restore/",
            {"change_reason": "Undo the bad edit"},
        )
        assert response.status_code == 302
        runners_knee.refresh_from_db()
        assert runners_knee.summary == good_summary
        assert runners_knee.history.count() > versions
        latest = runners_knee.history.latest()
        assert latest.history_change_reason.startswith("Restored the version of")
        assert latest.history_change_reason.endswith("Undo the bad edit")
        assert good_summary.split()[0].encode() in client.get("/conditions/runners-knee/").content
        assert runners_knee.history.filter(summary="A bad edit.").exists()

    def test_it_restores_linked_guidance(self, coach_client, runners_knee):
        good = runners_knee.history.latest()
        linked = set(runners_knee.guidance.values_list("pk", flat=True))
        assert linked
        bad_edit(coach_client, runners_knee, guidance=[])
        coach_client.post(f"{history_url(runners_knee)}{good.history_id}/restore/")
        assert set(runners_knee.guidance.values_list("pk", flat=True)) == linked

    def test_it_restores_only_by_post(self, coach_client, runners_knee):
        version = runners_knee.history.latest()
        url = f"{history_url(runners_knee)}{version.history_id}/restore/"
        assert coach_client.get(url).status_code == 405

    def test_it_keeps_clinic_staff_out(self, client, runners_knee):
        client.force_login(make_clinic_staff())
        version = runners_knee.history.latest()
        assert client.get(history_url(runners_knee)).status_code == 403
        assert (
            client.get(f"{history_url(runners_knee)}{version.history_id}/compare/").status_code
            == 403
        )
        url = f"{history_url(runners_knee)}{version.history_id}/restore/"
        assert client.post(url).status_code == 403


class TestRestoringADraft:
    """A "Draft saved" row holds the live wording of its time in its fields and the coach's
    new wording in the draft: restoring it brings back the draft, as the coach wrote it."""

    def save_draft_then_publish_over_it(self, client, record):
        drafted = record.summary + " DRAFTMARK"
        data = form_post(client, record, summary=drafted, change_reason="Reviewer test draft")
        data["_save_draft"] = "Save as draft"
        assert client.post(change_url(record), data).status_code == 302
        draft_row = record.history.latest()
        bad_edit(client, record, summary="Replaced later.")
        return draft_row, drafted

    def test_it_restores_the_drafts_wording_as_a_new_version(
        self, coach_client, client, runners_knee
    ):
        draft_row, drafted = self.save_draft_then_publish_over_it(coach_client, runners_knee)
        assert draft_row.history_change_reason.startswith("Draft saved")
        response = coach_client.post(
            f"{history_url(runners_knee)}{draft_row.history_id}/restore/", follow=True
        )
        runners_knee.refresh_from_db()
        assert runners_knee.summary == drafted
        assert runners_knee.pending_draft == {}
        assert "Restored the draft of" in response.content.decode()
        assert runners_knee.history.latest().history_change_reason.startswith(
            "Restored the draft of"
        )
        assert b"DRAFTMARK" in client.get("/conditions/runners-knee/").content

    def test_the_history_and_compare_name_it_a_draft(self, coach_client, runners_knee):
        draft_row, _ = self.save_draft_then_publish_over_it(coach_client, runners_knee)
        html = coach_client.get(history_url(runners_knee)).content.decode()
        assert html.count("Restore this draft") == 1
        assert "data-draft-note" in html
        compare = coach_client.get(f"{history_url(runners_knee)}{draft_row.history_id}/compare/")
        text = compare.content.decode()
        assert "The draft saved on" in text
        assert "Restore this draft" in text
        assert "DRAFTMARK" in text

    def test_a_draft_saved_again_unchanged_still_restores_the_draft(
        self, coach_client, runners_knee
    ):
        drafted = runners_knee.summary + " DRAFTMARK"
        for _ in range(2):
            data = form_post(coach_client, runners_knee, summary=drafted)
            data["_save_draft"] = "Save as draft"
            assert coach_client.post(change_url(runners_knee), data).status_code == 302
        again = runners_knee.history.latest()
        assert again.history_change_reason.startswith("Draft saved")
        coach_client.post(f"{history_url(runners_knee)}{again.history_id}/restore/")
        runners_knee.refresh_from_db()
        assert runners_knee.summary == drafted

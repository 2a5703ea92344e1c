from django.contrib.auth.models import User

from kneecare.content.models import Condition
from tests.admin_forms import admin_post_data


class TestContentHistory:
    def test_it_records_each_change_with_author_and_time(self, seeded, admin_client):
        condition = Condition.objects.get(slug="runners-knee")
        admin = User.objects.get(username="admin")
        condition._history_user = admin
        condition.summary = "First coach edit."
        condition.save()
        latest = condition.history.latest()
        assert latest.summary == "First coach edit."
        assert latest.history_user == admin
        assert latest.history_date is not None

    def test_it_reverts_to_an_earlier_version_from_the_admin(self, seeded, admin_client):
        condition = Condition.objects.get(slug="runners-knee")
        original = condition.summary
        first = condition.history.latest()
        condition.summary = "A mistaken edit."
        condition.save()
        url = f"/admin/content/condition/{condition.pk}/history/{first.history_id}/"
        page = admin_client.get(url)
        assert page.status_code == 200
        data = admin_post_data(
            page,
            guidance=[step.pk for step in condition.guidance.all()],
            exercises=[exercise.pk for exercise in condition.exercises.all()],
        )
        response = admin_client.post(url, data)
        assert response.status_code == 302
        condition.refresh_from_db()
        assert condition.summary == original
        assert condition.history.count() >= 3  # nothing is lost: the mistake stays in history

    def test_it_shows_the_history_page(self, seeded, admin_client):
        condition = Condition.objects.get(slug="runners-knee")
        response = admin_client.get(f"/admin/content/condition/{condition.pk}/history/")
        assert response.status_code == 200
        assert b"Seeded from" in response.content


class TestLineEndings:
    def test_it_records_only_the_field_a_coach_changed(self, seeded, admin_client):
        condition = Condition.objects.get(slug="it-band-syndrome")
        before = condition.history.count()
        url = f"/admin/content/condition/{condition.pk}/change/"
        page = admin_client.get(url)
        data = admin_post_data(page, summary="A new summary.")
        # Browsers send every textarea's lines with CRLF.
        for name in ("signs", "self_care", "see_professional"):
            data[name] = data[name].replace("\n", "\r\n")
        assert admin_client.post(url, data).status_code == 302
        condition.refresh_from_db()
        assert "\r" not in condition.signs
        latest = condition.history.latest()
        changed = {change.field for change in latest.diff_against(latest.prev_record).changes}
        assert changed == {"summary"}
        assert condition.history.count() == before + 1

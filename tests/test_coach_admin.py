import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from kneecare.content.models import Condition, GuidanceStep, Status
from kneecare.content.roles import COACHES
from tests.admin_forms import admin_post_data


@pytest.fixture
def coach(db):
    user = User.objects.create_user("coach", password="a-long-coach-password", is_staff=True)
    user.groups.add(Group.objects.get(name=COACHES))
    return user


@pytest.fixture
def coach_client(client, coach):
    client.force_login(coach)
    return client


class TestCoachesGroup:
    def test_it_exists_after_migrating(self, db):
        group = Group.objects.get(name=COACHES)
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert {"add_condition", "change_condition", "change_guidancestep"} <= codenames
        assert not any("user" in codename or "group" in codename for codename in codenames)
        assert not any(codename.startswith("delete_") for codename in codenames)


class TestCoachAdmin:
    def test_it_lets_a_coach_edit_content(self, coach_client, seeded):
        response = coach_client.get("/admin/content/condition/")
        assert response.status_code == 200
        assert b"IT band syndrome" in response.content

    def test_it_keeps_users_and_groups_out_of_reach(self, coach_client):
        assert coach_client.get("/admin/auth/user/").status_code == 403
        assert coach_client.get("/admin/auth/group/").status_code == 403
        assert b"auth/user" not in coach_client.get("/admin/").content

    def test_it_saves_a_change_through_the_admin_form(self, coach_client, seeded):
        step = GuidanceStep.objects.get(slug="downhill")
        page = coach_client.get(f"/admin/content/guidancestep/{step.pk}/change/")
        data = admin_post_data(page, title="Stay in control downhill")
        response = coach_client.post(f"/admin/content/guidancestep/{step.pk}/change/", data)
        assert response.status_code == 302, response.context and response.context["errors"]
        assert GuidanceStep.objects.get(pk=step.pk).title == "Stay in control downhill"

    def test_it_publishes_with_an_action(self, coach_client, seeded):
        draft = Condition.objects.get(slug="knee-strain")
        draft.status = Status.DRAFT
        draft.save()
        coach_client.post(
            "/admin/content/condition/",
            {"action": "publish", "_selected_action": [draft.pk]},
        )
        assert Condition.objects.get(pk=draft.pk).status == Status.PUBLISHED

    def test_it_previews_a_draft_as_the_public_page(self, coach_client, seeded, client):
        draft = Condition.objects.get(slug="meniscus-tear")
        draft.status = Status.DRAFT
        draft.summary = "Draft wording for review."
        draft.save()
        response = coach_client.get(f"/preview/condition/{draft.pk}/")
        assert response.status_code == 200
        assert b"Draft wording for review." in response.content
        assert b"Preview." in response.content
        assert b"This draft is not public yet" in response.content

    def test_it_hides_previews_from_the_public(self, client, seeded):
        condition = Condition.objects.get(slug="meniscus-tear")
        response = client.get(f"/preview/condition/{condition.pk}/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


class TestCreateCoachCommand:
    def test_it_creates_a_staff_coach(self, db, monkeypatch):
        monkeypatch.setenv("COACH_PASSWORD", "a-long-coach-password")
        call_command("create_coach", "sam")
        user = User.objects.get(username="sam")
        assert user.is_staff and not user.is_superuser
        assert user.groups.filter(name=COACHES).exists()
        assert user.check_password("a-long-coach-password")

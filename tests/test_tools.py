"""The one registry of tools: every page it names exists, and the clinics read it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from clinics.roles import CLINIC_STAFF, CLINIC_STAFF_PERMISSIONS
from kneecare.content.roles import COACH_PERMISSIONS, COACHES
from kneecare.tools import TOOL_NAMES, TOOLS, tool_for_view
from kneecare.urgency import URGENCY_LEVELS


class TestToolRegistry:
    @pytest.mark.parametrize("tool", TOOLS, ids=TOOL_NAMES)
    def test_it_names_pages_that_exist(self, tool):
        assert tool.url_names[0] == tool.url_name
        for url_name in tool.url_names:
            assert reverse(url_name).startswith("/")

    def test_it_gives_every_tool_a_unique_name_and_its_own_pages(self):
        assert len(set(TOOL_NAMES)) == len(TOOLS)
        pages = [url_name for tool in TOOLS for url_name in tool.url_names]
        assert len(set(pages)) == len(pages)

    def test_it_finds_the_tool_of_each_page(self):
        assert tool_for_view("training:mileage_ics").name == "mileage"
        assert tool_for_view("symptoms:index").name == "symptoms"
        assert tool_for_view("training:shoes").name == "shoes"

    @pytest.mark.parametrize("view_name", ["training:index", "training:strength", "content:home"])
    def test_it_leaves_pages_that_are_no_tool_to_every_clinic(self, view_name):
        assert tool_for_view(view_name) is None

    def test_it_gives_urgency_levels_to_the_self_check_only(self):
        levels = {tool.name: tool.urgency_levels for tool in TOOLS}
        assert levels.pop("symptoms") == URGENCY_LEVELS
        assert set(levels.values()) == {()}


def granted(group_name):
    permissions = Group.objects.get(name=group_name).permissions.select_related("content_type")
    return {(permission.content_type.app_label, permission.codename) for permission in permissions}


def listed(role_permissions):
    return {
        (app_label, f"{action}_{model}")
        for app_label, models in role_permissions.items()
        for model, actions in models.items()
        for action in actions
    }


@pytest.mark.django_db
class TestRoles:
    """Migrations write each group's permissions out literally; these say the migrated
    groups still match the roles, so a change to a role comes with its migration."""

    def test_it_gives_coaches_exactly_their_role(self):
        assert granted(COACHES) == listed(COACH_PERMISSIONS)

    def test_it_gives_clinic_staff_exactly_their_role(self):
        assert granted(CLINIC_STAFF) == listed(CLINIC_STAFF_PERMISSIONS)

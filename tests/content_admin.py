"""Builders for the coaches' admin tests: a coach, a clinic staff member, a change form's POST."""

from django.contrib.auth.models import Group, Permission, User

from clinics.roles import CLINIC_STAFF, CLINIC_STAFF_PERMISSIONS
from kneecare.content.roles import COACH_PERMISSIONS, COACHES
from tests.admin_forms import admin_post_data


def role_group(name, permissions):
    """The staff group the migrations create. A live-server test flushes the database
    between tests, which drops the migrated groups (Django re-creates only permissions), so
    a group missing here is rebuilt from the role data the migration test holds to it."""
    group, created = Group.objects.get_or_create(name=name)
    if created:
        for app_label, models in permissions.items():
            for model, actions in models.items():
                group.permissions.add(
                    *Permission.objects.filter(
                        content_type__app_label=app_label,
                        codename__in=[f"{action}_{model}" for action in actions],
                    )
                )
    return group


def make_coach(username="coach"):
    user = User.objects.create_user(
        username,
        password="a-long-coach-password",
        is_staff=True,
        first_name="Sam",
        last_name="Coach",
    )
    user.groups.add(role_group(COACHES, COACH_PERMISSIONS))
    return user


def make_clinic_staff(username="desk"):
    user = User.objects.create_user(username, password="a-long-staff-password", is_staff=True)
    user.groups.add(role_group(CLINIC_STAFF, CLINIC_STAFF_PERMISSIONS))
    return user


def change_url(record):
    return f"/admin/content/{record._meta.model_name}/{record.pk}/change/"


def form_post(client, record, **changes):
    """The change form's data as the browser would send it, with `changes` typed in."""
    page = client.get(change_url(record))
    assert page.status_code == 200
    return admin_post_data(page, **changes)

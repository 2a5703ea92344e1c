"""Builders for the coaches' admin tests: a coach, a clinic staff member, a change form's POST.

The staff groups are the migrated ones; after a live-server test has flushed the database,
tests/conftest.py puts them back (restore_staff_groups), so they are always there."""

from django.contrib.auth.models import Group, User

from clinics.roles import CLINIC_STAFF
from kneecare.content.roles import COACHES
from tests.admin_forms import admin_post_data


def make_coach(username="coach"):
    user = User.objects.create_user(
        username,
        password="a-long-coach-password",
        is_staff=True,
        first_name="Sam",
        last_name="Coach",
    )
    user.groups.add(Group.objects.get(name=COACHES))
    return user


def make_clinic_staff(username="desk"):
    user = User.objects.create_user(username, password="a-long-staff-password", is_staff=True)
    user.groups.add(Group.objects.get(name=CLINIC_STAFF))
    return user


def change_url(record):
    return f"/admin/content/{record._meta.model_name}/{record.pk}/change/"


def form_post(client, record, **changes):
    """The change form's data as the browser would send it, with `changes` typed in."""
    page = client.get(change_url(record))
    assert page.status_code == 200
    return admin_post_data(page, **changes)

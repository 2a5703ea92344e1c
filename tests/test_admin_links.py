"""The admin's "View on site" redirect shows clinic staff only their own clinic's link."""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType

from clinics.models import Clinic
from clinics.roles import CLINIC_STAFF
from tests.clinics import make_clinic


@pytest.fixture
def clinics(db):
    return make_clinic(), make_clinic(name="Hillside Sports Clinic", slug="hillside")


def view_on_site(client, clinic):
    content_type = ContentType.objects.get_for_model(Clinic)
    return client.get(f"/admin/r/{content_type.pk}/{clinic.pk}/")


class TestViewOnSite:
    def test_clinic_staff_reach_their_own_clinic_link(self, client, clinics):
        riverside, _ = clinics
        staff = User.objects.create_user("rita", password="a-long-staff-password", is_staff=True)
        staff.groups.add(Group.objects.get(name=CLINIC_STAFF))
        riverside.staff.add(staff)
        client.force_login(staff)
        response = view_on_site(client, riverside)
        assert response.status_code == 302
        assert response["Location"].endswith("/c/riverside/")

    def test_clinic_staff_cannot_find_another_clinic_link(self, client, clinics):
        riverside, hillside = clinics
        staff = User.objects.create_user("rita", password="a-long-staff-password", is_staff=True)
        staff.groups.add(Group.objects.get(name=CLINIC_STAFF))
        riverside.staff.add(staff)
        client.force_login(staff)
        response = view_on_site(client, hillside)
        assert response.status_code == 404
        assert "hillside" not in response.content.decode()

    def test_a_superuser_reaches_every_clinic_link(self, client, clinics):
        _, hillside = clinics
        client.force_login(User.objects.create_superuser("root", password="a-long-root-pw"))
        response = view_on_site(client, hillside)
        assert response.status_code == 302
        assert response["Location"].endswith("/c/hillside/")

    def test_it_sends_visitors_to_the_login_page(self, client, clinics):
        response = view_on_site(client, clinics[0])
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]

    def test_an_unknown_content_type_is_not_found(self, admin_client, clinics):
        assert admin_client.get("/admin/r/999999/1/").status_code == 404

"""Clinics in the admin: who sees which clinic, what staff may change, the poster, the counts."""

import io
import random
import re
from datetime import timedelta

import pytest
import zxingcpp
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from clinics.models import Clinic, DailyCount
from clinics.poster import clinic_qr, qr_svg
from clinics.roles import CLINIC_STAFF
from kneecare.content.roles import COACHES
from kneecare.tools import TOOL_NAMES
from tests.admin_forms import admin_post_data
from tests.clinics import make_clinic, png_bytes


def staff_member(username, clinic):
    user = User.objects.create_user(username, password="a-long-staff-password", is_staff=True)
    user.groups.add(Group.objects.get(name=CLINIC_STAFF))
    clinic.staff.add(user)
    return user


@pytest.fixture
def riverside(db):
    return make_clinic()


@pytest.fixture
def hillside(db):
    return make_clinic(name="Hillside Sports Clinic", slug="hillside")


@pytest.fixture
def staff_client(client, riverside, hillside):
    client.force_login(staff_member("rita", riverside))
    return client


@pytest.fixture
def superuser_client(client, db):
    client.force_login(User.objects.create_superuser("root", password="a-long-root-password"))
    return client


@pytest.fixture
def coach_client(client, db):
    coach = User.objects.create_user("coach", password="a-long-coach-password", is_staff=True)
    coach.groups.add(Group.objects.get(name=COACHES))
    client.force_login(coach)
    return client


def change_url(clinic, view="change"):
    return f"/admin/clinics/clinic/{clinic.pk}/{view}/"


class TestClinicStaffGroup:
    def test_it_exists_after_migrating_with_clinic_rights_only(self, db):
        group = Group.objects.get(name=CLINIC_STAFF)
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert codenames == {"change_clinic", "view_clinic"}


class TestStaffSeeTheirOwnClinic:
    def test_it_lists_only_their_clinic(self, staff_client):
        response = staff_client.get("/admin/clinics/clinic/")
        assert response.status_code == 200
        assert b"Riverside Physio" in response.content
        assert b"Hillside Sports Clinic" not in response.content

    def test_it_opens_their_clinic(self, staff_client, riverside):
        response = staff_client.get(change_url(riverside))
        assert response.status_code == 200
        assert b"Poster with QR code" in response.content

    @pytest.mark.parametrize(
        "view", ["change", "history", "delete", "poster", "counts", "poster/qr.svg"]
    )
    def test_it_keeps_another_clinic_out_of_reach(self, staff_client, hillside, view):
        url = change_url(hillside, view).removesuffix("/") if view.endswith(".svg") else None
        response = staff_client.get(url or change_url(hillside, view))
        assert response.status_code in (302, 403, 404)
        assert b"Hillside Sports Clinic" not in response.content

    def test_it_refuses_a_post_to_another_clinic(self, staff_client, hillside):
        response = staff_client.post(change_url(hillside), {"name": "Taken over"})
        assert response.status_code in (302, 403, 404)
        hillside.refresh_from_db()
        assert hillside.name == "Hillside Sports Clinic"

    def test_it_refuses_another_clinics_history_versions(self, staff_client, hillside):
        version = hillside.history.first()
        url = f"/admin/clinics/clinic/{hillside.pk}/history/{version.history_id}/"
        assert staff_client.get(url).status_code == 403

    def test_it_keeps_content_users_and_groups_out_of_reach(self, staff_client):
        for url in (
            "/admin/content/condition/",
            "/admin/content/study/",
            "/admin/auth/user/",
            "/admin/auth/group/",
        ):
            assert staff_client.get(url).status_code == 403
        index = staff_client.get("/admin/").content.decode()
        assert "/admin/clinics/clinic/" in index
        assert "/admin/content/" not in index
        assert "/admin/auth/" not in index

    def test_it_cannot_add_or_delete_clinics(self, staff_client, riverside):
        assert staff_client.get("/admin/clinics/clinic/add/").status_code == 403
        assert staff_client.get(change_url(riverside, "delete")).status_code == 403


class TestWhatStaffMayChange:
    def test_it_saves_what_patients_see(self, staff_client, riverside):
        page = staff_client.get(change_url(riverside))
        data = admin_post_data(page, message="Open late on Thursdays.", tools=["symptoms"])
        response = staff_client.post(change_url(riverside), data)
        assert response.status_code == 302, response.context and response.context["errors"]
        riverside.refresh_from_db()
        assert riverside.message == "Open late on Thursdays."
        assert riverside.tools == ["symptoms"]

    def test_it_leaves_slug_active_and_staff_alone(self, staff_client, riverside):
        intruder = User.objects.create_user("intruder", is_staff=True)
        intruder.groups.add(Group.objects.get(name=CLINIC_STAFF))
        page = staff_client.get(change_url(riverside))
        assert "slug" not in page.context["adminform"].form.fields
        assert "staff" not in page.context["adminform"].form.fields
        data = admin_post_data(page)
        data.update(slug="taken", active="", staff=[intruder.pk])
        assert staff_client.post(change_url(riverside), data).status_code == 302
        riverside.refresh_from_db()
        assert riverside.slug == "riverside"
        assert riverside.active
        assert list(riverside.staff.values_list("username", flat=True)) == ["rita"]

    def test_it_shows_history_but_refuses_a_revert(self, staff_client, riverside):
        riverside.active = False
        riverside.save()
        old = riverside.history.earliest()
        url = f"/admin/clinics/clinic/{riverside.pk}/history/{old.history_id}/"
        assert staff_client.get(url).status_code == 200
        assert staff_client.post(url, {"name": "Riverside Physio"}).status_code == 403
        riverside.refresh_from_db()
        assert not riverside.active


class TestOtherRoles:
    def test_it_keeps_coaches_away_from_clinics(self, coach_client, riverside):
        assert coach_client.get("/admin/clinics/clinic/").status_code == 403
        assert coach_client.get(change_url(riverside)).status_code == 403
        assert coach_client.get(change_url(riverside, "counts")).status_code == 403
        assert coach_client.get(change_url(riverside, "poster")).status_code == 403
        assert "/admin/clinics/" not in coach_client.get("/admin/").content.decode()

    def test_it_shows_every_clinic_to_a_superuser(self, superuser_client, riverside, hillside):
        listing = superuser_client.get("/admin/clinics/clinic/")
        assert b"Riverside Physio" in listing.content
        assert b"Hillside Sports Clinic" in listing.content
        for clinic in (riverside, hillside):
            for view in ("change", "counts", "poster", "history"):
                assert superuser_client.get(change_url(clinic, view)).status_code == 200

    def test_it_lets_a_superuser_add_a_clinic_with_staff(self, superuser_client, db):
        rita = User.objects.create_user("rita", is_staff=True)
        rita.groups.add(Group.objects.get(name=CLINIC_STAFF))
        page = superuser_client.get("/admin/clinics/clinic/add/")
        data = admin_post_data(
            page, name="Lakeside Clinic", slug="lakeside", tools=["symptoms", "shoes"]
        )
        data["staff"] = [rita.pk]
        response = superuser_client.post("/admin/clinics/clinic/add/", data)
        assert response.status_code == 302, response.context and response.context["errors"]
        clinic = Clinic.objects.get(slug="lakeside")
        assert clinic.tools == ["symptoms", "shoes"]
        assert list(clinic.staff.all()) == [rita]

    def test_it_ticks_every_check_for_a_new_clinic(self, superuser_client, db):
        page = superuser_client.get("/admin/clinics/clinic/add/")
        assert page.context["adminform"].form["tools"].value() == list(TOOL_NAMES)
        data = admin_post_data(page, name="Lakeside Clinic", slug="lakeside")
        assert superuser_client.post("/admin/clinics/clinic/add/", data).status_code == 302
        assert Clinic.objects.get(slug="lakeside").tools == list(TOOL_NAMES)

    def test_it_refuses_a_clinic_that_offers_no_check(self, superuser_client, db):
        page = superuser_client.get("/admin/clinics/clinic/add/")
        data = admin_post_data(page, name="Lakeside Clinic", slug="lakeside")
        del data["tools"]
        response = superuser_client.post("/admin/clinics/clinic/add/", data)
        assert response.status_code == 200
        assert b"Offer at least one self-check" in response.content
        assert not Clinic.objects.filter(slug="lakeside").exists()

    def test_it_offers_only_clinic_staff_as_staff(self, superuser_client, riverside):
        User.objects.create_user("coach", is_staff=True).groups.add(Group.objects.get(name=COACHES))
        rita = staff_member("rita", riverside)
        field = superuser_client.get(change_url(riverside)).context["adminform"].form["staff"]
        assert list(field.field.queryset) == [rita]


def upload(data, name, content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


class TestLogoUpload:
    def post_logo(self, client, clinic, logo):
        page = client.get(change_url(clinic))
        data = admin_post_data(page, logo_upload=logo)
        return client.post(change_url(clinic), data)

    def test_it_stores_a_png_in_the_database(self, staff_client, riverside):
        response = self.post_logo(staff_client, riverside, upload(png_bytes(), "logo.png"))
        assert response.status_code == 302
        riverside.refresh_from_db()
        # Re-encoded from its pixels (tests/test_logo.py), so the same picture.
        with Image.open(io.BytesIO(bytes(riverside.logo))) as stored:
            assert (stored.format, stored.size) == ("PNG", (64, 32))
            assert stored.convert("RGB").getpixel((5, 5)) == (11, 93, 122)
        assert riverside.logo_type == "image/png"
        assert len(riverside.logo_version) == 16

    @pytest.mark.parametrize(
        ("image_format", "content_type"), [("JPEG", "image/jpeg"), ("WEBP", "image/webp")]
    )
    def test_it_takes_jpeg_and_webp(self, staff_client, riverside, image_format, content_type):
        data = png_bytes(image_format=image_format)
        response = self.post_logo(staff_client, riverside, upload(data, "logo.bin"))
        assert response.status_code == 302
        riverside.refresh_from_db()
        assert riverside.logo_type == content_type

    @pytest.mark.parametrize(
        ("data", "name", "message"),
        [
            (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "logo.svg", "SVG is not accepted"),
            (b"just some text pretending", "logo.png", "PNG, JPEG or WebP"),
            (png_bytes(image_format="GIF"), "logo.png", "PNG, JPEG or WebP"),
            (png_bytes()[:60], "logo.png", "PNG, JPEG or WebP"),
            (png_bytes(size=(3000, 20)), "logo.png", "3000 × 20 pixels"),
        ],
        ids=["svg", "text-named-png", "gif-named-png", "truncated", "too-wide"],
    )
    def test_it_refuses_what_is_not_a_logo(self, staff_client, riverside, data, name, message):
        response = self.post_logo(staff_client, riverside, upload(data, name))
        assert response.status_code == 200
        assert message in str(response.context["adminform"].form.errors["logo_upload"])
        riverside.refresh_from_db()
        assert riverside.logo_version == ""

    def test_it_refuses_a_logo_over_512_kb(self, staff_client, riverside):
        noise = Image.frombytes("RGB", (600, 600), random.Random(5).randbytes(600 * 600 * 3))
        buffer = io.BytesIO()
        noise.save(buffer, format="PNG")
        assert buffer.tell() > 512 * 1024
        response = self.post_logo(staff_client, riverside, upload(buffer.getvalue(), "big.png"))
        assert response.status_code == 200
        assert "too big" in str(response.context["adminform"].form.errors["logo_upload"])

    def test_it_removes_the_logo(self, staff_client, riverside):
        self.post_logo(staff_client, riverside, upload(png_bytes(), "logo.png"))
        page = staff_client.get(change_url(riverside))
        staff_client.post(change_url(riverside), admin_post_data(page, remove_logo="on"))
        riverside.refresh_from_db()
        assert (riverside.logo_version, riverside.logo_type) == ("", "")

    def test_it_leaves_the_logo_out_of_the_history(self, staff_client, riverside):
        self.post_logo(staff_client, riverside, upload(png_bytes(), "logo.png"))
        history_fields = {field.name for field in Clinic.history.model._meta.fields}
        assert "logo" not in history_fields


class TestPoster:
    def test_it_puts_the_clinics_absolute_link_in_a_qr_code(self, staff_client, riverside):
        response = staff_client.get(change_url(riverside, "poster"))
        assert response.status_code == 200
        html = response.content.decode()
        link = "http://testserver/c/riverside/"
        code = clinic_qr(link)
        assert qr_svg(code, title=f"QR code for {link}") in html
        assert decoded(code) == link

    def test_it_has_no_inline_style_or_script(self, staff_client, riverside):
        html = staff_client.get(change_url(riverside, "poster")).content.decode()
        assert "style=" not in html
        assert "<?xml" not in html
        assert not re.search(r"<script(?![^>]*\ssrc=)", html)
        assert "<style" not in html

    def test_it_follows_the_address_the_site_is_served_at(self, staff_client, riverside):
        response = staff_client.get(change_url(riverside, "poster"), secure=True)
        assert "https://testserver/c/riverside/" in response.content.decode()

    def test_it_offers_the_code_alone_as_an_svg_file(self, staff_client, riverside):
        response = staff_client.get(f"/admin/clinics/clinic/{riverside.pk}/poster/qr.svg")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
        assert "attachment" in response["Content-Disposition"]
        assert b"style=" not in response.content

    def test_it_is_linked_from_the_change_page(self, staff_client, riverside):
        html = staff_client.get(change_url(riverside)).content.decode()
        assert f'href="{change_url(riverside, "poster")}"' in html
        assert f'href="{change_url(riverside, "counts")}"' in html


def decoded(code):
    """What a phone camera reads from the code: zxing-cpp on a PNG of the same code."""
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=6)
    buffer.seek(0)
    results = zxingcpp.read_barcodes(Image.open(buffer).convert("L"))
    assert len(results) == 1
    return results[0].text


class TestCountsPage:
    def test_it_shows_30_days_as_a_table_and_a_chart(self, staff_client, riverside):
        today = timezone.localdate()
        DailyCount.objects.create(
            clinic=riverside, day=today, tool="symptoms", urgency="urgent", count=3
        )
        DailyCount.objects.create(clinic=riverside, day=today, tool="shoes", urgency="", count=2)
        DailyCount.objects.create(
            clinic=riverside, day=today - timedelta(days=30), tool="shoes", urgency="", count=50
        )
        response = staff_client.get(change_url(riverside, "counts"))
        assert response.status_code == 200
        html = response.content.decode()
        assert len(response.context["table"].rows) == 30
        assert response.context["table"].total == 5
        assert '<th scope="col">Symptoms: urgent</th>' in html
        assert 'role="img"' in html
        assert html.count('<rect class="count-') == 2
        assert "style=" not in html

    def test_it_sums_7_30_and_90_days_by_tool_and_urgency(self, staff_client, riverside):
        today = timezone.localdate()
        for age, tool, urgency, count in [
            (0, "symptoms", "urgent", 2),
            (10, "symptoms", "self-care", 3),
            (60, "shoes", "", 4),
        ]:
            DailyCount.objects.create(
                clinic=riverside, day=today - timedelta(days=age), tool=tool, urgency=urgency,
                count=count,
            )  # fmt: skip
        response = staff_client.get(change_url(riverside, "counts"))
        summary = response.context["summary"]
        lines = {(line.tool, line.urgency): line.totals for line in summary.lines}
        assert lines[("symptoms", "")] == (2, 5, 5)
        assert lines[("symptoms", "urgent")] == (2, 2, 2)
        assert lines[("shoes", "")] == (0, 0, 4)
        assert summary.totals == (2, 5, 9)
        html = response.content.decode()
        assert "data-count-summary" in html and "Last 90 days" in html
        assert 'data-summary-line="symptoms:urgent"' in html
        # Checks today and 10 days ago: the quiet days between and after fold into two lines.
        assert html.count("data-quiet-days=") == 2
        assert 'data-quiet-days="9"' in html and 'data-quiet-days="19"' in html
        assert f'href="/admin/clinics/clinic/{riverside.pk}/counts.csv"' in html
        assert "style=" not in html

    def test_it_exports_the_counts_as_csv(self, staff_client, riverside, hillside):
        today = timezone.localdate()
        DailyCount.objects.create(
            clinic=riverside, day=today, tool="symptoms", urgency="soon", count=3
        )
        DailyCount.objects.create(clinic=riverside, day=today, tool="shoes", urgency="", count=1)
        DailyCount.objects.create(
            clinic=riverside, day=today - timedelta(days=95), tool="shoes", urgency="", count=9
        )
        DailyCount.objects.create(clinic=hillside, day=today, tool="shoes", urgency="", count=7)
        response = staff_client.get(f"/admin/clinics/clinic/{riverside.pk}/counts.csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        lines = response.content.decode().splitlines()
        assert lines == [
            "day,tool,urgency,count",
            f"{today.isoformat()},symptoms,soon,3",
            f"{today.isoformat()},shoes,,1",
        ]
        other = f"/admin/clinics/clinic/{hillside.pk}/counts.csv"
        assert staff_client.get(other).status_code in (302, 403, 404)

    def test_it_keeps_the_export_from_coaches(self, coach_client, riverside):
        url = f"/admin/clinics/clinic/{riverside.pk}/counts.csv"
        assert coach_client.get(url).status_code == 403

    def test_it_shows_only_their_own_clinics_counts(self, staff_client, hillside):
        DailyCount.objects.create(
            clinic=hillside, day=timezone.localdate(), tool="shoes", urgency="", count=7
        )
        assert staff_client.get(change_url(hillside, "counts")).status_code in (302, 403, 404)


class TestClinicList:
    def test_it_names_the_checks_each_clinic_offers(self, superuser_client, riverside, hillside):
        hillside.tools = ["shoes", "symptoms"]
        hillside.save()
        html = superuser_client.get("/admin/clinics/clinic/").content.decode()
        rows = {row.split('"')[0]: row for row in html.split('<th class="field-name"><a href="')}
        riverside_row = next(row for url, row in rows.items() if f"/{riverside.pk}/" in url)
        hillside_row = next(row for url, row in rows.items() if f"/{hillside.pk}/" in url)
        assert "Check my knee (symptom self-check), Mileage ramp planner" in riverside_row
        assert "Check my knee (symptom self-check), Check my shoes (shoe wear)" in hillside_row
        assert "Mileage ramp planner" not in hillside_row.split("</tr>")[0]
        assert "none" not in riverside_row.split("</tr>")[0]

    def test_it_says_none_for_a_clinic_offering_no_checks(self, superuser_client, riverside):
        riverside.tools = []
        riverside.save()
        html = superuser_client.get("/admin/clinics/clinic/").content.decode()
        assert '<td class="field-offered_checks">none</td>' in html

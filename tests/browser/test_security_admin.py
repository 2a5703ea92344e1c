"""The admin works under the strict CSP: the `page` fixture fails on any violation."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from clinics.models import Clinic
from kneecare.content.models import Condition, GuidanceStep

PASSWORD = "a long admin password 42"


@pytest.fixture
def admin_page(site, page):
    get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    page.goto(site.url + "/admin/login/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Guidance, sources and clinics")).to_be_visible()
    return page


def test_it_edits_content_in_the_admin_without_a_csp_violation(site, admin_page):
    page = admin_page
    condition = Condition.objects.get(slug="runners-knee")
    step = GuidanceStep.objects.get(slug="mileage")
    for path in [
        "/admin/",
        "/admin/content/condition/",
        "/admin/content/condition/?q=knee&status__exact=published",
        "/admin/content/condition/add/",
        f"/admin/content/guidancestep/{step.pk}/change/",
        "/admin/content/study/",
        "/admin/auth/user/",
        "/admin/password_change/",
    ]:
        assert page.goto(site.url + path).status == 200, path

    # A save, with the widgets that run script: inline rows, autocomplete, filter_horizontal.
    page.goto(f"{site.url}/admin/content/condition/{condition.pk}/change/")
    page.locator("#id_guidance_from option").first.dblclick()
    page.get_by_role("button", name=re.compile("add another citation", re.I)).click()
    page.locator(".select2-selection").first.click()
    page.keyboard.press("Escape")
    page.get_by_label("Name:").fill("Runner's knee (PFPS)")
    page.locator("input[name=_publish]").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")

    # The clinics' admin: list, form, poster, counts and history.
    clinic = Clinic.objects.create(name="Riverside Physio", slug="riverside")
    for path in [
        "/admin/clinics/clinic/",
        "/admin/clinics/clinic/add/",
        f"/admin/clinics/clinic/{clinic.pk}/change/",
        f"/admin/clinics/clinic/{clinic.pk}/poster/",
        f"/admin/clinics/clinic/{clinic.pk}/counts/",
        f"/admin/clinics/clinic/{clinic.pk}/history/",
    ]:
        assert page.goto(site.url + path).status == 200, path

    # The history, a comparison with the current version, and simple-history's own
    # revert form (one inline style, allowed by hash for /admin/ only).
    page.goto(f"{site.url}/admin/content/condition/{condition.pk}/history/")
    expect(page.locator("#change-history")).to_be_visible()
    page.locator("#change-history a[href*='/compare/']").last.click()
    expect(page.get_by_role("button", name="Restore this version")).to_be_visible()
    version = condition.history.earliest()
    page.goto(f"{site.url}/admin/content/condition/{condition.pk}/history/{version.history_id}/")
    expect(page.locator("input[type=submit]").first).to_be_visible()


def test_it_shows_the_lock_out_page_without_a_csp_violation(site, page):
    get_user_model().objects.create_user("sam", password=PASSWORD, is_staff=True)
    page.goto(site.url + "/admin/login/")
    for attempt in range(6):
        page.get_by_label("Username").fill("sam")
        page.get_by_label("Password").fill(f"wrong {attempt}")
        page.get_by_role("button", name="Log in").click()
        if page.get_by_role("heading", name="Too many failed sign-ins").count():
            break
        page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Too many failed sign-ins")).to_be_visible()

"""A patient follows a clinic's link in real Chromium, to an urgent result with its phone."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from clinics.models import DailyCount
from tests.browser.axe import assert_accessible
from tests.clinics import make_clinic, png_bytes, with_logo

PASSWORD = "a long admin password 42"


def test_it_goes_from_a_clinic_link_to_an_urgent_result_with_the_clinics_phone(site, page):
    # The whole form on one page, as on a desktop; the phone's stepper: test_symptoms_phone.py.
    page.set_viewport_size({"width": 1280, "height": 800})
    clinic = make_clinic(
        tools=["symptoms", "shoes"],
    )
    with_logo(clinic, png_bytes())
    prefix = site.url + "/c/riverside/"

    page.goto(prefix)
    expect(page.get_by_text("Bring your running shoes to your appointment.")).to_be_visible()
    expect(page.locator("img.clinic-logo")).to_have_js_property("naturalWidth", 64)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Check my knee")).first.click()
    expect(page).to_have_url(prefix + "symptoms/check/")
    expect(page.locator(".clinic-brand")).to_contain_text("Riverside Physio")

    page.locator("#id_pain_location_1").check()  # the front of the knee
    page.locator("#id_onset_1").check()  # sudden
    page.locator("#id_swelling_1").check()  # within the hour
    page.locator("#id_weight_bearing_2").check()  # cannot take four steps
    page.locator("#id_pain_level_7").check()
    page.get_by_role("button", name="Show my result").click()

    result = page.locator("#result")
    expect(result.locator("[data-urgency]")).to_have_attribute("data-urgency", "urgent")
    call = result.get_by_role("link", name="+44 20 7946 0000")
    expect(call).to_be_visible()
    expect(call).to_have_attribute("href", "tel:+442079460000")
    expect(result).to_contain_text("We keep same-day slots for injuries.")
    expect(page).to_have_url(prefix + "symptoms/check/")
    assert_accessible(page)
    assert DailyCount.objects.get().urgency == "urgent"
    # Only the CSRF cookie that the plain self-check's form sets too: nothing for the count.
    assert {cookie["name"] for cookie in page.context.cookies()} == {settings.CSRF_COOKIE_NAME}


def test_it_prints_a_poster_and_shows_the_counts_under_the_strict_csp(site, page):
    clinic = with_logo(make_clinic())
    DailyCount.objects.create(
        clinic=clinic, day=timezone.localdate(), tool="symptoms", urgency="urgent", count=2
    )
    get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    page.goto(site.url + "/admin/login/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{site.url}/admin/clinics/clinic/{clinic.pk}/change/")
    expect(page.locator("img.clinic-logo-preview")).to_have_js_property("naturalWidth", 64)
    page.get_by_role("link", name="Poster with QR code").click()
    expect(page.locator("svg.poster-qr")).to_be_visible()
    expect(page.locator(".poster-link")).to_have_text(site.url + "/c/riverside/")
    page.emulate_media(media="print")
    expect(page.locator(".poster-tools")).to_be_hidden()
    page.emulate_media(media="screen")

    page.go_back()
    page.get_by_role("link", name="Anonymous counts").click()
    chart = page.get_by_role("img", name=re.compile("Completed self-checks per day"))
    expect(chart).to_be_visible()
    expect(page.locator("table.count-table tfoot")).to_contain_text("2")

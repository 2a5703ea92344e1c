"""The coaches' and clinics' admin on a tablet (768 × 1024) in Chromium: the navigation
sidebar starts folded (a coach's own choice, kept by Django in localStorage, wins), the
history's columns wrap between words, and the day-by-day counts keep their "All" column."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from clinics.models import DailyCount
from kneecare.content.models import Condition
from tests.clinics import make_clinic
from tests.content_admin import make_coach

KEY = "django.admin.navSidebarIsOpen"
TABLET = {"width": 768, "height": 1024}

# Every word of the history table that the browser has broken over two lines.
BROKEN_WORDS = """table => {
    const broken = [];
    const walker = document.createTreeWalker(table.tBodies[0], NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        for (const match of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
            if (tops.size > 1) { broken.push(match[0]); }
        }
    }
    return broken;
}"""


def sign_in(site, page, username, password):
    page.goto(site.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_be_visible()


@pytest.fixture
def coach_on_tablet(site, page):
    make_coach()
    page.set_viewport_size(TABLET)
    sign_in(site, page, "coach", "a-long-coach-password")
    return page


def sidebar_open(page):
    return page.evaluate("document.getElementById('main').classList.contains('shifted')")


def test_the_sidebar_starts_folded_on_a_tablet_and_keeps_the_coachs_choice(site, coach_on_tablet):
    page = coach_on_tablet
    page.goto(site.url + "/admin/content/condition/")
    page.wait_for_load_state("load")
    assert not sidebar_open(page)
    expect(page.locator("#nav-sidebar")).to_have_attribute("aria-expanded", "false")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None  # no choice made for them
    content = page.locator("#content-start").bounding_box()
    assert content["width"] > 0.85 * TABLET["width"]

    page.locator("#toggle-nav-sidebar").click()  # the first press opens it
    assert sidebar_open(page)
    expect(page.locator("#nav-sidebar")).to_have_attribute("aria-expanded", "true")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == "true"
    page.reload()
    page.wait_for_load_state("load")
    assert sidebar_open(page)  # their choice is kept
    page.locator("#toggle-nav-sidebar").click()
    assert not sidebar_open(page)
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == "false"

    # On a wide screen with no choice stored, Django's default: open.
    page.evaluate(f"localStorage.removeItem('{KEY}')")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.reload()
    page.wait_for_load_state("load")
    assert sidebar_open(page)


@pytest.mark.parametrize("stored", [None, "true"])
def test_the_history_wraps_between_words_on_a_tablet(site, coach_on_tablet, stored):
    page = coach_on_tablet
    if stored:
        page.evaluate(f"localStorage.setItem('{KEY}', '{stored}')")
    condition = Condition.objects.get(slug="it-band-syndrome")
    page.goto(f"{site.url}/admin/content/condition/{condition.pk}/history/")
    table = page.locator("#change-history")
    expect(table).to_contain_text("The seed")
    page.wait_for_load_state("load")
    assert table.evaluate(BROKEN_WORDS) == []


def test_the_day_by_day_counts_keep_their_all_column_on_a_tablet(site, page):
    clinic = make_clinic()
    today = timezone.localdate()
    for tool, urgency in [
        ("symptoms", "emergency"), ("symptoms", "urgent"), ("symptoms", "soon"),
        ("symptoms", "self-care"), ("shoes", ""), ("mileage", ""), ("spike", ""),
    ]:  # fmt: skip
        DailyCount.objects.create(clinic=clinic, day=today, tool=tool, urgency=urgency, count=2)
    get_user_model().objects.create_superuser("root", "root@example.com", "a long password 42")
    page.set_viewport_size(TABLET)
    sign_in(site, page, "root", "a long password 42")
    page.goto(f"{site.url}/admin/clinics/clinic/{clinic.pk}/counts/")
    all_column = page.locator("table.count-table thead th").last
    expect(all_column).to_have_text("All")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    wrap = page.locator(".count-table-wrap")
    all_column.scroll_into_view_if_needed()
    box = all_column.bounding_box()
    region = wrap.bounding_box()
    assert box["x"] >= region["x"] and box["x"] + box["width"] <= region["x"] + region["width"] + 1
    assert box["x"] + box["width"] <= TABLET["width"]
    expect(wrap).to_have_attribute("tabindex", "0")  # a keyboard can scroll it too

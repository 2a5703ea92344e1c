"""A runner who goes over the rate limit sees the friendly alert, with htmx and without."""

import pytest
from playwright.sync_api import expect


@pytest.fixture
def one_post_a_minute(settings):
    settings.RATELIMITS = {"GET": "100/m", "POST": "1/m"}


def answer_and_submit(page):
    page.get_by_label("How old are you? (optional)").fill("34")
    page.locator("#id_pain_location_1").check()  # the front of the knee
    page.locator("#id_onset_0").check()  # gradual
    page.locator("#id_swelling_0").check()
    page.locator("#id_weight_bearing_0").check()
    page.locator("#id_pain_level_4").check()
    page.get_by_role("button", name="Show my result").click()


@pytest.mark.usefixtures("one_post_a_minute")
def test_it_shows_the_alert_in_the_live_result_region_with_htmx(site, page):
    # The whole form on one page, as on a desktop; the phone's stepper: test_symptoms_phone.py.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site.url + "/symptoms/check/")
    # Nothing is posted before the submit (issue 10): the first result, then the second
    # submit goes over the budget.
    answer_and_submit(page)
    expect(page.locator("#result [data-urgency]")).to_be_visible()
    page.locator("#id_pain_level_5").check()
    page.get_by_role("button", name="Show my result").click()
    result = page.locator("#result")
    alert = result.get_by_role("alert")
    expect(alert).to_contain_text("try again in a minute")
    # Swapped into the page, inside the aria-live region, with the answers kept.
    expect(page.locator("[aria-live] #result [data-rate-limited]")).to_be_visible()
    expect(page.locator("#id_pain_level_5")).to_be_checked()
    expect(page.locator("#question-pain_level")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check my knee")


@pytest.mark.usefixtures("one_post_a_minute")
def test_it_shows_the_whole_page_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "/symptoms/check/")
    answer_and_submit(page)
    expect(page.locator("[data-urgency]")).to_be_visible()  # the first post gets its result
    page.goto(site.url + "/symptoms/check/")
    answer_and_submit(page)
    expect(page.get_by_role("alert")).to_contain_text("try again in a minute")
    expect(page.get_by_role("heading", level=1)).to_have_text("Please slow down a little")
    context.close()

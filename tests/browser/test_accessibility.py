"""axe-core finds no WCAG 2.1 AA violation on the pages a runner sees.

axe-core comes from the npm package (`cd static/vendor && npm ci && npm run vendor:axe`)
and is only used here: it is injected through the DevTools protocol, which the page's
strict CSP does not block.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible, axe_violations
from tests.clinics import make_clinic


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/conditions/",
        "/conditions/runners-knee/",
        "/conditions/osgood-schlatter/",
        "/guidance/",
        "/guidance/mileage/",
        "/sources/",
    ],
)
def test_it_finds_no_violation_on_the_content_pages(site, page, path):
    assert page.goto(site.url + path).status == 200
    assert_accessible(page)


def test_it_finds_no_violation_on_the_not_found_page(site, page):
    assert page.goto(site.url + "/no-such-page/").status == 404
    assert_accessible(page)


def test_it_would_catch_a_violation(page):
    page.set_content(
        '<html lang="en"><title>t</title><main><img src="x.png"><input>'
        '<section aria-label="Sources"></section><section aria-label="Sources"></section></main>'
    )
    rules = {violation["rule"] for violation in axe_violations(page)}
    assert {"image-alt", "label", "landmark-unique"} <= rules


# Each tool: its page, what a runner types, the button, and what the result shows.
TOOL_FLOWS = {
    "mileage plan": (
        "/training/mileage/",
        {"#id_current": "20", "#id_goal": "30"},
        "#plan-submit",
        "#result",
    ),
    "weekly check": (
        "/training/mileage/",
        {"#id_last_week": "20", "#id_this_week": "30"},
        "#check-submit",
        "#check-result",
    ),
    "spike": ("/training/spike/", {"#id_longest_30d": "10", "#id_planned": "16"}, None, "#result"),
    "cadence": ("/training/cadence/", {"#id_foot_strikes": "80"}, None, "#result"),
    "shoes": ("/training/shoes/", {"#id_distance": "700"}, None, "#result"),
    "strength": ("/training/strength/", {}, None, "#result"),
}


@pytest.mark.parametrize("tool", list(TOOL_FLOWS))
def test_it_finds_no_violation_in_a_training_tool_before_and_after_submitting(site, page, tool):
    path, answers, button, result = TOOL_FLOWS[tool]
    page.goto(site.url + path)
    assert_accessible(page)
    for selector, value in answers.items():
        page.locator(selector).fill(value)
    before = page.locator(result).inner_text()
    page.locator(button or "form button[type=submit]").first.click()
    if before.strip():
        expect(page.locator(result)).not_to_have_text(before)
    else:
        expect(page.locator(result)).not_to_be_empty()
    # The result htmx swapped in is announced: it sits in an aria-live region.
    assert page.locator(result).evaluate("el => !!el.closest('[aria-live]')")
    assert_accessible(page)
    # The same result as a whole page (a shared link, or no JavaScript).
    page.reload()
    assert_accessible(page)


def submit_the_self_check(page, *, with_htmx):
    page.get_by_label("How old are you? (optional)").fill("34")
    page.locator("#id_pain_location_1").check()  # the front of the knee
    page.locator("#id_onset_0").check()  # gradual
    page.locator("#id_swelling_0").check()
    page.locator("#id_weight_bearing_0").check()
    page.locator("#id_worse_with_0").check()  # stairs
    page.locator("#id_pain_level_4").check()
    if with_htmx:
        page.get_by_role("button", name="Show my result").click()
    else:
        # form.submit() fires no submit event, so htmx leaves it alone: a plain POST.
        with page.expect_navigation():
            page.locator("#questions").evaluate("form => form.submit()")
    expect(page.locator("#result-heading")).to_be_visible()


@pytest.mark.parametrize("with_htmx", [True, False], ids=["htmx", "whole-page"])
def test_it_finds_no_violation_in_the_self_check_before_and_after_submitting(site, page, with_htmx):
    # The whole form on one page, as on a desktop; the phone's stepper: test_symptoms_phone.py.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site.url + "/symptoms/check/")
    assert_accessible(page)
    submit_the_self_check(page, with_htmx=with_htmx)
    assert page.locator("#result").evaluate("el => !!el.closest('[aria-live]')")
    assert_accessible(page)


def test_it_finds_no_violation_in_the_self_checks_error_summary(site, page):
    # The whole form on one page, as on a desktop; the phone's stepper: test_symptoms_phone.py.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site.url + "/symptoms/check/")
    page.get_by_role("button", name="Show my result").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)


def test_it_finds_no_violation_on_a_clinic_landing_page_and_its_urgent_result(site, page):
    # The whole form on one page, as on a desktop; the phone's stepper: test_symptoms_phone.py.
    page.set_viewport_size({"width": 1280, "height": 800})
    make_clinic(
        website="https://riverside.example",
        address="1 River Street\nLondon",
    )
    page.goto(site.url + "/c/riverside/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Check my knee").first.click()
    page.locator("#id_pain_location_1").check()
    page.locator("#id_onset_1").check()  # sudden
    page.locator("#id_swelling_1").check()  # within the hour
    page.locator("#id_weight_bearing_2").check()  # unable
    page.locator("#id_pain_level_7").check()
    page.get_by_role("button", name="Show my result").click()
    expect(page.locator("[data-clinic-contact]")).to_be_visible()
    assert_accessible(page)


def tab_to(page, selector, limit=60):
    """Press Tab, as a keyboard user would, until the element has focus."""
    for _ in range(limit):
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


# Keys a runner presses in each tool, after tabbing to each field in turn; Enter submits.
KEYBOARD_FLOWS = {
    "/training/mileage/": ([("#id_current", "20"), ("#id_goal", "30")], "[data-week]"),
    "/training/spike/": ([("#id_longest_30d", "10"), ("#id_planned", "16")], "[data-band]"),
    "/training/cadence/": ([("#id_foot_strikes", "80")], "[data-spm]"),
    "/training/shoes/": ([("#id_distance", "700"), ("#id_tread_worn", " ")], "[data-verdict]"),
    "/training/strength/": ([("#id_weeks", "ArrowUp")], '[data-sheet-weeks="11"]'),
}


@pytest.mark.parametrize("path", list(KEYBOARD_FLOWS))
def test_it_completes_each_training_tool_by_keyboard_alone(site, page, path):
    keys, result = KEYBOARD_FLOWS[path]
    page.goto(site.url + path)
    for selector, typed in keys:
        tab_to(page, selector)
        if typed in {" ", "ArrowUp"}:
            page.keyboard.press("Space" if typed == " " else typed)
        else:
            page.keyboard.type(typed)
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(f"#result {result}").first).to_be_visible()


def test_it_reaches_the_self_check_from_a_clinic_link_by_keyboard(site, page):
    make_clinic()
    page.goto(site.url + "/c/riverside/")
    tab_to(page, "a[data-way-in='symptoms']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(site.url + "/c/riverside/symptoms/check/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check my knee")

"""The knee self-check in real Chromium: by keyboard with htmx, and without JavaScript."""

from playwright.sync_api import expect

from tests.browser.axe import assert_accessible

URL = "/symptoms/check/"


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab, as a keyboard user would, until the element has focus."""
    for _ in range(limit):
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
    raise AssertionError(f"Tab never reached {selector}; focus is on {focused}")


def test_it_fills_the_check_by_keyboard_and_shows_the_result_in_place(site, page):
    # The whole form on one page, as on a desktop; the phone's stepper: test_symptoms_phone.py.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site.url + URL)
    page.evaluate("window.notReloaded = true")
    assert_accessible(page)
    follow_up = page.locator('[data-follow-up="injury"]')
    expect(follow_up).to_be_hidden()

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    tab_to(page, "#id_pain_location_0")  # "where does it hurt", on its first option
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_pain_location_2")).to_be_checked()  # the inside of the knee

    tab_to(page, "#id_onset_0")
    page.keyboard.press("ArrowDown")  # sudden
    expect(follow_up).to_be_visible()
    expect(page.locator("#id_onset_1")).to_be_checked()
    expect(page.locator("#id_onset_1")).to_be_focused()

    # A sore calf brings up the breathlessness question; unticking it takes it away.
    breathless = page.locator("#id_breathless")
    expect(breathless).to_be_hidden()
    page.locator("#id_calf_swelling").check()
    expect(breathless).to_be_visible()
    page.locator("#id_calf_swelling").uncheck()
    expect(breathless).to_be_hidden()
    page.locator("#id_onset_1").focus()

    tab_to(page, "#id_swelling_0")
    page.keyboard.press("ArrowDown")  # within the hour
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # weight-bearing: painful
    tab_to(page, "#id_pain_level_0")  # the row of numbers: arrows move along it
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    tab_to(page, "#id_injury_event_0")
    page.keyboard.press("Space")  # a twist
    tab_to(page, "#id_heard_pop")
    page.keyboard.press("Space")
    tab_to(page, "#id_age")
    page.keyboard.type("29")
    tab_to(page, "button[type=submit]")
    expect(page.locator("#id_heard_pop")).to_be_checked()
    expect(page.locator("#id_swelling_1")).to_be_checked()
    expect(page.locator("#id_weight_bearing_1")).to_be_checked()
    expect(page.locator("#id_pain_level_8")).to_be_checked()
    page.keyboard.press("Enter")

    result = page.locator("#result")
    expect(result.locator("[data-urgency]")).to_have_attribute("data-urgency", "urgent")
    expect(result.locator("[data-condition]").first).to_have_attribute(
        "data-condition", "ligament-tear"
    )
    expect(result.locator('[data-red-flag="rapid-swelling"]')).to_be_visible()
    expect(page.locator("#result-heading")).to_be_focused()
    assert page.evaluate("window.notReloaded") is True
    expect(result.get_by_role("button", name="Print a summary for your doctor")).to_be_visible()
    assert_accessible(page)


def test_it_checks_a_number_as_it_is_answered_and_lists_what_is_missing(site, page):
    page.set_viewport_size({"width": 1280, "height": 800})  # the whole form on one page
    page.goto(site.url + URL)
    page.evaluate("window.notReloaded = true")
    page.locator("#id_age").focus()
    page.keyboard.type("7")
    page.keyboard.press("Tab")
    expect(page.locator("#question-age")).to_contain_text("Enter an age of 10 or over.")
    expect(page.locator("#id_age")).to_have_value("7")

    page.locator("#id_onset_0").focus()
    page.keyboard.press("Space")  # gradually: no injury questions
    expect(page.locator("#injury-questions")).to_be_hidden()
    page.get_by_role("button", name="Show my result").focus()
    page.keyboard.press("Enter")

    summary = page.locator("#error-summary-heading")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Please check 5 answers")
    expect(page.locator("#question-pain_location")).to_contain_text("Choose one answer.")
    expect(page.locator("#id_onset_0")).to_be_checked()  # answers are kept
    expect(page.locator("#id_age")).to_have_value("7")
    assert page.evaluate("window.notReloaded") is True
    assert_accessible(page)

    page.locator("#id_pain_location_0").focus()
    page.keyboard.press("Space")
    # Answered: the message goes, in the page, and nothing is sent for it.
    expect(page.locator("#question-pain_location")).not_to_contain_text("Choose one answer.")
    expect(page.locator("#question-pain_location .is-invalid")).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True


def test_it_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(site.url + URL)
    # With no JavaScript the injury questions cannot appear on demand, so they are always there.
    expect(page.locator('[data-follow-up="injury"]')).to_be_visible()
    page.locator("#id_age").fill("60")
    page.get_by_label("On the outside of the knee").check()
    page.get_by_label("Suddenly, at a moment I can point to (an injury)").check()
    page.get_by_label("I fell").check()
    page.get_by_label("Bending the knee").check()
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Yes, but it hurts").check()
    page.locator("#id_pain_level_5").check()
    page.get_by_label("Pressing the bony bump just below the outside of the knee hurts").check()
    page.get_by_role("button", name="Show my result").click()

    expect(page).to_have_url(site.url + URL + "#result")  # a POST: no answer in the address
    expect(page.locator("[data-urgency]")).to_have_attribute("data-urgency", "urgent")
    flags = page.locator("[data-red-flag]")
    expect(flags).to_have_count(2)
    expect(flags.nth(0)).to_have_attribute("data-red-flag", "ottawa-age")
    expect(flags.nth(1)).to_have_attribute("data-red-flag", "ottawa-fibular-head")
    # A small fall with no tear signs (every box the page showed was left empty): a strain.
    expect(page.locator("[data-condition]").first).to_have_attribute(
        "data-condition", "knee-strain"
    )
    expect(page.locator("[data-condition]").first).to_have_attribute("data-strength", "possible")
    expect(page.locator("#id_age")).to_have_value("60")
    expect(page.get_by_label("I fell")).to_be_checked()
    # The print button needs JavaScript, so it stays hidden.
    expect(page.locator("[data-print]")).to_be_hidden()
    context.close()


def test_it_rechecks_a_corrected_answer_in_place_without_a_csp_violation(site, page):
    # Scripts (an extension, a password manager) may style a field through the CSSOM, which
    # CSP allows. htmx must not copy that style attribute onto the swapped-in question while
    # it settles (setAttribute("style") is inline style); the page fixture fails on it.
    page.set_viewport_size({"width": 1280, "height": 800})  # the whole form on one page
    page.goto(site.url + URL)
    age = page.get_by_label("How old are you? (optional)")
    age.evaluate("input => { input.style.outline = '2px solid orange'; }")
    age.fill("7")
    age.dispatch_event("change")
    expect(page.locator("#question-age .invalid-feedback")).to_be_visible()
    age.fill("34")
    age.dispatch_event("change")
    expect(page.locator("#question-age .invalid-feedback")).to_have_count(0)
    expect(age).to_have_value("34")


def test_it_explains_a_harder_question_by_keyboard(site, page):
    page.set_viewport_size({"width": 1280, "height": 800})  # the whole form on one page
    page.goto(site.url + URL)
    hint = page.locator('[data-hint-for="joint_line_tender"]')
    text = hint.get_by_text("between the end of the thigh bone and the top of the shin")
    expect(text).to_be_hidden()
    # Its summary is named after the question, so a list of them can be told apart.
    summary = page.get_by_role("group").get_by_text("What does this mean? (the joint line)")
    expect(summary).to_have_count(1)
    tab_to(page, '[data-hint-for="joint_line_tender"] summary', limit=120)
    page.keyboard.press("Enter")
    expect(text).to_be_visible()
    expect(hint.locator("summary")).to_be_focused()
    expect(page.locator("#id_joint_line_tender")).not_to_be_checked()  # it answers nothing
    assert_accessible(page)
    page.keyboard.press("Enter")
    expect(text).to_be_hidden()


def test_it_explains_a_harder_question_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + URL)
    hint = page.locator('[data-hint-for="hop_pain"]')
    expect(hint.get_by_text("hop gently on the spot")).to_be_hidden()
    hint.locator("summary").click()
    expect(hint.get_by_text("hop gently on the spot")).to_be_visible()
    expect(page.locator("#id_hop_pain")).not_to_be_checked()
    context.close()

"""The self-check's result page in Chromium: what it looks like, where it lands, what it
prints (the reviewer's findings on the result)."""

import pytest
from playwright.sync_api import expect

URL = "/symptoms/check/"
DESKTOP = {"width": 1280, "height": 800}
TARGET = 44


def it_band_result(page, site) -> None:
    """A self-care result (IT band: a tight outer knee), with each condition's advice folded."""
    page.goto(site.url + URL)
    page.get_by_label("On the outside of the knee").check()
    page.get_by_label("Gradually, over several runs or days").check()
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Yes, normally").check()
    page.locator("#id_pain_level_3").check()
    page.locator("#id_outer_tightness").check()
    page.get_by_role("button", name="Show my result").click()
    expect(page.locator("#result [data-urgency]")).to_have_attribute("data-urgency", "self-care")


def marker(summary) -> dict:
    return summary.evaluate(
        """(el) => {
            const before = getComputedStyle(el, '::before');
            return {content: before.content, transform: before.transform,
                    height: el.getBoundingClientRect().height};
        }"""
    )


def test_a_folded_summary_shows_an_open_closed_marker_and_is_a_44_pixel_target(site, page):
    page.set_viewport_size(DESKTOP)
    page.emulate_media(reduced_motion="reduce")  # the chevron turns at once
    it_band_result(page, site)
    advice = page.locator("[data-condition-advice]").first
    hint = page.locator('[data-hint-for="joint_line_tender"]')
    for details in (advice, hint):
        summary = details.locator("summary")
        folded = marker(summary)
        assert folded["content"] not in ("none", "normal"), folded  # a chevron is drawn
        assert folded["height"] >= TARGET, folded
        summary.click()
        expect(details).to_have_attribute("open", "")
        opened = marker(summary)
        assert opened["transform"] != folded["transform"]  # it turns when open
    expect(page.locator(".urgency-banner")).to_contain_text("open each condition below")


def test_without_javascript_the_post_lands_on_the_result_at_320_by_640(site, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 320, "height": 640}, has_touch=True
    )
    page = context.new_page()
    it_band_result(page, site)
    expect(page).to_have_url(site.url + URL + "#result")  # a POST: no answer in the address
    heading = page.locator(".urgency-banner h3")
    page.wait_for_load_state("load")  # the browser scrolls to the fragment once it has loaded
    expect(heading).to_be_in_viewport(ratio=1)
    box = heading.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 640, box
    context.close()


def test_the_printed_urgent_result_gives_the_urgent_care_address(site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(site.url + URL)
    page.get_by_label("At the front, around or behind the kneecap").check()
    page.get_by_label("Suddenly, at a moment I can point to (an injury)").check()
    page.get_by_label("Yes, straight away or within an hour").check()
    page.get_by_label("No: I cannot take four steps").check()
    page.locator("#id_pain_level_7").check()
    page.get_by_role("button", name="Show my result").click()
    expect(page.locator("#result [data-urgency]")).to_have_attribute("data-urgency", "urgent")
    page.emulate_media(media="print")
    link = page.locator("[data-urgent-care]")
    after = link.evaluate("(el) => getComputedStyle(el, '::after').content")
    assert "(https://111.nhs.uk/)" in after, after
    expect(link.get_by_text("(opens in a new tab)")).to_be_hidden()


def test_the_results_buttons_and_the_age_box_are_44_pixels_tall(site, page):
    page.set_viewport_size(DESKTOP)  # every question on one page, the age box included
    it_band_result(page, site)
    targets = {
        "print": page.get_by_role("button", name="Print a summary for your doctor"),
        "change": page.get_by_role("link", name="Change your answers"),
        "age": page.locator("#id_age"),
    }
    for name, locator in targets.items():
        expect(locator).to_be_visible()
        box = locator.bounding_box()
        assert box["height"] >= TARGET, (name, box)


PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}


@pytest.mark.browser_context_args(**PHONE)
def test_changing_the_answers_takes_the_old_result_away_and_keeps_the_answers(site, page):
    page.goto(site.url + URL)
    steps = page.locator("#questions > .is-current")
    steps.locator('[data-knee-spot="outer"]').tap()
    for answer in ("Gradually", "No", "Yes, normally"):
        label = steps.locator("label").get_by_text(answer, exact=answer == "No")
        expect(label).to_be_visible()
        label.tap()
    expect(page.locator("#id_pain_level_3")).to_be_visible()
    page.locator("#id_pain_level_3").tap()
    page.get_by_role("button", name="Show my result", exact=True).tap()
    expect(page.locator("#result [data-urgency]")).to_be_visible()
    page.get_by_role("link", name="Change your answers").tap()
    expect(page.locator("#result [data-urgency]")).to_have_count(0)
    expect(page.locator("#result")).not_to_contain_text("Your result")
    expect(steps).to_be_visible()
    # The answers are still in the form, ready to change and send again.
    expect(page.locator("#id_pain_level_3")).to_be_checked()
    expect(page.get_by_label("On the outside of the knee")).to_be_checked()


def test_changing_the_answers_on_a_desktop_clears_the_result_and_shows_the_questions(site, page):
    page.set_viewport_size(DESKTOP)
    it_band_result(page, site)
    page.get_by_role("link", name="Change your answers").click()
    expect(page.locator("#result [data-urgency]")).to_have_count(0)
    expect(page.locator("#questions-heading")).to_be_in_viewport()
    expect(page.locator("#id_outer_tightness")).to_be_checked()


QUESTION_HEADINGS = """() => [...document.querySelector('form[data-stepper]').children]
    .filter((step) => !step.matches('.stepper-ui')
        && step.querySelector('input:not([type=hidden])') !== null)
    .map((step) => {
        const heading = step.querySelector('legend, label');
        const style = getComputedStyle(heading);
        return [step.id, style.fontSize, style.fontWeight];
    })"""


def test_every_question_heading_has_the_same_size(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site.url + URL)
    headings = page.evaluate(QUESTION_HEADINGS)
    assert len(headings) >= 9
    assert len({(size, weight) for _, size, weight in headings}) == 1, headings
    context.close()


def test_the_knee_drawings_words_stand_clear_of_its_lines(site, page):
    page.goto(site.url + URL)
    words = page.locator(".knee-words text")
    expect(words).to_have_count(5)
    for index in range(5):
        style = words.nth(index).evaluate(
            "(el) => { const s = getComputedStyle(el);"
            " return [s.paintOrder, s.stroke, parseFloat(s.strokeWidth)]; }"
        )
        # The stroke is painted first, under the letters: a white halo over the outline.
        assert style[0].startswith("stroke") and style[1] == "rgb(255, 255, 255)", style
        assert style[2] >= 3, style

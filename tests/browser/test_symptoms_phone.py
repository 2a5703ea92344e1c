"""The self-check on a phone (issue 10): one question at a time, a knee to tap, big targets,
a result that survives Back, in real Chromium. The stepper is static/js/symptoms.js."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_wcag22_clean as assert_axe_clean
from tests.browser.conftest import WATCH_CSP

URL = "/symptoms/check/"
PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}
NARROWEST = {"viewport": {"width": 320, "height": 640}, "has_touch": True, "is_mobile": True}
# The smallest tap target WCAG 2.5.5 asks for, in CSS pixels.
TARGET = 44


def current(page):
    return page.locator("#questions > .is-current")


class Taps:
    """Taps as a person would (a touch on what they see), counting them; every target tapped
    must be at least 44 by 44 pixels."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def __call__(self, locator):
        expect(locator).to_be_visible()  # a person waits for the next question to show
        box = locator.bounding_box()
        assert box and box["width"] >= TARGET and box["height"] >= TARGET, box
        locator.tap()
        self.count += 1

    def answer(self, text):
        self(current(self.page).locator("label").filter(has_text=text).first)

    def spot(self, place):
        self(current(self.page).locator(f'[data-knee-spot="{place}"]'))

    def button(self, name):
        self(self.page.get_by_role("button", name=name, exact=True))


# Five common stories, told by tapping only what the story says, and what each should give.
STORIES = {
    "it-band": (
        [
            ("spot", "outer"),
            "Gradually",
            ("exact", "No"),
            "Yes, normally",
            ("pain", "4"),
            "The outside of my knee feels tight",
        ],
        "self-care",
        "it-band-syndrome",
    ),
    "kneecap-on-stairs": (
        [
            ("spot", "front"),
            "Gradually",
            ("exact", "No"),
            "Yes, normally",
            ("pain", "4"),
            ("next", "Tick any that are true"),
            "Going up or down stairs",
        ],
        "self-care",
        "runners-knee",
    ),
    "twist-pop-swelling": (
        [
            ("spot", "inner"),
            "Suddenly",
            "straight away or within an hour",
            "Yes, but it hurts",
            ("pain", "6"),
            "I twisted or pivoted",
            "I heard or felt a loud pop",
        ],
        "urgent",
        "ligament-tear",
    ),
    "hot-swollen-knee-with-fever": (
        [
            "All over, or I can't tell",
            "Gradually",
            "straight away or within an hour",
            "Yes, but it hurts",
            ("pain", "7"),
            "My knee is hot and red",
            "I have a fever",
        ],
        "emergency",
        None,
    ),
    "ache-after-more-mileage": (
        [
            "All over, or I can't tell",
            "Gradually",
            ("exact", "No"),
            "Yes, normally",
            ("pain", "3"),
            "I have recently run more",
            "stiff and tender after running",
        ],
        "self-care",
        "knee-strain",
    ),
}


@pytest.mark.browser_context_args(**PHONE)
@pytest.mark.parametrize("story", list(STORIES))
def test_it_reaches_each_common_story_in_at_most_eight_taps(site, page, story):
    steps, urgency, condition = STORIES[story]
    page.goto(site.url + URL)
    tap = Taps(page)
    for step in steps:
        if isinstance(step, str):
            tap.answer(step)
        elif step[0] == "spot":
            tap.spot(step[1])
        elif step[0] == "pain":
            # The number's tile: its radio input covers it, invisible, so the tap lands on it.
            tap(page.locator(f"#id_pain_level_{step[1]}"))
        elif step[0] == "exact":
            tap(current(page).locator("label").get_by_text(step[1], exact=True))
        else:  # Next, once the question it skips is on screen
            expect(current(page)).to_contain_text(step[1])
            tap.button("Next")
    tap.button("Show my result")
    result = page.locator("#result [data-urgency]")
    expect(result).to_have_attribute("data-urgency", urgency)
    if condition:
        expect(page.locator("[data-condition]").first).to_have_attribute(
            "data-condition", condition
        )
    assert tap.count <= 8, f"{story}: {tap.count} taps"
    print(f"{story}: {tap.count} taps")
    expect(page.locator("#result-heading")).to_be_focused()
    expect(page.locator("#questions")).to_be_hidden()  # the result alone, from its top
    assert page.url == site.url + URL  # no answer in the address


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab, as a keyboard user would, until the element has focus."""
    for _ in range(limit):
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def focused_text(page) -> str:
    return page.evaluate("document.activeElement.textContent.trim()")


@pytest.mark.browser_context_args(viewport={"width": 360, "height": 740})
def test_it_goes_one_question_at_a_time_by_keyboard_alone(site, page):
    page.goto(site.url + URL)
    progress = page.locator("[data-stepper-progress] p")
    expect(progress).to_have_text("Question 1 of 9")
    expect(progress).to_have_attribute("aria-live", "polite")
    expect(page.locator("#questions > .is-current")).to_have_count(1)
    expect(page.locator("#question-onset")).to_be_hidden()
    expect(page.get_by_role("button", name="Back")).to_be_hidden()

    tab_to(page, "#id_pain_location_0")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # arrows change the answer but never move on by themselves
    page.wait_for_timeout(600)
    expect(page.locator("#id_pain_location_1")).to_be_checked()
    expect(page.locator("#question-pain_location")).to_be_visible()
    tab_to(page, "[data-stepper-next]")
    page.keyboard.press("Enter")
    expect(progress).to_have_text("Question 2 of 9")
    assert focused_text(page).startswith("How did the pain start?")  # the new question's heading

    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # gradually
    tab_to(page, "[data-stepper-next]")
    page.keyboard.press("Enter")
    assert focused_text(page).startswith("Did your knee swell?")
    tab_to(page, "[data-stepper-next]")
    page.keyboard.press("Enter")  # unanswered: it says so and stays
    expect(page.locator("[data-stepper-message]")).to_have_text("Choose an answer to go on.")
    # "Gradually" brought in its follow-up question (press and hop), later in the list.
    expect(progress).to_have_text("Question 3 of 10")
    expect(page.locator('[data-follow-up="gradual"]')).to_be_attached()
    expect(page.locator('[data-follow-up="injury"]')).to_be_hidden()

    tab_to(page, "[data-stepper-back]")
    page.keyboard.press("Enter")
    expect(progress).to_have_text("Question 2 of 10")
    expect(page.locator("#id_onset_0")).to_be_checked()  # answers are kept
    tab_to(page, "[data-stepper-next]")
    page.keyboard.press("Enter")
    for first_answer in ("#id_swelling_0", "#id_weight_bearing_0", "#id_pain_level_0"):
        tab_to(page, first_answer)
        page.keyboard.press("Space")
        if first_answer != "#id_pain_level_0":
            tab_to(page, "[data-stepper-next]")
            page.keyboard.press("Enter")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # pain 2
    expect(page.locator("#id_pain_level_2")).to_be_checked()

    # Every required answer given: the result is a tap away, from any question on.
    show = page.get_by_role("button", name="Show my result")
    expect(show).to_be_visible()
    # The questions not shown yet are unknown, not "no": they do not say they were asked.
    assert page.locator('#question-age input[name="asked"]').is_disabled()
    assert page.locator('#question-hot_red input[name="asked"]').is_disabled()
    assert page.locator('#question-swelling input[name="asked"]').is_enabled()
    tab_to(page, "[data-stepper-buttons] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#result [data-urgency]")).to_be_visible()
    expect(page.locator("#result-heading")).to_be_focused()
    expect(page.locator("#questions")).to_be_hidden()
    expect(page).to_have_url(site.url + URL)

    tab_to(page, "a[href='#questions']")  # "Change your answers"
    page.keyboard.press("Enter")
    expect(progress).to_have_text("Question 1 of 10")
    assert focused_text(page).startswith("Where does your knee hurt most?")
    expect(page.locator("#id_pain_location_1")).to_be_checked()


def test_it_shows_every_question_on_one_page_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(site.url + URL)
    for question in ("pain_location", "onset", "pain_level", "hot_red", "worse_with", "age"):
        expect(page.locator(f"#question-{question}")).to_be_visible()
    expect(page.locator("[data-stepper-nav]")).to_be_hidden()
    expect(page.locator("[data-stepper-progress]")).to_be_hidden()
    page.locator('[data-knee-spot="below-kneecap"]').tap()  # the drawing works without scripts
    expect(page.locator("#id_pain_location_5")).to_be_checked()
    page.get_by_label("Gradually, over several runs or days").check()
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Yes, normally").check()
    page.locator("#id_pain_level_3").tap()
    expect(page.locator("#id_pain_level_3")).to_be_checked()
    page.get_by_role("button", name="Show my result").tap()
    expect(page.locator("[data-urgency]")).to_be_visible()
    expect(page).to_have_url(site.url + URL + "#result")
    context.close()


def answer_boxes(page) -> list[dict]:
    """The size of everything a runner taps to answer: every label of an answer, and the
    pain numbers' inputs (they cover their labels)."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
            '#questions label[for], #questions .pain-scale input')]
            .filter((el) => el.getClientRects().length > 0)
            .filter((el) => el.tagName === 'INPUT'
                || ['radio', 'checkbox'].includes(document.getElementById(el.htmlFor).type))
            .map((el) => {
                const box = el.getBoundingClientRect();
                return {what: el.getAttribute('for') || el.id, width: box.width,
                        height: box.height};
            })"""
    )


@pytest.mark.parametrize("width", [320, 360])
def test_every_answer_is_at_least_44_pixels_and_nothing_scrolls_sideways(site, browser, width):
    # Without scripts every question is on the page at once, follow-ups included.
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 640}, has_touch=True
    )
    page = context.new_page()
    page.goto(site.url + URL)
    boxes = answer_boxes(page)
    assert len(boxes) > 70  # every answer of every question
    small = [box for box in boxes if box["width"] < TARGET or box["height"] < TARGET]
    assert small == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.browser_context_args(**NARROWEST)
def test_it_never_scrolls_sideways_at_320_pixels_with_the_stepper(site, page):
    page.goto(site.url + URL)
    tap = Taps(page)
    widths = []
    for step in ("All over, or I can't tell", "Suddenly", "straight away or within an hour",
                 "No: I cannot take four steps"):  # fmt: skip
        widths.append(page.evaluate("document.documentElement.scrollWidth"))
        tap.answer(step)
    tap(page.locator("#id_pain_level_9"))
    expect(current(page)).to_contain_text("If the pain started suddenly")
    tap.answer("My kneecap slipped out of place")
    tap.button("Next")
    expect(current(page)).to_contain_text("Tick any that are true")
    widths.append(page.evaluate("document.documentElement.scrollWidth"))
    tap.answer("My foot is numb, cold or pale")
    tap.button("Show my result")
    expect(page.locator("#result [data-urgency]")).to_have_attribute("data-urgency", "emergency")
    widths.append(page.evaluate("document.documentElement.scrollWidth"))
    assert max(widths) <= 320, widths


@pytest.mark.browser_context_args(**PHONE)
def test_it_is_axe_clean_on_each_kind_of_step_and_the_result(site, page):
    page.goto(site.url + URL)
    assert_axe_clean(page)  # the knee
    tap = Taps(page)
    tap.spot("inner")
    tap.answer("Suddenly")
    tap.answer("straight away or within an hour")
    tap.answer("Yes, but it hurts")
    expect(page.locator("#question-pain_level")).to_be_visible()
    assert_axe_clean(page)  # the row of numbers
    tap(page.locator("#id_pain_level_6"))
    expect(current(page)).to_contain_text("If the pain started suddenly")
    assert_axe_clean(page)  # a follow-up, shown by the page itself
    tap.button("Next")
    assert_axe_clean(page)  # the boxes to tick
    tap.button("Show my result")
    expect(page.locator("#result [data-urgency]")).to_be_visible()
    assert_axe_clean(page)


def twist_result(page, site):
    page.goto(site.url + URL)
    page.locator('[data-knee-spot="inner"]').click()
    page.get_by_label("Suddenly, at a moment I can point to (an injury)").check()
    page.get_by_label("Yes, straight away or within an hour").check()
    page.get_by_label("Yes, but it hurts").check()
    page.locator("#id_pain_level_6").check()
    page.get_by_label("I twisted or pivoted on the knee").check()
    page.get_by_label("I heard or felt a loud pop at the time").check()
    page.get_by_role("button", name="Show my result").click()
    expect(page.locator("#result [data-urgency]")).to_have_attribute("data-urgency", "urgent")
    expect(page.locator("#result-heading")).to_be_focused()


@pytest.mark.browser_context_args(viewport={"width": 1280, "height": 800})
def test_it_shows_the_urgency_and_the_top_condition_without_scrolling_on_a_desktop(site, page):
    twist_result(page, site)
    column = page.locator(".symptom-check").bounding_box()
    assert 40 * 16 <= column["width"] <= 46 * 17  # a reading column of about 40 to 45 em
    for locator in (page.locator(".urgency-banner h3"), page.locator("[data-condition] h4").first):
        box = locator.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 800, box


@pytest.mark.browser_context_args(viewport={"width": 1280, "height": 800})
def test_it_opens_advice_in_place_and_condition_pages_in_a_new_tab(site, page):
    twist_result(page, site)
    card = page.locator("[data-condition]").first
    link = card.locator("a[data-leaves-result]")
    expect(link).to_contain_text("(opens in a new tab)")
    with page.context.expect_page() as opened:
        link.click()
    condition_page = opened.value
    condition_page.wait_for_load_state()
    assert "/conditions/" in condition_page.url
    condition_page.close()
    # The result is still where the runner left it.
    expect(page.locator("#result [data-urgency]")).to_have_attribute("data-urgency", "urgent")
    expect(page.locator("#id_heard_pop")).to_be_checked()


@pytest.mark.browser_context_args(**PHONE)
def test_it_opens_a_conditions_advice_in_place(site, page):
    page.goto(site.url + URL)
    tap = Taps(page)
    tap.spot("outer")
    tap.answer("Gradually")
    tap(current(page).locator("label").get_by_text("No", exact=True))
    tap.answer("Yes, normally")
    tap(page.locator("#id_pain_level_3"))
    tap.button("Show my result")
    advice = page.locator("[data-condition-advice]").first
    expect(advice).not_to_have_attribute("open", "")
    expect(advice.get_by_role("heading", name="What to do")).to_be_hidden()
    tap(advice.locator("summary"))
    expect(advice.get_by_role("heading", name="What to do")).to_be_visible()
    expect(page).to_have_url(site.url + URL)


def test_it_keeps_the_result_when_the_runner_comes_back(
    site, browser_type, browser_type_launch_args
):
    """Back from a page reached from the result, in the same tab, shows the result again:
    the page holds no answer when first served, so the browser may keep it, result and all,
    in its back/forward cache (Playwright turns that cache off unless asked)."""
    browser = browser_type.launch(
        **browser_type_launch_args, ignore_default_args=["--disable-back-forward-cache"]
    )
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    violations = []
    page.expose_function("reportCspViolation", lambda violation: violations.append(violation))
    page.add_init_script(WATCH_CSP)
    twist_result(page, site)
    page.locator(".site-header").get_by_role("link", name="Conditions").click()
    expect(page).to_have_url(site.url + "/conditions/")
    page.go_back(wait_until="commit")
    expect(page.locator("#result [data-urgency]")).to_have_attribute("data-urgency", "urgent")
    expect(page.locator("#id_heard_pop")).to_be_checked()
    browser.close()
    assert violations == []


@pytest.mark.browser_context_args(**PHONE)
def test_it_unfolds_a_hint_on_a_phone_without_moving_on(site, page):
    page.goto(site.url + URL)
    tap = Taps(page)
    tap.spot("inner")
    tap.answer("Gradually")
    tap(current(page).locator("label").get_by_text("No", exact=True))
    tap.answer("Yes, normally")
    tap(page.locator("#id_pain_level_3"))
    tap.button("Next")  # past the pain, to the boxes to tick
    expect(current(page)).to_contain_text("Tick any that are true")
    hint = current(page).locator('[data-hint-for="giving_way"]')
    tap(hint.locator("summary"))  # at least 44 by 44 pixels, like every answer
    expect(hint.get_by_text("suddenly buckles")).to_be_visible()
    expect(current(page)).to_contain_text("Tick any that are true")  # still this question
    expect(page.locator("#id_giving_way")).not_to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_axe_clean(page)


def answer_without_javascript(page, site):
    page.goto(site.url + URL)
    page.locator('[data-knee-spot="front"]').tap()
    page.get_by_label("Gradually, over several runs or days").check()
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Yes, normally").check()
    page.locator("#id_pain_level_4").tap()
    page.get_by_label("Going up or down stairs").check()
    page.get_by_role("button", name="Show my result").tap()
    expect(page.locator("[data-urgency]")).to_have_attribute("data-urgency", "self-care")


def test_it_keeps_the_result_without_javascript_as_links_open_new_tabs(
    site, browser_type, browser_type_launch_args
):
    """Without JavaScript the result is the page a form post brought. Chromium never keeps a
    post's page for Back (see the next test), so every link on it opens a new tab, says so,
    and the result stays in its own tab, stored nowhere."""
    browser = browser_type.launch(
        **browser_type_launch_args, ignore_default_args=["--disable-back-forward-cache"]
    )
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    answer_without_javascript(page, site)
    expect(page.locator("[data-links-open-new-tabs]")).to_be_visible()
    leaving = [
        page.locator(".site-header").get_by_role("link", name="Conditions"),
        page.locator(".site-footer").get_by_role("link", name="Guidance for runners"),
        page.locator("[data-condition]").first.get_by_role("link", name=re.compile("^Full page")),
    ]
    for link in leaving:
        expect(link).to_contain_text("(opens in a new tab)")
        with context.expect_page() as opened:
            link.tap()
        other = opened.value
        other.wait_for_load_state()
        assert other.url.startswith(site.url) and "?" not in other.url
        other.close()
        # The result is where the runner left it, answers and all.
        expect(page).to_have_url(site.url + URL + "#result")
        expect(page.locator("[data-urgency]")).to_have_attribute("data-urgency", "self-care")
        expect(page.get_by_label("Going up or down stairs")).to_be_checked()
    assert len(context.pages) == 1
    browser.close()


def test_chromium_cannot_bring_back_a_posted_page_without_a_stored_copy(
    site, browser_type, browser_type_launch_args
):
    """Why links open new tabs without JavaScript: Chromium keeps no page a POST brought in
    its back/forward cache ("HTTPMethodNotGET"), and the result is no-store (kept out of the
    browser's disk cache), so Back to it, after leaving in the same tab, cannot show it. If
    this test starts failing, Chromium has changed and the choice can be looked at again."""
    browser = browser_type.launch(
        **browser_type_launch_args, ignore_default_args=["--disable-back-forward-cache"]
    )
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Page.enable")
    reasons = []
    cdp.on(
        "Page.backForwardCacheNotUsed",
        lambda event: reasons.extend(item["reason"] for item in event["notRestoredExplanations"]),
    )
    answer_without_javascript(page, site)
    page.goto(site.url + "/conditions/")  # leaving in the same tab (an address typed)
    with pytest.raises(Exception, match="ERR_CACHE_MISS"):
        page.go_back()
    for _ in range(20):  # the DevTools event may come just after the failed navigation
        if reasons:
            break
        page.wait_for_timeout(100)
    assert "HTTPMethodNotGET" in reasons, reasons
    browser.close()

"""Answers never leave the page before the runner submits (issue 10), in real Chromium: the
follow-up questions come and go, and the age is checked, in the page itself; a follow-up the
runner never saw is sent as unknown (neither its boxes nor its "asked" entries are posted)."""

from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_wcag22_clean

URL = "/symptoms/check/"
# Reduced motion: Bootstrap then draws a button's new colours at once, so axe measures the
# contrast the runner ends up seeing, not a colour half-way through a transition.
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "has_touch": True,
    "is_mobile": True,
    "reduced_motion": "reduce",
}


def current(page):
    return page.locator("#questions > .is-current")


def tap_answer(page, text):
    label = current(page).locator("label").filter(has_text=text).first
    expect(label).to_be_visible()
    label.tap()


def tap_next_until(page, text):
    """Tap Next, as a runner would, until the question with this text is on screen."""
    for _ in range(12):
        if text in current(page).inner_text():
            return
        page.get_by_role("button", name="Next", exact=True).tap()
    raise AssertionError(f"Next never reached {text!r}")


def record_requests(page) -> list:
    """Every request the page makes from now on (the page is loaded, with its files)."""
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request))
    return requests


def posted(request) -> dict[str, list[str]]:
    return parse_qs(request.post_data or "", keep_blank_values=True)


@pytest.mark.browser_context_args(**PHONE)
def test_no_answer_leaves_the_phone_before_the_submit(site, page):
    page.goto(site.url + URL)
    requests = record_requests(page)
    injury = page.locator("#injury-questions")
    gradual = page.locator("#gradual-questions")
    expect(injury).to_be_hidden()
    expect(gradual).to_be_hidden()

    page.locator('[data-knee-spot="inner"]').tap()
    tap_answer(page, "Suddenly")
    tap_answer(page, "straight away or within an hour")
    tap_answer(page, "Yes, but it hurts")
    page.locator("#id_pain_level_6").tap()
    # "Suddenly" brought in the injury questions, right after the pain.
    expect(current(page)).to_contain_text("If the pain started suddenly")
    expect(page.locator("[data-stepper-progress] p")).to_have_text("Question 6 of 10")
    assert_wcag22_clean(page)
    tap_answer(page, "I heard or felt a loud pop")
    tap_answer(page, "My kneecap slipped out of place")

    # The runner goes back and changes the start to "gradually": the injury questions go
    # (their ticks kept, unsent), the press-and-hop questions come.
    for _ in range(4):
        page.get_by_role("button", name="Back", exact=True).tap()
    expect(current(page)).to_contain_text("How did the pain start?")
    tap_answer(page, "Gradually")
    expect(injury).to_be_hidden()
    expect(page.locator("#id_heard_pop")).to_be_checked()
    expect(page.locator("#id_heard_pop")).to_be_disabled()
    expect(page.locator('#question-heard_pop input[name="asked"]')).to_be_disabled()

    # A sore calf brings up breathlessness in the same list; unticking it takes it away.
    tap_next_until(page, "Tick any that are true")
    breathless = page.locator("#id_breathless")
    expect(breathless).to_be_hidden()
    tap_answer(page, "My calf is painful or swollen")
    expect(breathless).to_be_visible()
    tap_answer(page, "My calf is painful or swollen")
    expect(breathless).to_be_hidden()

    tap_next_until(page, "If the pain came on gradually")
    expect(gradual).to_be_visible()
    tap_next_until(page, "How old are you?")
    age = page.get_by_label("How old are you? (optional)")
    age.tap()
    page.keyboard.type("7")
    page.keyboard.press("Enter")  # Enter moves on only from a right answer
    message = page.locator("#question-age .invalid-feedback")
    expect(message).to_have_text("Enter an age of 10 or over.")
    expect(age).to_have_attribute("aria-invalid", "true")
    expect(age).to_be_focused()
    assert_wcag22_clean(page)
    age.fill("34")
    expect(message).to_have_count(0)
    expect(page.locator("[data-stepper-message]")).to_be_empty()
    expect(age).not_to_have_attribute("aria-invalid", "true")

    # Nothing was sent while the runner answered: no post, no address carrying an answer.
    assert [(request.method, request.url) for request in requests] == []

    with page.expect_request(lambda request: request.method == "POST") as submitted:
        page.get_by_role("button", name="Show my result").tap()
    expect(page.locator("#result [data-urgency]")).to_be_visible()
    sent = posted(submitted.value)
    assert sent["onset"] == ["gradual"] and sent["age"] == ["34"]
    # The hidden injury block sent nothing: its ticks, and its questions, are unknown.
    for question in ("injury_event", "heard_pop", "kneecap_shifted", "patella_tender"):
        assert question not in sent, question
        assert question not in sent["asked"], question
    assert "breathless" not in sent and "breathless" not in sent["asked"]
    # The press-and-hop questions were shown and left empty: "no".
    assert {"bone_tender", "hop_pain"} <= set(sent["asked"])
    assert "bone_tender" not in sent
    summary = page.locator(".answers-summary")  # the printed summary of the answers used
    expect(summary).not_to_contain_text("loud pop")
    expect(summary).to_contain_text("Gradually")
    assert [request.method for request in requests] == ["POST"]
    assert all("?" not in request.url for request in requests)


@pytest.mark.browser_context_args(viewport={"width": 1280, "height": 800})
def test_no_answer_leaves_the_desktop_page_before_the_submit(site, page):
    # The whole form on one page: the follow-ups show and hide in place.
    page.goto(site.url + URL)
    requests = record_requests(page)
    page.get_by_label("Suddenly, at a moment I can point to (an injury)").check()
    expect(page.locator("#injury-questions")).to_be_visible()
    page.get_by_label("I twisted or pivoted on the knee").check()
    page.get_by_label("Gradually, over several runs or days").check()
    expect(page.locator("#injury-questions")).to_be_hidden()
    expect(page.locator("#gradual-questions")).to_be_visible()
    page.get_by_label("How old are you? (optional)").fill("101")
    page.get_by_label("How old are you? (optional)").blur()
    expect(page.locator("#question-age")).to_contain_text("Enter an age of 100 or under.")
    assert requests == []

    # The server still checks on submit, and keeps every answer.
    page.locator('[data-knee-spot="front"]').click()
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Yes, normally").check()
    page.locator("#id_pain_level_3").check()
    with page.expect_request(lambda request: request.method == "POST") as submitted:
        page.get_by_role("button", name="Show my result").click()
    expect(page.locator("#error-summary-heading")).to_contain_text("Please check 1 answer")
    expect(page.locator("#question-age")).to_contain_text("Enter an age of 100 or under.")
    expect(page.locator("#id_age")).to_have_value("101")
    expect(page.locator("#id_onset_0")).to_be_checked()
    sent = posted(submitted.value)
    assert "injury_event" not in sent and "injury_event" not in sent["asked"]
    assert {"bone_tender", "hop_pain", "injury_event"} & set(sent["asked"]) == {
        "bone_tender",
        "hop_pain",
    }

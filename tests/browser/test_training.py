"""Each training tool in real Chromium: fill the form, see the result swap in without a
reload, read its marker. The `page` fixture fails a test on any CSP violation."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible


def open_tool(page, url):
    page.goto(url)
    # A flag on the window survives htmx swaps and disappears on a reload.
    page.evaluate("window.notReloaded = true")


def assert_not_reloaded(page):
    assert page.evaluate("window.notReloaded") is True


def test_it_plans_mileage_as_you_type_and_keeps_the_plan_in_the_address(site, page):
    open_tool(page, site.url + "/training/mileage/")
    page.get_by_label("Your weekly distance now").fill("20")
    page.get_by_label("Weekly distance you want to reach").fill("30")
    last_week = page.locator("#result tr[data-week]").last
    expect(last_week).to_have_attribute("data-distance", "30")
    expect(page.locator("[data-plan-chart]")).to_be_visible()

    page.get_by_role("button", name="Plan my weeks").click()
    expect(page).to_have_url(re.compile(r"/training/mileage/\?current=20&goal=30&unit=km"))
    assert_not_reloaded(page)
    expect(page.locator("#result tr[data-week]")).to_have_count(6)

    page.reload()
    expect(page.locator("#result tr[data-week]").last).to_have_attribute("data-distance", "30")
    expect(page.get_by_label("Your weekly distance now")).to_have_value("20")


def test_it_runs_the_quick_check_beside_the_plan(site, page):
    open_tool(page, site.url + "/training/mileage/?current=20&goal=30&unit=mi")
    page.get_by_label("Last week's distance").fill("20")
    page.get_by_label("This week's distance").fill("25")
    result = page.locator("[data-weekly-change]")
    expect(result).to_have_attribute("data-within-rule", "no")
    expect(result).to_contain_text("3 mi over the 10 % rule")

    page.get_by_role("button", name="Check my week").click()
    expect(page).to_have_url(re.compile(r"last_week=20&this_week=25"))
    expect(page).to_have_url(re.compile(r"current=20&goal=30&unit=mi"))
    assert_not_reloaded(page)
    expect(page.locator("#result tr[data-week]").last).to_have_attribute("data-distance", "30")


def test_it_checks_a_long_run_for_a_spike(site, page):
    open_tool(page, site.url + "/training/spike/")
    page.get_by_label("Your longest run in the last 30 days").fill("12")
    page.get_by_label("The run you're planning").fill("16")
    result = page.locator("[data-spike-percent]")
    expect(result).to_have_attribute("data-spike-percent", "33.3")
    expect(result).to_contain_text("13.2 km")
    assert_not_reloaded(page)


def test_it_coaches_cadence_with_a_metronome(site, page):
    open_tool(page, site.url + "/training/cadence/")
    page.get_by_label("Times one foot lands in 60 seconds").fill("75")
    result = page.locator("[data-spm]")
    expect(result).to_have_attribute("data-spm", "150")
    expect(result).to_have_attribute("data-target-low", "158")
    expect(result).to_have_attribute("data-target-high", "165")
    assert_not_reloaded(page)

    metronome = page.locator('[data-metronome][data-bpm="158"]:not([data-week])')
    expect(metronome).to_have_accessible_name("Start a metronome at 158")
    expect(metronome).to_be_visible()
    metronome.click()
    expect(metronome).to_have_attribute("aria-pressed", "true")
    metronome.click()
    expect(metronome).to_have_attribute("aria-pressed", "false")


def test_it_plays_each_weeks_beat_with_a_visual_beat_started_by_keyboard(site, page):
    open_tool(page, site.url + "/training/cadence/?spm=152")
    week_1 = page.locator('[data-metronome][data-week="1"]')
    expect(week_1).to_have_accessible_name("Play 154 for week 1")
    beat = page.locator("[data-metronome-beat]")

    week_1.focus()
    page.keyboard.press("Enter")
    expect(week_1).to_have_attribute("aria-pressed", "true")
    expect(week_1).to_have_text("Stop")
    expect(page.locator("[data-metronome-label]")).to_contain_text("154 beats a minute (week 1)")
    expect(beat).to_have_class(re.compile(r"\bis-playing\b"))
    # The dot lights on each beat: at 154 a minute, several beats pass within two seconds.
    expect(beat).to_have_attribute("data-beats", re.compile(r"^([3-9]|\d{2,})$"))
    expect(beat).to_have_class(re.compile(r"\bis-on\b"), timeout=2000)

    page.keyboard.press("Escape")
    expect(week_1).to_have_attribute("aria-pressed", "false")
    expect(beat).not_to_have_class(re.compile(r"\bis-playing\b"))


def test_it_checks_shoe_wear(site, page):
    open_tool(page, site.url + "/training/shoes/")
    page.get_by_label("Distance run in this pair").fill("350")
    page.get_by_label("Unit").select_option("mi")
    expect(page.locator("[data-verdict]")).to_have_attribute("data-verdict", "soon")
    page.get_by_label("The tread is worn").check()
    expect(page.locator("[data-verdict]")).to_have_attribute("data-verdict", "replace")
    page.get_by_label("The tread is worn").uncheck()
    expect(page.locator("[data-verdict]")).to_have_attribute("data-verdict", "soon")
    assert_not_reloaded(page)


def test_it_lays_out_the_strength_sheet(site, page):
    open_tool(page, site.url + "/training/strength/")
    rows = page.locator("[data-sheet-weeks] tbody tr")
    expect(rows).to_have_count(12)
    expect(page.locator("[data-print]")).to_be_visible()
    page.get_by_label("Weeks on the sheet").select_option("8")
    expect(page.locator("[data-sheet-weeks]")).to_have_attribute("data-sheet-weeks", "8")
    expect(rows).to_have_count(8)
    expect(rows.last).to_have_attribute("data-stage", "3")
    assert_not_reloaded(page)
    expect(page.locator('[data-exercise="planks"]')).to_contain_text("Plank")


@pytest.mark.parametrize(
    "path",
    [
        "/training/",
        f"/training/mileage/?current=20&goal=30&race_date={date.today() + timedelta(weeks=20)}"
        "&last_week=20&this_week=25",
        "/training/mileage/?current=0&goal=abc&last_week=x&this_week=1",
        "/training/spike/?longest_30d=12&planned=16",
        "/training/cadence/?foot_strikes=75",
        "/training/shoes/?distance=350&unit=mi&tread_worn=on",
        "/training/strength/",
        "/training/runs/",
        "/training/return-to-run/?pain_during=3&settled=yes",
        "/training/return-to-run/?pain_during=7&settled=no&swelling=on&stiffness=on",
    ],
)
def test_it_finds_no_accessibility_violation(site, page, path):
    assert page.goto(site.url + path).status == 200
    assert_accessible(page)


def test_it_ticks_the_strength_sheet_at_360_px_and_prints_empty_boxes_on_two_pages(site, page):
    open_tool(page, site.url + "/training/strength/")
    sheet = page.locator("[data-sheet-weeks]")
    # The whole sheet fits a 360 px screen: no column is cut off.
    assert sheet.bounding_box()["width"] <= page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    tick = page.get_by_label("Week 1, session 1 done")
    box = tick.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    tick.check()
    expect(tick).to_be_checked()
    page.get_by_label("Week 1, knee calm the next day").check()

    # One stage open at a time; each exercise has its drawing.
    stages = page.locator("details[data-stage-section]")
    expect(stages.first).to_have_attribute("open", "")
    expect(stages.nth(1)).not_to_have_attribute("open", "")
    expect(page.locator("[data-exercise] img[data-exercise-picture]")).to_have_count(14)
    picture = page.locator('[data-exercise="planks"] img')
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", picture.element_handle())

    page.emulate_media(media="print")
    # The printed sheet shows empty boxes, whatever was ticked on screen.
    assert tick.evaluate("(box) => getComputedStyle(box).appearance") == "none"
    pdf = page.pdf(format="A4")
    assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 2
    expect(tick).to_be_checked()  # ticks stay in the page until it is left


def test_it_reads_three_uploaded_runs_into_a_chart_and_bands(site, page):
    from tests.run_file_fixtures import START, fit_run, gpx_run, tcx_run

    open_tool(page, site.url + "/training/runs/")
    expect(page.locator("[data-limits]")).to_contain_text("At most 50 MB in all")
    page.get_by_label("Your run files").set_input_files(
        [
            {
                "name": "monday.gpx",
                "mimeType": "application/gpx+xml",
                "buffer": gpx_run(km=10, minutes=60),
            },
            {
                "name": "wednesday.tcx",
                "mimeType": "application/xml",
                "buffer": tcx_run(start=START + timedelta(days=2), km=8, minutes=48, cadence=166),
            },
            {
                "name": "sunday.fit",
                "mimeType": "application/octet-stream",
                "buffer": fit_run(start=START + timedelta(days=6), km=14, minutes=84, cadence=170),
            },
        ]
    )
    page.get_by_role("button", name="Check my runs").click()

    expect(page.locator("[data-runs]")).to_have_attribute("data-runs", "3")
    assert_not_reloaded(page)  # htmx swapped the result in
    chart = page.locator("[data-runs-chart]")
    expect(chart).to_be_visible()
    expect(chart.locator("desc")).to_contain_text("One bar a week")
    expect(page.locator('[data-run-day="2026-11-08"]')).to_have_attribute("data-run-band", "30-100")
    expect(page.locator('[data-run-day="2026-11-04"]')).to_have_attribute("data-run-band", "within")
    expect(page.locator("[data-next-run-max]")).to_have_attribute("data-next-run-max", "15.4")
    expect(page.locator("[data-cadence]")).to_have_attribute("data-cadence", "168")
    assert_accessible(page)


def test_it_says_in_place_when_an_upload_is_over_the_limit(site, page, monkeypatch):
    from tests.run_file_fixtures import gpx_run
    from training import your_runs

    # The live server runs in this process: give the page a 1 MB limit and send more.
    monkeypatch.setattr(your_runs.runs, "max_body_bytes", 1024 * 1024)
    open_tool(page, site.url + "/training/runs/")
    big = gpx_run(km=20, minutes=120, points=5_000, cadence=170)
    assert len(big) > 1024 * 1024
    page.get_by_label("Your run files").set_input_files(
        [{"name": "long.gpx", "mimeType": "application/gpx+xml", "buffer": big}]
    )
    page.get_by_role("button", name="Check my runs").click()

    alert = page.locator("#result [data-too-large]")
    expect(alert).to_have_attribute("data-too-large", "1")
    expect(alert).to_contain_text("at most 1 MB at a time")
    assert_not_reloaded(page)  # htmx swapped the 413's alert in
    expect(page.get_by_role("heading", name="Your runs, from your own files")).to_have_count(1)
    assert_accessible(page)


def test_it_offers_the_return_to_run_plan_from_a_self_check_result(site, page):
    page.set_viewport_size({"width": 1280, "height": 800})  # the whole form on one page
    page.goto(site.url + "/symptoms/check/")
    page.locator("#id_age").fill("30")
    page.locator("#id_pain_location_1").check()  # front of the knee
    page.locator("#id_onset_0").check()  # gradually
    page.locator("#id_swelling_0").check()  # no swelling
    page.locator("#id_weight_bearing_0").check()  # walks normally
    page.locator("#id_pain_level_4").check()
    page.locator("#id_worse_with_0").check()  # stairs
    page.locator("#id_worse_with_1").check()  # sitting
    page.get_by_role("button", name="Show my result").click()

    # The condition's advice opens in place; the programme is linked inside it.
    page.locator("#result details:has([data-return-to-run-link]) > summary").first.click()
    link = page.locator("#result [data-return-to-run-link]").first
    expect(link).to_be_visible()
    # Links that leave the result open a new tab, so the result stays where it was.
    with page.context.expect_page() as opened:
        link.click()
    result_page, page = page, opened.value
    expect(result_page.locator("#result [data-condition]").first).to_be_visible()

    expect(page).to_have_url(re.compile(r"/training/return-to-run/$"))
    sessions = page.locator("[data-return-table] tbody tr")
    expect(sessions).to_have_count(12)
    expect(sessions.first).to_have_attribute("data-phase", "1")
    expect(sessions.last).to_contain_text("run throughout")
    expect(page.locator('[data-rule="pain-at-most-5"]')).to_be_visible()
    expect(page.locator("[data-export=ics]")).to_be_visible()
    expect(page.locator("[data-print]")).to_be_visible()

    first = date.fromisoformat(sessions.first.get_attribute("data-session-day"))
    page.get_by_label("How often to run").select_option("3")
    expect(sessions.nth(1)).to_have_attribute("data-session-day", str(first + timedelta(days=3)))

    page.get_by_label("Worst knee pain during the run, 0 to 10").fill("7")
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Tell me what's next").click()
    expect(page.locator("[data-after-session]")).to_have_attribute(
        "data-after-session", "step-back"
    )
    assert_accessible(page)


def test_it_wraps_the_plan_tables_caption_within_a_360_px_screen(site, page):
    page.goto(site.url + "/training/mileage/?current=20&goal=30")
    region = page.get_by_role("region", name="Plan, week by week").bounding_box()
    caption = page.locator("[data-plan-table] caption").bounding_box()
    # The table scrolls sideways in its box; its caption wraps inside the box instead.
    assert caption["x"] >= region["x"]
    assert caption["x"] + caption["width"] <= region["x"] + region["width"] <= 360


def target_heights(page, selector):
    """The height and width of every visible element ``selector`` matches."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.getClientRects().length)
            .map((el) => { const r = el.getBoundingClientRect();
                           return [el.textContent.trim(), r.width, r.height]; })""",
        selector,
    )


def test_its_buttons_and_answers_are_44_px_targets_at_360_px(site, page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site.url + "/training/cadence/?foot_strikes=75")
    expect(page.locator("[data-metronome][data-week]").first).to_be_visible()
    buttons = target_heights(page, "#main .btn")
    assert len(buttons) >= 8  # "Show my target", a "Play" per week, the metronome
    assert all(height >= 44 for _, _, height in buttons), buttons

    page.goto(site.url + "/training/strength/")
    assert all(height >= 44 for _, _, height in target_heights(page, "#main .btn"))

    page.goto(site.url + "/training/return-to-run/")
    form = page.locator("#after-form").bounding_box()
    answers = target_heights(page, "#after-form .form-check-label")
    assert len(answers) == 4  # yes, no, swelled, stiffened
    for text, width, height in answers:
        assert height >= 44 and width >= form["width"] - 1, (text, width, height)
    page.get_by_text("No", exact=True).click()
    expect(page.get_by_role("radio", name="No")).to_be_checked()


def test_the_strength_sheet_ticks_from_a_44_px_cell_and_keeps_its_headings_whole(site, page):
    for width in (360, 320):
        page.set_viewport_size({"width": width, "height": 740})
        page.goto(site.url + "/training/strength/")
        tick = page.get_by_label("Week 2, session 1 done")
        target = page.locator("label.sheet-tick-target").nth(3)  # week 2, session 1
        target.scroll_into_view_if_needed()
        box = target.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
        # A tap near the cell's corner, off the box itself, ticks it.
        page.mouse.click(box["x"] + 3, box["y"] + 3)
        expect(tick).to_be_checked()
        # No heading breaks inside a word ("Sessio / n 1").
        broken = page.evaluate(
            """() => [...document.querySelectorAll('[data-sheet-weeks] thead th')].flatMap((th) => {
                const out = [];
                const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                    for (const m of n.data.matchAll(/\\S+/g)) {
                        const range = document.createRange();
                        range.setStart(n, m.index); range.setEnd(n, m.index + m[0].length);
                        const tops = [...range.getClientRects()].map((r) => Math.round(r.top));
                        const lines = new Set(tops);
                        if (lines.size > 1) out.push(m[0]);
                    }
                }
                return out; })"""
        )
        assert broken == [], (width, broken)
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_plan_my_weeks_straight_after_typing_logs_no_console_error(site, page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    def slow_live_update(route):
        # The as-you-type request is still on its way when the runner taps the button.
        if route.request.headers.get("hx-target") == "result":
            page.wait_for_timeout(600)
        route.continue_()

    page.route(re.compile(r"/training/mileage/\?"), slow_live_update)
    open_tool(page, site.url + "/training/mileage/")
    page.get_by_label("Your weekly distance now").press_sequentially("20")
    page.get_by_label("Weekly distance you want to reach").press_sequentially("40")
    page.wait_for_timeout(450)  # the 400 ms pause has passed: the live update is sent
    page.get_by_role("button", name="Plan my weeks").click()
    expect(page).to_have_url(re.compile(r"current=20&goal=40"))
    expect(page.locator("#result tr[data-week]").last).to_have_attribute("data-distance", "40")
    # And straight after typing, before the pause is over.
    page.get_by_label("Weekly distance you want to reach").fill("")
    page.get_by_label("Weekly distance you want to reach").press_sequentially("30")
    page.get_by_role("button", name="Plan my weeks").click()
    expect(page).to_have_url(re.compile(r"current=20&goal=30"))
    expect(page.locator("#result tr[data-week]").last).to_have_attribute("data-distance", "30")
    page.wait_for_timeout(1200)
    assert_not_reloaded(page)
    assert errors == []


@pytest.mark.parametrize("width", [320, 360])
def test_the_mileage_plan_table_fits_a_phone_without_scrolling(site, page, width):
    start = date.today() + timedelta(days=7 - date.today().weekday())  # next Monday
    race = start + timedelta(weeks=14, days=-1)
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(
        site.url + f"/training/mileage/?current=20&goal=40&unit=km&race_date={race}"
        f"&start={start}&longest_run=8"
    )
    expect(page.locator("[data-plan-table] tr[data-week]")).to_have_count(14)
    region = page.get_by_role("region", name="Plan, week by week")
    # Nothing cut off: the table fits its box, and the page fits the screen.
    assert region.evaluate("(box) => box.scrollWidth <= box.clientWidth"), region.evaluate(
        "(box) => [box.scrollWidth, box.clientWidth]"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Short headings on screen, the full ones for screen readers.
    expect(page.get_by_role("columnheader", name="Distance (km)")).to_have_count(1)
    expect(page.get_by_role("columnheader", name="On your highest week so far")).to_have_count(1)

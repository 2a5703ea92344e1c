"""The whole coach flow in Chromium under the strict CSP: fix a typo on a live condition
through a draft, a preview and a publish; then roll back a bad edit from the history.

The `page` fixture fails on any CSP violation; the preview tab is watched the same way.
Clicks are counted from the admin's home page, signed in, to the change being live.
"""

import pytest
from playwright.sync_api import expect

from kneecare.content.models import Condition
from tests.browser.conftest import WATCH_CSP
from tests.content_admin import make_coach

PASSWORD = "a-long-coach-password"
TYPO, FIXED = "kneee", "knee"


class Clicks:
    """Counts the clicks a coach makes, so the report can say how many each task takes."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator, **kwargs):
        self.count += 1
        locator.click(**kwargs)


@pytest.fixture
def coach_page(site, page):
    make_coach()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site.url + "/admin/login/")
    page.get_by_label("Username").fill("coach")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Guidance, sources and clinics")).to_be_visible()
    return page


def fits(page, shown=None):
    """Whether the page fits its width, measured once `shown` is on screen: a click returns
    before the page it leads to has loaded, and the document is null in between."""
    if shown is not None:
        expect(shown).to_be_visible()
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_coach_fixes_a_typo_and_rolls_back_a_bad_edit(site, coach_page):
    page = coach_page
    condition = Condition.objects.get(slug="it-band-syndrome")
    summary = condition.summary.replace("knee", TYPO, 1)
    Condition.objects.filter(pk=condition.pk).update(summary=summary)  # the live typo
    live_url = f"{site.url}/conditions/it-band-syndrome/"
    tab_violations = []
    page.context.expose_function(
        "reportTabCspViolation", lambda violation: tab_violations.append(violation)
    )
    page.context.add_init_script(WATCH_CSP.replace("reportCspViolation", "reportTabCspViolation"))

    # Fix a typo on a live condition: find it, edit, preview, save a draft, publish.
    click = Clicks()
    click(page.get_by_role("link", name="Conditions", exact=True))
    assert fits(page, page.get_by_role("link", name="IT band syndrome", exact=True))
    click(page.get_by_role("link", name="IT band syndrome", exact=True))
    assert fits(page, page.locator("textarea[name=summary]"))
    box = page.locator("textarea[name=summary]")
    # The toolbar offers what the field's help and the cheat sheet describe, nothing more.
    tools = page.locator("#id_summary").locator("xpath=preceding-sibling::*[1]")
    expect(tools.get_by_role("button")).to_have_text(["Bold", "Italics", "List item"])
    click(box)
    box.fill(box.input_value().replace(TYPO, FIXED, 1) + "\n\n**Checked** by a coach.")
    # The editor's live preview, rendered by the server's sanitiser.
    expect(page.locator("#id_summary ~ .kc-md-panel [data-markdown-preview] strong")).to_have_text(
        "Checked"
    )
    page.get_by_label("What changed and why").fill("Fixed a typo")
    with page.context.expect_page() as tab_info:
        click(page.get_by_role("button", name="Preview in a new tab"))
    tab = tab_info.value
    expect(tab.locator("[data-preview-banner]")).to_contain_text("Nothing is saved")
    expect(tab.locator("article.condition")).to_contain_text("Checked by a coach.")
    expect(tab.locator("[data-preview-result-card]")).to_contain_text("What to do")
    tab.close()
    click(page.get_by_role("button", name="Save as draft"))
    expect(page.locator(".messagelist")).to_contain_text("Draft saved")
    public = page.context.new_page()
    public.goto(live_url)
    expect(public.locator("article.condition")).to_contain_text(TYPO)  # still the live version
    click(page.get_by_role("button", name="Publish changes"))
    expect(page.locator(".messagelist")).to_contain_text("Published")
    typo_fix_clicks = click.count
    public.goto(live_url)
    expect(public.locator("article.condition")).not_to_contain_text(TYPO)
    expect(public.locator("article.condition")).to_contain_text("Checked by a coach.")

    # A bad edit goes live; roll it back from the history.
    box = page.locator("textarea[name=summary]")
    box.fill("A bad edit.")
    page.get_by_role("button", name="Publish changes").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    page.goto(site.url + "/admin/")
    click = Clicks()
    click(page.get_by_role("link", name="Conditions", exact=True))
    click(page.get_by_role("link", name="IT band syndrome", exact=True))
    click(page.get_by_role("link", name="History"))
    assert fits(page, page.locator("#change-history"))
    good_row = page.locator("#change-history tbody tr").nth(1)  # the version before the bad one
    click(good_row.get_by_role("link", name="Compare with current"))
    expect(page.locator("[data-changed-field]").first).to_contain_text("Summary")
    expect(page.locator("[data-word-diff] ins")).to_have_text(["A", "bad", "edit"])
    click(page.get_by_role("button", name="Restore this version"))
    expect(page.locator(".messagelist")).to_contain_text("Restored the version")
    rollback_clicks = click.count
    public.goto(live_url)
    expect(public.locator("article.condition")).to_contain_text("Checked by a coach.")
    expect(public.locator("article.condition")).not_to_contain_text("A bad edit.")

    # Tablet width: the change form and the list still fit.
    page.set_viewport_size({"width": 820, "height": 1180})
    assert fits(page)
    page.goto(site.url + "/admin/content/condition/")
    assert fits(page, page.get_by_role("link", name="IT band syndrome", exact=True))

    assert tab_violations == []
    # The numbers the closing note of issue 12 quotes.
    print(f"\nclicks: typo fix {typo_fix_clicks}, roll back {rollback_clicks}")
    assert (typo_fix_clicks, rollback_clicks) == (6, 5)


def test_the_list_item_button_starts_a_list_the_preview_shows(site, coach_page):
    page = coach_page
    condition = Condition.objects.get(slug="it-band-syndrome")
    page.goto(f"{site.url}/admin/content/condition/{condition.pk}/change/")
    box = page.locator("#id_self_care")
    tools = box.locator("xpath=preceding-sibling::*[1]")
    box.fill("")
    box.press_sequentially("Rest first.")
    tools.get_by_role("button", name="List item").click()
    box.press_sequentially("Ice the knee")
    tools.get_by_role("button", name="List item").click()
    box.press_sequentially("Raise the leg")
    expect(box).to_have_value("Rest first.\n\n- Ice the knee\n- Raise the leg")
    preview = page.locator("#id_self_care ~ .kc-md-panel [data-markdown-preview]")
    expect(preview.locator("li")).to_have_text(["Ice the knee", "Raise the leg"])
    expect(preview.locator("p")).to_have_text(["Rest first."])

    # Bold with nothing selected selects its placeholder, so typing replaces it.
    box.press("Enter")
    box.press("Enter")
    tools.get_by_role("button", name="Bold").click()
    box.press_sequentially("Gently")
    expect(box).to_have_value("Rest first.\n\n- Ice the knee\n- Raise the leg\n\n**Gently**")


STYLE_OF = """element => {
    const style = getComputedStyle(element);
    return [style.fontSize, style.fontWeight, style.lineHeight, style.marginLeft,
            style.paddingLeft, style.marginBottom, style.listStyleType];
}"""


@pytest.mark.parametrize("width", [1280, 768])
def test_the_preview_shows_lists_headings_and_paragraphs_as_the_public_page(
    site, coach_page, width
):
    page = coach_page
    condition = Condition.objects.get(slug="it-band-syndrome")
    text = "Rest first.\n\n### Then\n\n- Ice the knee\n- Raise the leg\n\n1. One\n2. Two"
    Condition.objects.filter(pk=condition.pk).update(self_care=text)
    page.set_viewport_size({"width": width, "height": 1024})
    page.goto(f"{site.url}/admin/content/condition/{condition.pk}/change/")
    preview = page.locator("#id_self_care ~ .kc-md-panel [data-markdown-preview]")
    expect(preview.locator("li")).to_have_count(4)
    public = page.context.new_page()
    public.set_viewport_size({"width": width, "height": 1024})
    public.goto(f"{site.url}/conditions/it-band-syndrome/")
    article = public.locator("article.condition")
    pairs = {
        "p": "p:has-text('Rest first.')",
        "h3": "h3:has-text('Then')",
        "ul": "ul:has-text('Ice the knee')",
        "ul > li": "ul > li:has-text('Ice the knee')",
        "ol": "ol:has-text('One')",
        "ol > li": "ol > li:has-text('One')",
    }
    for mine, theirs in pairs.items():
        assert preview.locator(mine).first.evaluate(STYLE_OF) == article.locator(
            f":scope > {theirs}"
        ).evaluate(STYLE_OF), mine
    public.close()

from playwright.sync_api import expect


def test_it_opens_the_home_page_and_follows_a_link(site, page):
    page.goto(site.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sore knee")
    page.get_by_role("link", name="IT band syndrome").click()
    expect(page).to_have_url(site.url + "/conditions/it-band-syndrome/")
    expect(page.get_by_role("heading", level=1)).to_have_text("IT band syndrome")


def test_it_loads_its_styles_and_scripts(site, page):
    page.goto(site.url + "/")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.site-brand')).fontWeight") == "700"
    )
    assert page.evaluate("typeof window.htmx") == "object"


def test_it_reaches_an_added_condition_from_the_list_on_a_phone(site, page):
    page.goto(site.url + "/conditions/")
    page.get_by_role("link", name="Bone stress injury").click()
    expect(page).to_have_url(site.url + "/conditions/bone-stress-injury/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bone stress injury")
    expect(page.locator('[data-urgency="soon"]')).to_be_visible()
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()
    expect(page.locator("[data-citation]").first).to_contain_text("Song & Koo")
    # Readable on a phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

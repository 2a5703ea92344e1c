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

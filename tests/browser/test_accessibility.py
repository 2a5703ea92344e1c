"""axe-core finds no WCAG 2.1 AA violation on the pages a runner sees.

axe-core comes from the npm package (`npm run vendor:axe`) and is only used here: it is
injected through the DevTools protocol, which the page's strict CSP does not block.
"""

from pathlib import Path

import pytest

AXE_SOURCE = (Path(__file__).parent / "axe.min.js").read_text()
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page):
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_21_AA,
    )
    return [
        {
            "rule": violation["id"],
            "help": violation["help"],
            "where": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/conditions/",
        "/conditions/runners-knee/",
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
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"><input></main>')
    rules = {violation["rule"] for violation in axe_violations(page)}
    assert {"image-alt", "label"} <= rules

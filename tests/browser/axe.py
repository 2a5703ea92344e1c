"""axe-core in the browser tests: the WCAG 2.1 AA rules, and a page that must pass them.

axe-core comes from the npm package (`cd static/vendor && npm ci && npm run vendor:axe`)
and is only used here: it is injected through the DevTools protocol, which the page's
strict CSP does not block.
"""

from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "axe.min.js").read_text()
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best-practice rules checked as well: a screen reader's list of regions needs each named
# apart (two "Sources" regions on one result cannot be told apart).
ALSO = {"landmark-unique": {"enabled": True}}


def axe_violations(page):
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "async ([tags, rules]) => await axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, rules: rules})",
        [WCAG_21_AA, ALSO],
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


# The self-check's pages are held to WCAG 2.2 AA and axe's best practices as well (issue 10).
WCAG_22_AA_AND_BEST_PRACTICE = [*WCAG_21_AA, "wcag22aa", "best-practice"]


def assert_wcag22_clean(page):
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_22_AA_AND_BEST_PRACTICE,
    )
    violations = [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
    ]
    assert violations == [], violations

"""Real Chromium from Debian's package, driven by Playwright against Django's live server."""

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Report any Content-Security-Policy violation the page triggers, so a test can fail on it.
WATCH_CSP = """
document.addEventListener('securitypolicyviolation', (event) => {
  window.reportCspViolation(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A phone-sized screen: most runners use KneeCare on a phone.
    return {**browser_context_args, "viewport": {"width": 360, "height": 780}}


@pytest.fixture
def site(live_server, transactional_db):
    """The live site with the seeded content (seeded for the session, see tests/conftest.py)."""
    return live_server


@pytest.fixture
def page(page):
    """A page that fails the test on any Content-Security-Policy violation, on any document."""
    violations = []

    def report(violation):
        violations.append(violation)

    page.expose_function("reportCspViolation", report)
    page.add_init_script(WATCH_CSP)
    yield page
    assert violations == [], f"CSP violations: {violations}"

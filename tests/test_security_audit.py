"""`make audit` never calls an audit it could not do a clean result."""

from tests.audit import verdict


def package(name, skip_reason=None, vulns=()):
    entry = {"name": name, "version": "1.0", "vulns": list(vulns)}
    if skip_reason:
        entry = {"name": name, "skip_reason": skip_reason}
    return entry


def test_it_passes_when_every_package_was_looked_up_and_none_is_vulnerable():
    status, lines = verdict({"dependencies": [package("django"), package("nh3")]})
    assert status == 0
    assert lines == ["make audit: all 2 locked packages audited; no known vulnerabilities."]


def test_it_fails_on_a_known_vulnerability():
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["1.1"]}
    status, lines = verdict({"dependencies": [package("django", vulns=[vuln]), package("nh3")]})
    assert status == 1
    assert "VULNERABLE django 1.0: PYSEC-2099-1 (1.1)" in lines


def test_it_says_plainly_when_nothing_could_be_looked_up():
    reason = "Dependency not found on PyPI and could not be audited: django (1.0)"
    status, lines = verdict({"dependencies": [package("django", skip_reason=reason)]})
    assert status == 2
    assert lines[0].startswith("make audit: NOT AUDITED. 1 of 1 locked packages")
    assert "not a clean result" in lines[0]


def test_it_refuses_a_partial_audit_even_with_no_vulnerability_found():
    reason = "Dependency not found on PyPI and could not be audited: nh3 (1.0)"
    report = {"dependencies": [package("django"), package("nh3", skip_reason=reason)]}
    assert verdict(report)[0] == 2


def test_it_refuses_an_empty_report():
    assert verdict({"dependencies": []})[0] == 2

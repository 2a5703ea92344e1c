"""The red-flag and urgency guarantees on the vignette suite (tests/vignettes/*.toml).

Each case goes through the real form and the real engine, as `make triage-report` does. The
accuracy figures are a report with targets beside them; these guarantees are tests: every
red-flag case reaches at least its expected urgency, and the form takes every case's answers.
"""

import pytest

from symptoms.triage import urgency_rank
from tests.vignettes.report import load_cases, run_case

CASES = load_cases()
RED_FLAG_CASES = [case for case in CASES if case.red_flag]


def test_it_has_the_suite_the_issue_asks_for():
    assert len(CASES) >= 150
    assert len(RED_FLAG_CASES) >= 25
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_form_takes_every_case(case):
    assert run_case(case).error == ""


@pytest.mark.parametrize("case", RED_FLAG_CASES, ids=[case.id for case in RED_FLAG_CASES])
def test_every_red_flag_case_reaches_at_least_its_urgency(case):
    outcome = run_case(case)
    assert urgency_rank(outcome.urgency) <= urgency_rank(case.urgency), (
        f"{case.id}: {outcome.urgency}, expected at least {case.urgency}"
    )

"""The self-check's accuracy on the vignette suite: `make triage-report`.

Every case in tests/vignettes/*.toml goes through the real questionnaire form (the answers as
a browser would post them, with `asked` listing the yes/no questions the case states) and the
real triage engine. The report prints top-1 and top-3 accuracy, red-flag sensitivity, over-
and under-triage, a confusion matrix by condition and every miss, with the issue 9 targets
beside them. It is a benchmark, not a test: tests/test_triage_vignettes.py asserts the
red-flag and urgency guarantees.
"""

import os
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
NONE = "none"  # a case that fits no condition: the result must say so
TARGETS = {"top-1": 0.90, "top-3": 0.98, "red flags": 1.0, "over-triage": 0.10}


@dataclass(frozen=True)
class Case:
    id: str
    condition: str
    urgency: str
    red_flag: bool
    source: str
    story: str
    answers: dict[str, object]
    file: str


@dataclass(frozen=True)
class Outcome:
    case: Case
    urgency: str
    listed: tuple[str, ...]  # the conditions the result lists, best first
    chances: tuple[int, ...]  # their probabilities, in whole percent
    no_fit: bool
    error: str = ""  # the form's messages, when the answers do not validate

    @property
    def first(self) -> str:
        return NONE if self.no_fit or not self.listed else self.listed[0]

    @property
    def top_1(self) -> bool:
        if self.case.condition == NONE:
            return self.no_fit
        return not self.no_fit and self.first == self.case.condition

    @property
    def top_3(self) -> bool:
        if self.case.condition == NONE:
            return self.no_fit
        return self.case.condition in self.listed[:3]

    @property
    def urgency_gap(self) -> int:
        """How many levels more urgent (positive) or less (negative) than expected."""
        from symptoms.triage import urgency_rank

        return urgency_rank(self.case.urgency) - urgency_rank(self.urgency)


def load_cases(directory: Path = HERE) -> list[Case]:
    cases = []
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as file:
            data = tomllib.load(file)
        for case in data.get("case", []):
            cases.append(
                Case(
                    id=case["id"],
                    condition=case["condition"],
                    urgency=case["urgency"],
                    red_flag=bool(case.get("red_flag", False)),
                    source=case.get("source", ""),
                    story=case.get("story", ""),
                    answers=dict(case.get("answers", {})),
                    file=path.name,
                )
            )
    return cases


def form_data(answers: dict[str, object]):
    """The case's answers as the browser posts them: a ticked box is "on", an unticked one
    is not sent but listed in `asked`, several-choice answers repeat their key."""
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    asked = []
    for name, value in answers.items():
        if isinstance(value, bool):
            asked.append(name)
            if value:
                query.setlist(name, ["on"])
        elif isinstance(value, list):
            query.setlist(name, [str(item) for item in value])
        else:
            query.setlist(name, [str(value)])
    query.setlist("asked", asked)
    return query


def run_case(case: Case) -> Outcome:
    from symptoms.forms import SymptomForm
    from symptoms.triage import assess

    form = SymptomForm(form_data(case.answers))
    if not form.is_valid():
        messages = "; ".join(f"{name}: {errors[0]}" for name, errors in form.errors.items())
        return Outcome(case, "self-care", (), (), False, error=messages)
    result = assess(form.to_answers())
    return Outcome(
        case,
        result.urgency,
        tuple(match.slug for match in result.conditions),
        tuple(match.score for match in result.conditions),
        result.no_fit,
    )


def share(hits: int, total: int) -> str:
    return f"{hits}/{total} = {100 * hits / total:5.1f} %" if total else "no cases"


def verdict(value: float, target: float, *, at_most: bool = False) -> str:
    met = value <= target if at_most else value >= target
    return "ok" if met else "BELOW TARGET" if not at_most else "ABOVE TARGET"


def report(outcomes: list[Outcome]) -> str:
    from symptoms.triage import CONDITION_SLUGS

    lines = []
    total = len(outcomes)
    top_1 = sum(o.top_1 for o in outcomes)
    top_3 = sum(o.top_3 for o in outcomes)
    flagged = [o for o in outcomes if o.case.red_flag]
    flags_met = sum(o.urgency_gap >= 0 for o in flagged)
    self_care = [o for o in outcomes if o.case.urgency == "self-care"]
    over = sum(o.urgency_gap > 0 for o in self_care)
    over_all = sum(o.urgency_gap > 0 for o in outcomes)
    under = sum(o.urgency_gap < 0 for o in outcomes)
    files = Counter(o.case.file for o in outcomes)
    lines.append(
        f"Self-check vignettes: {total} cases ("
        + ", ".join(f"{name}: {count}" for name, count in sorted(files.items()))
        + ")"
    )
    lines.append("")
    rows = [
        ("top-1 accuracy", top_1, total, TARGETS["top-1"], False),
        ("top-3 accuracy", top_3, total, TARGETS["top-3"], False),
        ("red-flag sensitivity", flags_met, len(flagged), TARGETS["red flags"], False),
        ("over-triage of self-care", over, len(self_care), TARGETS["over-triage"], True),
    ]
    for label, hits, count, target, at_most in rows:
        value = hits / count if count else 0.0
        sign = "<=" if at_most else ">="
        lines.append(
            f"{label:26} {share(hits, count):>18}   target {sign} {100 * target:.0f} %   "
            f"{verdict(value, target, at_most=at_most)}"
        )
    lines.append(f"{'over-triage, all cases':26} {share(over_all, total):>18}")
    lines.append(f"{'under-triage, all cases':26} {share(under, total):>18}   (report only)")
    invalid = [o for o in outcomes if o.error]
    if invalid:
        lines.append(f"{'answers the form refused':26} {len(invalid):>18}")

    labels = [*CONDITION_SLUGS, NONE]
    short = {slug: _abbreviation(slug) for slug in labels}
    lines += ["", "Confusion matrix (rows: expected; columns: first condition given):", ""]
    lines.append(" " * 24 + " ".join(f"{short[label]:>4}" for label in labels) + "   n  top-1")
    for expected in labels:
        row = [o for o in outcomes if o.case.condition == expected]
        if not row:
            continue
        counts = Counter(o.first for o in row)
        cells = " ".join(f"{counts.get(label, 0) or '.':>4}" for label in labels)
        hits = sum(o.top_1 for o in row)
        lines.append(f"{expected:>22}  {cells}  {len(row):>2}  {100 * hits / len(row):4.0f} %")
    lines.append("")
    lines.append("Key: " + ", ".join(f"{short[label]} = {label}" for label in labels))

    urgency_order = ("emergency", "urgent", "soon", "self-care")
    lines += ["", "Urgency (rows: expected; columns: given):", ""]
    lines.append(" " * 12 + " ".join(f"{level:>10}" for level in urgency_order))
    for expected in urgency_order:
        counts = Counter(o.urgency for o in outcomes if o.case.urgency == expected)
        lines.append(
            f"{expected:>10}  "
            + " ".join(f"{counts.get(lv, 0) or '.':>10}" for lv in urgency_order)
        )

    misses = [o for o in outcomes if not o.top_1 or o.urgency_gap != 0 or o.error]
    lines += ["", f"Misses ({len(misses)}): condition not first, or urgency not as expected", ""]
    for o in misses:
        given = "no fit" if o.no_fit else ", ".join(
            f"{slug} {chance} %" for slug, chance in zip(o.listed, o.chances, strict=True)
        )  # fmt: skip
        marks = []
        if not o.top_1:
            marks.append("top-3 ok" if o.top_3 else "NOT IN TOP 3")
        if o.urgency_gap:
            kind = "over" if o.urgency_gap > 0 else "UNDER"
            flag = " (red flag)" if o.case.red_flag and o.urgency_gap < 0 else ""
            marks.append(f"{kind}-triage: {o.urgency} for {o.case.urgency}{flag}")
        if o.error:
            marks.append(f"form refused: {o.error}")
        lines.append(
            f"- {o.case.id} [{o.case.condition}] got {given or 'nothing'}; " + "; ".join(marks)
        )
    return "\n".join(lines)


def _abbreviation(slug: str) -> str:
    return {
        "it-band-syndrome": "ITB",
        "overuse-tendonitis": "TEN",
        "runners-knee": "PFP",
        "meniscus-tear": "MEN",
        "ligament-tear": "LIG",
        "knee-strain": "STR",
        "bone-stress-injury": "BSI",
        "knee-osteoarthritis": "OA",
        "pes-anserine-bursitis": "PES",
        "osgood-schlatter": "OSD",
        "kneecap-dislocation": "DIS",
        "bakers-cyst": "BAK",
        "hamstring-tendinopathy": "HAM",
        NONE: "none",
    }[slug]


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    cases = load_cases()
    if not cases:
        print("No vignettes in tests/vignettes/*.toml")
        return 1
    print(report([run_case(case) for case in cases]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

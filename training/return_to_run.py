"""A dated walk-run schedule back to running after an overuse knee injury.

The phases come from the content a coach edits; by default the standard return-to-run
programme of a 2023 trial protocol for overuse knee injuries (Trials 2023,
doi:10.1186/s13063-023-07502-x): six phases from walking 2 minutes and running 3 to
running throughout, at least one rest day between runs, each phase done at least twice
and repeated while it brings swelling, stiffness or more pain.

After each session the pain-monitoring model of Silbernagel et al. (Am J Sports Med
2007) decides: pain during the session at most 5 out of 10 and settled by the next
morning means carry on; more than that means step back a phase. A knee that swells
stops the programme until a professional has seen it, as its "When to get help" rule says.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

# Silbernagel et al. 2007: pain up to 5/10 during activity is acceptable.
PAIN_ALLOWED = 5


@dataclass(frozen=True)
class Phase:
    number: int
    effort: int  # rate of perceived exertion out of 10
    walk_minutes: int
    run_minutes: int | None  # None: run the whole distance
    distance: Decimal
    sessions: int  # at least this many times before moving on


@dataclass(frozen=True)
class Session:
    number: int
    day: date
    phase: Phase
    repeat: int  # 1 for the phase's first session, 2 for its second, ...


@dataclass(frozen=True)
class Reason:
    rule: str  # the slug of the coach's rule it comes from ("pain-at-most-5", ...)
    text: str


@dataclass(frozen=True)
class AfterSession:
    verdict: str  # "carry-on", "repeat", "step-back" or "get-help"
    reasons: tuple[Reason, ...]  # every reason that applied, the strictest first

    @property
    def reason(self) -> str:
        if not self.reasons:
            return "The run stayed within both pain limits."
        return " ".join(reason.text for reason in self.reasons)


def schedule(
    *, phases: tuple[Phase, ...], start: date, days_between: int = 2
) -> tuple[Session, ...]:
    """Every session of every phase, the first on ``start``, then one each ``days_between``
    days (2: a rest day between runs, the least the programme allows)."""
    if days_between < 2:
        raise ValueError("Leave at least one rest day between runs.")
    if any(phase.sessions < 1 for phase in phases):
        raise ValueError("Each phase needs at least one session.")
    sessions: list[Session] = []
    for phase in phases:
        for repeat in range(1, phase.sessions + 1):
            number = len(sessions) + 1
            day = start + timedelta(days=days_between * (number - 1))
            sessions.append(Session(number=number, day=day, phase=phase, repeat=repeat))
    return tuple(sessions)


def after_session(
    *,
    pain_during: int,
    settled_by_morning: bool,
    swelling: bool = False,
    stiffness: bool = False,
) -> AfterSession:
    """What to do next, from how the last session went, with every reason that applied.

    - The knee swelled: stop the programme and see a physiotherapist or doctor (the
      programme's "When to get help" rule; swelling calls for a professional's assessment,
      NICE CKS). It outranks every other answer.
    - Pain above 5/10 during the run or not settled by the next morning: step back a
      phase (Silbernagel et al. 2007).
    - Stiffness within those limits: repeat the phase until it passes without it (Trials
      2023 programme).
    - Otherwise carry on: the next session, or the next phase once this one has been done
      at least twice.
    """
    if not 0 <= pain_during <= 10:
        raise ValueError("Pain is scored from 0 to 10.")
    reasons: list[Reason] = []
    if swelling:
        reasons.append(Reason("when-to-get-help", "The knee swelled after the run."))
    if pain_during > PAIN_ALLOWED:
        reasons.append(
            Reason("pain-at-most-5", f"Pain went above {PAIN_ALLOWED} out of 10 during the run.")
        )
    if not settled_by_morning:
        reasons.append(
            Reason("settled-by-next-morning", "The pain had not settled by the next morning.")
        )
    if stiffness:
        reasons.append(Reason("each-phase-twice", "The knee stiffened after the run."))
    if swelling:
        verdict = "get-help"
    elif pain_during > PAIN_ALLOWED or not settled_by_morning:
        verdict = "step-back"
    elif stiffness:
        verdict = "repeat"
    else:
        verdict = "carry-on"
    return AfterSession(verdict, tuple(reasons))

"""The self-checks KneeCare offers, in one registry, and the signal a finished one sends.

Everything that names the tools reads `TOOLS`: the clinic admin's choices and labels, a
clinic's landing page, which pages a clinic may leave out, the counts. A new tool gets a
row here, its pages in its feature app, and nothing else needs to list it.
"""

from dataclasses import dataclass

from django.dispatch import Signal
from django.http import HttpRequest

from kneecare.urgency import URGENCY_LEVELS


@dataclass(frozen=True, kw_only=True)
class Tool:
    name: str  # stored in a clinic's offered tools and its counts: never rename
    label: str  # in the clinic admin
    title: str  # the link on a clinic's landing page
    blurb: str
    url_name: str  # the tool's page
    # Every page of the tool (its page first): a clinic that does not offer the tool answers
    # "not found" on all of them under its link.
    url_names: tuple[str, ...]
    urgency_levels: tuple[str, ...] = ()  # empty: the tool gives no urgency


# In the order the admin, the counts and a clinic's landing page list them.
TOOLS = (
    Tool(
        name="symptoms",
        label="Check my knee (symptom self-check)",
        title="Check my knee",
        blurb="Answer a few questions about your pain. Get the likely causes, what to do, and "
        "any warning signs.",
        url_name="symptoms:check",
        url_names=("symptoms:check", "symptoms:index"),
        urgency_levels=URGENCY_LEVELS,
    ),
    Tool(
        name="mileage",
        label="Mileage ramp planner",
        title="Plan my mileage",
        blurb="Build up your weekly distance gradually, week by week.",
        url_name="training:mileage",
        url_names=("training:mileage", "training:mileage_csv", "training:mileage_ics"),
    ),
    Tool(
        name="spike",
        label="Single-run spike check",
        title="Check a long run",
        blurb="Is one run much longer than your recent runs? Find out before you go.",
        url_name="training:spike",
        url_names=("training:spike",),
    ),
    Tool(
        name="cadence",
        label="Cadence coach",
        title="Find my cadence",
        blurb="A step rate a little quicker than now, to take load off your knees.",
        url_name="training:cadence",
        url_names=("training:cadence",),
    ),
    Tool(
        name="shoes",
        label="Check my shoes (shoe wear)",
        title="Check my shoes",
        blurb="How many miles are on them, and what the wear signs say about replacing them.",
        url_name="training:shoes",
        url_names=("training:shoes",),
    ),
    Tool(
        name="runs",
        label="Your runs (uploaded run files)",
        title="Check my runs",
        blurb="Upload the files from your watch or app: weekly distance, spikes and your next "
        "long run. Nothing is kept.",
        url_name="training:runs",
        url_names=("training:runs",),
    ),
    Tool(
        name="return_to_run",
        label="Back to running (walk-run programme)",
        title="Get back to running",
        blurb="After an overuse knee injury: a dated walk-run programme, with the pain rules "
        "that say when to step back.",
        url_name="training:return_to_run",
        url_names=("training:return_to_run", "training:return_to_run_ics"),
    ),
)
TOOL_NAMES = tuple(tool.name for tool in TOOLS)
TOOL_BY_URL_NAME = {url_name: tool for tool in TOOLS for url_name in tool.url_names}

# Sent once when a runner completes a self-check. It carries only `tool` (one of
# TOOL_NAMES) and `urgency` (one of that tool's `urgency_levels`, or "" for a tool without
# them): never an answer. Features send it; the clinics app listens and counts.
check_completed = Signal()


def tool_for_view(view_name: str) -> Tool | None:
    """The tool a page (by its namespaced URL name) belongs to, or None for other pages."""
    return TOOL_BY_URL_NAME.get(view_name)


def offered_tools(request: HttpRequest) -> dict[str, frozenset[str]]:
    """Which self-checks this page may link to: all of them, unless a clinic link offers fewer."""
    return {"offered_tools": getattr(request, "offered_tools", frozenset(TOOL_NAMES))}

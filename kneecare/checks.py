"""What the self-check features announce, so other apps (clinics) can react without the
features knowing about them."""

from django.dispatch import Signal

# Sent once when a runner completes a self-check. It carries only `tool` (one of TOOLS)
# and `urgency` (a triage urgency level, or "" for tools without one): never an answer.
check_completed = Signal()

TOOLS = ("symptoms", "mileage", "spike", "cadence", "shoes")


def offered_tools(request):
    """Which self-checks this page may link to: all of them, unless a clinic link offers fewer."""
    return {"offered_tools": getattr(request, "offered_tools", frozenset(TOOLS))}

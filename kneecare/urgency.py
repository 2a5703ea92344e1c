"""How soon a runner should see someone: the levels every layer shares.

Pure Python, so the pure triage modules can import it. The self-check gives one of these
levels; the clinics count completed checks by them.
"""

EMERGENCY = "emergency"
URGENT = "urgent"
SOON = "soon"
SELF_CARE = "self-care"

# Most urgent first: a level's position is how it compares with the others.
URGENCY_LEVELS = (EMERGENCY, URGENT, SOON, SELF_CARE)

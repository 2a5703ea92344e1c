"""The staff roles, as data: which group may do what with which model.

Migrations create the groups with these permissions written out literally (a migration
must not change when this file does); a test checks the migrated groups still match, so
a change here needs a migration that grants it.
"""

COACHES = "Coaches"

# Coaches add, change and publish content and delete nothing: a page goes back to draft
# instead, and a citation or key figure is reworded, so every version stays in the history
# and can be reverted from the admin.
COACH_PERMISSIONS = {
    "content": {
        "condition": ("add", "change", "view"),
        "guidancestep": ("add", "change", "view"),
        "exercise": ("add", "change", "view"),
        "expert": ("add", "change", "view"),
        "study": ("add", "change", "view"),
        "citation": ("add", "change", "view"),
        "keyfigure": ("add", "change", "view"),
        "returntorun": ("add", "change", "view"),
        "runwalkphase": ("add", "change", "view"),
        "returntorunrule": ("add", "change", "view"),
    }
}

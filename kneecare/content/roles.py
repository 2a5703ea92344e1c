"""The staff roles, as data: which group may do what with which model."""

COACHES = "Coaches"

# Coaches add, change and publish content; they never delete a page (they return it to
# draft instead) but may remove a citation or key figure row while editing.
COACH_PERMISSIONS = {
    "content": {
        "condition": ("add", "change", "view"),
        "guidancestep": ("add", "change", "view"),
        "exercise": ("add", "change", "view"),
        "expert": ("add", "change", "view"),
        "study": ("add", "change", "view"),
        "citation": ("add", "change", "delete", "view"),
        "keyfigure": ("add", "change", "delete", "view"),
    }
}


def grant(group, permissions, permission_model):
    """Give `group` exactly the listed permissions."""
    wanted = []
    for app_label, models in permissions.items():
        for model, actions in models.items():
            for action in actions:
                wanted.append(
                    permission_model.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    )
                )
    group.permissions.set(wanted)

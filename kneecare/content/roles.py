"""The staff roles, as data: which group may do what with which model."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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


def group_operation(name, permissions, *, remove_on_reverse=True):
    """A migration step that gives group `name` exactly `permissions`, creating it if needed.

    Reversing it removes the group, unless the step only updates an existing group.
    """

    def create_group(apps, schema_editor):
        # Permissions are normally created after all migrations; make sure they exist now.
        for app_config in apps.get_app_configs():
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
        group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=name)
        grant(group, permissions, apps.get_model("auth", "Permission"))

    def remove_group(apps, schema_editor):
        apps.get_model("auth", "Group").objects.filter(name=name).delete()

    return migrations.RunPython(
        create_group, remove_group if remove_on_reverse else migrations.RunPython.noop
    )

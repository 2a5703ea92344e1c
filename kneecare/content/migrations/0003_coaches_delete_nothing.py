"""Coaches delete nothing: a citation or key figure is reworded, not removed, so every
version stays in the history.

Frozen: the permissions are written out here, not read from live role code.
"""

from django.db import migrations

COACHES = "Coaches"
PERMISSIONS = {
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


def update_group(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=COACHES)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
        for app_label, models in PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    )


class Migration(migrations.Migration):
    dependencies = [("content", "0002_coaches_group")]

    operations = [migrations.RunPython(update_group, migrations.RunPython.noop)]

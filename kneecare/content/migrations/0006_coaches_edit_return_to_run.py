"""Coaches add and change the return-to-run programme, its phases and its rules.

Frozen: the permissions are written out here, not read from live role code. The new
models' permissions are created first: Django would otherwise make them only after the
last migration has run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COACHES = "Coaches"
PERMISSIONS = {
    "content": {
        "returntorun": ("add", "change", "view"),
        "runwalkphase": ("add", "change", "view"),
        "returntorunrule": ("add", "change", "view"),
    }
}


def grant(apps, schema_editor):
    content = apps.get_app_config("content")
    content.models_module = True  # a stub in migrations; create_permissions skips it without
    create_permissions(content, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=COACHES)
    group.permissions.add(
        *(
            Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
            for app_label, models in PERMISSIONS.items()
            for model, actions in models.items()
            for action in actions
        )
    )


class Migration(migrations.Migration):
    dependencies = [("content", "0005_return_to_run_and_exercise_pictures")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

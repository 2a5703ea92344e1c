"""Create the Coaches group with the permissions coaches had at the time.

Frozen: the group and its permissions are written out here, not read from live role code,
so this migration does the same on a fresh database whatever the roles become later.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COACHES = "Coaches"
PERMISSIONS = {
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


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=COACHES)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
        for app_label, models in PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=COACHES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]

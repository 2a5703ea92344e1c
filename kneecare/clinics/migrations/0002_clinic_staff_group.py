from django.contrib.auth.management import create_permissions
from django.db import migrations

from kneecare.clinics.roles import CLINIC_STAFF, CLINIC_STAFF_PERMISSIONS
from kneecare.content.roles import grant


def create_clinic_staff_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name=CLINIC_STAFF)
    grant(group, CLINIC_STAFF_PERMISSIONS, permission_model)


def remove_clinic_staff_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CLINIC_STAFF).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_clinic_staff_group, remove_clinic_staff_group)]

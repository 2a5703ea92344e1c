from django.db import migrations

from kneecare.content.roles import COACH_PERMISSIONS, COACHES, group_operation


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [group_operation(COACHES, COACH_PERMISSIONS)]

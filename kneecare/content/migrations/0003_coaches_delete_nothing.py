from django.db import migrations

from kneecare.content.roles import COACH_PERMISSIONS, COACHES, group_operation


class Migration(migrations.Migration):
    dependencies = [("content", "0002_coaches_group")]

    operations = [group_operation(COACHES, COACH_PERMISSIONS, remove_on_reverse=False)]

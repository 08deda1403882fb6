"""The newsroom's roles as Django groups: Wartawan, Redaktur, Admin Redaksi."""

from django.db import migrations

from news.roles import EDITOR, REPORTER, SITE_ADMIN, sync_roles_in_migration


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[REPORTER, EDITOR, SITE_ADMIN]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(sync_roles_in_migration, remove_roles)]

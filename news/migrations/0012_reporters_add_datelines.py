"""Wartawan may add a dateline (from the + beside the article form's dateline), not change or delete one."""

from django.db import migrations

from news.roles import REPORTER, sync_roles_in_migration


def reporters_add_no_datelines(apps, schema_editor):
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    add_dateline = Permission.objects.filter(content_type__app_label="news", codename="add_dateline")
    for group in Group.objects.filter(name=REPORTER):
        group.permissions.remove(*add_dateline)


class Migration(migrations.Migration):
    dependencies = [("news", "0011_standing_pages")]

    operations = [migrations.RunPython(sync_roles_in_migration, reporters_add_no_datelines)]

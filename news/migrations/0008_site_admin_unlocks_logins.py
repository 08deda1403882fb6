"""Admin Redaksi may see and delete django-axes' login attempts, which unlocks an account or address."""

from django.db import migrations

from news.roles import sync_roles_in_migration


def without_login_lockouts(apps, schema_editor):
    sync_roles_in_migration(apps, schema_editor, site_admin_apps=["news", "auth"])


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0007_lead_help"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(sync_roles_in_migration, without_login_lockouts)]

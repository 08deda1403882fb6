"""The newsroom's roles as Django groups, with the permissions each one holds.

Used by the migration that creates the groups; a later migration can call
sync_roles() again after changing what a role may do.
"""

REPORTER, EDITOR, SITE_ADMIN = "Wartawan", "Redaktur", "Admin Redaksi"

REPORTER_PERMISSIONS = [
    "news.add_article", "news.change_article", "news.view_article",
    "news.view_section", "news.view_dateline", "news.view_source", "news.view_author",
    "news.view_tag", "news.add_tag", "news.view_correction",
    "news.view_photo", "news.add_photo", "news.change_photo",
    # A reporter filing from a new kecamatan adds its dateline from the article form; changing or
    # deleting one other stories print stays with the editors.
    "news.add_dateline",
]
EDITOR_PERMISSIONS = REPORTER_PERMISSIONS + [
    "news.publish_article", "news.retract_article",
    "news.add_correction", "news.change_correction",
    "news.change_dateline", "news.add_source", "news.change_source",
    "news.change_tag", "news.add_author", "news.change_author",
    "news.delete_photo",
]
# The site admin holds every permission of these apps, user accounts included, and the
# login lock-outs of django-axes ("axes"): deleting an account's failed attempts unlocks it.
SITE_ADMIN_APPS = ["news", "auth", "axes"]


def sync_roles(Group, Permission, site_admin_apps=SITE_ADMIN_APPS):
    """Create the three groups and give each exactly its permissions."""

    def permissions(names):
        found = []
        for name in names:
            app_label, codename = name.split(".")
            found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        return found

    Group.objects.get_or_create(name=REPORTER)[0].permissions.set(permissions(REPORTER_PERMISSIONS))
    Group.objects.get_or_create(name=EDITOR)[0].permissions.set(permissions(EDITOR_PERMISSIONS))
    Group.objects.get_or_create(name=SITE_ADMIN)[0].permissions.set(
        Permission.objects.filter(content_type__app_label__in=site_admin_apps)
    )


def sync_roles_in_migration(apps, schema_editor, site_admin_apps=SITE_ADMIN_APPS):
    """RunPython step: the permissions exist only after all migrations, the groups need them now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"), site_admin_apps)

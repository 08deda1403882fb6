from django.conf import settings

from .models import Section


def site(request):
    """Site name and the navigation: one query, so admins' menu changes show at once."""

    def navigation():
        sections = list(Section.objects.in_navigation())
        top = [section for section in sections if section.parent_id is None]
        for section in top:
            section.nav_children = [child for child in sections if child.parent_id == section.pk]
        return top

    # A callable is evaluated only by templates that show the menu (not the admin).
    return {"site_name": settings.SITE_NAME, "nav_sections": navigation}

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import caching
from .models import Section


def navigation(request):
    """Top-level sections in menu order, each with its sub-sections; one query per request, shared with views."""
    if not hasattr(request, "_news_navigation"):
        # Kept until a section changes (news.caching renews the site's token then).
        request._news_navigation = caching.fragment("navigation", [caching.SITE], _navigation, request=request)
    return request._news_navigation


def _navigation():
    sections = list(Section.objects.in_navigation())
    top = [section for section in sections if section.parent_id is None]
    for section in top:
        section.nav_children = [child for child in sections if child.parent_id == section.pk]
    return top


def site(request):
    """Site name and the navigation, kept until a section changes."""
    # Lazy: read only by templates that show the menu (not the admin's).
    return {"site_name": settings.SITE_NAME, "nav_sections": SimpleLazyObject(lambda: navigation(request))}

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import caching
from .models import Article, Page, Section, SiteSettings

# The site's channels in the footer's order: (label, SiteSettings field); the setting of the field's name
# in upper case (from the environment) stands in for an empty field.
CHANNELS = [
    ("Facebook", "facebook_url"),
    ("Instagram", "instagram_url"),
    ("X", "x_url"),
    ("YouTube", "youtube_url"),
    ("TikTok", "tiktok_url"),
]


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


def chrome(request):
    """What every public page shows around its content: the footer's standing pages, the site's channels and
    press-council number, the breaking banner. Kept until one of them changes (news.apps renews the site's
    token then, and when the banner's story ends)."""
    if not hasattr(request, "_news_chrome"):
        request._news_chrome = caching.fragment("chrome", [caching.SITE], _chrome, request=request)
    return request._news_chrome


def _chrome():
    row = SiteSettings.objects.order_by("pk").first()

    def value(name):
        return (getattr(row, name) if row else "") or getattr(settings, name.upper(), "")

    banner = (
        Article.objects.published().breaking().filter(breaking_banner=True)
        .only("headline", "slug", "published_at", "breaking_until").order_by("-published_at").first()
    )
    return {
        "footer_pages": list(Page.objects.filter(in_footer=True).only("title", "slug")),
        "dewan_pers_number": value("dewan_pers_number"),
        "whatsapp_channel_url": value("whatsapp_channel_url"),
        "channels": [(label, value(name)) for label, name in CHANNELS if value(name)],
        "banner": banner,
    }


def site(request):
    """Site name, the navigation and the page's surroundings, each kept until what it shows changes."""
    # Lazy: read only by templates that show them (not the admin's).
    return {
        "site_name": settings.SITE_NAME,
        "nav_sections": SimpleLazyObject(lambda: navigation(request)),
        "chrome": SimpleLazyObject(lambda: chrome(request)),
    }

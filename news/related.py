"""The "Baca juga" links inside an article body.

An editor places one with the "Baca juga" button of the editor (or types it):
a paragraph "Baca juga: <a href=…>judul</a>" linking to one of our articles.
It is stored as that plain paragraph, so feeds and any other reader of the
body get an ordinary link; the site turns it into a compact card.
"""

import html
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"', re.IGNORECASE)
_LABEL = re.compile(r"^\s*baca\s+juga\b", re.IGNORECASE)


def _own_hosts():
    hosts = {host for host in settings.ALLOWED_HOSTS if host and "*" not in host and not host.startswith(".")}
    return hosts | {settings.SITE_NAME, f"www.{settings.SITE_NAME}"}


def _article_pk(href):
    """The id of our article that href points to, or None."""
    try:
        parts = urlsplit(html.unescape(href))
    except ValueError:
        return None
    if parts.scheme not in {"", "http", "https"} or (parts.netloc and parts.hostname not in _own_hosts()):
        return None
    try:
        match = resolve(parts.path or "/")
    except Resolver404:
        return None
    return match.kwargs.get("pk") if match.view_name == "news:article" else None


def _linked_pk(paragraph):
    """The article a "Baca juga" paragraph links to, or None for any other paragraph."""
    if not _LABEL.match(html.unescape(strip_tags(paragraph))):
        return None
    links = _HREF.findall(paragraph)
    return _article_pk(links[0]) if len(links) == 1 else None


def linked_article_ids(body):
    """Ids of the articles the body's "Baca juga" paragraphs point to, in order."""
    ids = (_linked_pk(match.group(1)) for match in _PARAGRAPH.finditer(body))
    return [pk for pk in ids if pk is not None]


def replace_links(body, render):
    """The body with each "Baca juga" paragraph replaced by render(pk); safe HTML in, safe HTML out."""

    def replace(match):
        pk = _linked_pk(match.group(1))
        return match.group(0) if pk is None else render(pk)

    return mark_safe(_PARAGRAPH.sub(replace, body))

"""RSS 2.0 and Atom feeds for the whole site, each section and each tag."""

import html
import re
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from . import body as photos_in_body
from . import caching
from .editor import sanitize_html
from .models import Article, Section, Tag

FEED_LENGTH = 30
FEED_PHOTO_WIDTH = 1024
_LINKED = re.compile(r'\b(href|src)="([^"]*)"')


def absolute_links(html, base):
    """Feed readers show the body away from the site, so every link and image must carry the host."""
    def absolute(match):
        try:
            return f'{match.group(1)}="{urljoin(base, match.group(2))}"'
        except ValueError:
            # Stored before the sanitiser dropped unparsable URLs: leave it out, keep the feed up.
            return ""

    return _LINKED.sub(absolute, html)


MEDIA_RSS = "http://search.yahoo.com/mrss/"


def as_html_text(value):
    """Typed text for a feed element that readers render as HTML: the text, never markup.

    RSS descriptions are HTML by convention, and many readers treat RSS titles, authors,
    categories and Media RSS text as HTML too (the RSS Best Practices Profile says to
    encode & and < there); Atom's <summary type="html"> is HTML by definition.
    """
    return html.escape(value, quote=False) if value else value


def add_photo(handler, item):
    """The article's photo as Media RSS, which aggregators read for their thumbnails."""
    photo = item["photo"]
    if photo is None:
        return
    rendition = photo.rendition("16:9", FEED_PHOTO_WIDTH)
    handler.startElement("media:content", {
        "url": urljoin(item["link"], photo.file.storage.url(rendition.name)), "medium": "image",
        "type": rendition.mime_type, "width": str(rendition.width), "height": str(rendition.height),
    })
    handler.addQuickElement("media:description", as_html_text(photo.alt_text))
    handler.addQuickElement("media:credit", as_html_text(photo.credit))
    handler.endElement("media:content")


class RssWithContent(Rss201rev2Feed):
    """RSS 2.0 whose items also carry the full body in content:encoded and the photo as media:content."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(), "xmlns:content": "http://purl.org/rss/1.0/modules/content/", "xmlns:media": MEDIA_RSS,
        }

    def add_root_elements(self, handler):
        feed = self.feed
        self.feed = {**feed, "title": as_html_text(feed["title"]), "description": as_html_text(feed["description"])}
        try:
            super().add_root_elements(handler)
        finally:
            self.feed = feed

    def add_item_elements(self, handler, item):
        text = {
            "title": as_html_text(item["title"]),
            "author_name": as_html_text(item["author_name"]),
            "categories": [as_html_text(category) for category in item["categories"]],
        }
        super().add_item_elements(handler, {**item, **text})
        handler.addQuickElement("content:encoded", absolute_links(item["content"], item["link"]))
        add_photo(handler, item)


class AtomWithContent(Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", absolute_links(item["content"], item["link"]), {"type": "html"})
        add_photo(handler, item)


class LatestArticles(Feed):
    feed_type = RssWithContent
    title = settings.SITE_NAME
    description = "Berita terkini dari Banten dan sekitarnya."
    language = "id"

    def get_object(self, request, *args, **kwargs):
        caching.depends_on(request, [caching.LATEST])

    def link(self):
        return reverse("news:home")

    def items(self):
        return photos_in_body.attach_photos(Article.objects.published().for_feed()[:FEED_LENGTH])

    def item_title(self, item):
        # Paid content is labelled wherever it is read, feed readers included.
        return f"Advertorial: {item.headline}" if item.is_advertorial else item.headline

    def item_description(self, item):
        # The summary is plain text a reporter typed: it goes out escaped, as text.
        return as_html_text(item.lead)

    def item_pubdate(self, item):
        # In Jakarta time, as the site prints it: "Thu, 05 Jan 2017 19:30:00 +0700".
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item):
        return timezone.localtime(item.last_modified())

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        advertorial = ["Advertorial"] if item.is_advertorial else []
        return [item.section.name, *advertorial, *(tag.name for tag in item.tags.all())]

    def item_extra_kwargs(self, item):
        # Sanitised again on the way out: a body written around the model (a raw UPDATE, an old
        # row) still reaches feed readers only as the allowed markup. Its photos are filled in
        # from the library (news/body.py) and the result sanitised once more.
        body = photos_in_body.for_feed(sanitize_html(item.body), getattr(item, "body_photos", {}))
        return {"content": sanitize_html(body), "photo": item.photo}


class SectionArticles(LatestArticles):
    def get_object(self, request, slug):
        section = get_object_or_404(Section, slug=slug)
        caching.depends_on(request, [f"section:{section.pk}"])
        return section

    def title(self, section):
        return f"{section.name} - {settings.SITE_NAME}"

    def description(self, section):
        return section.description or f"Berita kanal {section.name} dari {settings.SITE_NAME}."

    def link(self, section):
        return section.get_absolute_url()

    def items(self, section):
        return photos_in_body.attach_photos(Article.objects.published().for_feed().in_section(section)[:FEED_LENGTH])


class TagArticles(LatestArticles):
    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        caching.depends_on(request, [f"tag:{tag.pk}"])
        return tag

    def title(self, tag):
        return f"#{tag.name} - {settings.SITE_NAME}"

    def description(self, tag):
        return f"Berita bertag {tag.name} dari {settings.SITE_NAME}."

    def link(self, tag):
        return tag.get_absolute_url()

    def items(self, tag):
        return photos_in_body.attach_photos(Article.objects.published().for_feed().filter(tags=tag)[:FEED_LENGTH])


class LatestArticlesAtom(LatestArticles):
    feed_type = AtomWithContent
    subtitle = LatestArticles.description


class SectionArticlesAtom(SectionArticles):
    feed_type = AtomWithContent

    def subtitle(self, section):
        return self.description(section)


class TagArticlesAtom(TagArticles):
    feed_type = AtomWithContent

    def subtitle(self, tag):
        return self.description(tag)

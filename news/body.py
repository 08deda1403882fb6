"""Photos inside an article body: a reference to a library photo, shown as a figure.

The body stores only <figure data-photo="123"></figure> (the sanitiser in news.editor keeps
the id and drops whatever else the element held), so a photo's caption, credit, crops and
renditions are the library's and change there once for every story that shows it. Each
place that shows a body fills the references in:

- the article page: the same <picture> as the lead photo and a <figcaption> with the caption
  and "Foto: credit" (includes/_body_photo.html); the photos of a body come in one query,
  kept with the story's version like its other relations (news.caching.fragment);
- feeds: a plain <img> and the caption, with absolute URLs (news.feeds);
- the editor: the photo as CKEditor's "fotopustaka" plugin shows it.

A photo deleted from the library is left out wherever the body is shown (no broken image);
the editor shows its place with a note, so the editor can remove it. Nothing stops the
deletion: the photo library's delete page cannot see inside bodies without scanning them.
"""

import re

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from . import caching
from .models import Photo

# As the sanitiser leaves a reference: the element empty, the id its one attribute.
_REFERENCE = re.compile(r'<figure data-photo="([1-9][0-9]{0,17})"></figure>')
# The article column is 42rem wide; on a phone, the screen less the page's margins.
SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
FEED_WIDTH = 1024
EDITOR_WIDTH = 640


def photo_ids(html):
    """Ids of the photos a (sanitised) body refers to, each once, in order."""
    return list(dict.fromkeys(int(pk) for pk in _REFERENCE.findall(html or "")))


def fetch(ids):
    """The photos of ids that still exist, by id: one query, none without ids."""
    return Photo.objects.in_bulk(ids) if ids else {}


def replace(html, render):
    """html with each reference replaced by render(photo_id); render returns safe HTML."""
    return mark_safe(_REFERENCE.sub(lambda match: render(int(match.group(1))), html))


def photos_of(article):
    """The photos the article's body shows, kept with its version (a caption changed in the
    library renews every page, as any photo change does: news.caching.site_changed)."""
    ids = photo_ids(article.body)
    if not ids:
        return {}
    return caching.fragment(
        f"body-photos:{article.pk}:{article.version}", [caching.SITE, f"article:{article.pk}"], lambda: fetch(ids)
    )


def for_page(article, html):
    """html (the article's body, or part of it) with its photos as readers see them."""
    if "<figure data-photo=" not in html:
        return html
    photos = photos_of(article)

    def render(pk):
        photo = photos.get(pk)
        if photo is None:
            return ""
        return render_to_string("includes/_body_photo.html", {"photo": photo, "sizes": SIZES}, using="jinja2")

    return replace(html, render)


def caption_html(photo):
    return format_html(
        '{}<span class="credit">Foto: {}</span>', f"{photo.caption} " if photo.caption else "", photo.credit
    )


def for_feed(html, photos):
    """html with its photos as feed readers take them: one image and the caption (links made absolute later)."""

    def render(pk):
        photo = photos.get(pk)
        if photo is None:
            return ""
        rendition = photo.rendition("original", FEED_WIDTH, "jpg")
        return format_html(
            '<figure><img src="{}" width="{}" height="{}" alt="{}"><figcaption>{}</figcaption></figure>',
            photo.file.storage.url(rendition.name), rendition.width, rendition.height, photo.alt_text,
            caption_html(photo),
        )

    return replace(html, render)


def attach_photos(articles):
    """The articles as a list, each with body_photos: the photos its body shows (one query for all)."""
    articles = list(articles)
    photos = fetch(list(dict.fromkeys(pk for article in articles for pk in photo_ids(article.body))))
    for article in articles:
        article.body_photos = photos
    return articles


def editor_preview(photo):
    """What the editor shows in a reference's place, and sends back (the sanitiser empties it again)."""
    rendition = photo.rendition("original", EDITOR_WIDTH, "jpg")
    return format_html(
        '<figure data-photo="{}"><img src="{}" width="{}" height="{}" alt="{}"><figcaption>{}</figcaption></figure>',
        photo.pk, photo.file.storage.url(rendition.name), rendition.width, rendition.height, photo.alt_text,
        caption_html(photo),
    )


def for_editor(html):
    """The stored body with each reference filled in for CKEditor (one query)."""
    ids = photo_ids(html)
    if not ids:
        return html
    photos = fetch(ids)

    def render(pk):
        if pk in photos:
            return editor_preview(photos[pk])
        return format_html(
            '<figure data-photo="{}"><figcaption>Foto ini sudah dihapus dari pustaka foto dan tidak tampil '
            "di halaman berita. Hapus kotak ini.</figcaption></figure>",
            pk,
        )

    # Plain text for the editor's textarea, which escapes it: never marked safe.
    return _REFERENCE.sub(lambda match: render(int(match.group(1))), str(html))

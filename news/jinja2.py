"""The public pages' template environment (Jinja2, templates/jinja2/): globals and filters they use.

Readers' pages render with Jinja2, which does the same work as Django's template language
in a third of the time (measured on the article page and the home page's cards; see the
README). The admin keeps Django's templates. Everything computed here is a plain function
of its arguments; the request is passed in where the reader's host is needed.
"""

import html
import json
import re
from urllib.parse import urlencode

from django.conf import settings
from django.template.defaultfilters import date as date_format
from django.template.defaultfilters import linebreaks_filter
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from jinja2 import Environment

from . import body as photos_in_body
from . import formats, related, search
from .models import Article, reverse_cached, split_pages

# As django.utils.html.json_script escapes them: nothing in the data can close the script element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
SHARE_IMAGE = "img/share.png"
# Open Graph asks for at least 1200 pixels across; the nearest rendition at least that wide.
SHARE_IMAGE_WIDTH = 1200
LOGO = "img/logo.png"
LOGO_SIZE = (600, 60)


def tanggal(value):
    """'Kamis, 5 Januari 2017 19:30 WIB'."""
    return formats.long_datetime(value) if value else ""


def tanggal_pendek(value):
    """'Kamis, 5 Januari 2017'."""
    return formats.long_date(value) if value else ""


def iso(value):
    """ISO 8601 with the site's offset, e.g. 2017-01-05T19:30:00+07:00."""
    return formats.iso(value) if value else ""


def sejak(value):
    """'2 jam lalu', or the long date once it is more than a week old."""
    return formats.relative(value) if value else ""


def url(name, **kwargs):
    return reverse_cached(name, **kwargs)


def querystring(request, **changes):
    """The current query string with changes made, as Django's {% querystring %} gives it."""
    params = request.GET.copy()
    for name, value in changes.items():
        params[name] = value
    return "?" + params.urlencode() if params else ""


def absolute_url(request, path):
    """path with the scheme and host the reader used, for canonical links, share links and metadata."""
    try:
        return request.build_absolute_uri(path)
    except ValueError:
        # A body image URL stored before the sanitiser dropped unparsable ones.
        return ""


def share_image(request, article):
    """The image shown when the article is shared: its photo, else the body's first picture, else the site's card."""
    if article.photo_id:
        return absolute_url(request, article.photo.rendition_url("16:9", SHARE_IMAGE_WIDTH))
    return absolute_url(request, article.first_image_url() or static(SHARE_IMAGE))


def article_body(article, cards=None, page=None):
    """The body with its lead-in, each "Baca juga" link to a published article shown as a card.

    cards: the linked published articles by id, fetched by the view with its other cards;
    without them (previews), one query here. page: one page (1, 2, …) of a multi-page story,
    the lead-in on the first; without it, the whole body.
    """
    if isinstance(page, int):
        pages = split_pages(article.body)
        shown = article.body_with_leadin(pages[0]) if page == 1 else mark_safe(pages[page - 1])
    else:
        shown = article.body_with_leadin()
    body = photos_in_body.for_page(article, shown)
    ids = related.linked_article_ids(body)
    if not ids:
        return body
    if cards is None:
        cards = {card.pk: card for card in Article.objects.published().for_cards().filter(pk__in=ids)}

    def render(pk):
        # A link to an article readers cannot open (a draft, a removed one) is left out.
        return render_to_string("news/_inline_related.html", {"article": cards[pk]}) if pk in cards else ""

    return related.replace_links(body, render)


def share_links(request, article):
    """(name, url) for each place a reader may share the article to: plain links, no script from them."""
    link = absolute_url(request, article.get_absolute_url())
    text = article.headline
    return [
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{text} {link}"})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": link})),
        ("X", "https://x.com/intent/tweet?" + urlencode({"text": text, "url": link})),
        ("Telegram", "https://t.me/share/url?" + urlencode({"url": link, "text": text})),
    ]


def page_url(request, article, page=1):
    """The absolute address of one page of a story: the story's own for the first, and for every page at once."""
    path = article.get_absolute_url()
    if isinstance(page, int) and page > 1:
        path += "?" + urlencode({"halaman": page})
    return absolute_url(request, path)


_BLOCK_END = re.compile(r"(</(?:p|h[1-6]|li|blockquote|figcaption|td|th)>|<br\s*/?>|<hr\b[^>]*>)", re.IGNORECASE)


def plain_text(body):
    """The body as text, every page of it, for JSON-LD's articleBody: a paragraph's end is a space."""
    return " ".join(html.unescape(strip_tags(_BLOCK_END.sub(r"\1 ", body))).split())


def search_snippet(article, words):
    return search.snippet(article, words)


def structured_data(request, article, page=1):
    """JSON-LD for search engines: the NewsArticle (the whole text, on each of its pages) and its breadcrumb."""
    link = absolute_url(request, article.get_absolute_url())
    home = absolute_url(request, reverse("news:home"))
    sections = [article.section.parent, article.section] if article.section.parent_id else [article.section]
    crumbs = [("Beranda", home)]
    crumbs += [(section.name, absolute_url(request, section.get_absolute_url())) for section in sections]
    crumbs += [(article.headline, link)]
    authors = [
        {"@type": "Person", "name": author.name, "url": absolute_url(request, author.get_absolute_url())}
        for author in article.authors.all()
    ]
    publisher = {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": home,
        "logo": {"@type": "ImageObject", "url": absolute_url(request, static(LOGO)), "width": LOGO_SIZE[0],
                 "height": LOGO_SIZE[1]},
    }
    if article.photo_id:
        # Search engines pick from several shapes: wide, square and the photo as taken.
        images = [absolute_url(request, article.photo.rendition_url(ratio, SHARE_IMAGE_WIDTH))
                  for ratio in ("16:9", "1:1", "original")]
    else:
        images = [share_image(request, article)]
    news_article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": page_url(request, article, page),
        "url": link,
        "headline": article.seo_headline(),
        "description": article.seo_description(),
        # Without its "Baca juga" paragraphs: links to other stories, whose headlines are not this text
        # (and a link to a story readers cannot open must not name it).
        "articleBody": plain_text(related.replace_links(article.body, lambda pk: "")),
        "inLanguage": "id",
        "datePublished": iso(article.published_at),
        "dateModified": iso(article.last_modified()),
        "author": authors or [{"@type": "Organization", "name": settings.SITE_NAME, "url": home}],
        "publisher": publisher,
        "image": images,
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
    }
    if article.dateline_id:
        news_article["dateline"] = article.dateline.name
    corrections = [
        {"@type": "CorrectionComment", "text": f"{correction.get_kind_display()}: {correction.text}",
         "datePublished": iso(correction.created_at), "url": absolute_url(request, correction.get_absolute_url())}
        for correction in article.corrections.all()
    ]
    if corrections:
        news_article["correction"] = corrections
    breadcrumb = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": item}
            for position, (name, item) in enumerate(crumbs, start=1)
        ],
    }
    data = json.dumps([news_article, breadcrumb], ensure_ascii=False, separators=(",", ":")).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{data}</script>')


def environment(**options):
    env = Environment(**options)
    env.globals.update(
        static=static, url=url, querystring=querystring, absolute_url=absolute_url, share_image=share_image,
        share_links=share_links, article_body=article_body, search_snippet=search_snippet,
        structured_data=structured_data, page_url=page_url,
    )
    env.filters.update(
        tanggal=tanggal, tanggal_pendek=tanggal_pendek, iso=iso, sejak=sejak, date=date_format,
        linebreaks=linebreaks_filter, shorten=formats.shorten,
    )
    return env

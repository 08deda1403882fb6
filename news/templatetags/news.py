import json
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from .. import formats, related, search
from ..models import Article

register = template.Library()

# As django.utils.html.json_script escapes them: nothing in the data can close the script element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
SHARE_IMAGE = "img/share.png"
# Open Graph asks for at least 1200 pixels across; the nearest rendition at least that wide.
SHARE_IMAGE_WIDTH = 1200
LOGO = "img/logo.png"
LOGO_SIZE = (600, 60)


@register.filter
def tanggal(value):
    """'Kamis, 5 Januari 2017 19:30 WIB'."""
    return formats.long_datetime(value) if value else ""


@register.filter
def tanggal_pendek(value):
    """'Kamis, 5 Januari 2017'."""
    return formats.long_date(value) if value else ""


@register.filter
def iso(value):
    """ISO 8601 with the site's offset, e.g. 2017-01-05T19:30:00+07:00."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


@register.filter
def sejak(value):
    """'2 jam lalu', or the long date once it is more than a week old."""
    return formats.relative(value) if value else ""


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """path with the scheme and host the reader used, for canonical links, share links and metadata."""
    try:
        return context["request"].build_absolute_uri(path)
    except ValueError:
        # A body image URL stored before the sanitiser dropped unparsable ones.
        return ""


@register.simple_tag(takes_context=True)
def share_image(context, article):
    """The image shown when the article is shared: its photo, else the body's first picture, else the site's card."""
    if article.photo_id:
        return absolute_url(context, article.photo.rendition_url("16:9", SHARE_IMAGE_WIDTH))
    return absolute_url(context, article.first_image_url() or static(SHARE_IMAGE))


@register.simple_tag
def article_body(article, cards=None):
    """The body with its lead-in, each "Baca juga" link to a published article shown as a card.

    cards: the linked published articles by id, fetched by the view with its other cards;
    without them (previews), one query here.
    """
    body = article.body_with_leadin()
    ids = related.linked_article_ids(body)
    if not ids:
        return body
    if cards is None:
        cards = {card.pk: card for card in Article.objects.published().for_cards().filter(pk__in=ids)}

    def render(pk):
        # A link to an article readers cannot open (a draft, a removed one) is left out.
        return render_to_string("news/_inline_related.html", {"article": cards[pk]}) if pk in cards else ""

    return related.replace_links(body, render)


@register.simple_tag(takes_context=True)
def share_links(context, article):
    """(name, url) for each place a reader may share the article to: plain links, no script from them."""
    url = absolute_url(context, article.get_absolute_url())
    text = article.headline
    return [
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{text} {url}"})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("X", "https://x.com/intent/tweet?" + urlencode({"text": text, "url": url})),
        ("Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": text})),
    ]


@register.simple_tag
def search_snippet(article, words):
    return search.snippet(article, words)


@register.simple_tag(takes_context=True)
def structured_data(context, article):
    """JSON-LD for search engines: the NewsArticle and its breadcrumb."""
    url = absolute_url(context, article.get_absolute_url())
    home = absolute_url(context, reverse("news:home"))
    sections = [article.section.parent, article.section] if article.section.parent_id else [article.section]
    crumbs = [("Beranda", home)]
    crumbs += [(section.name, absolute_url(context, section.get_absolute_url())) for section in sections]
    crumbs += [(article.headline, url)]
    authors = [
        {"@type": "Person", "name": author.name, "url": absolute_url(context, author.get_absolute_url())}
        for author in article.authors.all()
    ]
    publisher = {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": home,
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(context, static(LOGO)),
            "width": LOGO_SIZE[0],
            "height": LOGO_SIZE[1],
        },
    }
    if article.photo_id:
        # Search engines pick from several shapes: wide, square and the photo as taken.
        images = [absolute_url(context, article.photo.rendition_url(ratio, SHARE_IMAGE_WIDTH))
                  for ratio in ("16:9", "1:1", "original")]
    else:
        images = [share_image(context, article)]
    news_article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": url,
        "url": url,
        "headline": article.headline,
        "description": article.lead,
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
         "datePublished": iso(correction.created_at), "url": absolute_url(context, correction.get_absolute_url())}
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
    data = json.dumps([news_article, breadcrumb], ensure_ascii=False, indent=1).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{data}</script>')


@register.inclusion_tag("includes/picture.html")
def picture(photo, ratio="original", sizes="100vw", lead=False):
    """A <picture> of photo cut to ratio; lead marks the first screen's photo, fetched at once."""
    return {"picture": photo.picture(ratio), "sizes": sizes, "lead": lead}

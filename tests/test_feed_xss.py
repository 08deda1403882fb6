"""What a hostile reporter types reaches feed readers, search engines and chat apps only as text.

Every payload goes into every field a reporter or editor can type (headline, subtitle,
summary, body, tag, section, author, photo alt text and credit, correction). Each feed is
parsed by feedparser with its own sanitising turned off, as a careless reader would, and
every field a reader may render as HTML is rendered: nothing in it may run.
"""

import json
import re
from html.parser import HTMLParser

import feedparser
import pytest
from django.test import Client, TestCase
from django.urls import reverse

from news import formats
from news.models import Correction

from .factories import TemporaryMediaMixin, make_article, make_author, make_photo, make_section, make_tag

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x ONERROR=alert(2)>",
    "<img/src/onerror=alert(3)>",
    '<img src="x" onerror="&#97;lert(4)">',
    "<details open ontoggle=alert(5)>",
    "<svg><animate onbegin=alert(6) attributeName=x dur=1s>",
    "<svg/onload=alert(7)>",
    "<video><source onerror=alert(8)></video>",
    "<audio src=x onerror=alert(9)>",
    "&lt;img src=x onerror=alert(10)&gt;",
    "&#60;img src=x onerror=alert(11)&#62;",
    "&amp;lt;img src=x onerror=alert(12)&amp;gt;",
    "<script>alert(13)</script>",
    '"><script>alert(14)</script>',
    "</title><script>alert(15)</script>",
    '<a href="javascript:alert(16)">klik</a>',
    '<a href="&#106;avascript:alert(17)">klik</a>',
    '<iframe srcdoc="<script>alert(18)</script>"></iframe>',
    "<body onload=alert(19)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(20)>",
    "]]><img src=x onerror=alert(21)>",
    "<![CDATA[<img src=x onerror=alert(22)>]]>",
    '<object data="javascript:alert(23)"></object>',
    '<embed src="javascript:alert(24)">',
    "<input autofocus onfocus=alert(25)>",
    "<marquee onstart=alert(26)>x</marquee>",
    '<form><button formaction="javascript:alert(27)">x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(28)">',
    '<noscript><p title="</noscript><img src=x onerror=alert(29)>"></noscript>',
    "<img src=x onerror=alert(30)//",
]
# What a reader's renderer must never meet in a field it renders as HTML.
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "base", "meta", "form", "style", "link"}


def build_newsroom():
    """One story per payload, with the payload in every field people type."""
    section = make_section(name="Kanal <img src=x onerror=alert(0)>", slug="kanal-x",
                           description="<svg/onload=alert(0)> deskripsi")
    photos = [make_photo(alt_text=PAYLOADS[0], credit=PAYLOADS[6]), make_photo(alt_text=PAYLOADS[9], credit=PAYLOADS[7])]
    articles = []
    for n, payload in enumerate(PAYLOADS):
        article = make_article(
            section=section, headline=f"Berita {n} {payload}", subtitle=payload, lead=payload,
            body=f"<p>{payload}</p><p>Isi berita {n}.</p>", photo=photos[n % 2],
            tags=[make_tag(name=f"tag {n} {payload}")], authors=[make_author(name=f"Penulis {payload}", initials=f"x{n}")],
        )
        Correction.objects.create(article=article, text=f"Ralat {payload}")
        articles.append(article)
    return section, articles


def feed_urls(section, articles):
    tag = articles[0].tags.get()
    return [
        reverse("news:feed"), reverse("news:atom"), section.get_feed_url(),
        reverse("news:section_atom", kwargs={"slug": section.slug}), tag.get_feed_url(),
        reverse("news:tag_atom", kwargs={"slug": tag.slug}),
    ]


def html_fragments(content):
    """Every field of a feed that a reader may render as HTML, as feedparser hands it over unsanitised."""
    feed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False)
    assert not feed.bozo, feed.bozo_exception
    rss = feed.version.startswith("rss")

    def rendered(detail):
        # RSS gives no type: many readers render every text field as HTML, so all of them are rendered.
        return detail is not None and (rss or detail.get("type") in {"text/html", "application/xhtml+xml"})

    fragments = []
    for detail in (feed.feed.get("title_detail"), feed.feed.get("subtitle_detail")):
        if rendered(detail):
            fragments.append(detail.value)
    for entry in feed.entries:
        details = [entry.get("title_detail"), entry.get("summary_detail"), entry.get("author_detail"),
                   *entry.get("content", [])]
        fragments += [detail.get("value") or detail.get("name") or "" for detail in details if rendered(detail)]
        if rss:
            fragments += [tag.term for tag in entry.get("tags", [])]
            fragments += [str(entry.get(key, "")) for key in ("media_description", "media_credit")]
            fragments += [credit.get("content", "") for credit in entry.get("media_credit", []) or []
                          if isinstance(credit, dict)]
    return [fragment for fragment in fragments if fragment]


class LiveMarkup(HTMLParser):
    """Collects what in an HTML fragment could run: handlers, script-like elements, javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"srcdoc", "formaction"}:
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src", "data", "action"} and re.match(r"\s*(javascript|data|vbscript):", value or "", re.I):
                self.found.append(f"{tag}[{name}={value}]")


def live_markup(fragment):
    parser = LiveMarkup()
    parser.feed(fragment)
    parser.close()
    return parser.found


class FeedPayloadTests(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section, cls.articles = build_newsroom()

    def test_no_feed_field_carries_live_markup(self):
        checked = 0
        for url in feed_urls(self.section, self.articles):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            for fragment in html_fragments(response.content):
                self.assertEqual(live_markup(fragment), [], (url, fragment))
                checked += 1
        # Four feeds with every story (two with one), each with titles, summaries and bodies at least.
        self.assertGreater(checked, 4 * len(PAYLOADS) * 3)

    def test_the_summary_reaches_readers_as_the_text_that_was_typed(self):
        feed = feedparser.parse(self.client.get(reverse("news:feed")).content, sanitize_html=False)
        entry = next(entry for entry in feed.entries if entry.link.endswith(self.articles[0].get_absolute_url()))
        self.assertEqual(entry.summary_detail.type, "text/html")
        self.assertEqual(entry.summary, "&lt;img src=x onerror=alert(1)&gt;")

    def test_json_ld_and_open_graph_hold_the_typed_text_and_cannot_close_their_element(self):
        for article in self.articles:
            page = self.client.get(article.get_absolute_url()).content.decode()
            script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
            self.assertNotIn("<", script)
            news_article = json.loads(script)[0]
            self.assertEqual(news_article["headline"], article.headline)
            self.assertEqual(news_article["description"], article.lead)
            self.assertTrue(all(c["text"].startswith("Ralat: Ralat ") for c in news_article["correction"]))
            meta = MetaTags()
            meta.feed(page)
            self.assertEqual(meta.values["og:title"], article.headline)
            self.assertEqual(meta.values["twitter:title"], article.headline)
            self.assertEqual(meta.values["og:image:alt"], article.photo.alt_text)
            self.assertEqual(meta.values["og:description"], formats.shorten(article.lead, 200))
            self.assertEqual(meta.live, [])


class MetaTags(HTMLParser):
    """Values of the page's meta tags as a browser decodes them, and any element a payload could have opened."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values, self.live = {}, []
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.values[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        if any(name.startswith("on") for name in attrs) or tag in {"svg", "math", "iframe", "object", "embed"}:
            self.live.append(tag)


@pytest.mark.browser
def test_feed_fields_rendered_as_html_in_chromium_run_nothing(page, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    section, articles = build_newsroom()
    client = Client()
    fragments = []
    for url in feed_urls(section, articles):
        fragments += html_fragments(client.get(url).content)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    body = "".join(f'<div class="field">{fragment}</div>' for fragment in fragments)
    page.set_content(f"<!DOCTYPE html><html><head><title>feed</title></head><body>{body}</body></html>",
                     wait_until="load")
    # Every image, video and audio has finished (or failed) loading: any error handler would have fired by now.
    page.wait_for_function(
        "[...document.querySelectorAll('img')].every(i => i.complete || i.loading === 'lazy') && "
        "[...document.querySelectorAll('video, audio')].every(m => m.networkState !== 2)"
    )
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
        ".filter(a => a.name.startsWith('on') || a.name === 'srcdoc').map(a => e.tagName + '[' + a.name + ']'))"
    )
    scripts = page.evaluate("document.querySelectorAll('body script, body iframe, body svg, body object').length")
    assert len(fragments) > 4 * len(PAYLOADS) * 3
    assert (dialogs, handlers, scripts) == ([], [], 0)
    # The article pages themselves, payloads and all, run nothing either.
    for article in articles[:6]:
        page.goto(article.get_absolute_url(), wait_until="load")
        page.wait_for_function("() => [...document.images].every(i => i.complete || i.loading === 'lazy')")
    assert dialogs == []

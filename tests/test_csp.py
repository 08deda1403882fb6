"""Content-Security-Policy: the header on every page, and not one violation in real Chromium."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect
from django.urls import reverse
from django.utils import timezone

from news import workflow
from news.models import Article, Correction, Photo

from . import images
from .factories import make_article, make_author, make_dateline, make_photo, make_section, make_tag

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "sandi-rahasia-123"
EMBEDS = {"https://www.youtube-nocookie.com", "https://player.vimeo.com"}


def directives(header):
    """{"script-src": ["'self'"], ...} from a header value."""
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.fixture
def newsroom(db, settings, tmp_path):
    """One of every public page type, an article with a lead photo, two embeds and a "Baca juga" card."""
    settings.MEDIA_ROOT = str(tmp_path)
    # Media as the development server serves them: the browser loads the lead photo from the live server.
    settings.ROOT_URLCONF = "tests.urls_media"
    banten = make_section(name="Banten", slug="banten")
    tangsel = make_section(name="Tangsel", slug="tangsel", parent=banten)
    tag, author, dateline = make_tag(name="Banjir"), make_author(name="Julius", initials="jls"), make_dateline(name="CIPUTAT")
    earlier = make_article(section=tangsel, tags=[tag], dateline=dateline, headline="Air Mulai Surut",
                           photo=make_photo(alt_text="Air surut di Ciputat"))
    article = make_article(
        section=tangsel, tags=[tag], authors=[author], dateline=dateline, headline="Banjir Rendam Ciputat",
        photo=make_photo(images.jpeg((1600, 900)), alt_text="Rumah warga terendam banjir", caption="Banjir di Ciputat."),
        is_headline=True,
        body="<p>Paragraf pertama.</p>"
             '<p><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315" title="Video banjir">'
             "</iframe></p>"
             f'<p>Baca juga: <a href="{earlier.get_absolute_url()}">{earlier.headline}</a></p>'
             '<p><iframe src="https://player.vimeo.com/video/76979871" width="560" height="315" title="Video kedua">'
             "</iframe></p><p>Paragraf terakhir.</p>",
    )
    Correction.objects.create(article=article, text="Nama kelurahan tertulis keliru.")
    retracted = make_article(section=tangsel, headline="Berita yang dicabut", status=Article.Status.RETRACTED,
                             retracted_at=timezone.now(), retraction_reason="Narasumber tidak dapat dikonfirmasi.")
    draft = make_article(section=tangsel, headline="Draf untuk pratinjau", status=Article.Status.DRAFT, published_at=None)
    day = timezone.localtime(article.published_at)
    pages = {
        "beranda": reverse("news:home"),
        "berita": article.get_absolute_url(),
        "kanal": banten.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "dateline": dateline.get_absolute_url(),
        "penulis": author.get_absolute_url(),
        "indeks": reverse("news:day_index", kwargs={"year": day.year, "month": day.month, "day": day.day}),
        "cari": reverse("news:search") + "?q=banjir",
        "ralat": reverse("news:corrections"),
        "dicabut": retracted.get_absolute_url(),
        "pratinjau": reverse("news:shared_preview", kwargs={"token": workflow.share_token(draft)}),
        "404": "/tidak/ada/",
    }
    feeds = [reverse("news:feed"), reverse("news:atom"), reverse("news:section_feed", kwargs={"slug": "tangsel"}),
             reverse("news:sitemap_index"), reverse("news:robots")]
    return {"pages": pages, "feeds": feeds, "article": article, "earlier": earlier}


def test_every_public_page_has_the_one_strict_policy(client, newsroom):
    headers = {}
    for name, url in newsroom["pages"].items():
        response = client.get(url)
        assert response.status_code == {"404": 404, "dicabut": 410}.get(name, 200), name
        headers[name] = response["Content-Security-Policy"]
    # One header for every page and every visitor: nothing per request (no nonce), so a cached page keeps it.
    assert len(set(headers.values())) == 1, headers
    header = headers["beranda"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header and "nonce-" not in header
    policy = directives(header)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert set(policy["frame-src"]) == EMBEDS
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    for url in newsroom["feeds"]:
        assert client.get(url)["Content-Security-Policy"] == header, url


def test_the_admin_has_its_own_policy_with_only_the_editor_exceptions(client, newsroom):
    login = client.get(reverse("admin:login"))
    client.force_login(User.objects.create_superuser("redaksi", password=PASSWORD))
    change = client.get(reverse("admin:news_article_change", args=[newsroom["article"].pk]))
    assert change.status_code == 200
    assert login["Content-Security-Policy"] == change["Content-Security-Policy"]
    policy = directives(change["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert "unsafe-eval" not in change["Content-Security-Policy"]
    for name in ("default-src", "object-src", "base-uri", "form-action", "frame-ancestors", "frame-src"):
        assert policy[name] == directives(client.get("/")["Content-Security-Policy"])[name], name


@pytest.mark.parametrize(
    ("environ", "origins"),
    [
        ({"AWS_S3_CUSTOM_DOMAIN": "media.detakbanten.com"}, ["https://media.detakbanten.com"]),
        ({"AWS_S3_ENDPOINT_URL": "https://s3.wasabisys.com:8443/"}, ["https://s3.wasabisys.com:8443"]),
        ({"AWS_S3_REGION_NAME": "ap-southeast-3"},
         ["https://foto.s3.amazonaws.com", "https://foto.s3.ap-southeast-3.amazonaws.com"]),
    ],
)
def test_images_may_come_from_the_media_host(environ, origins):
    code = (
        "import json, detakbanten.settings as s;"
        "print(json.dumps([s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'],"
        " s.ADMIN_CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]))"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    env.update(environ, AWS_STORAGE_BUCKET_NAME="foto")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    public, admin = json.loads(result.stdout)
    assert public == ["'self'", "data:", *origins]
    assert admin == ["'self'", "data:", "blob:", *origins]


# In every frame: each violation goes to Python as it happens.
WATCH_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => window.reportViolation({
  page: document.location.href, directive: event.effectiveDirective, blocked: event.blockedURI,
  source: event.sourceFile, line: event.lineNumber, sample: event.sample,
}));
"""
# Once a page has done its work: a violation of our own making, reported after every earlier one.
SENTINEL = "https://sentinel.invalid/csp.png"
FLUSH_VIOLATIONS = """(sentinel) => new Promise((resolve) => {
  document.addEventListener("securitypolicyviolation", (event) => event.blockedURI === sentinel && resolve());
  new Image().src = sentinel;
})"""


@pytest.fixture
def csp_page(page, live_server):
    """The page, with every CSP violation of any frame in page.violations (events and console messages)."""
    page.violations = []
    page.expose_function("reportViolation", lambda violation: violation["blocked"] != SENTINEL
                         and page.violations.append(violation))
    page.on("console", lambda message: "Content Security Policy" in message.text and SENTINEL not in message.text
            and page.violations.append(message.text))
    page.add_init_script(WATCH_VIOLATIONS)
    # Nothing leaves this machine: the video players get a stub page.
    page.context.route(
        lambda url: not url.startswith(live_server.url),
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>pemutar</title>"),
    )
    return page


def settle(page):
    """Scroll to the end so that lazy images and frames load, wait for them, then for every violation report."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("() => [...document.images].every((image) => image.complete)")
    page.evaluate(FLUSH_VIOLATIONS, SENTINEL)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_public_page_breaks_the_policy(csp_page, newsroom):
    page = csp_page
    for name, url in newsroom["pages"].items():
        if name == "berita":
            with page.expect_request(lambda request: request.url.startswith("https://www.youtube-nocookie.com/embed/")):
                page.goto(url)
                settle(page)
            assert page.locator(".story-photo img").evaluate("(image) => image.naturalWidth") > 0
            assert page.locator(".baca-juga").get_by_role("link", name=newsroom["earlier"].headline).is_visible()
            assert page.locator("iframe[src^='https://player.vimeo.com/video/']").count() == 1
        else:
            page.goto(url)
            settle(page)
        assert page.violations == [], name
    page.screenshot(path="/tmp/detakbanten-csp-article.png")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_admin_editor_works_under_the_admin_policy(csp_page, newsroom, tmp_path):
    page = csp_page
    article, earlier = newsroom["article"], newsroom["earlier"]
    User.objects.create_superuser("redaksi", password=PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/redaksi/login/")
    page.fill("#id_username", "redaksi")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    settle(page)

    page.goto(reverse("admin:news_article_change", args=[article.pk]))
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.locator("p").last.click()
    page.keyboard.press("End")
    page.keyboard.type(" Diketik di bawah kebijakan keamanan.")

    # The image dialog, its upload tab and a real upload into the photo library.
    upload = tmp_path / "foto-banjir.jpg"
    upload.write_bytes(images.jpeg((1200, 800)))
    page.locator(".cke_button__image").click()
    dialog = page.locator(".cke_dialog")
    dialog.wait_for()
    dialog.get_by_role("tab", name="Unggah").click()
    dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator("input[type=file]").set_input_files(str(upload))
    dialog.get_by_label("Teks alternatif (wajib): apa yang tampak di foto").fill("Perahu karet BPBD")
    dialog.get_by_label("Kredit foto (wajib), misalnya Dok. Humas Pemkot Tangsel").fill("Dok. BPBD Tangsel")
    dialog.get_by_role("button", name="Kirim ke Server").click()
    page.wait_for_function("() => document.querySelector('.cke_dialog input.cke_dialog_ui_input_text').value !== ''")
    page.wait_for_function("() => document.querySelector('.cke_dialog img[id$=_previewImage]')?.naturalWidth > 0")
    dialog.locator(".cke_dialog_ui_button_ok").click()
    dialog.wait_for(state="hidden")

    page.locator(".cke_button__bacajuga").click()
    related = page.locator(".cke_dialog").filter(has=page.get_by_label("Cari judul berita"))
    related.get_by_label("Cari judul berita").fill("air mulai")
    expect(related.locator("select option")).to_have_count(1)
    related.locator(".cke_dialog_ui_button_ok").click()
    related.wait_for(state="hidden")

    # The photo library's picker (the "Pustaka foto" plugin), and the page-break button.
    body.locator("p").first.click()
    page.locator(".cke_button__fotopustaka").click()
    picker = page.locator(".cke_dialog").filter(has_text="Pilih foto dari pustaka")
    picker.get_by_label("Cari foto (keterangan, teks alternatif, atau kredit)").fill("surut")
    expect(picker.locator(".photo-picker-photo")).to_have_count(1)
    picker.locator(".photo-picker-photo").click()
    picker.locator(".cke_dialog_ui_button_ok").click()
    picker.wait_for(state="hidden")
    body.locator("p").first.click()
    page.locator(".cke_button__pemisahhalaman").click()
    # The lead photo's picker, a dialog of thumbnails.
    page.get_by_role("button", name="Pilih dari pustaka foto").click()
    lead = page.locator("dialog.photo-picker-dialog")
    expect(lead.locator(".photo-picker-photo")).to_have_count(Photo.objects.count())
    lead.get_by_role("button", name="Batal").click()
    settle(page)

    page.locator("input[name=_save]").press("Enter")
    page.wait_for_selector(".messagelist .success")
    settle(page)
    article.refresh_from_db()
    assert "Diketik di bawah kebijakan keamanan." in article.body
    # Photos in the body are references to the library (news/body.py), the upload's and the one chosen.
    uploaded = Photo.objects.get(alt_text="Perahu karet BPBD")
    assert f'<figure data-photo="{uploaded.pk}"></figure>' in article.body
    assert f'<figure data-photo="{earlier.photo_id}"></figure>' in article.body
    assert '<hr class="page-break">' in article.body
    assert article.body.count(f'href="{earlier.get_absolute_url()}"') == 2  # the one there and the one inserted
    assert page.violations == []
    assert [url for url in page.foreign_requests if url != SENTINEL] == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_photo_form_previews_a_chosen_file_under_the_admin_policy(csp_page, live_server, tmp_path):
    page = csp_page
    User.objects.create_superuser("redaksi", password=PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/redaksi/login/?next=/redaksi/news/photo/add/")
    page.fill("#id_username", "redaksi")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/redaksi/news/photo/add/")
    chosen = tmp_path / "foto.jpg"
    chosen.write_bytes(images.jpeg((800, 600)))
    page.locator("input[type=file]").set_input_files(str(chosen))
    page.wait_for_function("() => document.querySelector('.focal-picker img').naturalWidth > 0")
    assert page.locator(".focal-picker img").get_attribute("src").startswith("blob:")
    settle(page)
    assert page.violations == []

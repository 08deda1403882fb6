"""The desk in real Chromium: live counts on the article form, the presence warning that ends when the
other editor leaves, "Jadwalkan", the front-page panel, the photo upload's progress, the history page.

Screenshots go to /tmp/shots_admin/ (1366×900, a newsroom desktop)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from news import workflow
from news.formats import long_datetime
from news.models import Article, EditSession, Photo

from . import images
from .factories import make_article, make_section
from .test_browser_workflow import PASSWORD, log_in

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots_admin")
DESKTOP = {"width": 1366, "height": 900}
LONG_HEADLINE = (
    "Pemprov Banten Alokasikan Rp 1,2 Triliun untuk Perbaikan Jalan Provinsi yang Rusak Parah di Lebak, "
    "Pandeglang, dan Serang Setelah Banjir Bandang Awal Desember, Target Rampung Sebelum Arus Mudik Lebaran"
)


def editor(username, first_name, last_name):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, first_name=first_name,
                                    last_name=last_name)
    user.groups.add(Group.objects.get(name="Redaktur"))
    return user


def leave_form(page):
    """Leave a change form for the desk board before the test ends, so that the form's leave beacon
    reaches the server while the test's rows are still there (Playwright does not report beacons)."""
    page.goto("/redaksi/")
    page.locator("#user-tools").wait_for()


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=False)


@pytest.fixture
def newsroom(roles):
    section = make_section(name="Banten", slug="banten")
    return {
        "section": section,
        "abc": editor("abc", "Abdul", "Basit Chaniago"),
        "def": editor("def", "Dewi", "Fitriani"),
    }


@pytest.mark.django_db(transaction=True)
def test_counts_update_as_you_type_and_a_long_headline_is_seen_whole(newsroom, page):
    article = make_article(section=newsroom["section"], headline=LONG_HEADLINE, status=Article.Status.DRAFT,
                           published_at=None, body="<p>Satu dua tiga.</p>")
    page.set_viewport_size(DESKTOP)
    log_in(page, "abc")
    page.goto(f"/redaksi/news/article/{article.pk}/change/")
    count = page.locator("#id_headline_count")
    assert count.inner_text() == f"{len(LONG_HEADLINE)} karakter"
    words = page.locator("#id_body_count")
    words.wait_for()
    page.wait_for_function("() => document.getElementById('id_body_count').textContent.startsWith('Isi: 3 kata')")

    # The whole headline shows: the field is as tall as its text, and the buttons sit above it.
    field = page.locator("#id_headline")
    assert field.evaluate("el => el.scrollHeight <= el.clientHeight + 2")
    tools = page.locator(".object-tools").bounding_box()
    subtitle = page.locator("#content h2").first.bounding_box()
    assert tools["y"] >= subtitle["y"] + subtitle["height"] - 1, "Pratinjau/Riwayat must not cover the headline"
    shot(page, "article-change-form.png")

    page.fill("#id_headline", "Banjir Rob")
    assert count.inner_text() == "10 karakter"
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.press("End")
    page.keyboard.type(" empat lima enam tujuh")
    page.wait_for_function("() => document.getElementById('id_body_count').textContent.startsWith('Isi: 7 kata')")

    page.click("fieldset.collapse summary")
    seo = page.locator("#id_seo_title")
    assert seo.get_attribute("placeholder") == "Banjir Rob"  # follows the headline as it is typed
    seo.fill("x" * 61)
    seo_count = page.locator("#id_seo_title_count")
    assert seo_count.inner_text() == "61 karakter (disarankan paling banyak 60)"
    assert "over-limit" in seo_count.get_attribute("class")
    page.fill("#id_meta_description", "Ringkas.")
    assert page.locator("#id_meta_description_count").inner_text() == "8 karakter (disarankan paling banyak 160)"
    page.screenshot(path=str(SHOTS / "article-change-form-full.png"), full_page=True)
    assert page.console_errors == []
    leave_form(page)


@pytest.mark.django_db(transaction=True)
def test_presence_warning_ends_when_the_other_editor_leaves(newsroom, browser, live_server, settings):
    # Only the leave beacon can end the warning within this test: staleness would take an hour.
    settings.EDIT_PRESENCE_SECONDS = 3600
    settings.EDIT_PRESENCE_HEARTBEAT_SECONDS = 1
    article = make_article(section=newsroom["section"], headline="Berita yang dibuka berdua",
                           status=Article.Status.DRAFT, published_at=None)
    url = f"/redaksi/news/article/{article.pk}/change/"
    first = browser.new_context(base_url=live_server.url, viewport=DESKTOP).new_page()
    second = browser.new_context(base_url=live_server.url, viewport=DESKTOP).new_page()
    again = browser.new_context(base_url=live_server.url, viewport=DESKTOP).new_page()
    try:
        log_in(first, "def")
        first.goto(url)
        log_in(second, "abc")
        second.goto(url)
        warning = second.locator(".presence-warning")
        assert "Dewi Fitriani membuka berita ini sekarang" in warning.inner_text()

        first.close()  # Dewi closes her tab: its pagehide beacon tells the server
        warning.wait_for(state="hidden")  # Abdul's open form learns it from its next heartbeat
        assert not EditSession.objects.filter(user=newsroom["def"]).exists()
        second.reload()
        second.locator("#article_form").wait_for()
        assert second.locator(".presence-warning li").count() == 0
        # The live server's threads share one SQLite connection in tests: keep its requests few from here on.
        leave_form(second)
        settings.EDIT_PRESENCE_HEARTBEAT_SECONDS = 30

        # Saving ends it too: Dewi opens and saves, Abdul's reload shows nobody.
        log_in(again, "def")
        again.goto(url)
        second.goto(url)
        second.locator(".presence-warning li").wait_for()
        again.locator("input[name=_save]").press("Enter")
        again.wait_for_selector(".messagelist .success")
        second.reload()
        second.locator("#article_form").wait_for()
        assert second.locator(".presence-warning li").count() == 0
        leave_form(second)
    finally:
        for each in (again, second, first):
            each.context.close()


@pytest.mark.django_db(transaction=True)
def test_jadwalkan_schedules_with_an_indonesian_message(newsroom, page):
    article = make_article(section=newsroom["section"], headline="Pelantikan Bupati Lebak",
                           status=Article.Status.REVIEW, published_at=None)
    page.set_viewport_size(DESKTOP)
    log_in(page, "abc")
    page.goto(f"/redaksi/news/article/{article.pk}/change/")
    when = (timezone.localtime() + timedelta(days=1)).replace(hour=14, minute=0, second=0, microsecond=0)
    page.fill("#id_schedule_at_0", when.strftime("%d/%m/%Y"))
    page.fill("#id_schedule_at_1", "14:00")
    page.click("button[name=_schedule]")
    message = page.locator(".messagelist .success")
    message.wait_for()
    assert message.inner_text() == f"Dijadwalkan terbit {long_datetime(when)}."
    article.refresh_from_db()
    assert article.is_scheduled() and article.published_at == when

    # A time already past is refused on the form, with the text kept.
    page.fill("#id_subtitle", "Subjudul baru")
    page.fill("#id_schedule_at_0", (when - timedelta(days=3)).strftime("%d/%m/%Y"))
    page.click("button[name=_schedule]")
    page.locator(".schedule-box .errorlist").wait_for()
    assert "sudah lewat" in page.locator(".schedule-box .errorlist").inner_text()
    assert page.input_value("#id_subtitle") == "Subjudul baru"
    article.refresh_from_db()
    assert article.subtitle == ""
    leave_form(page)


@pytest.mark.django_db(transaction=True)
def test_front_page_panel_orders_headlines_without_opening_them(newsroom, page):
    editor_user = newsroom["abc"]
    now = timezone.now()
    stories = [make_article(section=newsroom["section"], headline=headline, published_at=now - timedelta(hours=n + 1))
               for n, headline in enumerate([
                   "Gubernur Resmikan Jalan Tol Serang–Panimbang Seksi Tiga",
                   "Harga Cabai di Pasar Rau Naik Dua Kali Lipat",
                   "Persita Tangerang Menang 2-1 atas Tamu dari Bandung",
               ])]
    for story in stories[:2]:
        workflow.curate(story, editor_user, is_headline=True)
    workflow.curate(stories[2], editor_user, is_editors_pick=True)
    workflow.curate(stories[1], editor_user, breaking_until=now + timedelta(hours=3), breaking_banner=True)
    page.set_viewport_size(DESKTOP)
    log_in(page, "abc")
    panel = page.locator(".front-page-panel")
    panel.wait_for()
    shot(page, "desk-board.png")

    panel.locator("button[aria-label='Naikkan “Harga Cabai di Pasar Rau Naik Dua Kali Lipat”']").click()
    page.locator(".messagelist .success").wait_for()
    assert [a.pk for a in workflow.curated("headline")] == [stories[1].pk, stories[0].pk]
    first_listed = panel.locator(".front-page-list").first.locator("li > a").first
    assert first_listed.inner_text() == "Harga Cabai di Pasar Rau Naik Dua Kali Lipat"

    page.select_option("#curate-add-headline", str(stories[2].pk))
    page.click("#curate-add-headline ~ button[value=add]")
    assert "masuk berita utama" in page.locator(".messagelist .success").inner_text()
    page.click("text=Akhiri breaking")
    page.locator(".messagelist .success").wait_for()
    assert Article.objects.get(pk=stories[1].pk).breaking_until is None
    assert page.console_errors == []


@pytest.mark.django_db(transaction=True)
def test_photo_upload_shows_progress(newsroom, page, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    picture = tmp_path / "banjir.jpg"
    picture.write_bytes(images.jpeg(size=(1600, 1200), quality=95))
    page.set_viewport_size(DESKTOP)
    log_in(page, "abc")
    page.goto("/redaksi/news/photo/add/")
    page.set_input_files("#id_file", str(picture))
    page.fill("#id_alt_text", "Warga menembus banjir di Kasemen")
    page.fill("#id_credit", "Dok. detakbanten.com")
    page.locator("input[name=_save]").press("Enter")
    # The bar fills as the file goes up, then the page the admin answers replaces the form.
    page.wait_for_function("() => { const bar = document.getElementById('photo-upload-progress');"
                           " return !bar || bar.value === 100; }")
    page.locator(".messagelist .success").wait_for()
    assert Photo.objects.filter(alt_text="Warga menembus banjir di Kasemen").exists()
    assert page.url.endswith("/redaksi/news/photo/")


@pytest.mark.django_db(transaction=True)
def test_history_page(newsroom, page):
    editor_user = newsroom["abc"]
    article = make_article(section=newsroom["section"], headline="Jembatan Cisadane Ditutup Sementara",
                           status=Article.Status.DRAFT, published_at=None,
                           body="<p>Paragraf pertama.</p><p>Paragraf kedua.</p>")
    article.body = "<p>Paragraf pertama diperbarui.</p><p>Paragraf kedua.</p>"
    workflow.edit(article, editor_user, fields=["body"])
    workflow.publish(Article.objects.get(pk=article.pk), editor_user)
    workflow.add_correction(Article.objects.get(pk=article.pk), newsroom["def"], kind="ralat",
                            text="Nama jembatan diperbaiki.")
    page.set_viewport_size(DESKTOP)
    log_in(page, "abc")
    page.goto(f"/redaksi/news/article/{article.pk}/change/")
    page.click(".object-tools >> text=Riwayat")
    page.locator(".article-history").wait_for()
    assert page.locator(".history-live").count() == 1
    shot(page, "history.png")
    page.locator(".article-history a:has-text('Bandingkan dengan sekarang')").last.click()
    page.locator("dl.revision-diff").wait_for()
    shot(page, "revision-diff.png")

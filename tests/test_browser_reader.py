"""A reader on a phone, in real headless Chromium: home > section > article > tag > search > date index."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from .factories import make_article, make_author, make_dateline, make_section, make_tag

pytestmark = pytest.mark.browser

LONG_BODY = "".join(f"<p>Paragraf {n}: air setinggi lutut merendam permukiman warga.</p>" for n in range(50))


@pytest.fixture
def newsroom(db):
    banten = make_section(name="Banten", slug="banten", position=1)
    tangsel = make_section(name="Tangsel", slug="tangsel", parent=banten)
    make_section(name="Politik", slug="politik", position=2)
    banjir = make_tag(name="Banjir")
    ciputat = make_dateline(name="CIPUTAT")
    julius = make_author(name="Julius Simanjuntak", initials="jls")
    earlier = make_article(section=tangsel, tags=[banjir], dateline=ciputat, headline="Tanggul Kali Angke Jebol",
                           published_at=timezone.now() - timedelta(days=1, hours=2))
    story = make_article(
        section=tangsel, tags=[banjir], dateline=ciputat, authors=[julius], headline="Banjir Rendam Ratusan Rumah di Ciputat",
        body=LONG_BODY[:2000] + f'<p>Baca juga: <a href="{earlier.get_absolute_url()}">{earlier.headline}</a></p>' + LONG_BODY,
        published_at=timezone.now() - timedelta(hours=2),
    )
    return {"banten": banten, "story": story, "earlier": earlier, "banjir": banjir}


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.django_db(transaction=True)
def test_reader_journey_on_a_phone(page, newsroom, live_server):
    story, earlier = newsroom["story"], newsroom["earlier"]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    # Nothing may leave this machine: any other host gets a stub, and is recorded by the fixture.
    page.context.route(
        lambda url: not url.startswith(live_server.url),
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>luar</title>"),
    )

    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Langsung ke konten"
    assert page.locator(".skip-link").bounding_box()["x"] >= 0  # visible once focused
    assert no_horizontal_scroll(page)

    page.get_by_role("navigation", name="Kanal").get_by_role("link", name="Banten", exact=True).click()
    page.wait_for_url("**/kanal/banten/")
    assert page.locator("h1").inner_text() == "Banten"
    assert page.get_by_role("link", name="Tangsel", exact=True).count() >= 1  # its sub-section
    page.get_by_role("link", name=story.headline).first.click()

    page.wait_for_url(f"**{story.get_absolute_url()}")
    assert page.locator("h1").inner_text() == story.headline
    assert no_horizontal_scroll(page)
    assert page.locator(".baca-juga").get_by_role("link", name=earlier.headline).is_visible()

    page.get_by_role("link", name="Salin tautan").click()
    page.get_by_text("Tautan disalin.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + story.get_absolute_url()

    with page.context.expect_page() as shared:
        page.get_by_role("link", name="WhatsApp").click()
    whatsapp = shared.value
    whatsapp.wait_for_load_state()
    assert whatsapp.url.startswith("https://wa.me/?text=")
    assert quote(live_server.url + story.get_absolute_url(), safe="") in whatsapp.url
    whatsapp.close()

    page.get_by_role("link", name="Kembali ke atas").click()
    page.wait_for_function("() => window.scrollY === 0")
    page.screenshot(path="/tmp/detakbanten-reader-article.png")

    page.locator(".story-tags").get_by_role("link", name="#Banjir").click()
    page.wait_for_url(f"**{newsroom['banjir'].get_absolute_url()}")
    assert page.locator("h1").inner_text() == "Banjir"
    assert page.get_by_role("link", name=earlier.headline).is_visible()

    page.get_by_label("Cari berita").fill("tanggul jebol")
    page.get_by_label("Cari berita").press("Enter")
    page.wait_for_url("**/cari/?q=tanggul+jebol")
    assert page.locator("h1").inner_text() == "Hasil pencarian “tanggul jebol”"
    # The story's own "Baca juga" names the earlier one, so both match; the headline match ranks first.
    assert page.locator("article .card-title").all_inner_texts() == [earlier.headline, story.headline]
    assert page.locator("mark").first.inner_text().lower() in {"tanggul", "jebol"}

    page.get_by_role("link", name="Indeks berita").click()
    page.wait_for_url("**/indeks/")
    day = timezone.localtime(earlier.published_at).date()
    page.get_by_label("Pilih tanggal").fill(day.isoformat())
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(f"**/indeks/{day:%Y/%m/%d}/")
    assert page.get_by_role("link", name=earlier.headline).is_visible()
    page.screenshot(path="/tmp/detakbanten-reader-index.png")

    assert page.console_errors == []
    # The page itself asked no other host for anything; only the reader's own click went to WhatsApp.
    assert page.foreign_requests == []


@pytest.mark.django_db(transaction=True)
def test_the_site_works_without_javascript(browser, live_server, newsroom):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    story = newsroom["story"]
    page.goto(story.get_absolute_url())
    copy = page.get_by_role("link", name="Salin tautan")
    assert copy.get_attribute("href") == live_server.url + story.get_absolute_url()
    page.get_by_label("Cari berita").fill("banjir")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_url("**/cari/?q=banjir")
    assert story.headline in page.locator("main").inner_text()
    page.goto("/indeks/")
    page.get_by_label("Pilih tanggal").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url("**/indeks/*/*/*/")
    assert story.headline in page.locator("main").inner_text()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_shown_article_is_counted_once_however_often_it_is_reloaded(page, newsroom):
    import time

    from news import pageviews

    beacons = []
    page.on("request", lambda request: "/v/" in request.url and beacons.append(request.method))
    story = newsroom["story"]
    for _ in range(3):
        page.goto(story.get_absolute_url(), wait_until="load")
    deadline = time.monotonic() + 10
    while pageviews.pending() < 1 and time.monotonic() < deadline:
        time.sleep(0.02)  # polling the counter for the beacon's arrival, not waiting a fixed time
    # One beacon: the browser remembers this story for the hour; the server would refuse a second anyway.
    assert beacons == ["POST"]
    assert pageviews.pending() == 1

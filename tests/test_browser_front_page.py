"""The front page as readers see it in real Chromium: six headlines and more in the first screen of a desktop,
compact cards on a phone, the footer at the bottom of a short page, and a breaking banner that goes by itself."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from news import workflow
from news.models import Page

from .factories import make_article, make_photo, make_section

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
LEAD = ("Hujan deras yang mengguyur Kota Serang sejak Sabtu malam membuat Sungai Cibanten meluap. Ratusan rumah di "
        "tiga kelurahan di Kecamatan Kasemen terendam air setinggi 50 sentimeter hingga satu meter.")
HEADLINES = [
    "Banjir Rendam Ratusan Rumah di Kasemen, Warga Mengungsi ke Masjid",
    "DPRD Banten Kebut Pembahasan Raperda Fasilitasi Pesantren",
    "Atap Ruang Kelas SD di Cikeusik Ambruk, Siswa Belajar di Teras",
    "Cilegon Siapkan Tiga Venue Baru Jelang Porprov Banten",
]


@pytest.fixture
def front_page(db, settings):
    # The photos are served as the development server serves them (DEBUG is off in tests).
    settings.ROOT_URLCONF = "tests.urls_media"
    serang = make_section(name="Serang", slug="serang", position=1)
    politik = make_section(name="Politik", slug="politik", position=2)
    photos = [make_photo(alt_text=f"Foto berita {n}") for n in range(3)]
    now = timezone.now()
    headlines = [
        make_article(section=serang if n % 2 else politik, headline=headline, lead=LEAD, is_headline=True,
                     headline_order=n, photo=photos[n % 3], published_at=now - timedelta(hours=n + 1))
        for n, headline in enumerate(HEADLINES)
    ]
    latest = [
        make_article(section=serang if n % 2 else politik, headline=f"Warga Pandeglang Keluhkan Jalan Rusak Bagian {n}",
                     lead=LEAD, photo=photos[n % 3], published_at=now - timedelta(minutes=n + 1))
        for n in range(14)
    ]
    return {"headlines": headlines, "latest": latest, "serang": serang}


def fully_visible_headlines(page):
    """Headline links whose box lies wholly inside the first screen."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('main .card-title a')).filter(link => {
        const box = link.getBoundingClientRect();
        return box.width > 0 && box.top >= 0 && box.left >= 0
            && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
    }).map(link => link.textContent)""")


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.django_db(transaction=True)
def test_a_desktop_reader_sees_at_least_six_headlines_in_the_first_screen(browser, live_server, front_page):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    page.wait_for_function("Array.from(document.images).filter(i => i.loading !== 'lazy').every(i => i.complete)")
    visible = fully_visible_headlines(page)
    assert len(visible) >= 6, visible
    assert HEADLINES[0] in visible
    # The right of the screen is used: the side column starts beside the lead, with the latest stories.
    side = page.locator("aside.side").bounding_box()
    lead = page.locator(".card--lead").bounding_box()
    assert side["x"] > DESKTOP["width"] / 2 and side["y"] < lead["y"] + lead["height"]
    assert page.locator("aside.side .card-title").first.inner_text() == front_page["latest"][0].headline
    assert no_horizontal_scroll(page)
    page.screenshot(path="/tmp/detakbanten-front-desktop.png")

    # A story's page has the same side column beside it, not an empty right half.
    page.goto(front_page["latest"][3].get_absolute_url())
    side = page.locator("aside.side").bounding_box()
    assert side["x"] > DESKTOP["width"] / 2 and side["y"] < DESKTOP["height"] / 2
    assert page.locator("aside.side .card-title").count() >= 5
    context.close()


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_cards_below_the_first_few_are_compact(page, front_page):
    page.goto("/")
    assert no_horizontal_scroll(page)
    # Below the lead and the headlines: the side column's latest, then the rest after two full cards.
    brief = page.locator("main aside.side .card, main .card--brief")
    assert brief.count() >= 10
    for n in range(brief.count()):
        card = brief.nth(n)
        assert card.locator(".card-title").is_visible()
        assert card.locator("time").is_visible()
        assert not card.locator(".card-lead").is_visible()
        assert not card.locator(".card-where").is_visible()
        photo = card.locator(".card-photo").bounding_box()
        assert photo["width"] <= 110
        assert card.bounding_box()["height"] <= 140
    # The first cards below the headlines still carry their summary, ending at a word.
    full = page.locator("#lainnya ~ .card:not(.card--brief) .card-lead").first
    assert full.is_visible()
    assert full.inner_text().endswith("…") and full.inner_text()[-2] != " "
    page.screenshot(path="/tmp/detakbanten-front-phone.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_the_footer_sits_at_the_bottom_of_a_short_page(page, front_page):
    Page.objects.update_or_create(slug="kontak", defaults={"title": "Kontak", "body": "<p>redaksi@detakbanten.com</p>"})
    page.goto("/halaman/kontak/")
    footer = page.locator("footer.site-footer").bounding_box()
    assert footer["y"] + footer["height"] == pytest.approx(PHONE["height"], abs=1)
    assert page.evaluate("document.documentElement.scrollHeight") <= PHONE["height"]


@pytest.mark.django_db(transaction=True)
def test_a_breaking_banner_crosses_the_site_and_is_gone_once_it_ends(page, front_page, roles):
    editor = User.objects.create_user("redaktur-breaking", is_staff=True)
    editor.groups.add(Group.objects.get(name="Redaktur"))
    story = front_page["latest"][5]
    pages = ["/", front_page["serang"].get_absolute_url(), front_page["headlines"][2].get_absolute_url()]
    for url in pages:
        page.goto(url)  # each page now kept in the page cache, without a banner
        assert page.locator(".breaking-banner").count() == 0

    until = timezone.now() + timedelta(minutes=30)
    workflow.curate(story, editor, breaking_until=until, breaking_banner=True)
    for url in pages:
        page.goto(url)
        banner = page.get_by_role("complementary", name="Berita terkini")
        assert banner.is_visible()
        assert banner.get_by_role("link").inner_text() == story.headline
    banner.get_by_role("link").click()
    page.wait_for_url(f"**{story.get_absolute_url()}")
    assert page.locator(".story-section .label-breaking").text_content() == "Breaking"
    page.screenshot(path="/tmp/detakbanten-breaking-phone.png")

    # Its time passes: the server's clock (the same process runs the live server) says so, and no page keeps it.
    with mock.patch("django.utils.timezone.now", return_value=until + timedelta(seconds=1)):
        for url in [*pages, story.get_absolute_url()]:
            page.goto(url)
            assert page.locator(".breaking-banner").count() == 0, url
            assert page.locator(".label-breaking").count() == 0, url
    assert page.console_errors == []
    assert page.foreign_requests == []

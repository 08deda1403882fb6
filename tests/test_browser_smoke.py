"""A reader's first visit in real headless Chromium on a phone-sized screen."""

import pytest

from .factories import make_article, make_section

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_reader_opens_an_article_and_goes_back_to_top(page):
    section = make_section(name="Tangsel", slug="tangsel")
    article = make_article(section=section, headline="Wali Kota Lantik Pejabat",
                           body="".join(f"<p>Paragraf {n} berita panjang.</p>" for n in range(60)))
    page.goto("/")
    page.get_by_role("link", name="Wali Kota Lantik Pejabat").first.click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "Wali Kota Lantik Pejabat"
    page.get_by_role("link", name="Kembali ke atas").click()
    page.wait_for_function("() => window.scrollY === 0")
    page.screenshot(path="/tmp/detakbanten-article.png", full_page=False)
    assert page.console_errors == []
    assert page.foreign_requests == []

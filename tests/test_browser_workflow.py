"""End to end in real Chromium: a reporter files, an editor publishes, a reader reads."""

import pytest
from django.contrib.auth.models import Group, User

from news.models import Article

from .factories import make_section

pytestmark = pytest.mark.browser
PASSWORD = "sandi-rahasia-123"


def log_in(page, username):
    page.goto("/redaksi/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")


def choose_autocomplete(page, field, text):
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")


def save(page):
    # From the keyboard: after a select2 choice, the admin's select2 grabs focus back on the next
    # mouse press and scrolls the page under the pointer (a Django admin quirk, see the closing note).
    page.locator("input[name=_save]").press("Enter")
    page.wait_for_selector(".messagelist .success")


@pytest.mark.django_db(transaction=True)
def test_reporter_writes_editor_publishes_reader_reads(roles, page):
    make_section(name="Tangsel", slug="tangsel")
    for username, role in (("jls", "Wartawan"), ("abc", "Redaktur")):
        User.objects.create_user(username, password=PASSWORD, is_staff=True).groups.add(Group.objects.get(name=role))

    # The newsroom writes at a desk; readers come later on the phone-sized screen.
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "jls")
    page.goto("/redaksi/news/article/add/")
    page.fill("#id_headline", "Jalan Rusak di Pamulang Dikeluhkan Warga")
    choose_autocomplete(page, "section", "Tangsel")
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.type("Warga Pamulang mengeluhkan jalan berlubang di dekat pasar.")
    options = page.locator("#id_status option").all_inner_texts()
    assert "Terbit" not in options
    page.select_option("#id_status", "review")
    save(page)
    article = Article.objects.get(headline="Jalan Rusak di Pamulang Dikeluhkan Warga")
    assert article.status == Article.Status.REVIEW
    assert article.body == "<p>Warga Pamulang mengeluhkan jalan berlubang di dekat pasar.</p>"

    page.context.clear_cookies()
    log_in(page, "abc")
    page.click("text=Jalan Rusak di Pamulang Dikeluhkan Warga")  # from the desk board's review queue
    page.select_option("#id_status", "published")
    save(page)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.signoff() == "(jls/abc)"

    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    page.click("text=Jalan Rusak di Pamulang Dikeluhkan Warga")
    assert page.locator("h1").inner_text() == "Jalan Rusak di Pamulang Dikeluhkan Warga"
    assert "(jls/abc)" in page.locator(".signoff").inner_text()
    page.screenshot(path="/tmp/detakbanten-workflow.png")
    assert page.foreign_requests == []


@pytest.mark.django_db(transaction=True)
def test_typed_work_survives_a_closed_tab(roles, page):
    make_section(name="Tangsel", slug="tangsel")
    User.objects.create_user("jls", password=PASSWORD, is_staff=True).groups.add(Group.objects.get(name="Wartawan"))
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "jls")
    page.goto("/redaksi/news/article/add/")
    page.fill("#id_headline", "Naskah yang hampir hilang")
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    page.keyboard.type("Paragraf yang diketik sebelum koneksi putus.")
    # The form is copied to the browser every few seconds, with no click on save.
    reporter = User.objects.get(username="jls")
    page.wait_for_function(
        f"() => (localStorage.getItem('detakbanten:naskah:{reporter.pk}:/redaksi/news/article/add/') || '')"
        ".includes('koneksi putus')"
    )
    page.close()

    reopened = page.context.new_page()
    reopened.goto("/redaksi/news/article/add/")
    banner = reopened.locator(".autosave-banner")
    banner.wait_for()
    assert "belum tersimpan" in banner.inner_text()
    reopened.click("text=Pulihkan teks")
    assert reopened.input_value("#id_headline") == "Naskah yang hampir hilang"
    body = reopened.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    assert "Paragraf yang diketik sebelum koneksi putus." in body.inner_text()
    reopened.screenshot(path="/tmp/detakbanten-autosave.png")

    # Someone else at the same newsroom computer is not offered that text.
    User.objects.create_user("abc", password=PASSWORD, is_staff=True).groups.add(Group.objects.get(name="Redaktur"))
    reopened.context.clear_cookies()
    log_in(reopened, "abc")
    reopened.goto("/redaksi/news/article/add/")
    reopened.wait_for_selector("#article_form[data-autosave=ready]", state="attached")
    assert reopened.locator(".autosave-banner").count() == 0

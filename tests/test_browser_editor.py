"""An editor places a "Baca juga" link from the admin, in real headless Chromium."""

import re

import pytest
from playwright.sync_api import expect
from django.contrib.auth import get_user_model

from .factories import make_article, make_section

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_editor_chooses_an_article_for_baca_juga(page, live_server):
    get_user_model().objects.create_superuser("redaktur", "r@example.com", "rahasia-sekali-123")
    section = make_section(name="Tangsel", slug="tangsel")
    target = make_article(section=section, headline="Jalan Rusak di Pamulang Segera Diperbaiki")
    make_article(section=section, headline="Banjir di Ciputat")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/redaksi/news/article/add/")
    page.locator("#id_username").fill("redaktur")
    page.locator("#id_password").fill("rahasia-sekali-123")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url("**/redaksi/news/article/add/")
    page.locator(".cke_button__bacajuga").wait_for()

    page.locator(".cke_button__bacajuga").click()
    dialog = page.locator(".cke_dialog")
    dialog.get_by_label("Cari judul berita").fill("jalan rusak")
    options = dialog.locator("select option")
    expect(options).to_have_count(1)  # the search narrowed the list to the one matching article
    assert options.first.inner_text().startswith("Jalan Rusak di Pamulang Segera Diperbaiki (")
    dialog.locator(".cke_dialog_ui_button_ok").click()

    data = page.evaluate("CKEDITOR.instances.id_body.getData()")
    assert re.search(
        rf'<p>Baca juga: <a href="{re.escape(target.get_absolute_url())}">Jalan Rusak di Pamulang Segera Diperbaiki</a></p>', data
    ), data
    page.screenshot(path="/tmp/detakbanten-editor-baca-juga.png")
    assert page.console_errors == []
    assert page.foreign_requests == []

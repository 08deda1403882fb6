"""Editors' photo work in real headless Chromium: the focal point click and CKEditor's image upload."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from news.models import Photo

from . import images
from .factories import make_photo, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_page(page, live_server, settings, tmp_path):
    """The page logged in as an editor, with MEDIA_ROOT in tmp_path served as the web server would."""
    settings.MEDIA_ROOT = str(tmp_path)
    # The admin links no favicon; the browser's own request for one is not an error of ours.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    user = get_user_model().objects.create_superuser("redaktur", "r@example.com", "rahasia-sekali-123")
    page.goto("/redaksi/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "rahasia-sekali-123")
    page.click("input[type=submit]")
    page.wait_for_url("**/redaksi/")

    def serve_media(route):
        path = Path(settings.MEDIA_ROOT) / route.request.url.split("/media/", 1)[1]
        route.fulfill(path=str(path)) if path.is_file() else route.fulfill(status=404)

    page.route("**/media/**", serve_media)
    return page


def test_editor_sets_the_focal_point_by_clicking_the_photo(editor_page):
    page = editor_page
    photo = make_photo(images.jpeg((800, 400)))
    page.goto(f"/redaksi/news/photo/{photo.pk}/change/")
    image = page.locator(".focal-picker img")
    image.wait_for()
    page.wait_for_function("() => document.querySelector('.focal-picker img').naturalWidth > 0")
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.25})
    assert abs(float(page.input_value("#id_focal_x")) - 0.8) <= 0.02
    assert abs(float(page.input_value("#id_focal_y")) - 0.25) <= 0.02
    assert page.locator(".focal-marker").is_visible()
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    photo.refresh_from_db()
    assert abs(float(photo.focal_x) - 0.8) <= 0.02
    assert all(Path(settings.MEDIA_ROOT, r.name).is_file() for r in photo.renditions("1:1"))
    assert page.console_errors == []


def test_image_dialog_uploads_into_the_library_with_alt_text_and_credit(editor_page, tmp_path):
    page = editor_page
    make_section(name="Tangsel", slug="tangsel")
    upload = tmp_path / "IMG_2024.jpg"
    upload.write_bytes(images.phone_jpeg((1200, 900)))
    page.goto("/redaksi/news/article/add/")
    page.locator(".cke_button__image").click()
    dialog = page.locator(".cke_dialog")
    dialog.wait_for()
    dialog.get_by_role("tab", name="Unggah").click()
    dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator("input[type=file]").set_input_files(str(upload))
    dialog.get_by_label("Teks alternatif (wajib): apa yang tampak di foto").fill("Warga menyeberangi banjir")
    dialog.get_by_label("Kredit foto (wajib), misalnya Dok. Humas Pemkot Tangsel").fill("Dok. BPBD Tangsel")
    dialog.get_by_role("button", name="Kirim ke Server").click()
    url_field = dialog.get_by_label("URL").first  # the Info tab's; the Link tab has one too
    page.wait_for_function("() => document.querySelector('.cke_dialog input.cke_dialog_ui_input_text').value !== ''")
    photo = Photo.objects.get()
    assert (photo.alt_text, photo.credit) == ("Warga menyeberangi banjir", "Dok. BPBD Tangsel")
    assert url_field.input_value() == photo.rendition_url("original", 1024)
    assert dialog.get_by_label("Teks alternatif", exact=True).input_value() == "Warga menyeberangi banjir"
    assert page.console_errors == []

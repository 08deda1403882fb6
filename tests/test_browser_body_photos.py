"""Photos in the body and the lead photo, chosen and uploaded by an editor in real headless Chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from news.models import PAGE_BREAK, Article, Photo

from . import images
from .factories import make_article, make_photo, make_section
from .test_browser_photos import editor_page  # noqa: F401 (a fixture: the editor logged in, media served)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots_photos")


def coloured(color):
    """A 1200 × 800 JPEG of its own colour, so that thumbnails can be told apart in a screenshot."""
    return images.encoded(images.picture((1200, 800), color=color), "JPEG")


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


def open_article(page, article):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"/redaksi/news/article/{article.pk}/change/")
    page.wait_for_function("() => window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'")


def editor_data(page):
    return page.evaluate("CKEDITOR.instances.id_body.getData()")


def save(page):
    page.locator("input[name=_save]").click()
    page.wait_for_selector(".messagelist .success")


def test_a_photo_uploaded_through_the_image_dialog_shows_with_its_caption_and_credit(editor_page, tmp_path):
    page = editor_page
    article = make_article(section=make_section(name="Tangsel", slug="tangsel"), headline="Banjir Rendam Ciputat",
                           body="<p>Air setinggi satu meter merendam permukiman warga.</p><p>Warga mengungsi.</p>")
    upload = tmp_path / "IMG_2024.jpg"
    upload.write_bytes(images.jpeg((1600, 1200)))
    open_article(page, article)
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("p").first.click()
    page.keyboard.press("End")

    page.locator(".cke_button__image").click()
    dialog = page.locator(".cke_dialog").filter(has=page.get_by_role("tab", name="Unggah"))
    dialog.wait_for()
    dialog.get_by_role("tab", name="Unggah").click()
    dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator("input[type=file]").set_input_files(str(upload))
    dialog.get_by_label("Teks alternatif (wajib): apa yang tampak di foto").fill("Warga menyeberangi banjir")
    dialog.get_by_label("Kredit foto (wajib), misalnya Dok. Humas Pemkot Tangsel").fill("Dok. BPBD Tangsel")
    dialog.get_by_label("Keterangan foto").fill("Banjir merendam Ciputat, Kamis pagi.")
    dialog.get_by_role("button", name="Kirim ke Server").click()
    page.wait_for_function("() => document.querySelector('.cke_dialog img[id$=_previewImage]')?.naturalWidth > 0")
    dialog.locator(".cke_dialog_ui_button_ok").click()
    dialog.wait_for(state="hidden")

    photo = Photo.objects.get()
    # In the editor: the library photo as a block with its caption and credit, not a bare image.
    figure = page.frame_locator("iframe.cke_wysiwyg_frame").locator(f"figure[data-photo='{photo.pk}']")
    expect(figure.locator("figcaption")).to_have_text("Banjir merendam Ciputat, Kamis pagi. Foto: Dok. BPBD Tangsel")
    assert f'<figure data-photo="{photo.pk}">' in editor_data(page)
    page.wait_for_function("() => document.querySelector('iframe.cke_wysiwyg_frame').contentDocument"
                           ".querySelector('figure[data-photo] img').naturalWidth > 0")
    page.locator(".cke_wysiwyg_frame").scroll_into_view_if_needed()
    shot(page, "editor-body-photo.png")
    save(page)
    article.refresh_from_db()
    assert f'<figure data-photo="{photo.pk}"></figure>' in article.body
    assert "<img" not in article.body

    page.goto(article.get_absolute_url())
    body_photo = page.locator(".story-body figure.body-photo")
    expect(body_photo.locator("figcaption")).to_have_text("Banjir merendam Ciputat, Kamis pagi. Foto: Dok. BPBD Tangsel")
    image = body_photo.locator("img")
    assert image.get_attribute("loading") == "lazy"
    assert (image.get_attribute("width"), image.get_attribute("height")) == ("640", "480")
    image.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.story-body figure.body-photo img').naturalWidth > 0")
    # The browser picked a rendition from the srcset of a modern format.
    assert "/original-" in image.evaluate("(img) => img.currentSrc")
    body_photo.scroll_into_view_if_needed()
    shot(page, "article-body-photo-desktop.png")
    page.set_viewport_size({"width": 390, "height": 844})
    body_photo.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.story-body figure.body-photo img').complete")
    box = image.bounding_box()
    assert box["width"] <= 390 and box["height"] > 0
    shot(page, "article-body-photo-phone.png")
    assert page.console_errors == []
    assert page.foreign_requests == []


def test_editor_chooses_a_library_photo_in_the_picker_and_adds_a_page_break(editor_page):
    page = editor_page
    make_photo(coloured((40, 120, 200)), alt_text="Jalan berlubang", caption="Jalan rusak di Pamulang",
               credit="Dok. warga")
    wanted = make_photo(coloured((200, 80, 40)), alt_text="Pejabat mengucap sumpah",
                        caption="Pelantikan pejabat eselon II", credit="Humas Pemkot Tangsel")
    make_photo(coloured((60, 160, 60)), alt_text="Air merendam rumah", caption="Banjir di Ciputat",
               credit="Dok. BPBD Tangsel")
    article = make_article(section=make_section(), body="<p>Wali Kota melantik pejabat.</p>")
    open_article(page, article)
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("p").first.click()
    page.keyboard.press("End")

    page.locator(".cke_button__fotopustaka").click()
    dialog = page.locator(".cke_dialog").filter(has_text="Pilih foto dari pustaka")
    tiles = dialog.locator(".photo-picker-photo")
    expect(tiles).to_have_count(3)
    page.wait_for_function("() => [...document.querySelectorAll('.photo-picker-photo img')].every((img) => img.naturalWidth > 0)")
    dialog.get_by_label("Cari foto (keterangan, teks alternatif, atau kredit)").fill("humas")
    expect(tiles).to_have_count(1)
    expect(dialog.locator(".photo-picker-status")).to_contain_text("1 foto cocok dengan “humas”")
    tiles.first.click()
    expect(tiles.first).to_have_attribute("aria-pressed", "true")
    page.wait_for_function("() => document.querySelector('.photo-picker-photo img').naturalWidth > 0")
    shot(page, "picker-editor.png")
    dialog.locator(".cke_dialog_ui_button_ok").click()
    dialog.wait_for(state="hidden")
    frame = page.frame_locator("iframe.cke_wysiwyg_frame")
    expect(frame.locator(f"figure[data-photo='{wanted.pk}'] figcaption")).to_have_text(
        "Pelantikan pejabat eselon II Foto: Humas Pemkot Tangsel")

    # The cursor waits after the photo: what comes next goes below it and does not replace it.
    page.locator(".cke_button__pemisahhalaman").click()
    data = editor_data(page)
    assert data.index(f'<figure data-photo="{wanted.pk}">') < data.index('<hr class="page-break"'), data
    save(page)
    article.refresh_from_db()
    assert f'<figure data-photo="{wanted.pk}"></figure>' in article.body
    assert article.body.count(PAGE_BREAK) == 1
    assert page.console_errors == []
    assert page.foreign_requests == []


def test_editor_chooses_the_lead_photo_from_thumbnails(editor_page):
    page = editor_page
    for n, caption in enumerate(["Banjir di Ciputat", "Pelantikan pejabat", "Pasar Ciputat sepi", "Jalan rusak"]):
        make_photo(coloured((50 * n, 100, 200 - 40 * n)), alt_text=f"Foto {caption}", caption=caption,
                   credit="Dok. detakbanten.com")
    wanted = Photo.objects.get(caption="Pasar Ciputat sepi")
    article = make_article(section=make_section(), headline="Pasar Sepi Jelang Lebaran")
    open_article(page, article)
    assert page.locator("select[name=photo]").count() == 0
    expect(page.locator(".lead-photo-empty")).to_be_visible()

    page.get_by_role("button", name="Pilih dari pustaka foto").click()
    dialog = page.locator("dialog.photo-picker-dialog")
    expect(dialog).to_be_visible()
    tiles = dialog.locator(".photo-picker-photo")
    expect(tiles).to_have_count(4)
    page.wait_for_function("() => [...document.querySelectorAll('dialog .photo-picker-photo img')].every((img) => img.naturalWidth > 0)")
    dialog.get_by_label("Cari foto (keterangan, teks alternatif, atau kredit)").fill("ciputat")
    expect(tiles).to_have_count(2)
    dialog.locator(f".photo-picker-photo[data-photo='{wanted.pk}']").click()
    page.wait_for_function("() => [...document.querySelectorAll('dialog .photo-picker-photo img')].every((img) => img.naturalWidth > 0)")
    shot(page, "picker-lead-photo.png")
    dialog.get_by_role("button", name="Pakai foto ini").click()
    expect(dialog).to_be_hidden()
    current = page.locator(".lead-photo-current")
    expect(current).to_contain_text("Pasar Ciputat sepi")
    expect(current).to_contain_text("Foto: Dok. detakbanten.com")
    assert page.locator("#id_photo").input_value() == str(wanted.pk)
    assert page.locator("#change_id_photo").get_attribute("href").endswith(f"/news/photo/{wanted.pk}/change/?_to_field=id&_popup=1")
    save(page)
    assert Article.objects.get(pk=article.pk).photo == wanted
    page.goto(f"/redaksi/news/article/{article.pk}/change/")
    expect(page.locator(".lead-photo-current img")).to_have_attribute("src", wanted.rendition_url("1:1", 320))
    assert page.console_errors == []
    assert page.foreign_requests == []

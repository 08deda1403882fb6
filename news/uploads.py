"""Image upload from CKEditor's image dialog, into the photo library.

Replaces ckeditor_uploader's views, which skip CSRF protection, store SVG and
HTML, decode bombs whole and echo CKEditorFuncNum into a script. This view sits
behind the admin (login, staff, CSRF), takes only editors who may change
articles, and checks files exactly as the photo form does.
"""

import re

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.datastructures import MultiValueDict
from django.utils.html import escapejs

from . import photos
from .forms import EditorUploadForm

# Body images get one rendition: the article column (42rem) at twice its width.
BODY_WIDTH = 1024
_CALLBACK_NUMBER = re.compile(r"[0-9]{1,10}")
NO_DETAILS = (
    "Foto yang ditempel atau diseret tidak diunggah. Pakai tombol Gambar, tab Unggah, "
    "supaya teks alternatif dan kredit fotonya terisi."
)


def editor_upload(request):
    """Store an uploaded photo and answer in CKEditor 4's upload protocol."""
    if not request.user.has_perm("news.change_article"):
        raise PermissionDenied
    callback = request.GET.get("CKEditorFuncNum")
    if callback is not None and not _CALLBACK_NUMBER.fullmatch(callback):
        return HttpResponseBadRequest("CKEditorFuncNum harus berupa angka.", content_type="text/plain; charset=utf-8")
    # Pasted and dropped images arrive without the dialog's fields.
    if "alt_text" not in request.POST and "credit" not in request.POST:
        return answer(callback, error=NO_DETAILS)

    form = EditorUploadForm(request.POST, MultiValueDict({"file": request.FILES.getlist("upload")}))
    if not form.is_valid():
        return answer(callback, error=form.error_text())
    photo = form.save(commit=False)
    photo.uploaded_by = request.user
    photos.save_photo(photo, upload=form.cleaned_data["file"])
    rendition = photo.rendition("original", BODY_WIDTH, "jpg")
    return answer(
        callback,
        url=photo.file.storage.url(rendition.name),
        width=rendition.width,
        height=rendition.height,
        alt=photo.alt_text,
        # The editor inserts a reference to the library photo (news/body.py), not this URL.
        photo=photo.pk,
    )


def answer(callback, url="", error="", **details):
    # CKEditor reads errors from a 200 answer ("uploaded": 0); any other status
    # shows only a generic HTTP error instead of the message.
    if callback is None:
        if error:
            return JsonResponse({"uploaded": 0, "error": {"message": error}})
        return JsonResponse({"uploaded": 1, "fileName": url.rsplit("/", 1)[-1], "url": url, **details})
    # The older form upload expects a page that calls back into the editor; the
    # callback number is digits only and the strings are escaped for a script.
    script = f'window.parent.CKEDITOR.tools.callFunction({callback}, "{escapejs(url)}", "{escapejs(error)}");'
    return HttpResponse(f"<!DOCTYPE html><script>{script}</script>", content_type="text/html; charset=utf-8")

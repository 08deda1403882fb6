"""The photo library as the editor's picker sees it: thumbnails, search and pages, as JSON.

Behind the admin (login, staff) for anyone who may view the library. CKEditor's "Pustaka foto"
button (static/news/ckeditor/fotopustaka/) and the lead-photo field (news.widgets) both use it,
through static/js/photo-picker.js.
"""

import re

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse

from . import body
from .models import Photo
from .search import clean_query

PAGE_SIZE = 24
THUMBNAIL_WIDTH = 320
# A photo id as the database can hold it; anything else names no photo.
_ID = re.compile(r"[1-9][0-9]{0,17}")


def describe(photo):
    """What a picker shows of a photo, and what the editor inserts for it."""
    thumbnail = photo.rendition("1:1", THUMBNAIL_WIDTH, "jpg")
    preview = photo.rendition("original", body.EDITOR_WIDTH, "jpg")
    storage = photo.file.storage
    return {
        "id": photo.pk,
        "thumbnail": storage.url(thumbnail.name),
        "image": storage.url(preview.name),
        "width": preview.width,
        "height": preview.height,
        "alt": photo.alt_text,
        "caption": photo.caption,
        "credit": photo.credit,
    }


def photo_picker(request):
    """Library photos, newest first: ?q= searches caption, alt text and credit; ?page= pages; ?id= one photo."""
    if not request.user.has_perm("news.view_photo"):
        raise PermissionDenied
    photos = Photo.objects.order_by("-uploaded_at", "-id")
    if "id" in request.GET:
        wanted = request.GET["id"]
        if not _ID.fullmatch(wanted):
            return JsonResponse({"error": "Nomor foto tidak valid."}, status=400)
        photos = photos.filter(pk=int(wanted))
    words = clean_query(request.GET.get("q", ""))
    for word in words.split()[:8]:
        photos = photos.filter(Q(caption__icontains=word) | Q(alt_text__icontains=word) | Q(credit__icontains=word))
    # get_page() answers an unreadable page number with the first page, one past the end with the last.
    page = Paginator(photos, PAGE_SIZE).get_page(request.GET.get("page"))
    return JsonResponse({
        "results": [describe(photo) for photo in page.object_list],
        "q": words,
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "previous": page.previous_page_number() if page.has_previous() else None,
        "next": page.next_page_number() if page.has_next() else None,
    })

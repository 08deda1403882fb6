"""The newsroom's workflow: roles, transitions, retraction, share links, revisions.

Plain functions called by the admin and by commands alike.
"""

import difflib
import html
import re

import reversion
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from reversion.models import Version

from .models import Article, Author, Tag
PREVIEW_SALT = "news.preview"
CONTENT_FIELDS = ["headline", "subtitle", "lead", "body", "section_id", "dateline_id", "source_id"]
FIELD_LABELS = {
    "headline": "judul", "subtitle": "subjudul", "lead": "ringkasan", "body": "isi", "section_id": "kanal",
    "dateline_id": "dateline", "source_id": "sumber", "status": "status", "published_at": "waktu terbit",
    "tags": "tag", "authors": "penulis", "is_headline": "berita utama", "needs_verification": "perlu verifikasi",
    "is_advertorial": "advertorial",
}


def can_publish(user):
    return user.has_perm("news.publish_article")


def can_retract(user):
    return user.has_perm("news.retract_article")


def author_for(user):
    """The Author who signs this user's work, created on first need."""
    author = Author.objects.filter(user=user).first()
    if author is not None:
        return author
    # Initials as newsrooms print them ("Julius Lesmana Saputra" → jls), not the login name.
    name = user.get_full_name().strip()
    base = ("".join(word[0] for word in name.split() if word[0].isalnum()) or user.username or "user")[:10].lower()
    initials, number = base, 2
    while Author.objects.filter(initials__iexact=initials).exists():
        initials, number = f"{base}{number}", number + 1
    return Author.objects.create(user=user, name=user.get_full_name() or user.username, initials=initials)


def may_retract(user, article):
    """Only a story readers can see now is retracted; one that never went out is unpublished instead."""
    return can_retract(user) and article.is_public()


def may_edit(user, article):
    """Editors edit every article; reporters only their own, and only before publication."""
    if not user.has_perm("news.change_article"):
        return False
    if can_publish(user) or article is None:
        return True
    own = article.authors.filter(user=user).exists()
    return own and article.status in {Article.Status.DRAFT, Article.Status.REVIEW}


@transaction.atomic
def retract(article, user, reason):
    """Take a story down, keeping its URL to tell readers why (410 Gone)."""
    reason = reason.strip()
    if not reason:
        raise ValueError("Alasan pencabutan wajib diisi; pembaca akan membacanya.")
    if not article.is_public():
        raise ValueError("Hanya berita yang sedang tayang yang dapat dicabut.")
    with reversion.create_revision():
        article.status = Article.Status.RETRACTED
        article.retracted_at = timezone.now()
        article.retraction_reason = reason
        article.is_headline = False
        article.changed_by = user
        article.save()
        reversion.set_user(user)
        reversion.set_comment(f"Dicabut: {reason}")


def share_token(article):
    return signing.dumps(article.pk, salt=PREVIEW_SALT, compress=True)


def article_for_token(token):
    """The article a share link points at, or None when it expired or was tampered with."""
    try:
        pk = signing.loads(token, salt=PREVIEW_SALT, max_age=settings.PREVIEW_LINK_HOURS * 3600)
    except signing.BadSignature:
        return None
    # A retracted story is gone for everyone, links handed out before included.
    return Article.objects.for_page().exclude(status=Article.Status.RETRACTED).filter(pk=pk).first()


def share_expiry():
    return timezone.now() + timezone.timedelta(hours=settings.PREVIEW_LINK_HOURS)


def versions_of(article):
    return Version.objects.get_for_object(article).select_related("revision__user")


def version_fields(version):
    return version.field_dict


def changed_fields(old, new):
    """Labels of the fields that differ between two field dicts."""
    return [FIELD_LABELS.get(name, name) for name in FIELD_LABELS if name in old and old.get(name) != new.get(name)]


def current_fields(article):
    fields = {name: getattr(article, name) for name in FIELD_LABELS if name not in {"tags", "authors"}}
    fields["tags"] = sorted(article.tags.values_list("pk", flat=True))
    fields["authors"] = sorted(article.authors.values_list("pk", flat=True))
    return fields


def _words(html_text):
    text = html.unescape(strip_tags(re.sub(r"</(p|h\d|li|blockquote)>", "\n\n", html_text or "")))
    return re.findall(r"\S+|\n\n", text)


def diff_html(old, new):
    """A word-level diff of two HTML texts, as escaped HTML with <del> and <ins>."""
    old_words, new_words = _words(old), _words(new)
    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(html.escape(w) for w in old_words[a1:a2]))
        if op in {"delete", "replace"}:
            out.append("<del>" + " ".join(html.escape(w) for w in old_words[a1:a2]) + "</del>")
        if op in {"insert", "replace"}:
            out.append("<ins>" + " ".join(html.escape(w) for w in new_words[b1:b2]) + "</ins>")
    return " ".join(out).replace("\n\n", "<br><br>")


def _still_exists(article, name, value):
    """A foreign key from an old revision may point at a section or source deleted since."""
    if not name.endswith("_id") or value is None:
        return True
    related = Article._meta.get_field(name.removesuffix("_id")).related_model
    return related._default_manager.filter(pk=value).exists()


@transaction.atomic
def restore(article, version, user):
    """Bring back a revision's text; status and schedule stay as they are now."""
    old = version.field_dict
    with reversion.create_revision():
        for name in CONTENT_FIELDS:
            if name in old and _still_exists(article, name, old[name]):
                setattr(article, name, old[name])
        article.changed_by = user
        article.save()
        if "tags" in old:
            # Tags deleted since are left out rather than failing the restore.
            article.tags.set(Tag.objects.filter(pk__in=old["tags"]))
        reversion.set_user(user)
        reversion.set_comment(f"Dipulihkan dari revisi {timezone.localtime(version.revision.date_created):%d-%m-%Y %H:%M}")

"""The newsroom's workflow: every change of an article's status, and every write of its text.

One function per transition: send to review, back to draft, publish (now or at a time to
come), unpublish, retract, restore a revision, add a correction, save an edit, import. Each
one locks the stored row, checks that it is still the version the person saw, checks that
the person may do it, writes only the fields it owns, and records the status change and a
revision, in one transaction. The admin, its actions, the importers and the shell call
these; Article.save() only derives fields.

`user` is the person who asks, or None for the system (a command run by the operator).
"""

import difflib
import html
import re

import reversion
from django.conf import settings
from django.core import signing
from django.db import models, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from reversion.models import Version

from . import caching
from .formats import long_datetime
from .models import Article, Author, Correction, StatusChange, Tag

PREVIEW_SALT = "news.preview"
CONTENT_FIELDS = ["headline", "subtitle", "lead", "body", "section_id", "dateline_id", "source_id"]
# What readers read: a change to these on a live story tells them it was updated.
TEXT_FIELDS = ["headline", "subtitle", "lead", "body"]
# Owned by the transitions; an edit of the text never writes them.
NOT_EDITABLE = {
    "id", "status", "published_at", "editor", "retracted_at", "retraction_reason", "version", "modified_at",
    "import_key", "created_at", "updated_at", "search_vector",
}
FIELD_LABELS = {
    "headline": "judul", "subtitle": "subjudul", "lead": "ringkasan", "body": "isi", "section_id": "kanal",
    "dateline_id": "dateline", "source_id": "sumber", "status": "status", "published_at": "waktu terbit",
    "tags": "tag", "authors": "penulis", "is_headline": "berita utama", "needs_verification": "perlu verifikasi",
    "is_advertorial": "advertorial", "headline_order": "urutan berita utama", "is_editors_pick": "pilihan redaksi",
    "pick_order": "urutan pilihan redaksi", "breaking_until": "breaking", "breaking_banner": "banner breaking",
    "seo_title": "judul SEO", "meta_description": "deskripsi meta",
}
# The front page's arrangement: who may change it, and the one door it goes through (curate, arrange).
CURATION_FIELDS = ["is_headline", "headline_order", "is_editors_pick", "pick_order", "breaking_until", "breaking_banner"]
# The two ordered lists of the front page: the flag that puts a story in it, and the field that orders it.
CURATED_LISTS = {"headline": ("is_headline", "headline_order"), "pick": ("is_editors_pick", "pick_order")}
CURATED_LABELS = {"headline": "berita utama", "pick": "Pilihan Redaksi"}
Status = Article.Status


class Refused(Exception):
    """A change that may not happen; the message is for the person who asked for it."""


class Conflict(Refused):
    """The article was saved by someone else after the person opened it."""

    def __init__(self, current, seen_version):
        self.current = current
        self.seen_version = seen_version
        super().__init__(conflict_message(current, seen_version))


def conflict_message(current, seen_version):
    versions = list(versions_of(current))
    latest = versions[0] if versions else None
    who = display_name(latest.revision.user) if latest and latest.revision.user else "pengguna lain"
    seen = next((v for v in versions if v.field_dict.get("version") == seen_version), None)
    changed = changed_fields(seen.field_dict, current_fields(current)) if seen else []
    what = f" (yang diubah: {', '.join(changed)})" if changed else ""
    return (
        f"Berita ini sudah disimpan oleh {who} pada {long_datetime(current.updated_at)}{what} setelah Anda "
        "membukanya. Perubahan Anda belum disimpan dan masih ada di formulir ini. Salin teks Anda, lalu buka ulang "
        "berita untuk melihat versi terbaru; atau simpan sekali lagi bila Anda memang ingin menimpa perubahan tersebut."
    )


def display_name(user):
    return user.get_full_name() or user.get_username()


# Who may do what.

def can_publish(user):
    return user is None or user.has_perm("news.publish_article")


def can_retract(user):
    return user is None or user.has_perm("news.retract_article")


def may_retract(user, article):
    """Only a story readers can see now is retracted; one that never went out is unpublished instead."""
    return can_retract(user) and article.is_public()


def may_edit(user, article):
    """Editors edit every article; reporters only their own, and only before publication."""
    if user is None:
        return True
    if not user.has_perm("news.change_article"):
        return False
    if can_publish(user) or article is None:
        return True
    own = article.authors.filter(user=user).exists()
    return own and article.status in {Status.DRAFT, Status.REVIEW}


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


# The machinery every transition shares.

def _require(allowed, message):
    if not allowed:
        raise Refused(message)


def _lock(article, seen_version=None):
    """The stored row, locked until the transaction ends; Conflict when it moved on from seen_version."""
    row = Article.objects.select_for_update().filter(pk=article.pk).first()
    if row is None:
        raise Refused("Berita ini sudah dihapus.")
    if seen_version is not None and row.version != seen_version:
        raise Conflict(row, seen_version)
    # The pages that show the story now; they learn of the change once it commits (_save).
    row.shown_on = caching.story_tags(row) if row.status == Status.PUBLISHED else set()
    return row


def _save(row, fields, user, comment):
    """Write fields of the locked row (and what save() derives from them) and add it to the revision."""
    row.save(update_fields=fields)
    reversion.add_to_revision(row)
    if user is not None:
        reversion.set_user(user)
    reversion.set_comment(comment)
    _tell_caches(row, getattr(row, "shown_on", set()))


def _tell_caches(row, shown_on):
    """Cached pages that showed the story, or will, learn of the change once the transaction commits."""
    if shown_on or row.status == Status.PUBLISHED:
        caching.story_changed(row.pk, shown_on)
    if row.is_scheduled():
        caching.scheduled_at(row.published_at)


def _move(row, user, to_status, fields=(), comment=None):
    """Give the locked row a new status and the fields the transition owns; record who did it."""
    from_status = row.status
    row.status = to_status
    _save(row, ["status", *fields], user, comment or f"Status: {row.get_status_display()}")
    if from_status != to_status:
        StatusChange.objects.create(article=row, user=user, from_status=from_status, to_status=to_status)


def _sync(article, row):
    """The caller's instance gets what is stored now, so a later save from it cannot write old values."""
    if article is not row:
        for field in Article._meta.concrete_fields:
            if field.attname in row.__dict__:
                setattr(article, field.attname, getattr(row, field.attname))
        article.remember_stored_state()
    return article


def _sign_as_editor(row, user):
    """The editor who sends a story out signs it; a system import leaves the sign-off alone."""
    if user is not None and can_publish(user):
        row.editor = author_for(user)
        return ["editor"]
    return []


# The transitions.

def send_to_review(article, user, *, seen_version=None):
    """A draft goes to the editors' queue."""
    with transaction.atomic(), reversion.create_revision():
        row = _lock(article, seen_version)
        _require(may_edit(user, row), "Anda tidak boleh mengubah berita ini.")
        _require(row.status == Status.DRAFT, "Hanya draf yang dapat dikirim ke review.")
        _move(row, user, Status.REVIEW, comment="Dikirim ke review")
    return _sync(article, row)


def back_to_draft(article, user, *, seen_version=None):
    """A story waiting for review goes back to its writer's drafts."""
    with transaction.atomic(), reversion.create_revision():
        row = _lock(article, seen_version)
        _require(may_edit(user, row), "Anda tidak boleh mengubah berita ini.")
        _require(row.status == Status.REVIEW, "Hanya berita yang menunggu review yang dapat dikembalikan menjadi draf.")
        _move(row, user, Status.DRAFT, comment="Dikembalikan menjadi draf")
    return _sync(article, row)


def publish(article, user, *, at=None, seen_version=None):
    """Publish now, or at `at`; a time to come schedules it, and readers see it then without a cron job."""
    now = timezone.now()
    at = at or now
    with transaction.atomic(), reversion.create_revision():
        row = _lock(article, seen_version)
        _require(can_publish(user), "Hanya redaktur yang boleh menerbitkan atau menjadwalkan berita.")
        _require(row.status != Status.RETRACTED, "Berita yang sudah dicabut tidak dapat diterbitkan lagi.")
        was_published = row.status == Status.PUBLISHED
        if was_published and row.published_at == at:
            return _sync(article, row)
        row.published_at = at
        # A time change of a story already out is not a new sign-off.
        signed = [] if was_published and row.editor_id else _sign_as_editor(row, user)
        scheduled = at > now
        comment = f"Dijadwalkan terbit {long_datetime(at)}" if scheduled else "Diterbitkan"
        _move(row, user, Status.PUBLISHED, ["published_at", *signed], comment)
    return _sync(article, row)


def schedule(article, user, *, at, seen_version=None):
    """Publish at a time to come."""
    if at <= timezone.now():
        raise Refused("Waktu terbit jadwal harus di masa mendatang.")
    return publish(article, user, at=at, seen_version=seen_version)


def unpublish(article, user, *, to_status=Status.DRAFT, seen_version=None):
    """Take a published or scheduled story off the site, back to the drafts (or the review queue)."""
    with transaction.atomic(), reversion.create_revision():
        row = _lock(article, seen_version)
        _require(can_publish(user), "Hanya redaktur yang boleh menarik berita.")
        _require(row.status == Status.PUBLISHED, "Hanya berita terbit atau terjadwal yang dapat ditarik.")
        _move(row, user, to_status, comment="Ditarik menjadi draf" if to_status == Status.DRAFT else "Ditarik ke review")
    return _sync(article, row)


def retract(article, user, reason, *, seen_version=None):
    """Take a story down, keeping its URL to tell readers why (410 Gone)."""
    reason = reason.strip()
    if not reason:
        raise Refused("Alasan pencabutan wajib diisi; pembaca akan membacanya.")
    with transaction.atomic(), reversion.create_revision():
        row = _lock(article, seen_version)
        _require(can_retract(user), "Hanya redaktur yang boleh mencabut berita.")
        _require(row.is_public(), "Hanya berita yang sedang tayang yang dapat dicabut.")
        row.retracted_at = timezone.now()
        row.retraction_reason = reason
        row.is_headline = False
        _move(row, user, Status.RETRACTED, ["retracted_at", "retraction_reason", "is_headline"], f"Dicabut: {reason}")
    return _sync(article, row)


def move_to(article, user, status, published_at=None, *, seen_version=None):
    """The transition that takes article to status (and, when published, to published_at)."""
    current = article.status
    if status == Status.PUBLISHED:
        return publish(article, user, at=published_at, seen_version=seen_version)
    if current == Status.PUBLISHED:
        return unpublish(article, user, to_status=status, seen_version=seen_version)
    if status == Status.REVIEW:
        return send_to_review(article, user, seen_version=seen_version)
    if status == Status.DRAFT:
        return back_to_draft(article, user, seen_version=seen_version)
    raise Refused("Perubahan status ini tidak dapat dilakukan di sini.")


def edit(article, user, *, fields, seen_version=None):
    """Save what the person changed on the article (the names in `fields`), then the change of status they chose.

    Values come from `article`. "status" and "published_at" among the fields go through the
    transitions above, so an edit never writes a status itself.
    """
    moving = {"status", "published_at"} & set(fields)
    # Tags and authors are set by whoever holds the form (the admin's save_related), after this.
    fields = [
        name for name in dict.fromkeys(fields)
        if name not in NOT_EDITABLE and not Article._meta.get_field(name).many_to_many
    ]
    wanted = (article.status, article.published_at)
    with transaction.atomic(), reversion.create_revision():
        row = _lock(article, seen_version)
        _require(may_edit(user, row), "Anda tidak boleh mengubah berita ini.")
        _require(
            can_publish(user) or not set(CURATION_FIELDS) & set(fields),
            "Hanya redaktur yang boleh mengatur berita utama, Pilihan Redaksi dan breaking.",
        )
        attnames = [Article._meta.get_field(name).attname for name in fields]
        before = row.reader_text()
        had_banner = row.breaking_banner and row.is_breaking()
        for name in attnames:
            setattr(row, name, getattr(article, name))
        if moving and wanted[0] == row.status != Status.PUBLISHED:
            # A time planned for a draft is only a note until someone publishes it.
            row.published_at = wanted[1]
            attnames.append("published_at")
        if attnames:
            if row.is_public() and _text_changes(before, row):
                # Readers were already reading it: they are owed the time it changed.
                row.modified_at = timezone.now()
                attnames.append("modified_at")
            _save(row, attnames, user, "Disunting")
            _tell_front_page(row, had_banner, attnames)
        if moving and wanted != (row.status, row.published_at):
            move_to(row, user, *wanted, seen_version=row.version)
    return _sync(article, row)


def _text_changes(before, row):
    after = row.reader_text()
    # The summary taken from the body follows it; compare what save() will store.
    if after["body"] != before["body"] and (not after["lead"].strip() or row.has_derived_lead_from_old_body()):
        after["lead"] = row.lead_from_body()
    return after != before


def create(article, user, *, comment="Dibuat"):
    """A new article, in the status it was written with; publishing it is an editor's to do."""
    if article.status == Status.PUBLISHED:
        _require(can_publish(user), "Hanya redaktur yang boleh menerbitkan atau menjadwalkan berita.")
    _require(article.status != Status.RETRACTED, "Berita baru tidak dapat langsung dicabut.")
    with transaction.atomic(), reversion.create_revision():
        if article.status == Status.PUBLISHED:
            _sign_as_editor(article, user)
        article.save()
        reversion.add_to_revision(article)
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(comment)
        StatusChange.objects.create(article=article, user=user, from_status="", to_status=article.status)
        _tell_caches(article, set())
    return article


def restore(article, version, user, *, seen_version=None):
    """Bring back a revision's text; status and schedule stay as they are now."""
    old = version.field_dict
    with transaction.atomic(), reversion.create_revision():
        row = _lock(article, seen_version)
        _require(may_edit(user, row), "Anda tidak boleh mengubah berita ini.")
        _require(row.status != Status.RETRACTED, "Berita yang sudah dicabut tidak dapat dipulihkan.")
        before = row.reader_text()
        fields = [name for name in CONTENT_FIELDS if name in old and _still_exists(name, old[name])]
        for name in fields:
            setattr(row, name, old[name])
        if row.is_public() and _text_changes(before, row):
            row.modified_at = timezone.now()
            fields.append("modified_at")
        _save(row, fields, user, f"Dipulihkan dari revisi {timezone.localtime(version.revision.date_created):%d-%m-%Y %H:%M}")
        if "tags" in old:
            # Tags deleted since are left out rather than failing the restore.
            row.tags.set(Tag.objects.filter(pk__in=old["tags"]))
    return _sync(article, row)


def add_correction(article, user, *, kind, text, correction=None, seen_version=None):
    """A ralat, koreksi or hak jawab on the article (saved into `correction` when the admin made one).

    Readers and feeds then see the story as updated.
    """
    text = (text or "").strip()
    if not text:
        raise Refused("Isi ralat, koreksi atau hak jawab wajib diisi.")
    with transaction.atomic(), reversion.create_revision():
        row = _lock(article, seen_version)
        _require(user is None or user.has_perm("news.add_correction"), "Hanya redaktur yang boleh menambah ralat.")
        correction = correction or Correction()
        correction.article, correction.kind, correction.text = row, kind, text
        correction.created_by = user
        correction.created_at = timezone.now()
        correction.save()
        row.modified_at = correction.created_at
        _save(row, ["modified_at"], user, f"{correction.get_kind_display()} ditambahkan")
    _sync(article, row)
    return correction


def import_article(article, fields, *, status=None, published_at=None, authors=None, comment):
    """Create or update an imported article, the system being the user: its text, then its status.

    status and published_at change the stored ones only when given; a new article is
    published unless told otherwise.
    """
    with transaction.atomic(), reversion.create_revision():
        for name, value in fields.items():
            setattr(article, name, value)
        if article.pk is None:
            article.status = status or Status.PUBLISHED
            article.published_at = published_at
            create(article, None)
        else:
            moving = []
            if status is not None:
                article.status, moving = status, ["status"]
            if published_at is not None:
                article.published_at, moving = published_at, [*moving, "published_at"]
            edit(article, None, fields=[*fields, *moving])
        if authors is not None:
            article.authors.set(authors)
        reversion.set_comment(comment)
    return article


# The front page: headlines, Pilihan Redaksi, breaking.

def curate(article, user, *, seen_version=None, **flags):
    """Change the story's place on the front page (CURATION_FIELDS) without touching its text or status.

    A story put into a list goes to its end; breaking_until is a time to come or None.
    """
    unknown = set(flags) - set(CURATION_FIELDS)
    if unknown:
        raise ValueError(f"not curation fields: {', '.join(sorted(unknown))}")
    until = flags.get("breaking_until")
    if until is not None and until <= timezone.now():
        raise Refused("Waktu akhir breaking harus di masa mendatang.")
    with transaction.atomic(), reversion.create_revision():
        row = _lock(article, seen_version)
        _require(can_publish(user), "Hanya redaktur yang boleh mengatur berita utama, Pilihan Redaksi dan breaking.")
        showing = any(flags.get(name) for name in ("is_headline", "is_editors_pick", "breaking_until", "breaking_banner"))
        _require(
            row.status != Status.RETRACTED or not showing,
            "Berita yang sudah dicabut tidak dapat ditampilkan di halaman depan.",
        )
        for kind, (flag, order) in CURATED_LISTS.items():
            if flags.get(flag) and not getattr(row, flag) and order not in flags:
                flags[order] = _end_of(kind)
        if flags.get("breaking_until") is None and "breaking_until" in flags:
            # A banner belongs to a breaking story; ending it ends both.
            flags["breaking_banner"] = False
        changed = [name for name, value in flags.items() if getattr(row, name) != value]
        if not changed:
            return _sync(article, row)
        had_banner = row.breaking_banner and row.is_breaking()
        for name in changed:
            setattr(row, name, flags[name])
        _save(row, changed, user, "Halaman depan: " + ", ".join(_curation_note(row, name) for name in changed))
        _tell_front_page(row, had_banner, changed)
    return _sync(article, row)


def _tell_front_page(row, had_banner, changed):
    """Cached pages learn of a breaking story's end in time, and every page of a banner that came or went."""
    if row.is_breaking():
        # Its label and banner end on their own: the first request after that renews the pages.
        caching.scheduled_at(row.breaking_until)
    has_banner = row.breaking_banner and row.is_breaking()
    if had_banner != has_banner or (has_banner and {"breaking_until", "headline"} & set(changed)):
        # The banner is on every page of the site.
        caching.invalidate_on_commit({caching.SITE})


def _end_of(kind):
    flag, order = CURATED_LISTS[kind]
    last = Article.objects.filter(**{flag: True}).aggregate(last=models.Max(order))["last"]
    return min((last or 0) + 1, 32767)


def _curation_note(row, name):
    value = getattr(row, name)
    if name == "breaking_until":
        return f"breaking sampai {long_datetime(value)}" if value else "breaking diakhiri"
    if isinstance(value, bool):
        return f"{FIELD_LABELS[name]} {'ya' if value else 'tidak'}"
    return f"{FIELD_LABELS[name]} {value}"


def curated(kind):
    """The stories of a front-page list (CURATED_LISTS) as readers get them: published, in the editors' order."""
    flag, order = CURATED_LISTS[kind]
    return Article.objects.published().filter(**{flag: True}).order_by(order, "-published_at", "-pk")


def arrange(article, user, kind, step, *, seen_version=None):
    """Move a story up (step -1) or down (+1) its front-page list; the list is numbered 1, 2, 3… afterwards."""
    flag, order = CURATED_LISTS[kind]
    with transaction.atomic(), reversion.create_revision():
        _require(can_publish(user), "Hanya redaktur yang boleh mengatur berita utama, Pilihan Redaksi dan breaking.")
        # Every row of the list is locked, in one order for everyone, before any is read for its place.
        listed = list(curated(kind).select_for_update().order_by("pk").values_list("pk", flat=True))
        row = _lock(article, seen_version)
        ordered = list(curated(kind).filter(pk__in=listed))
        place = next((n for n, story in enumerate(ordered) if story.pk == row.pk), None)
        _require(place is not None, f"Berita ini tidak ada di daftar {CURATED_LABELS[kind]}.")
        target = place + step
        if not 0 <= target < len(ordered):
            return _sync(article, row)
        ordered[place], ordered[target] = ordered[target], ordered[place]
        for number, story in enumerate(ordered, start=1):
            story = row if story.pk == row.pk else story
            if getattr(story, order) != number:
                story.shown_on = caching.story_tags(story)
                setattr(story, order, number)
                _save(story, [order], user, f"Halaman depan: {FIELD_LABELS[order]} {number}")
    return _sync(article, row)


# Share links for previews.

def share_token(article):
    return signing.dumps(article.pk, salt=PREVIEW_SALT, compress=True)


def article_for_token(token):
    """The article a share link points at, or None when it expired or was tampered with."""
    try:
        pk = signing.loads(token, salt=PREVIEW_SALT, max_age=settings.PREVIEW_LINK_HOURS * 3600)
    except signing.BadSignature:
        return None
    # A retracted story is gone for everyone, links handed out before included.
    return Article.objects.for_page().exclude(status=Status.RETRACTED).filter(pk=pk).first()


def share_expiry():
    return timezone.now() + timezone.timedelta(hours=settings.PREVIEW_LINK_HOURS)


# Revisions.

def versions_of(article):
    return Version.objects.get_for_object(article).select_related("revision__user")


def history(article):
    """The article's one history, newest first: every revision (who, what changed, which one is live),
    with the status change and the correction recorded in the same save, and status changes older
    than any revision (an import before revisions were kept).

    Each entry is a dict: at, who, kinds (labels such as "Teks", "Status"), changes (what, in words),
    version (the reversion Version, for the diff), live.
    """
    versions = list(versions_of(article))
    status_changes = list(article.status_changes.select_related("user"))
    corrections = list(article.corrections.select_related("created_by"))
    entries = []
    for n, version in enumerate(versions):
        fields = version.field_dict
        older = versions[n + 1].field_dict if n + 1 < len(versions) else None
        entries.append(_history_entry(version, fields, older, status_changes, corrections))
    live = article.version if article.is_public() else None
    for entry in entries:
        entry["live"] = live is not None and entry["version"].field_dict.get("version") == live
        entry["current"] = entry["version"].field_dict.get("version") == article.version
    for change in status_changes:
        entries.append({"at": change.changed_at, "who": _who(change.user), "kinds": ["Status"],
                        "changes": [f"Status: {change}"], "version": None, "live": False, "current": False})
    for correction in corrections:
        entries.append({"at": correction.created_at, "who": _who(correction.created_by),
                        "kinds": [correction.get_kind_display()],
                        "changes": [f"{correction.get_kind_display()}: {correction.text}"],
                        "version": None, "live": False, "current": False})
    entries.sort(key=lambda entry: entry["at"], reverse=True)
    return entries


HISTORY_MATCH_SECONDS = 5


def _who(user):
    return display_name(user) if user is not None else "sistem"


def _history_entry(version, fields, older, status_changes, corrections):
    """One revision in words; the status change and correction saved with it are taken out of the lists."""
    revision = version.revision
    kinds, changes = [], []

    def same_save(at, user_id):
        return abs((at - revision.date_created).total_seconds()) < HISTORY_MATCH_SECONDS and user_id == revision.user_id

    comment = revision.comment or ""
    created = any(change.from_status == "" and same_save(change.changed_at, change.user_id) for change in status_changes)
    if older is None:
        # The oldest revision kept; an article imported before revisions were kept has an older start.
        kinds.append("Dibuat" if created or comment == "Dibuat" else "Disimpan")
    else:
        text = [FIELD_LABELS[name] for name in TEXT_FIELDS if fields.get(name) != older.get(name)]
        other = [label for label in changed_fields(older, fields)
                 if label not in text and label not in {"status", "waktu terbit"}
                 and label not in {FIELD_LABELS[name] for name in CURATION_FIELDS}]
        if text or other:
            kinds.append("Teks")
            changes.append("Diubah: " + ", ".join([*text, *other]))
        at = _as_datetime(fields.get("published_at"))
        if at != _as_datetime(older.get("published_at")) and fields.get("status") == Status.PUBLISHED and at:
            if at > revision.date_created:
                kinds.append("Jadwal")
                changes.append(f"Dijadwalkan terbit {long_datetime(at)}")
            elif older.get("status") == Status.PUBLISHED:
                kinds.append("Jadwal")
                changes.append(f"Waktu terbit: {long_datetime(at)}")
        if any(fields.get(name) != older.get(name) for name in CURATION_FIELDS):
            kinds.append("Halaman depan")
    for change in list(status_changes):
        if change.to_status == fields.get("status") and same_save(change.changed_at, change.user_id):
            status_changes.remove(change)
            kinds.append("Status")
            changes.append(f"Status: {change}")
            break
    for correction in list(corrections):
        if same_save(correction.created_at, correction.created_by_id) and "ditambahkan" in comment:
            corrections.remove(correction)
            kinds.append(correction.get_kind_display())
            changes.append(f"{correction.get_kind_display()}: {correction.text}")
            break
    if comment.startswith("Dipulihkan"):
        kinds.append("Pemulihan")
    if comment.startswith("Dicabut") or (not changes and comment and comment not in {"Dibuat", "Disunting"}):
        changes.append(comment)
    return {
        "at": revision.date_created, "who": _who(revision.user), "kinds": list(dict.fromkeys(kinds)) or ["Disimpan"],
        "changes": changes, "comment": comment, "version": version,
    }


def _as_datetime(value):
    """A datetime from a revision's field dict (reversion keeps it as a datetime, or as text in old revisions)."""
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        return parse_datetime(value)
    return value


def changed_fields(old, new):
    """Labels of the fields that differ between two field dicts."""
    return [FIELD_LABELS.get(name, name) for name in FIELD_LABELS if name in old and old.get(name) != new.get(name)]


def current_fields(article):
    fields = {name: getattr(article, name) for name in FIELD_LABELS if name not in {"tags", "authors"}}
    fields["tags"] = sorted(article.tags.values_list("pk", flat=True))
    fields["authors"] = sorted(article.authors.values_list("pk", flat=True))
    return fields


def _words(html_text):
    """The words of an HTML text, with one "\n\n" between paragraphs (an empty paragraph makes no second one)."""
    text = html.unescape(strip_tags(re.sub(r"</(p|h\d|li|blockquote|div|figcaption)>|<br\s*/?>", "\n\n", html_text or "")))
    words = []
    for word in re.findall(r"[^\s\xa0]+|\n\n", text):
        if word == "\n\n" and (not words or words[-1] == "\n\n"):
            continue
        words.append(word)
    return words[:-1] if words and words[-1] == "\n\n" else words


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
    # A paragraph break is one line break with a gap the stylesheet sets (.revision-diff br), never two.
    return re.sub(r"\s*\n\n\s*", "<br>", " ".join(out))


def _still_exists(name, value):
    """A foreign key from an old revision may point at a section or source deleted since."""
    if not name.endswith("_id") or value is None:
        return True
    related = Article._meta.get_field(name.removesuffix("_id")).related_model
    return related._default_manager.filter(pk=value).exists()

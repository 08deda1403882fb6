"""manage.py backup FILE.tar.gz: the site's content and media in one archive, for manage.py restore.

The archive holds, in this order:

- data/NN-app-model.jsonl: every row of the news app, the revisions (django-reversion), the
  accounts and groups and the admin's history, as Django's JSON Lines with natural keys for
  users, groups, permissions and content types (which are then found by name on restore);
- media/<name>: every file of the default storage (photos and their renditions), read
  through the storage API, so it works the same on a disk and on S3;
- manifest.json: the format, the migrations the data was written under, and each file's
  size and SHA-256, checked before restore changes anything.
"""

import contextlib
import datetime
import hashlib
import io
import json
import os
import posixpath
import tarfile
import tempfile
import time
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "detakbanten-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "data/"
MEDIA_DIR = "media/"
# Besides the news app: revisions, accounts and groups, and the admin's history of changes.
# Permissions and content types are made by migrate; the data names them by natural key.
OTHER_MODELS = ["reversion.Revision", "reversion.Version", "auth.Group", "auth.User", "admin.LogEntry"]
# Derived by the database from the text (a trigger on PostgreSQL, migration 0006): never stored.
SKIPPED_FIELDS = {"news.article": {"search_vector"}}
# Photos are already compressed; harder gzip only costs time.
COMPRESSLEVEL = 6
CHUNK_SIZE = 2000


class FullPrecisionEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder rounds times to the millisecond; a backup keeps them as they are stored."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def backed_up_models():
    """The models a backup holds, each after the ones it names by natural key."""
    models = [*apps.get_app_config("news").get_models(), *(apps.get_model(label) for label in OTHER_MODELS)]
    return serializers.sort_dependencies([(None, models)], allow_cycles=True)


def data_file_name(position, model):
    return f"{DATA_DIR}{position:02d}-{model._meta.app_label}-{model._meta.model_name}.jsonl"


def one_line(error):
    """An exception as one line for the person running the command: no traceback, no second line."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def megabytes(size):
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def dump(model, stream):
    """Write every row of model to stream as JSON Lines; return how many."""
    options = model._meta
    skipped = SKIPPED_FIELDS.get(options.label_lower, set())
    queryset = model._base_manager.order_by("pk")
    # Natural keys are read from the related row: fetch those rows with the query, not one by one.
    natural = [field.name for field in options.local_fields
               if field.is_relation and hasattr(field.related_model, "natural_key")]
    if natural:
        queryset = queryset.select_related(*natural)
    prefetch = [field.name for field in options.local_many_to_many]
    prefetch += [f"{field.name}__content_type" for field in options.local_many_to_many
                 if field.related_model._meta.label_lower == "auth.permission"]
    if prefetch:
        queryset = queryset.prefetch_related(*prefetch)
    fields = None
    if skipped:
        queryset = queryset.defer(*skipped)
        fields = [field.name for field in [*options.local_fields, *options.local_many_to_many]
                  if field.serialize and field.name not in skipped]
    rows = 0

    def counted(objects):
        nonlocal rows
        for obj in objects:
            rows += 1
            yield obj

    serializers.serialize(
        "jsonl", counted(queryset.iterator(chunk_size=CHUNK_SIZE)), stream=stream, fields=fields,
        use_natural_foreign_keys=True, use_natural_primary_keys=True, cls=FullPrecisionEncoder,
    )
    return rows


@contextlib.contextmanager
def snapshot():
    """Every table as it was at one moment, however long the dump takes."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def applied_migrations(models):
    """The migrations applied here for the apps of models, to check a restore against."""
    labels = {model._meta.app_label for model in models} | {"contenttypes"}
    applied = MigrationRecorder(connection).applied_migrations()
    return {label: sorted(name for app, name in applied if app == label) for label in sorted(labels)}


def media_names(storage, folder=""):
    """Every file in storage under folder, sorted, through the storage API (listdir works on S3 too)."""
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for name in sorted(folders):
        yield from media_names(storage, posixpath.join(folder, name) if folder else name)


def sha256_of(path):
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def add_member(archive, name, stream, size):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(time.time()), 0o644
    archive.addfile(info, stream)


class Command(BaseCommand):
    help = (
        "Mencadangkan isi situs ke satu berkas .tar.gz: semua berita beserta kanal, dateline, sumber, tag, "
        "penulis, foto, ralat, riwayat status dan jumlah baca; revisi; akun pengguna dan grup; riwayat admin; "
        "dan semua berkas media (foto dan rendisinya). Pulihkan dengan manage.py restore."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas cadangan yang ditulis, misalnya cadangan-2024-01-05.tar.gz.")

    def handle(self, *args, file, **options):
        target = Path(file)
        if target.is_dir():
            raise CommandError(
                f"{file} adalah folder; sebutkan nama berkas, misalnya {file.rstrip('/')}/cadangan.tar.gz."
            )
        if not target.parent.is_dir():
            raise CommandError(f"Folder {target.parent} tidak ada.")
        # The rows wait beside the target, where there is room for the archive, not in a small /tmp.
        with tempfile.TemporaryDirectory(prefix=".detakbanten-backup-", dir=target.parent) as work:
            work = Path(work)
            models = backed_up_models()
            data = []
            try:
                with snapshot():
                    for position, model in enumerate(models, start=1):
                        name = data_file_name(position, model)
                        path = work / posixpath.basename(name)
                        with open(path, "w", encoding="utf-8") as stream:
                            rows = dump(model, stream)
                        data.append({"file": name, "model": model._meta.label_lower, "rows": rows,
                                     "size": path.stat().st_size, "sha256": sha256_of(path)})
                    migrations = applied_migrations(models)
            except DatabaseError as error:
                raise CommandError(f"Basis data tidak dapat dibaca: {one_line(error)}") from error
            # Written beside the target and renamed at the end: the name never holds half an archive.
            try:
                descriptor, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            except OSError as error:
                raise CommandError(
                    f"Berkas cadangan tidak dapat ditulis di {target.parent}: {one_line(error)}"
                ) from None
            os.close(descriptor)
            try:
                media = self.write_archive(Path(partial), work, data, migrations)
                os.replace(partial, target)
            except BaseException:
                Path(partial).unlink(missing_ok=True)
                raise
        rows = {entry["model"]: entry["rows"] for entry in data}
        self.stdout.write(self.style.SUCCESS(
            f"Cadangan tersimpan di {target}: {rows['news.article']} berita, {rows['reversion.revision']} revisi, "
            f"{rows['auth.user']} pengguna, {len(media)} berkas media ({megabytes(target.stat().st_size)} MB)."
        ))

    def write_archive(self, path, work, data, migrations):
        media = []
        try:
            with tarfile.open(path, "w:gz", compresslevel=COMPRESSLEVEL, format=tarfile.PAX_FORMAT) as archive:
                for entry in data:
                    with open(work / posixpath.basename(entry["file"]), "rb") as stream:
                        add_member(archive, entry["file"], stream, entry["size"])
                for name in media_names(default_storage):
                    try:
                        with default_storage.open(name, "rb") as stream:
                            content = stream.read()
                    except OSError as error:
                        raise CommandError(f"Berkas media {name} tidak dapat dibaca: {one_line(error)}") from None
                    add_member(archive, MEDIA_DIR + name, io.BytesIO(content), len(content))
                    media.append({"file": MEDIA_DIR + name, "size": len(content),
                                  "sha256": hashlib.sha256(content).hexdigest()})
                manifest = json.dumps({
                    "format": FORMAT, "version": VERSION, "created_at": timezone.now().isoformat(),
                    "database": connection.vendor, "migrations": migrations, "data": data, "media": media,
                }, ensure_ascii=False, indent=1).encode()
                add_member(archive, MANIFEST, io.BytesIO(manifest), len(manifest))
        except OSError as error:
            raise CommandError(f"Berkas cadangan tidak dapat ditulis: {one_line(error)}") from None
        return media

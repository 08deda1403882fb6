"""manage.py backup and restore: every row and every media file comes back, on SQLite and on PostgreSQL."""

import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models.fields.files import FieldFile
from django.test import TestCase, override_settings
from django.utils import timezone
from reversion.models import Revision, Version

from news import photos, workflow
from news import search as full_text
from news.models import Article, Correction, EditSession, Section, ViewCount

from .factories import TemporaryMediaMixin, make_article, make_dateline, make_photo, make_section, make_source, make_tag

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "kata-sandi-redaksi-uji-2024"
# Restore empties every cache; the test's own, so that no other process's cache is touched.
TEST_CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"backup-test-{alias}"}
    for alias in settings.CACHES
}
# Models named here, not taken from the command, so that a model the backup forgets fails the test.
NATURAL_KEYS = {User: "username", Group: "name"}


def covered_models():
    return [*apps.get_app_config("news").get_models(), Revision, Version, User, Group, LogEntry]


def comparable(value):
    return value.name if isinstance(value, FieldFile) else value


def rows():
    """Every row the backup must keep, users and groups by name (their ids may change), sorted."""
    names = {model: dict(model.objects.values_list("pk", field)) for model, field in NATURAL_KEYS.items()}
    snapshot = {}
    for model in covered_models():
        table = []
        queryset = model._base_manager.order_by("pk")
        if model is Article:
            queryset = queryset.defer("search_vector")
        for obj in queryset:
            row = {}
            for field in model._meta.concrete_fields:
                if field.name == "search_vector" or (field.primary_key and model in NATURAL_KEYS):
                    continue
                value = comparable(field.value_from_object(obj))
                if field.is_relation and field.related_model in NATURAL_KEYS:
                    value = names[field.related_model].get(value)
                row[field.attname] = value
            for field in model._meta.many_to_many:
                related = getattr(obj, field.name).all()
                if field.related_model in NATURAL_KEYS:
                    row[field.name] = sorted(related.values_list(NATURAL_KEYS[field.related_model], flat=True))
                else:
                    row[field.name] = sorted(related.values_list("pk", flat=True))
            table.append(row)
        snapshot[model._meta.label_lower] = sorted(table, key=repr)
    return snapshot


def search_vectors():
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, search_vector::text FROM news_article ORDER BY id")
        return dict(cursor.fetchall())


def build_newsroom():
    """A small newsroom with one of everything a backup holds, made through the workflow's doors."""
    editor = User.objects.create_user("redaktur", password=PASSWORD, is_staff=True,
                                      first_name="Abdul", last_name="Basit")
    editor.groups.add(Group.objects.get(name="Redaktur"))
    reporter = User.objects.create_user("wartawan", password=PASSWORD, is_staff=True,
                                        first_name="Julius", last_name="Lesmana")
    reporter.groups.add(Group.objects.get(name="Wartawan"))
    reporter.user_permissions.add(Permission.objects.get(codename="view_statuschange"))
    banten = make_section(name="Banten", slug="banten")
    tangsel = make_section(name="Tangsel", slug="tangsel", parent=banten)
    photo = make_photo(uploaded_by=reporter, caption="Air setinggi lutut di Ciputat, “parah” kata warga")
    article = Article(
        headline="Banjir merendam permukiman di Ciputat", section=tangsel, photo=photo,
        dateline=make_dateline(name="CIPUTAT"), source=make_source(name="detakbanten.com"),
        body="<p>Hujan deras sejak pagi merendam permukiman warga di Ciputat.</p><p>Warga mengungsi.</p>",
    )
    workflow.create(article, reporter)
    article.tags.set([make_tag(name="Banjir"), make_tag(name="Cuaca")])
    article.authors.set([workflow.author_for(reporter)])
    workflow.send_to_review(article, reporter)
    workflow.publish(article, editor, at=timezone.now() - timedelta(hours=2))
    article.body = "<p>Hujan deras sejak pagi merendam ratusan rumah warga di Ciputat.</p><p>Warga mengungsi.</p>"
    workflow.edit(article, editor, fields=["body"])
    workflow.add_correction(article, editor, kind=Correction.Kind.RALAT, text="Jumlah rumah yang terendam diperbaiki.")
    draft = make_article(section=banten, headline="Draf pemilu serentak", status=Article.Status.DRAFT)
    ViewCount.objects.create(article=article, hour=timezone.now().replace(minute=0, second=0, microsecond=0), views=42)
    EditSession.objects.create(article=draft, user=editor)
    LogEntry.objects.create(
        user=editor, content_type=ContentType.objects.get_for_model(Article), object_id=str(draft.pk),
        object_repr=draft.headline, action_flag=ADDITION, change_message="Ditambahkan.",
    )
    return article


def empty_database():
    """Delete every row a backup holds, as on a freshly migrated server (except the roles it would bring)."""
    Version.objects.all().delete()
    Revision.objects.all().delete()
    LogEntry.objects.all().delete()
    Article.objects.all().delete()
    for model in apps.get_app_config("news").get_models():
        if model is not Section:
            model._base_manager.all().delete()
    Section.objects.filter(parent__isnull=False).delete()
    Section.objects.all().delete()
    User.objects.all().delete()
    Group.objects.all().delete()


def repack(source, target, change):
    """A copy of the archive at source with change(name, data) applied to every member's data."""
    with tarfile.open(source, "r:gz") as original, tarfile.open(target, "w:gz") as copy:
        for member in original.getmembers():
            data = change(member.name, original.extractfile(member).read())
            if data is None:
                continue
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))


@override_settings(CACHES=TEST_CACHES)
class BackupRestoreTest(TemporaryMediaMixin, TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The database goes back to setUpTestData's rows after each test; the files need a copy to do the same.
        cls.pristine_media = tempfile.mkdtemp(prefix="detakbanten-backup-pristine-")
        shutil.copytree(cls.media_root, cls.pristine_media, dirs_exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.pristine_media, ignore_errors=True)
        super().tearDownClass()

    @classmethod
    def setUpTestData(cls):
        cls.article = build_newsroom()

    def setUp(self):
        shutil.rmtree(self.media_root)
        shutil.copytree(self.pristine_media, self.media_root)
        super().setUp()
        self.folder = Path(tempfile.mkdtemp(prefix="detakbanten-backup-test-"))
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)

    def media(self):
        root = Path(self.media_root)
        return {name: (root / name).read_bytes() for name in self.stored_files()}

    def empty_media(self):
        shutil.rmtree(self.media_root)
        os.mkdir(self.media_root)

    def backup(self, name="cadangan.tar.gz"):
        path = self.folder / name
        out = io.StringIO()
        call_command("backup", str(path), stdout=out)
        self.assertIn("Cadangan tersimpan", out.getvalue())
        return path

    def restore(self, path, *options):
        out = io.StringIO()
        call_command("restore", str(path), *options, stdout=out, stderr=io.StringIO())
        return out.getvalue()

    def assert_refused(self, path, *options, says):
        """restore refuses path in one line naming the problem, and changes nothing."""
        before_rows, before_media = rows(), self.media()
        with self.assertRaises(CommandError) as refused:
            self.restore(path, *options)
        message = str(refused.exception)
        self.assertIn(says, message)
        self.assertNotIn("\n", message)
        self.assertEqual(rows(), before_rows)
        self.assertEqual(self.media(), before_media)
        return message

    def test_round_trip_into_an_empty_database(self):
        content, media, vectors = rows(), self.media(), search_vectors()
        # The content is all there to be lost: a photo with its renditions, revisions, a correction.
        self.assertGreater(len(media), 5)
        self.assertTrue(all(content[label] for label in (
            "news.article", "news.photo", "news.correction", "news.statuschange", "news.viewcount",
            "news.editsession", "reversion.revision", "reversion.version", "auth.user", "auth.group",
            "admin.logentry",
        )))
        self.assertGreaterEqual(len(content["reversion.revision"]), 4)
        path = self.backup()

        empty_database()
        self.empty_media()
        self.assertEqual({label: table for label, table in rows().items() if table}, {})
        self.assertEqual(self.media(), {})

        output = self.restore(path)
        self.assertIn("2 berita", output)
        self.assertEqual(rows(), content)
        self.assertEqual(self.media(), media)
        if connection.vendor == "postgresql":
            # Rebuilt by the trigger from the restored text, not copied from the archive.
            self.assertEqual(search_vectors(), vectors)
            self.assertTrue(all(vectors.values()))

    def test_restored_site_works(self):
        path = self.backup()
        empty_database()
        self.empty_media()
        self.restore(path)
        article = Article.objects.published().get()
        response = self.client.get(article.get_absolute_url())
        self.assertContains(response, "ratusan rumah warga")
        self.assertContains(response, "Jumlah rumah yang terendam diperbaiki.")
        self.assertContains(response, f'alt="{article.photo.alt_text}"')
        renditions = photos.rendition_dir(article.photo.file.name)
        self.assertContains(response, f"{settings.MEDIA_URL}{renditions}/")
        self.assertTrue(Path(self.media_root, renditions).is_dir())
        self.assertEqual(len(workflow.versions_of(article)), 5)
        self.assertTrue(User.objects.get(username="redaktur").check_password(PASSWORD))
        if connection.vendor == "postgresql":
            self.assertEqual(list(full_text.search(Article.objects.published(), "rumah")), [article])

    def test_refuses_a_database_that_holds_articles(self):
        path = self.backup()
        message = self.assert_refused(path, says="sudah berisi 2 berita")
        self.assertIn("--force", message)

    def test_force_replaces_what_is_there(self):
        content, media = rows(), self.media()
        path = self.backup()
        make_article(headline="Berita setelah pencadangan")
        User.objects.create_user("tamu")
        self.restore(path, "--force")
        self.assertEqual(rows(), content)
        self.assertEqual(self.media(), media)

    def test_refuses_what_is_not_a_backup(self):
        empty_database()
        self.empty_media()
        text = self.folder / "catatan.tar.gz"
        text.write_text("bukan arsip")
        self.assert_refused(text, says="rusak atau bukan berkas cadangan")
        other = self.folder / "lain.tar.gz"
        with tarfile.open(other, "w:gz") as archive:
            archive.addfile(tarfile.TarInfo("foto.jpg"), io.BytesIO())
        self.assert_refused(other, says="bukan berkas cadangan detakbanten")
        self.assert_refused(self.folder / "tidak-ada.tar.gz", says="tidak ditemukan")
        self.assert_refused(self.folder, says="adalah folder")

    def test_refuses_a_damaged_backup(self):
        path = self.backup()
        data = path.read_bytes()
        empty_database()
        self.empty_media()
        cut = self.folder / "terpotong.tar.gz"
        cut.write_bytes(data[: len(data) // 2])
        self.assert_refused(cut, says="rusak")
        flipped = self.folder / "berubah.tar.gz"
        tar = bytearray(gzip.decompress(data))
        tar[len(tar) // 3] ^= 0xFF
        flipped.write_bytes(gzip.compress(bytes(tar)))
        self.assert_refused(flipped, says="Tidak ada yang diubah")

    def test_refuses_a_changed_file_or_a_path_outside_media(self):
        path = self.backup()
        empty_database()
        self.empty_media()
        changed = self.folder / "diubah.tar.gz"
        repack(path, changed, lambda name, data: data + b"x" if name.startswith("media/") else data)
        self.assert_refused(changed, says="checksum tidak cocok")
        missing = self.folder / "kurang.tar.gz"
        repack(path, missing, lambda name, data: None if "news-article" in name else data)
        self.assert_refused(missing, says="tidak ada")

        def escape(name, data):
            if name != "manifest.json":
                return data
            manifest = json.loads(data)
            manifest["media"][0]["file"] = "media/../../settings.py"
            return json.dumps(manifest).encode()

        outside = self.folder / "keluar.tar.gz"
        repack(path, outside, escape)
        self.assert_refused(outside, says="tidak diterima")

    def test_refuses_a_backup_from_a_newer_schema(self):
        path = self.backup()
        empty_database()

        def newer(name, data):
            if name != "manifest.json":
                return data
            manifest = json.loads(data)
            manifest["migrations"]["news"].append("9999_dari_masa_depan")
            return json.dumps(manifest).encode()

        future = self.folder / "baru.tar.gz"
        repack(path, future, newer)
        self.assert_refused(future, says="news.9999_dari_masa_depan")


def test_command_line_errors_are_one_line(tmp_path):
    """Bad input at the command line: a message and exit status 1, never a traceback."""
    env = {**os.environ, "SECRET_KEY": "backup-test-secret", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    missing = tmp_path / "tidak-ada"
    for command in (["restore", str(missing / "cadangan.tar.gz")], ["backup", str(missing / "cadangan.tar.gz")]):
        result = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 1, result
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr

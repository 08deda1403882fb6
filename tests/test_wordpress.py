"""Moving in from WordPress: `import_wordpress` on exports made here, read back through the site and the admin."""

import html
import http.server
import threading
from datetime import datetime
from datetime import timezone as dt_timezone
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from news import workflow
from news.models import PAGE_BREAK, Article, Author, Photo, Redirect, Section, Tag

from . import images
from .wxr import SITE, Attachment, Post, export

pytestmark = pytest.mark.django_db

CAPTIONED = (
    '[caption id="attachment_101" align="aligncenter" width="640"]'
    '<a href="{site}/wp-content/uploads/2024/03/banjir.jpg"><img class="size-large wp-image-101" '
    'src="{site}/wp-content/uploads/2024/03/banjir-1024x683.jpg" alt="Banjir di Kasemen" width="640" height="427" /></a>'
    " Air setinggi pinggang di Kasemen. Foto: Budi/Kabar Lama[/caption]"
)
BODY = """Hujan deras sejak Sabtu malam membuat Sungai Cibanten meluap.
Warga mengungsi ke masjid.

Paragraf kedua tanpa tag p, seperti WordPress menyimpannya.

{captioned}

https://www.youtube.com/watch?v=dQw4w9WgXcQ

[embed]https://vimeo.com/76979871[/embed]

[gallery ids="1,2,3"]

<script>alert("xss")</script>

<!--nextpage-->

Halaman kedua dengan [button url="x"]tombol[/button] dan [gallery].
"""


def run(path, *args):
    stdout, stderr = StringIO(), StringIO()
    call_command("import_wordpress", str(path), *map(str, args), stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def run_failing(path, *args):
    stdout, stderr = StringIO(), StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_wordpress", str(path), *map(str, args), stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue(), str(raised.value)


def newsroom_items(site=SITE):
    return [
        Attachment(101, "2024/03/banjir.jpg", title="Banjir Kasemen", caption="Air setinggi pinggang di Kasemen",
                   alt="Banjir di Kasemen", parent=1),
        Attachment(102, "2024/03/hilang.jpg", title="Foto hilang"),
        Post(1, "Banjir Rendam Kasemen", "banjir-rendam-kasemen", content=BODY.format(captioned=CAPTIONED.format(site=site)),
             categories=[("serang-kota", "Serang Kota")], tags=[("banjir", "Banjir")],
             excerpt="Ratusan rumah di Kasemen terendam.",
             meta={"_thumbnail_id": "101", "_yoast_wpseo_title": "Banjir Kasemen Hari Ini",
                   "_yoast_wpseo_metadesc": "Deskripsi mesin pencari tentang banjir Kasemen."}),
        Post(2, "Pilkada Lebak Dijadwalkan", "pilkada-lebak", status="future",
             date_gmt="2999-01-02 03:00:00", date="2999-01-02 10:00:00", creator="siti", categories=[("banten", "Banten")]),
        Post(3, "Draf Olahraga", "draf-olahraga", status="draft", date_gmt="0000-00-00 00:00:00",
             creator="admin", categories=[("olahraga", "Olahraga")]),
        Post(4, "Menunggu Review Redaktur", "menunggu-review", status="pending", creator="siti",
             meta={"_thumbnail_id": "102"}),
        Post(5, "Catatan Privat", "catatan-privat", status="private"),
        Post(6, "Berita Dibuang", "berita-dibuang", status="trash"),
        Post(7, "Tentang Kami", "tentang-kami", post_type="page"),
        Post(8, "Wisuda Santri di Pandeglang", "wisuda-santri", creator="admin",
             date_gmt="2023-12-31 18:30:00", date="2024-01-01 01:30:00",
             link=f"{SITE}/wisuda-santri.html", categories=[("banten", "Banten")], tags=[("pilkada", "Pilkada")]),
    ]


@pytest.fixture
def media_dir(tmp_path):
    folder = tmp_path / "uploads" / "2024" / "03"
    folder.mkdir(parents=True)
    (folder / "banjir.jpg").write_bytes(images.jpeg((1200, 800)))
    return tmp_path / "uploads"


@pytest.fixture
def newsroom_export(tmp_path):
    path = tmp_path / "ekspor.xml"
    path.write_text(export(newsroom_items()), encoding="utf-8")
    return path


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("redaksi", "r@example.com", "rahasia-123"))
    return client


def article(post_id):
    return Article.objects.get(import_key__endswith=f":post:{post_id}")


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_a_whole_export_imports_and_reads_back_on_the_site(tmp_path, media_dir, client, version):
    path = tmp_path / "ekspor.xml"
    path.write_text(export(newsroom_items(), version=version), encoding="utf-8")

    _, stderr = run(path, "--media-dir", media_dir)

    story = article(1)
    page = client.get(story.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200
    # publish → published at post_date_gmt, shown in Asia/Jakarta; the original slug kept.
    assert story.published_at == datetime(2024, 3, 5, 3, 30, tzinfo=dt_timezone.utc)
    assert story.get_absolute_url() == f"/read/2024/03/05/{story.pk}/banjir-rendam-kasemen/"
    assert "10:30 WIB" in text
    # Yoast's title and description, the excerpt as the summary.
    assert "<title>Banjir Kasemen Hari Ini" in text
    assert 'content="Deskripsi mesin pencari tentang banjir Kasemen."' in text
    assert story.lead == "Ratusan rumah di Kasemen terendam."
    # The body as WordPress would show it: paragraphs, a figure with caption and credit, embeds, no script.
    assert "<p>Paragraf kedua tanpa tag p, seperti WordPress menyimpannya.</p>" in story.body
    assert "Air setinggi pinggang di Kasemen" in text and "Foto: Budi/Kabar Lama" in text
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in text
    assert 'src="https://player.vimeo.com/video/76979871"' in text
    assert "alert(" not in story.body and "[gallery" not in story.body and "[button" not in story.body
    assert "tombol" in story.body
    # Sections with their parents, tags, the byline by display name.
    assert (story.section.slug, story.section.parent.slug) == ("serang-kota", "banten")
    assert story.headline in client.get("/kanal/banten/").content.decode()
    assert story.headline in client.get("/tag/banjir/").content.decode()
    assert "Budi Santoso" in text
    # The featured photo and the body photo are the library's, with the export's title, caption and alt.
    photo = Photo.objects.get(import_key__endswith=":photo:101")
    assert story.photo == photo
    assert (photo.alt_text, photo.caption) == ("Banjir di Kasemen", "Air setinggi pinggang di Kasemen")
    assert f'<figure data-photo="{photo.pk}"></figure>' in story.body
    assert photo.rendition_url("original", 640) in text
    # <!--nextpage--> is a page break between the two pages.
    pages = story.body_pages()
    assert len(pages) == 2 and PAGE_BREAK in story.body and "Halaman kedua" in pages[1]
    assert "wp:post_id" not in stderr


def test_statuses_map_to_the_workflow_and_the_summary_counts_what_was_skipped(newsroom_export, media_dir, client,
                                                                             admin_client):
    stdout, _ = run(newsroom_export, "--media-dir", media_dir)

    scheduled, draft, review = article(2), article(3), article(4)
    assert scheduled.is_scheduled() and client.get(scheduled.get_absolute_url()).status_code == 404
    assert (draft.status, review.status) == (Article.Status.DRAFT, Article.Status.REVIEW)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert not Article.objects.filter(headline__in=["Catatan Privat", "Berita Dibuang", "Tentang Kami"]).exists()
    assert "Berita: 5 dibuat, 1 dilewati (di tempat sampah), 1 dilewati (jenis page), 1 dilewati (privat)" in stdout
    # Each went through the workflow's door: a status record and a revision naming the import.
    assert workflow.versions_of(review).first().revision.comment == "Diimpor dari WordPress"
    assert review.status_changes.get().to_status == Article.Status.REVIEW
    changelist = admin_client.get("/redaksi/news/article/", {"q": "Menunggu Review"}).content.decode()
    assert "Menunggu Review Redaktur" in changelist and "Menunggu review" in changelist


def test_authors_get_initials_listed_for_checking_and_logins_never_show(newsroom_export, media_dir, client):
    stdout, _ = run(newsroom_export, "--media-dir", media_dir)

    assert "Penulis untuk diperiksa" in stdout
    assert "  - Budi Santoso (bs): inisial dibuat otomatis" in stdout
    assert "  - Siti Rahma Wati (srw): inisial dibuat otomatis" in stdout
    # WordPress left admin's display name as the login: the first and last name are used instead.
    assert "  - Ahmad Fauzi (af): nama tampilan sama dengan login" in stdout
    ahmad = Author.objects.get(initials="af")
    assert ahmad.import_key.endswith(":author:admin")
    story = article(8)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Ahmad Fauzi" in page
    assert "admin" not in page.replace("/redaksi/", "")


def test_media_present_fetched_and_missing(tmp_path):
    served = tmp_path / "situs" / "wp-content" / "uploads" / "2024" / "03"
    served.mkdir(parents=True)
    (served / "banjir.jpg").write_bytes(images.jpeg((800, 600)))
    (served / "bukan-foto.jpg").write_bytes(b"<html><script>alert(1)</script></html>")
    with local_site(tmp_path / "situs") as site:
        items = newsroom_items(site)
        items[0] = Attachment(101, "2024/03/banjir.jpg", title="Banjir Kasemen")
        items.append(Attachment(103, "2024/03/bukan-foto.jpg", title="Bukan foto"))
        items.append(Post(9, "Foto Palsu", "foto-palsu", meta={"_thumbnail_id": "103"}))
        path = tmp_path / "ekspor.xml"
        path.write_text(export(items).replace(SITE, site), encoding="utf-8")

        stdout, _ = run(path)

    # Without --media-dir the files come from their URL, through the same checks as any upload.
    assert article(1).photo.import_key.endswith(":photo:101")
    assert "Media yang tidak didapat (2); beritanya tetap diimpor:" in stdout
    assert "2024/03/hilang.jpg «Menunggu Review Redaktur» (wp:post_id 4): tanpa --media-dir; gagal diunduh (HTTP 404)" in stdout
    assert "2024/03/bukan-foto.jpg «Foto Palsu» (wp:post_id 9): ditolak pemeriksaan foto:" in stdout
    assert article(4).photo is None and article(9).photo is None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class local_site:
    """The old WordPress site's files, served on 127.0.0.1 for the importer to fetch."""

    def __init__(self, root):
        self.root = root

    def __enter__(self):
        handler = lambda *args, **kwargs: _Quiet(*args, directory=str(self.root), **kwargs)  # noqa: E731
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_a_second_run_duplicates_nothing_and_updates_what_changed(tmp_path, newsroom_export, media_dir, client):
    run(newsroom_export, "--media-dir", media_dir)
    counts = [model.objects.count() for model in (Article, Section, Tag, Author, Photo, Redirect)]
    versions = dict(Article.objects.values_list("pk", "version"))

    stdout, _ = run(newsroom_export, "--media-dir", media_dir)

    assert [model.objects.count() for model in (Article, Section, Tag, Author, Photo, Redirect)] == counts
    assert dict(Article.objects.values_list("pk", "version")) == versions
    assert "Berita: 5 tidak berubah" in stdout and "Foto: 1 tidak berubah" in stdout

    items = newsroom_items()
    items[4] = Post(3, "Draf Olahraga Kini Terbit", "draf-olahraga", creator="admin", categories=[("olahraga", "Olahraga")])
    newsroom_export.write_text(export(items), encoding="utf-8")
    stdout, _ = run(newsroom_export, "--media-dir", media_dir)

    assert "Berita: 1 diperbarui, 4 tidak berubah" in stdout
    updated = article(3)
    assert updated.headline == "Draf Olahraga Kini Terbit" and updated.is_public()
    assert client.get(updated.get_absolute_url()).status_code == 200
    assert Article.objects.count() == counts[0]


def test_editors_changes_survive_a_second_run_unless_overwrite(newsroom_export, media_dir):
    run(newsroom_export, "--media-dir", media_dir)
    story = article(1)
    story.headline = "Judul Suntingan Redaktur"
    workflow.edit(story, None, fields=["headline"])
    items = newsroom_items()
    items[2].title = "Banjir Rendam Kasemen (diperbarui di WordPress)"
    newsroom_export.write_text(export(items), encoding="utf-8")

    stdout, _ = run(newsroom_export, "--media-dir", media_dir)

    assert "1 dilewati (diubah redaksi; pakai --overwrite untuk menimpa)" in stdout
    assert article(1).headline == "Judul Suntingan Redaktur"

    stdout, _ = run(newsroom_export, "--media-dir", media_dir, "--overwrite")

    assert "Berita: 1 diperbarui" in stdout
    assert article(1).headline == "Banjir Rendam Kasemen (diperbarui di WordPress)"
    assert Article.objects.filter(import_key__endswith=":post:1").count() == 1


def test_dry_run_saves_nothing_and_reports_what_would_happen(newsroom_export, media_dir, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    stdout, _ = run(newsroom_export, "--media-dir", media_dir, "--dry-run")

    assert stdout.startswith("UJI COBA (--dry-run), tidak ada yang disimpan: Kabar Lama (WXR 1.2)")
    assert "Berita: 5 dibuat" in stdout and "Kanal: 3 dibuat" in stdout
    assert "2024/03/hilang.jpg" in stdout
    for model in (Article, Section, Tag, Author, Photo, Redirect):
        assert not model.objects.exists(), model
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_removed_shortcodes_are_counted_by_name(newsroom_export, media_dir):
    stdout, _ = run(newsroom_export, "--media-dir", media_dir)
    assert "Shortcode yang dihapus: [gallery] ×2, [button] ×1" in stdout


XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" ?>'
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>""", "&lol3;"
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY rahasia SYSTEM "file:///etc/passwd">]>""", "&rahasia;"


@pytest.mark.parametrize(("declaration", "entity"), [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_hostile_xml_is_refused_with_nothing_saved(tmp_path, declaration, entity):
    path = tmp_path / "jahat.xml"
    # A whole export around it, so that refusing late would already have saved something.
    hostile = export(newsroom_items()).replace(XML_DECLARATION, declaration)
    path.write_text(hostile.replace("<title>Banjir Rendam Kasemen</title>", f"<title>{entity}</title>"), encoding="utf-8")

    _, _, error = run_failing(path)

    assert error.startswith(f"{path}: berkas ditolak: XML-nya memuat deklarasi entitas")
    assert "\n" not in error
    assert not Article.objects.exists() and not Section.objects.exists() and not Author.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<html><body>Bukan ekspor</body></html>", "bukan berkas ekspor WordPress (WXR): unsur akarnya <html>"),
        ('<?xml version="1.0"?><rss version="2.0"><channel><title>Feed biasa</title><item><title>x</title></item>'
         "</channel></rss>", "bukan berkas ekspor WordPress (WXR): tidak ada wp:wxr_version"),
        ("Judul berita\n\nIsi berita teks biasa.", "berkas bukan XML yang utuh (rusak di baris 1, kolom 1)"),
    ],
    ids=["html", "plain-rss", "text"],
)
def test_a_file_that_is_not_an_export_is_refused(tmp_path, content, message):
    path = tmp_path / "bukan.xml"
    path.write_text(content, encoding="utf-8")
    _, _, error = run_failing(path)
    assert message in error and "\n" not in error
    assert not Article.objects.exists()


def test_a_truncated_export_saves_nothing(tmp_path):
    path = tmp_path / "terpotong.xml"
    path.write_text(export(newsroom_items())[:-400], encoding="utf-8")
    _, _, error = run_failing(path)
    assert "berkas bukan XML yang utuh" in error and "Tidak ada yang disimpan." in error
    assert not Article.objects.exists() and not Section.objects.exists()


def test_a_broken_item_is_reported_by_title_and_id_and_the_rest_imports(tmp_path, media_dir):
    items = newsroom_items() + [
        Post(20, "Tanggal Rusak", "tanggal-rusak", date_gmt="kemarin sore"),
        Post(21, "J" * 300, "judul-terlalu-panjang"),
    ]
    path = tmp_path / "ekspor.xml"
    path.write_text(export(items), encoding="utf-8")

    stdout, stderr, error = run_failing(path, "--media-dir", media_dir)

    assert "GAGAL «Tanggal Rusak» (wp:post_id 20): tanggal tidak valid: 'kemarin sore'" in stderr
    assert f"GAGAL «{'J' * 300}» (wp:post_id 21): judul terlalu panjang (300 karakter, paling banyak 250)" in stderr
    assert error == "2 berita gagal diimpor; lihat daftar GAGAL di atas."
    assert "Berita: 5 dibuat" in stdout and "2 gagal" in stdout
    assert Article.objects.count() == 5


def test_a_typo_in_the_path_is_a_one_line_error(tmp_path):
    _, _, error = run_failing(tmp_path / "ekspr.xml")
    assert error == f"{tmp_path / 'ekspr.xml'}: berkas tidak ditemukan; periksa nama dan foldernya"
    _, _, error = run_failing(tmp_path, "--media-dir", tmp_path / "tidak-ada")
    assert "ini folder, bukan berkas ekspor" in error


def test_a_missing_media_dir_is_a_one_line_error(newsroom_export, tmp_path):
    _, _, error = run_failing(newsroom_export, "--media-dir", tmp_path / "uplods")
    assert error.endswith(f"folder --media-dir tidak ditemukan: {tmp_path / 'uplods'}")
    assert not Article.objects.exists()


def test_a_retracted_story_is_not_brought_back(newsroom_export, media_dir):
    run(newsroom_export, "--media-dir", media_dir)
    workflow.retract(article(1), None, "Narasumber mencabut pernyataannya.")
    items = newsroom_items()
    items[2].title = "Judul baru"
    newsroom_export.write_text(export(items), encoding="utf-8")

    stdout, _ = run(newsroom_export, "--media-dir", media_dir, "--overwrite")

    assert "1 dilewati (sudah dicabut redaksi)" in stdout
    assert article(1).status == Article.Status.RETRACTED


def test_the_feed_carries_imported_stories(newsroom_export, media_dir, client):
    run(newsroom_export, "--media-dir", media_dir)
    feed = client.get("/rss/").content.decode()
    assert "Banjir Rendam Kasemen" in feed and "Wisuda Santri di Pandeglang" in feed
    assert "Pilkada Lebak Dijadwalkan" not in feed and "Draf Olahraga" not in feed


def test_the_import_is_recorded_in_the_admin(newsroom_export, media_dir, admin_client):
    run(newsroom_export, "--media-dir", media_dir)
    story = article(1)
    change = admin_client.get(f"/redaksi/news/article/{story.pk}/change/").content.decode()
    assert "Banjir Kasemen Hari Ini" in change, change[:3000]
    assert html.escape(PAGE_BREAK) in change
    photos = admin_client.get("/redaksi/news/photo/").content.decode()
    assert "Air setinggi pinggang di Kasemen" in photos

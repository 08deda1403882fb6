import re
from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from reversion.models import Version

from news.importer import ParseError, decode, parse_article
from news import importers
from news.management.commands import load_samples
from news.management.commands.load_samples import SAMPLES_DIR
from news import workflow
from news.models import Article, Author, Dateline, Section, Source, Tag

from .factories import make_author, make_dateline, make_section, make_source

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_6a451ca4cd6ecbc2.txt"
JAKARTA = ZoneInfo("Asia/Jakarta")

ARTICLE = """Warga Kasemen Gotong Royong Bersihkan Saluran

detakbanten.com KOTA SERANG - Ratusan warga Kasemen membersihkan saluran air, Minggu.

"Kalau tidak dibersihkan, banjir lagi," kata Sarmini.

rin
"""


def parse(text):
    return parse_article(text)


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def run(*args, **options):
    stdout, stderr = StringIO(), StringIO()
    call_command("import_articles", *[str(arg) for arg in args], stdout=stdout, stderr=stderr, **options)
    return stdout.getvalue(), stderr.getvalue()


def run_failing(*args, **options):
    stdout, stderr = StringIO(), StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_articles", *[str(arg) for arg in args], stdout=stdout, stderr=stderr, **options)
    return stdout.getvalue(), stderr.getvalue(), str(raised.value)


# The parser on the real scraped file


@pytest.mark.skipif(not SEED.exists(), reason="seed artikel tidak ada di ../shared/seeds")
def test_seed_article():
    article = parse_article(decode(SEED.read_bytes()))

    assert article.headline == "Wali Kota Tangsel : Birokrat Jangan Sibuk Mengurus Diri Sendiri"
    assert article.source == "detakbanten.com"
    assert article.dateline == "CIPUTAT"
    assert article.initials == ["jls"]
    assert len(article.paragraphs) == 10
    assert article.paragraphs[0].startswith("Awal tahun 2017 menjadi babak baru duet pemerintahan")
    assert article.paragraphs[3].startswith("Rotasi dan pelantikan pejabat")
    assert article.paragraphs[4] == (
        '"Tujuan akhirnya adalah untuk meningkatkan profesionalisme, kinerja, dan pelayanan kepada masyarakat,"'
        " jelas Airin dalam sambutannya."
    )
    assert article.paragraphs[-1].endswith('dan yang lainnya," imbuh Airin.')
    assert not any(p in {"jls", "Go to top", "\xa0"} or p.startswith("detakbanten.com") for p in article.paragraphs)


# Parser variants


def test_lead_in_source_then_dateline():
    article = parse(ARTICLE)
    assert (article.source, article.dateline) == ("detakbanten.com", "KOTA SERANG")
    assert article.paragraphs == [
        "Ratusan warga Kasemen membersihkan saluran air, Minggu.",
        '"Kalau tidak dibersihkan, banjir lagi," kata Sarmini.',
    ]
    assert article.initials == ["rin"]


@pytest.mark.parametrize(
    ("opening", "source", "dateline"),
    [
        ("SERANG, detakbanten.com - ", "detakbanten.com", "SERANG"),
        ("CILEGON, detakbanten.com – ", "detakbanten.com", "CILEGON"),
        ("KOTA SERANG — ", None, "KOTA SERANG"),
        ("KOTA SERANG—", None, "KOTA SERANG"),
        ("detakbanten.com TANGERANG SELATAN – ", "detakbanten.com", "TANGERANG SELATAN"),
        ("SERANG (Antara) - ", "Antara", "SERANG"),
        ("P. SUMUR, detakbanten.com - ", "detakbanten.com", "P. SUMUR"),
        ("detakbanten.com - ", "detakbanten.com", None),
    ],
)
def test_lead_in_forms(opening, source, dateline):
    article = parse(f"Judul\n\n{opening}Kalimat pertama berita.\n")
    assert (article.source, article.dateline) == (source, dateline)
    assert article.paragraphs == ["Kalimat pertama berita."]


@pytest.mark.parametrize("paragraph", ["DPRD Banten - Komisi I menggelar rapat.", "A - B", "Warga Serang-Cilegon datang."])
def test_paragraph_without_lead_in_is_kept_whole(paragraph):
    article = parse(f"Judul\n{paragraph}\n")
    assert (article.source, article.dateline) == (None, None)
    assert article.paragraphs == [paragraph]


def test_lead_in_on_its_own_line():
    article = parse("Judul\n\nSERANG, detakbanten.com -\n\nKalimat pertama.\n")
    assert (article.source, article.dateline, article.paragraphs) == ("detakbanten.com", "SERANG", ["Kalimat pertama."])


def test_initials_in_parentheses_end_the_last_paragraph():
    article = parse("Judul\n\nKOTA SERANG - Awal.\n\nWarga diminta waspada, kata dia. (rin)\n")
    assert article.initials == ["rin"]
    assert article.paragraphs[-1] == "Warga diminta waspada, kata dia."


def test_several_initials_and_parenthesised_line():
    assert parse("Judul\nIsi berita.\njls/abc\n").initials == ["jls", "abc"]
    assert parse("Judul\nIsi berita.\n(rin)\n").initials == ["rin"]
    assert parse("Judul\nIsi (jls).\nrin\n(jls)\n").initials == ["rin", "jls"]


def test_parentheses_inside_text_are_not_initials():
    article = parse("Judul\nPada Kamis malam (5/1/2017) pejabat dilantik (OPD).\n")
    assert article.initials == []
    assert article.paragraphs == ["Pada Kamis malam (5/1/2017) pejabat dilantik (OPD)."]


def test_crlf_and_lf_give_the_same_article():
    assert parse(ARTICLE.replace("\n", "\r\n")) == parse(ARTICLE)


def test_bom_is_ignored():
    assert parse_article(decode(b"\xef\xbb\xbf" + ARTICLE.encode())) == parse(ARTICLE)
    assert parse("\ufeff" + ARTICLE) == parse(ARTICLE)


def test_quotes_are_kept_as_written():
    article = parse("Judul “Kutipan”\n\nKOTA SERANG - “Kami siap,” kata dia. 'Ya' katanya.\n")
    assert article.headline == "Judul “Kutipan”"
    assert article.paragraphs == ["“Kami siap,” kata dia. 'Ya' katanya."]


def test_blank_nbsp_and_chrome_lines_are_dropped():
    text = "Judul\n\xa0\n \t\nIsi pertama.\n\u200b\nGo to top\nKembali ke atas\nBaca Juga:\nShare:\nIsi kedua.\n\xa0\n"
    assert parse(text).paragraphs == ["Isi pertama.", "Isi kedua."]


def test_lines_merely_starting_like_chrome_are_kept():
    text = "Judul\nGo to top of the class, kata pelatih.\nBaca Juga buku ini.\n"
    assert parse(text).paragraphs == ["Go to top of the class, kata pelatih.", "Baca Juga buku ini."]


def test_repeated_headline_is_dropped():
    article = parse("Judul Berita\n\nJudul  berita\n\nIsi.\n")
    assert article.headline == "Judul Berita"
    assert article.paragraphs == ["Isi."]


def test_whitespace_is_stripped():
    article = parse("  Judul \t\n   Isi berita.  \n")
    assert (article.headline, article.paragraphs) == ("Judul", ["Isi berita."])


# Parse errors


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "berkas biner, bukan teks"),
        (b"Judul\n\x01\x02\x03 isi\n", "berkas biner, bukan teks"),
        ("Judul\nIsi berita.\n".encode("utf-16"), "bukan teks UTF-8"),
        ("Wali Kota Tangsel\nSéance à Cilegon\n".encode("latin-1"), "bukan teks UTF-8"),
    ],
)
def test_decode_refuses_what_is_not_utf8_text(data, message):
    with pytest.raises(ParseError, match=message):
        decode(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "berkas kosong"),
        ("\n \r\n\xa0\n", "berkas kosong"),
        ("Go to top\n", "tidak ada judul"),
        ("detakbanten.com SERANG - Kalimat pertama.\nKalimat kedua.\n", "tidak ada judul"),
        ("Judul saja\n", "tidak ada isi berita"),
        ("Judul\n\nJudul\n\nGo to top\n", "tidak ada isi berita"),
        ("Judul\njls\n", "tidak ada isi berita"),
        ("Judul\nKOTA SERANG -\n", "tidak ada isi berita"),
    ],
)
def test_parse_errors(text, message):
    with pytest.raises(ParseError, match=message):
        parse(text)


# The import_articles command


@pytest.mark.django_db
def test_import_creates_article_with_its_parts(tmp_path):
    path = write(tmp_path, "kasemen.txt", ARTICLE)

    stdout, stderr = run(path)

    article = Article.objects.get()
    assert stdout.startswith(f"DIBUAT {path}: «Warga Kasemen Gotong Royong Bersihkan Saluran»")
    assert "dateline KOTA SERANG | sumber detakbanten.com | inisial rin | 2 paragraf" in stdout
    assert stderr == ""
    assert article.headline == "Warga Kasemen Gotong Royong Bersihkan Saluran"
    assert article.body.startswith("<p>Ratusan warga Kasemen membersihkan saluran air, Minggu.</p><p>")
    assert "Kalau tidak dibersihkan, banjir lagi" in article.body
    assert article.lead == "Ratusan warga Kasemen membersihkan saluran air, Minggu."
    assert article.source.name == "detakbanten.com"
    assert article.dateline.name == "KOTA SERANG"
    assert [(a.name, a.initials) for a in article.authors.all()] == [("rin", "rin")]
    assert (article.section.slug, article.section.name) == ("berita", "Berita")
    assert article.status == Article.Status.PUBLISHED
    assert timezone.now() - article.published_at < timedelta(minutes=1)
    assert article.import_key == "warga-kasemen-gotong-royong-bersihkan-saluran"


@pytest.mark.django_db
def test_body_text_is_escaped(tmp_path):
    path = write(tmp_path, "x.txt", 'Judul\nKOTA SERANG - Nilai <script>alert(1)</script> & "A" < B.\n')
    run(path)
    body = Article.objects.get().body
    assert "<script>" not in body
    assert "&lt;script&gt;" in body and "&amp;" in body


@pytest.mark.django_db
def test_reimport_updates_the_same_article(tmp_path):
    path = write(tmp_path, "kasemen.txt", ARTICLE)
    run(path)
    first = Article.objects.get()
    first_published_at = first.published_at

    write(tmp_path, "kasemen.txt", ARTICLE.replace("Ratusan warga", "Seribu warga").replace("rin\n", "jls\n"))
    stdout, _ = run(path)

    article = Article.objects.get()
    assert stdout.startswith(f"DIPERBARUI {path}")
    assert article.pk == first.pk and article.slug == first.slug
    assert article.published_at == first_published_at
    assert article.body.startswith("<p>Seribu warga")
    assert article.lead.startswith("Seribu warga")
    assert [a.initials for a in article.authors.all()] == ["jls"]
    assert (Source.objects.count(), Dateline.objects.count(), Section.objects.count()) == (1, 1, 1)


@pytest.mark.django_db
def test_reimporting_an_unchanged_file_saves_nothing(tmp_path):
    path = write(tmp_path, "kasemen.txt", ARTICLE.replace("\n", "\r\n"))
    run(path)
    before = Article.objects.values("updated_at", "version").get()

    stdout, _ = run(path)

    assert stdout.startswith(f"TIDAK BERUBAH {path}: «Warga Kasemen")
    assert Article.objects.values("updated_at", "version").get() == before


@pytest.mark.django_db
def test_reimport_keeps_a_lead_written_by_an_editor(tmp_path):
    path = write(tmp_path, "kasemen.txt", ARTICLE)
    run(path)
    Article.objects.update(lead="Ringkasan tulisan redaktur.")
    write(tmp_path, "kasemen.txt", ARTICLE.replace("Ratusan warga", "Seribu warga"))
    run(path)
    assert Article.objects.get().lead == "Ringkasan tulisan redaktur."


@pytest.mark.django_db
def test_existing_source_dateline_author_and_section_are_reused(tmp_path):
    source = make_source(name="DetakBanten.com")
    dateline = make_dateline(name="Kota Serang")
    author = make_author(name="Rina Marlina", initials="rin")
    section = make_section(name="Kota Serang", slug="kota-serang")

    run(write(tmp_path, "kasemen.txt", ARTICLE), section="kota serang")

    article = Article.objects.get()
    assert (article.source, article.dateline, article.section) == (source, dateline, section)
    assert list(article.authors.all()) == [author]
    assert (Source.objects.count(), Dateline.objects.count(), Author.objects.count()) == (1, 1, 1)


@pytest.mark.django_db
def test_section_option_finds_by_slug_or_creates(tmp_path):
    politik = make_section(name="Politik", slug="politik")
    path = write(tmp_path, "a.txt", ARTICLE)

    run(path, section="politik")
    assert Article.objects.get().section == politik

    run(path, section="ekonomi-bisnis")
    created = Section.objects.get(slug="ekonomi-bisnis")
    assert created.name == "Ekonomi Bisnis"
    assert Article.objects.get().section == created


@pytest.mark.django_db
def test_status_draft_and_published_at_options(tmp_path):
    path = write(tmp_path, "a.txt", ARTICLE)

    run(path, status="draft")
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None

    # Without --status a re-import keeps what the story is now: an editor's draft stays a draft.
    run(path, published_at="2017-01-11 19:30")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.published_at == datetime(2017, 1, 11, 19, 30, tzinfo=JAKARTA)

    run(path, status="published")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    run(path, published_at="2017-01-12")
    article.refresh_from_db()
    assert article.published_at == datetime(2017, 1, 12, tzinfo=JAKARTA)


def test_bad_status_is_refused_by_argparse():
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("import_articles", "x.txt", "--status=terbit")


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["kemarin", "2017-13-45", "2017-02-30 10:00", "11/01/2017"])
def test_invalid_published_at_is_a_clean_error(tmp_path, value):
    path = write(tmp_path, "a.txt", ARTICLE)
    with pytest.raises(CommandError, match="--published-at tidak valid"):
        run(path, published_at=value)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_bad_files_fail_one_line_each_and_others_are_imported(tmp_path):
    good = write(tmp_path, "baik.txt", ARTICLE)
    other = write(tmp_path, "lain.txt", ARTICLE.replace("Warga Kasemen", "Pemuda Kasemen"))
    bad = {
        write(tmp_path, "kosong.txt", b""): "berkas kosong",
        write(tmp_path, "gambar.png", b"\x89PNG\r\n\x1a\n\x00\x00"): "berkas biner, bukan teks",
        write(tmp_path, "latin.txt", "Judul\nSéance\n".encode("latin-1")): "bukan teks UTF-8",
        write(tmp_path, "judul.txt", "Judul saja\n"): "tidak ada isi berita",
        write(tmp_path, "tanpa-judul.txt", "Go to top\n"): "tidak ada judul",
        tmp_path / "hilang.txt": "berkas tidak ditemukan",
        tmp_path: "ini folder, bukan berkas",
    }

    stdout, stderr, error = run_failing(good, *bad, other)

    assert stderr.splitlines() == [f"GAGAL {path}: {message}" for path, message in bad.items()]
    assert error == "7 dari 9 berkas gagal diimpor."
    assert len(stdout.splitlines()) == 2
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "Pemuda Kasemen Gotong Royong Bersihkan Saluran",
        "Warga Kasemen Gotong Royong Bersihkan Saluran",
    ]
    assert "Traceback" not in stderr + stdout


@pytest.mark.django_db
def test_nothing_of_a_failed_file_is_saved(tmp_path, monkeypatch):
    def fail(initials):
        raise ParseError("gagal di tengah jalan")

    # Fails after the section, source and dateline rows were written.
    monkeypatch.setattr(importers, "_author", fail)
    _, stderr, _ = run_failing(write(tmp_path, "a.txt", ARTICLE), section="kanal-baru")

    assert stderr.endswith("a.txt: gagal di tengah jalan\n")
    assert not Section.objects.exists()
    assert (Article.objects.count(), Source.objects.count(), Dateline.objects.count()) == (0, 0, 0)


@pytest.mark.django_db
def test_too_long_source_is_reported(tmp_path):
    _, stderr, _ = run_failing(write(tmp_path, "a.txt", "Judul\nPADANG, " + "x" * 120 + ".com - Isi.\n"))
    assert stderr.strip().endswith("sumber terlalu panjang (124 karakter, paling banyak 100)")
    assert not Section.objects.exists()


@pytest.mark.django_db
def test_retracted_article_is_not_reimported(tmp_path):
    path = write(tmp_path, "a.txt", ARTICLE)
    run(path)
    Article.objects.update(status=Article.Status.RETRACTED)

    _, stderr, _ = run_failing(path)

    assert stderr == f"GAGAL {path}: berita ini sudah dicabut redaksi; tidak diimpor ulang\n"
    assert Article.objects.get().status == Article.Status.RETRACTED


@pytest.mark.django_db
def test_import_leaves_a_revision(tmp_path):
    path = write(tmp_path, "a.txt", ARTICLE)
    run(path)
    run(path, status="draft")
    comments = [version.revision.comment for version in Version.objects.get_for_object(Article.objects.get())]
    assert comments == ["Diperbarui dari berkas teks", "Diimpor dari berkas teks"]


@pytest.mark.django_db
def test_too_long_headline_is_reported(tmp_path):
    _, stderr, _ = run_failing(write(tmp_path, "a.txt", "J" * 251 + "\nIsi.\n"))
    assert stderr.strip().endswith("judul terlalu panjang (251 karakter, paling banyak 250)")


# load_samples


def sample_count():
    return len(list(SAMPLES_DIR.glob("*/*.txt")))


@pytest.mark.parametrize("path", sorted(SAMPLES_DIR.glob("*/*.txt")), ids=lambda path: path.name)
def test_samples_are_complete_articles(path):
    article = parse_article(decode(path.read_bytes()))
    assert article.dateline and article.initials
    assert 4 <= len(article.paragraphs) <= 10
    assert any(quote in " ".join(article.paragraphs) for quote in '"“')
    assert not {"Go to top", "Kembali ke atas", "Share:"} & set(article.paragraphs)


@pytest.mark.django_db
def test_load_samples_imports_every_sample():
    stdout = StringIO()
    call_command("load_samples", no_photos=True, stdout=stdout)

    assert sample_count() >= 9
    assert Article.objects.published().count() == sample_count()
    assert stdout.getvalue() == f"Contoh berita dimuat ke 7 kanal: {sample_count()} dibuat.\n"
    banten = Section.objects.get(slug="banten")
    assert (banten.name, banten.parent, banten.position) == ("Banten", None, 1)
    assert set(banten.children.values_list("slug", flat=True)) == {"tangsel", "serang"}
    assert list(Section.objects.filter(parent=None).values_list("slug", flat=True)) == [
        "banten", "politik", "ekonomi", "olahraga", "pendidikan",
    ]
    assert all(Section.objects.values_list("show_in_nav", flat=True))
    for section in Section.objects.exclude(slug="banten"):
        assert section.articles.exists(), section.slug
    assert Article.objects.filter(is_headline=True).count() == 1
    assert len(set(Article.objects.values_list("published_at", flat=True))) == sample_count()
    assert Tag.objects.filter(articles__isnull=False).distinct().count() >= 10
    seed = Article.objects.get(headline__startswith="Wali Kota Tangsel")
    assert (seed.section.slug, seed.dateline.name, seed.signoff()) == ("tangsel", "CIPUTAT", "(jls)")
    # --no-photos (which these tests use to stay quick) leaves the drawing to test_sample_photos.
    assert not Article.objects.filter(photo__isnull=False).exists()


@pytest.mark.django_db
def test_sample_stories_are_signed_with_full_names(client):
    call_command("load_samples", no_photos=True, stdout=StringIO())
    for article in Article.objects.prefetch_related("authors"):
        assert article.authors.exists(), article.headline
        for author in article.authors.all():
            assert author.name == load_samples.SAMPLE_AUTHORS[author.initials]
    seed = Article.objects.get(headline__startswith="Wali Kota Tangsel")
    assert "Julius Lesmana Saputra" in client.get(seed.get_absolute_url()).content.decode()


WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


@pytest.mark.django_db
def test_sample_stories_come_out_on_the_day_their_text_names(client):
    call_command("load_samples", no_photos=True, stdout=StringIO())
    for name in load_samples.sample_files():
        parsed = importers.read_article(SAMPLES_DIR / name)
        article = Article.objects.get(import_key=importers.import_key(parsed.headline))
        day = WEEKDAYS[timezone.localtime(article.published_at).weekday()]
        text = " ".join(parsed.paragraphs)
        named = {weekday for weekday in WEEKDAYS if re.search(rf"\b{weekday}\b", text)}
        if name in load_samples.SAMPLE_DATES:
            # Dated in its text: out after the last date it names.
            assert article.published_at.date() >= datetime(2017, 1, 10).date()
        elif named:
            # "kata Agus, Minggu." is the day of publication; "sejak Sabtu malam" the evening before.
            assert day in named, (name, day, named)
        page = client.get(article.get_absolute_url()).content.decode()
        assert day in page


@pytest.mark.django_db
def test_load_samples_twice_changes_nothing():
    call_command("load_samples", no_photos=True, stdout=StringIO())
    fields = ("pk", "published_at", "updated_at", "version", "is_headline")
    before = sorted(Article.objects.values_list(*fields))
    counts = [model.objects.count() for model in (Article, Section, Tag, Author, Source, Dateline)]

    stdout = StringIO()
    call_command("load_samples", no_photos=True, stdout=stdout)

    assert sorted(Article.objects.values_list(*fields)) == before
    assert [model.objects.count() for model in (Article, Section, Tag, Author, Source, Dateline)] == counts
    assert stdout.getvalue() == f"Contoh berita dimuat ke 7 kanal: {sample_count()} tidak berubah.\n"


@pytest.mark.django_db
def test_load_samples_leaves_what_editors_did_to_the_samples():
    call_command("load_samples", no_photos=True, stdout=StringIO())
    retracted = Article.objects.get(headline__startswith="Wali Kota Tangsel")
    workflow.retract(retracted, None, "Narasumber mencabut pernyataannya.")
    unpublished = Article.objects.exclude(pk=retracted.pk).first()
    unpublished.status = Article.Status.DRAFT
    unpublished.save()

    stdout = StringIO()
    call_command("load_samples", no_photos=True, stdout=stdout)

    assert "tidak berubah" in stdout.getvalue()
    assert Article.objects.get(pk=retracted.pk).status == Article.Status.RETRACTED
    assert Article.objects.get(pk=unpublished.pk).status == Article.Status.DRAFT


@pytest.mark.django_db
def test_load_samples_keeps_editors_sections():
    make_section(name="Kabar Banten", slug="banten", position=9)
    call_command("load_samples", no_photos=True, stdout=StringIO())
    banten = Section.objects.get(slug="banten")
    assert (banten.name, banten.position) == ("Kabar Banten", 9)
    assert Section.objects.get(slug="tangsel").parent == banten


@pytest.mark.django_db
def test_reimport_without_section_keeps_the_editors_section(tmp_path):
    path = write(tmp_path, "kasemen.txt", ARTICLE)
    run(path)
    moved = make_section(name="Serang", slug="serang")
    Article.objects.update(section=moved)
    path.write_text(ARTICLE + "\n\nParagraf tambahan dari pembaruan.\n", encoding="utf-8")
    stdout, _ = run(path)
    assert stdout.startswith("DIPERBARUI")
    article = Article.objects.get()
    assert article.section == moved
    assert "Paragraf tambahan dari pembaruan." in article.body


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_unread_and_the_others_import(tmp_path, settings):
    settings.IMPORT_MAX_FILE_MB = 1
    huge = write(tmp_path, "raksasa.txt", "Judul raksasa\n" + "Paragraf yang berulang terus.\n" * 40_000)
    good = write(tmp_path, "baik.txt", ARTICLE)

    stdout, stderr, error = run_failing(huge, good)

    assert stderr == f"GAGAL {huge}: berkas terlalu besar (1,1 MB; paling besar 1 MB, atur IMPORT_MAX_FILE_MB)\n"
    assert error == "1 dari 2 berkas gagal diimpor."
    assert list(Article.objects.values_list("headline", flat=True)) == [parse(ARTICLE).headline]


@pytest.mark.django_db
def test_an_article_over_the_length_limit_is_refused_and_nothing_of_it_saved(tmp_path, settings):
    settings.ARTICLE_MAX_CHARS = 2_000
    long = write(tmp_path, "panjang.txt", "Judul panjang\nKOTA SERANG - Awal.\n" + "Kalimat demi kalimat.\n" * 200)

    _, stderr, _ = run_failing(long)

    assert stderr.startswith(f"GAGAL {long}: isi berita terlalu panjang (5.612 karakter; paling banyak 2.000).")
    assert not Article.objects.exists() and not Dateline.objects.exists()

from django.core.management.base import BaseCommand, CommandError

from news.importers import CREATED, KINDS, UNCHANGED, UPDATED, WordPressImport
from news.wordpress import WxrError

PROGRESS_WIDTH = 30


def _plain(text):
    # The progress bar goes to stderr, which Django colours as an error.
    return text


class Command(BaseCommand):
    help = (
        "Mengimpor ekspor WordPress (WXR 1.1/1.2, dari Alat → Ekspor → Semua konten): berita, kanal, tag, "
        "penulis dan foto, serta pengalihan alamat lama. Aman dijalankan ulang: yang berubah diperbarui, "
        "tidak ada yang ganda, dan suntingan redaksi tidak ditimpa tanpa --overwrite."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="EKSPOR.xml", help="Berkas ekspor WordPress.")
        parser.add_argument(
            "--media-dir", metavar="FOLDER",
            help="Salinan folder wp-content/uploads situs lama. Tanpa opsi ini foto diunduh dari alamat aslinya.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Periksa dan laporkan saja; tidak ada yang disimpan.",
        )
        parser.add_argument(
            "--overwrite", action="store_true",
            help="Timpa juga berita yang sudah disunting redaksi sejak diimpor.",
        )

    def handle(self, *args, path, media_dir, dry_run, overwrite, **options):
        progress = self.progress_bar if self.stderr.isatty() else None
        importer = WordPressImport(path, media_dir=media_dir, overwrite=overwrite, dry_run=dry_run, progress=progress)
        try:
            report = importer.run()
        except WxrError as error:
            raise CommandError(f"{path}: {error}") from None
        if progress:
            self.stderr.write("", style_func=_plain)
        self.summary(report, dry_run)
        if report.failures:
            raise CommandError(f"{len(report.failures)} berita gagal diimpor; lihat daftar GAGAL di atas.")

    def progress_bar(self, done, total):
        if done % 50 and done != total:
            return
        filled = PROGRESS_WIDTH * done // max(total, 1)
        bar = "#" * filled + "." * (PROGRESS_WIDTH - filled)
        self.stderr.write(f"\r[{bar}] {done}/{total} butir", ending="", style_func=_plain)
        self.stderr.flush()

    def summary(self, report, dry_run):
        export = report.export
        heading = "UJI COBA (--dry-run), tidak ada yang disimpan" if dry_run else "Impor WordPress selesai"
        self.stdout.write(self.style.SUCCESS(f"{heading}: {export.title or export.base_url} (WXR {export.version})"))
        for kind, label in KINDS.items():
            counts = report.counts[kind]
            known = [(name, counts[name]) for name in (CREATED, UPDATED, UNCHANGED) if counts[name]]
            others = sorted((name, number) for name, number in counts.items() if name not in {CREATED, UPDATED, UNCHANGED})
            parts = [f"{number} {name.lower()}" for name, number in known + others]
            self.stdout.write(f"  {label}: {', '.join(parts) or 'tidak ada'}")
        if report.missing_media:
            self.stdout.write(f"Media yang tidak didapat ({len(report.missing_media)}); beritanya tetap diimpor:")
            for name, where, reason in report.missing_media:
                self.stdout.write(f"  - {name} {where}: {reason}")
        if report.removed_shortcodes:
            removed = ", ".join(f"[{name}] ×{count}" for name, count in report.removed_shortcodes.most_common())
            self.stdout.write(f"Shortcode yang dihapus: {removed}")
        if report.authors_to_check:
            self.stdout.write("Penulis untuk diperiksa (nama dan inisial dapat diubah di admin, menu Penulis):")
            for name, initials, why in report.authors_to_check:
                self.stdout.write(f"  - {name} ({initials}): {why}")
        for title, post_id, reason in report.failures:
            self.stderr.write(f"GAGAL «{title}» (wp:post_id {post_id}): {reason}")

from django.core.management.base import BaseCommand, CommandError

from news import photos
from news.models import Photo


class Command(BaseCommand):
    help = (
        "Membuat rendisi foto yang belum ada, misalnya setelah memindah media ke penyimpanan lain "
        "atau mengubah PHOTO_WIDTHS. Rendisi yang sudah ada dibiarkan, kecuali dengan --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="ID foto; kosongkan untuk semua foto.")
        parser.add_argument("--force", action="store_true", help="Buat ulang semua rendisi, juga yang sudah ada.")

    def handle(self, *args, ids, force, **options):
        queryset = Photo.objects.order_by("pk")
        if ids:
            queryset = queryset.filter(pk__in=ids)
            unknown = sorted(set(ids) - set(queryset.values_list("pk", flat=True)))
            if unknown:
                raise CommandError(f"Foto tidak ditemukan: {', '.join(map(str, unknown))}.")
        made = failed = 0
        for photo in queryset.iterator():
            try:
                count = photos.make_renditions(photo, force=force)
            except FileNotFoundError:
                failed += 1
                self.stderr.write(f"Foto #{photo.pk}: berkas asli {photo.file.name} tidak ada di penyimpanan.")
            except Exception as error:  # a damaged original must not stop the others
                failed += 1
                self.stderr.write(f"Foto #{photo.pk}: berkas asli {photo.file.name} tidak dapat dibaca ({error}).")
            else:
                made += count
                if count:
                    self.stdout.write(f"Foto #{photo.pk}: {count} rendisi dibuat.")
        self.stdout.write(self.style.SUCCESS(f"Selesai: {made} rendisi dibuat."))
        if failed:
            raise CommandError(f"{failed} foto gagal diproses; rendisinya belum lengkap.")

import time

from django.core.management.base import BaseCommand, CommandError

from news.apps import refresh_planner_statistics
from news.generator import generate
from news.models import Article, Section


class Command(BaseCommand):
    help = (
        "Mengisi basis data kosong dengan arsip berita buatan (selalu sama untuk --seed yang sama), "
        "untuk mengukur kecepatan halaman: kanal, dateline, tag, penulis dan berita."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=20_000, help="Jumlah berita terbit (bawaan 20000).")
        parser.add_argument("--days", type=int, help="Rentang hari ke belakang (bawaan: count / 10, paling sedikit 60).")
        parser.add_argument("--seed", type=int, default=4, help="Benih acak; benih yang sama memberi arsip yang sama.")

    def handle(self, *args, count, days, seed, **options):
        if count < 1:
            raise CommandError("--count harus lebih dari 0.")
        if Article.objects.exists() or Section.objects.exists():
            raise CommandError("Basis data sudah berisi kanal atau berita; arsip buatan hanya diisikan ke basis data kosong.")
        days = days or max(60, count // 10)
        started = time.monotonic()
        made = generate(count, days=days, seed=seed, progress=self.progress)
        refresh_planner_statistics(vacuum=True)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(
            f"{len(made['articles'])} berita ({count} terbit) di {len(made['sections'])} kanal dibuat dalam {elapsed:.0f} detik."
        ))

    def progress(self, done, total):
        width = 30
        filled = round(width * done / total)
        end = "\n" if done == total else ""
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=end)
        self.stdout.flush()

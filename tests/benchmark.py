"""Time every public page against a large archive: the speed goals live here, not in timed tests.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/detakbanten_bench DEBUG=1 \\
        .venv/bin/python -m tests.benchmark --seed 20000

--seed fills an empty database with that many articles (tests.factories.make_newsroom) and a week of
page views; later runs reuse it. Each page is requested --repeat times through Django's test client
(no network, no gunicorn); the report gives the median and worst time and the number of queries.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "detakbanten.settings")


def seed(count):
    from django.utils import timezone

    from news.models import Article, ViewCount

    from .factories import make_newsroom

    if Article.objects.exists():
        return
    print(f"membuat {count} berita …", file=sys.stderr)
    make_newsroom(count, days=max(60, count // 10))
    rng, now = random.Random(7), timezone.now().replace(minute=0, second=0, microsecond=0)
    recent = list(Article.objects.published().filter(published_at__gte=now - timedelta(days=7)).values_list("pk", flat=True))
    ViewCount.objects.bulk_create(
        ViewCount(article_id=pk, hour=now - timedelta(hours=hour), views=rng.randint(1, 40))
        for pk in recent for hour in rng.sample(range(168), 24)
    )


def pages():
    from django.urls import reverse

    from news.models import Article, Author, Dateline, Section, Tag

    article = Article.objects.published().filter(dateline__isnull=False).order_by("-published_at")[40]
    section = Section.objects.filter(parent=None).first()
    day = article.published_at.astimezone()
    return {
        "beranda": reverse("news:home"),
        "berita": article.get_absolute_url(),
        "kanal (dengan sub-kanal)": section.get_absolute_url(),
        "kanal, halaman 50": section.get_absolute_url() + "?page=50",
        "tag": Tag.objects.first().get_absolute_url(),
        "dateline": Dateline.objects.first().get_absolute_url(),
        "penulis": Author.objects.first().get_absolute_url(),
        "indeks": reverse("news:day_index", kwargs={"year": day.year, "month": day.month, "day": day.day}),
        "cari (relevan)": reverse("news:search") + "?q=pelayanan+warga",
        "cari (terbaru)": reverse("news:search") + "?q=pelayanan+warga&urut=terbaru",
        "cari (kata langka)": reverse("news:search") + "?q=posyandu+labuan",
        "RSS": reverse("news:feed"),
        "RSS kanal": section.get_feed_url(),
        "sitemap.xml": reverse("news:sitemap_index"),
        "sitemap berita": reverse("news:sitemap", kwargs={"section": "berita"}),
        "Google News sitemap": reverse("news:news_sitemap"),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="berita yang dibuat bila basis data kosong")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from news.models import Article

    if args.seed:
        seed(args.seed)
    client = Client(HTTP_HOST="localhost")
    print(f"{connection.vendor}, {Article.objects.published().count()} berita terbit")
    print(f"{'halaman':28} {'median':>8} {'terburuk':>9} {'kueri':>6}")
    for name, url in pages().items():
        timings = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{name:28} {statistics.median(timings):7.1f}ms {max(timings):8.1f}ms {len(queries):6}")


if __name__ == "__main__":
    main()

"""`make bench`: every page's speed over HTTP, as ratios against Django's floor and nginx, in one run.

    make bench                                   # SQLite, 20,000 articles
    make bench BENCH_ARGS="--database postgres"  # PostgreSQL (search is timed there)
    make bench BENCH_ARGS="--articles 100000"

It fills a database of its own under .bench/ once (manage.py generate_articles, a week of page
views), collects the static files, then runs gunicorn in production mode with 2 sync workers
and measures with wrk (16 connections, each request on a new connection, random article URLs):

- the bare view /bench/bare/ (the framework floor, BENCHMARK=1), the uncached pages
  (PAGE_CACHE_SECONDS=0) and the pages from the page cache, on the same gunicorn settings;
- where nginx is installed: nginx serving a static copy of an article page, the front-cache
  recipe (deploy/nginx) serving a hot article, and 200 concurrent readers of a cold article
  (how often the app was reached, errors, timeouts, p99);
- on PostgreSQL: search pages timed in process (median and p95 of ten common queries, both orders);
- how long a newly published story takes to appear on the home page of two app servers;
- the queries each page runs.

Ratios are printed beside their targets and written to .bench/results-<database>-<articles>.json
with a PNG chart beside it. Nothing here is a test: speed is measured, never asserted.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import string
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"
BIN = Path(sys.executable).parent
# Issue 9, measured on this machine: Wagtail 8 against a bare Django view on the same gunicorn.
WAGTAIL = {"article": 95, "home": 80, "bare": 2320}
TARGETS = {
    "article_uncached_vs_bare": 3 * WAGTAIL["article"] / WAGTAIL["bare"],
    "home_uncached_vs_bare": 3 * WAGTAIL["home"] / WAGTAIL["bare"],
    "article_cached_vs_bare": 0.9,
    "home_cached_vs_bare": 0.9,
    "nginx_article_vs_static": 0.9,
}
SEARCHES = ["banjir", "dprd banten", "jalan rusak", "pelayanan warga", "harga cabai", "narkoba",
            "pasar", "guru honorer", "posyandu", "dana desa"]
LUA = string.Template("""
local paths = {$paths}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[math.random(#paths)], {["Connection"] = "close"})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests": %d, "seconds": %f, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50": %f, "p90": %f, "p99": %f, "max": %f}\\n',
    summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
""")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} tidak menjawab dalam {timeout} detik")


class Benchmark:
    def __init__(self, args):
        self.args = args
        self.database = args.database
        self.dir = WORK / f"{args.database}-{args.articles}"
        self.dir.mkdir(parents=True, exist_ok=True)
        if args.database == "postgres":
            self.database_url = f"postgres://postgres@127.0.0.1:5432/detakbanten_bench_{args.articles}"
        else:
            self.database_url = f"sqlite:///{self.dir / 'db.sqlite3'}"
        self.env = {
            **{key: value for key, value in os.environ.items() if key not in {"DEBUG", "HTTPS", "DJANGO_SETTINGS_MODULE"}},
            "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "DATABASE_URL": self.database_url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STATIC_ROOT": str(self.dir / "static"),
            "MEDIA_ROOT": str(self.dir / "media"),
            "CACHE_DIR": str(self.dir / "cache"),
            "BENCHMARK": "1",
            "LOG_LEVEL": "ERROR",
        }
        if args.cache == "redis":
            self.env["CACHE_URL"] = "redis://127.0.0.1:6379/7"
        self.servers = []
        self.results = {"database": self.database, "articles": args.articles, "cache": args.cache,
                        "wagtail": WAGTAIL, "targets": TARGETS}

    # Setting up.

    def manage(self, *command):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=self.env, check=True)

    def prepare(self):
        if self.database == "postgres":
            name = self.database_url.rsplit("/", 1)[1]
            exists = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc",
                                     f"SELECT 1 FROM pg_database WHERE datname = '{name}'"], capture_output=True, text=True)
            if exists.stdout.strip() != "1":
                subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        self.manage("migrate", "--noinput", "-v0")
        os.environ.update(self.env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "detakbanten.settings"
        import django

        django.setup()
        from news.models import Article

        if not Article.objects.exists():
            self.manage("generate_articles", "--count", str(self.args.articles))
            self.seed_views()
        # Every run: a script or stylesheet changed since the last one must be in the manifest.
        self.manage("collectstatic", "--noinput", "-v0")

    def seed_views(self):
        import random
        from datetime import timedelta

        from django.utils import timezone

        from news.models import Article, ViewCount

        rng, hour = random.Random(7), timezone.now().replace(minute=0, second=0, microsecond=0)
        recent = list(Article.objects.published().filter(published_at__gte=hour - timedelta(days=7)).values_list("pk", flat=True))
        ViewCount.objects.bulk_create(
            (ViewCount(article_id=pk, hour=hour - timedelta(hours=h), views=rng.randint(1, 40))
             for pk in recent for h in rng.sample(range(168), 24)),
            batch_size=5000,
        )

    def serve(self, name, **env):
        port = free_port()
        log = self.dir / f"{name}.access.log"
        log.write_text("")
        process = subprocess.Popen(
            [BIN / "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(self.args.workers), "--no-control-socket",
             "--access-logfile", str(log), "--access-logformat", "%(U)s%(q)s %(s)s %(M)s", "detakbanten.wsgi:application"],
            cwd=ROOT, env={**self.env, **env}, stdout=subprocess.DEVNULL, stderr=open(self.dir / f"{name}.error.log", "w"),
        )
        self.servers.append(process)
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/bench/bare/")
        return base, log

    def stop(self):
        for process in self.servers:
            process.send_signal(signal.SIGTERM)
        for process in self.servers:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    # Measuring.

    def wrk(self, base, paths, *, connections=16, seconds=None):
        script = self.dir / "paths.lua"
        script.write_text(LUA.substitute(paths=", ".join(json.dumps(path) for path in paths)))
        seconds = seconds or self.args.seconds
        run = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), base],
            capture_output=True, text=True, check=True,
        )
        line = next(line for line in run.stdout.splitlines() if line.startswith("WRKJSON "))
        result = json.loads(line.removeprefix("WRKJSON "))
        result["rps"] = result["requests"] / result["seconds"]
        result["errors"] = sum(result[key] for key in ("connect", "read", "write", "status", "timeout"))
        return result

    def warm(self, base, paths):
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda path: urllib.request.urlopen(base + path).read(), paths))

    def article_paths(self, count=2000):
        from news.models import Article

        articles = Article.objects.published().order_by("?")[:count]
        return [article.get_absolute_url() for article in articles.only("pk", "slug", "published_at", "created_at")]

    def unread_article(self, read):
        from news.models import Article

        # From the far end of the archive: a story nobody has read for years, then shared again.
        for article in Article.objects.published().order_by("published_at")[:5000].iterator():
            if article.get_absolute_url() not in read:
                return article.get_absolute_url()
        raise SystemExit("tidak ada berita yang belum dibaca")

    def list_paths(self):
        from news.models import Section, Tag

        return [section.get_absolute_url() for section in Section.objects.all()] + [
            tag.get_absolute_url() for tag in Tag.objects.all()
        ]

    def run(self):
        self.prepare()
        from django.urls import reverse

        articles, lists = self.article_paths(), self.list_paths()
        home = [reverse("news:home")]
        uncached, _ = self.serve("uncached", PAGE_CACHE_SECONDS="0")
        cached, _ = self.serve("cached")
        r = self.results["pages"] = {}
        print(f"{self.database}, {self.args.articles} berita, cache {self.args.cache}; wrk -c16, sambungan baru tiap "
              "permintaan", flush=True)
        # What pages keep between requests (related stories, the menu) is made once per article first:
        # the uncached page is measured as it runs every day, not on the first read after a restart.
        self.warm(uncached, articles)
        self.wrk(cached, [articles[0]], seconds=1)
        ratios = self.results["ratios"] = {}
        # Each page between two runs of the bare view on the same server: the machine's load moves
        # both alike, and the ratio is taken against their mean.
        for name, base, paths in (
            ("article_uncached", uncached, articles), ("home_uncached", uncached, home),
            ("lists_uncached", uncached, lists), ("article_cached", cached, [articles[0]]),
            ("home_cached", cached, home),
        ):
            before = self.wrk(base, ["/bench/bare/"])
            r[name] = self.wrk(base, paths)
            after = self.wrk(base, ["/bench/bare/"])
            r[f"bare_beside_{name}"] = {**after, "rps": (before["rps"] + after["rps"]) / 2}
            if f"{name}_vs_bare" in TARGETS:
                ratios[f"{name}_vs_bare"] = r[name]["rps"] / r[f"bare_beside_{name}"]["rps"]
        if shutil.which("nginx"):
            self.front_cache(cached, articles)
        self.results["publish_to_home_seconds"] = self.publish_latency(cached)
        if self.database == "postgres":
            self.results["search"] = self.search()
        self.results["queries"] = self.queries(articles[0], lists[0])
        self.report()

    def nginx(self, name, upstream):
        """The front-cache recipe from deploy/nginx, filled in and started in front of upstream."""
        from urllib.parse import urlsplit

        nginx_dir = self.dir / f"nginx-{name}"
        shutil.rmtree(nginx_dir, ignore_errors=True)
        (nginx_dir / "cache").mkdir(parents=True)
        port = free_port()
        server = envsubst((ROOT / "deploy" / "nginx" / "detakbanten.conf.template").read_text(), {
            "LISTEN": f"127.0.0.1:{port}", "UPSTREAM": f"server {urlsplit(upstream).netloc};",
            "STATIC_ROOT": self.env["STATIC_ROOT"], "MEDIA_ROOT": self.env["MEDIA_ROOT"], "CACHE_PATH": nginx_dir / "cache",
        })
        temp = "\n".join(f"    {kind}_temp_path {nginx_dir / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (nginx_dir / "nginx.conf").write_text(
            f"worker_processes 2;\npid {nginx_dir / 'nginx.pid'};\nerror_log {nginx_dir / 'error.log'} error;\n"
            "events { worker_connections 4096; }\n"
            f"http {{\n    include /etc/nginx/mime.types;\n    access_log off;\n{temp}\n{server}\n}}\n"
        )
        self.servers.append(subprocess.Popen(["nginx", "-c", str(nginx_dir / "nginx.conf"), "-g", "daemon off;"]))
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/static/errors/429.html")
        return base

    def front_cache(self, upstream, articles):
        base = self.nginx("hot", upstream)
        # A static copy of an article page, as nginx would serve any file.
        page = urllib.request.urlopen(upstream + articles[1]).read()
        (Path(self.env["STATIC_ROOT"]) / "bench-article.html").write_bytes(page)
        n = self.results["nginx"] = {}
        n["static"] = self.wrk(base, ["/static/bench-article.html"])
        self.wrk(base, [articles[1]], seconds=1)
        n["article_hot"] = self.wrk(base, [articles[1]])
        self.results["ratios"]["nginx_article_vs_static"] = n["article_hot"]["rps"] / n["static"]["rps"]
        # 200 readers of a story nobody has opened yet, for less than one cache lifetime.
        cold_upstream, log = self.serve("cold")
        cold_base = self.nginx("cold", cold_upstream)
        # A fresh app server that has served other pages (its code loaded).
        for path in ("/", articles[3], articles[4]):
            urllib.request.urlopen(cold_upstream + path).read()
        # nginx's first crowd ever (accepting 200 connections, its first cache files) is not the story's cost.
        self.wrk(cold_base, ["/"], connections=200, seconds=1)
        # The spike the front cache is for: a story just published, shared, and opened by a crowd at once.
        # Publishing prepares what its page keeps; nothing of it is in the page cache or nginx's yet.
        fresh = self.publish("Berita baru untuk ramai pembaca")
        result = self.wrk(cold_base, [fresh], connections=200, seconds=4)
        self.count_app_hits(result, log, fresh)
        n["cold_200_readers"] = result
        # For comparison, a story from the archive nobody has opened: its page's pieces are made by the first read.
        archive = self.unread_article({*articles, fresh})
        result = self.wrk(cold_base, [archive], connections=200, seconds=4)
        self.count_app_hits(result, log, archive)
        n["cold_200_readers_archive"] = result

    @staticmethod
    def count_app_hits(result, log, path):
        """How often the crowd reached the app, and how long the app took for each (ms, from gunicorn's log)."""
        hits = [line.split() for line in log.read_text().splitlines() if line.startswith(path + " ")]
        result["app_hits"] = len(hits)
        result["app_ms"] = [int(hit[2]) for hit in hits if len(hit) > 2]

    def publish(self, headline):
        from news import workflow
        from news.models import Article, Section

        article = Article(headline=f"{headline} {time.time():.0f}", section=Section.objects.first(), body="<p>Uji.</p>",
                          status=Article.Status.PUBLISHED)
        workflow.create(article, None)
        return article.get_absolute_url()

    def publish_latency(self, cached):
        from django.urls import reverse

        from news import workflow
        from news.models import Article, Section

        second, _ = self.serve("second")
        article = Article(headline=f"Berita uji kecepatan terbit {time.time():.0f}", section=Section.objects.first(),
                          body="<p>Uji.</p>", status=Article.Status.PUBLISHED)
        started = time.monotonic()
        workflow.create(article, None)
        seen = set()
        while len(seen) < 2 and time.monotonic() - started < 30:
            for base in {cached, second} - seen:
                if article.headline.encode() in urllib.request.urlopen(base + reverse("news:home")).read():
                    seen.add(base)
        elapsed = time.monotonic() - started
        workflow.unpublish(article, None)
        article.delete()
        return elapsed

    def search(self):
        from django.test import Client

        client = Client(HTTP_HOST="127.0.0.1")
        timings = []
        for _ in range(3):
            for words in SEARCHES:
                for order in ("relevan", "terbaru"):
                    started = time.perf_counter()
                    response = client.get("/cari/", {"q": words, "urut": order})
                    timings.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200
        timings.sort()
        return {"median_ms": statistics.median(timings), "p95_ms": timings[int(len(timings) * 0.95) - 1],
                "target_p95_ms": 25 if self.args.articles <= 20_000 else 40}

    def queries(self, article, listing):
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, override_settings

        client = Client(HTTP_HOST="127.0.0.1")
        counts = {}
        with override_settings(PAGE_CACHE_SECONDS=0):
            for name, path in (("home", "/"), ("article", article), ("list", listing)):
                client.get(path)
                with CaptureQueriesContext(connection) as captured:
                    client.get(path)
                counts[name] = len(captured)
        return counts

    def report(self):
        for name, result in {**self.results["pages"], **self.results.get("nginx", {})}.items():
            extra = (f", aplikasi dicapai {result['app_hits']}× ({', '.join(f'{ms} ms' for ms in result['app_ms'])})"
                     if "app_hits" in result else "")
            print(f"  {name:24} {result['rps']:8.0f} req/s  p50 {result['p50']:6.1f} ms  p99 {result['p99']:6.1f} ms  "
                  f"galat {result['errors']}{extra}")
        print("rasio (target):")
        for name, value in self.results["ratios"].items():
            mark = "ok" if value >= TARGETS[name] else "KURANG"
            print(f"  {name:28} {value:6.3f}  (≥ {TARGETS[name]:.3f}) {mark}")
        cold = self.results.get("nginx", {}).get("cold_200_readers")
        if cold:
            good = cold["app_hits"] <= 1 and cold["errors"] == 0 and cold["p99"] < 100
            print(f"200 pembaca berita yang baru terbit: aplikasi dicapai {cold['app_hits']}× (≤ 1), galat "
                  f"{cold['errors']} (0), p99 {cold['p99']:.1f} ms (< 100) {'ok' if good else 'KURANG'}")
        seconds = self.results["publish_to_home_seconds"]
        print(f"berita baru tampil di beranda dua server dalam {seconds:.2f} detik (≤ 1) {'ok' if seconds <= 1 else 'KURANG'}")
        if "search" in self.results:
            search = self.results["search"]
            mark = "ok" if search["p95_ms"] <= search["target_p95_ms"] else "KURANG"
            print(f"cari: median {search['median_ms']:.1f} ms, p95 {search['p95_ms']:.1f} ms (≤ {search['target_p95_ms']}) {mark}")
        limits = {"article": 5, "home": 8, "list": 6}
        within = all(self.results["queries"][name] <= limit for name, limit in limits.items())
        print(f"kueri per halaman: {self.results['queries']} (batas {limits}) {'ok' if within else 'KURANG'}")
        out = WORK / f"results-{self.database}-{self.args.articles}.json"
        out.write_text(json.dumps(self.results, indent=1))
        chart(self.results, out.with_suffix(".png"))
        print(f"ditulis: {out} dan {out.with_suffix('.png')}")


def envsubst(text, values):
    """What `envsubst '${LISTEN} …'` does with the recipe: only the named variables, nginx's own left alone."""
    for name, value in values.items():
        text = text.replace("${" + name + "}", str(value))
    return text


def chart(results, path):
    """A bar per ratio against its target line, drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    ratios = results["ratios"]
    width, row = 900, 46
    image = Image.new("RGB", (width, 70 + row * len(ratios)), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=16)
    draw.text((20, 15), f"detakbanten: {results['database']}, {results['articles']} berita", fill="black", font=font)
    scale = (width - 320) / max(1.0, *ratios.values())
    for n, (name, value) in enumerate(ratios.items()):
        top = 55 + n * row
        target = TARGETS[name]
        draw.text((20, top + 8), name, fill="black", font=font)
        draw.rectangle((300, top, 300 + value * scale, top + 28), fill="#2e7d32" if value >= target else "#c62828")
        draw.line((300 + target * scale, top - 4, 300 + target * scale, top + 32), fill="black", width=2)
        draw.text((306 + value * scale, top + 8), f"{value:.3f}", fill="black", font=font)
    image.save(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=10, help="lama tiap pengukuran wrk")
    parser.add_argument("--workers", type=int, default=2, help="worker sync gunicorn")
    parser.add_argument("--cache", choices=["redis", "locmem"], default=None,
                        help="cache bersama: redis (127.0.0.1:6379/7, bawaan bila Redis menjawab) atau locmem")
    args = parser.parse_args()
    if args.cache is None:
        with socket.socket() as sock:
            args.cache = "redis" if sock.connect_ex(("127.0.0.1", 6379)) == 0 else "locmem"
    if not shutil.which("wrk"):
        raise SystemExit("wrk tidak terpasang (apt-get install wrk); `make bench` memasangnya bila bisa.")
    bench = Benchmark(args)
    try:
        bench.run()
    finally:
        bench.stop()


if __name__ == "__main__":
    main()

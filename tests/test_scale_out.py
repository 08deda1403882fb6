"""Two app servers behind the nginx recipe, sharing one PostgreSQL and one Redis, on loopback.

A story published through one server's admin shows at once on the other and through nginx
within the front cache's lifetime; readers counted on both servers add up; a burst of readers
of a story nobody opened reaches the app once. Skipped with a reason where nginx, Redis or
PostgreSQL is missing (.ci/run installs nginx).
"""

import html
import http.cookiejar
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .factories import article_form_data

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
WAIT = 20  # seconds; only ever reached when something is broken


def answers(port):
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def until(condition, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)  # polling for the condition, not waiting a fixed time
    raise AssertionError(f"not within {timeout} s")


def fetch(url, opener=None):
    request = urllib.request.Request(url, headers={"Connection": "close", "User-Agent": "Mozilla/5.0 (Test)"})
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not os.path.exists(NGINX):
        pytest.skip("nginx tidak terpasang (apt-get install nginx); .ci/run memasangnya")
    if not answers(6379):
        pytest.skip("Redis tidak berjalan di 127.0.0.1:6379")
    if not answers(5432):
        pytest.skip("PostgreSQL tidak berjalan di 127.0.0.1:5432")
    import psycopg2

    tmp = tmp_path_factory.mktemp("scale-out")
    name = f"detakbanten_scale_{secrets.token_hex(4)}"
    admin = psycopg2.connect(dbname="postgres", **PG)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    redis_db = 13
    env.update(
        SECRET_KEY="scale-out-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{name}", CACHE_URL=f"redis://127.0.0.1:6379/{redis_db}",
        STATIC_ROOT=str(tmp / "static"), MEDIA_ROOT=str(tmp / "media"), ALLOWED_HOSTS="127.0.0.1,localhost",
        PAGE_CACHE_SECONDS="300", FRONT_CACHE_SECONDS="1", PAGEVIEWS_FLUSH_SECONDS="0", TRUSTED_PROXIES="127.0.0.1",
        DJANGO_SUPERUSER_PASSWORD="sandi-redaktur-yang-panjang",
    )
    processes = []
    try:
        subprocess.run(["redis-cli", "-n", str(redis_db), "flushdb"], check=True, capture_output=True)
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_samples", "--no-photos"],
                        ["createsuperuser", "--noinput", "--username", "abc", "--email", "abc@example.com"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
        servers = []
        for n in range(2):
            port = free_port()
            log = tmp / f"app{n}.log"
            processes.append(subprocess.Popen(
                [Path(sys.executable).parent / "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                 "--no-control-socket", "--access-logfile", str(log), "--access-logformat", "%(U)s",
                 "detakbanten.wsgi:application"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ))
            servers.append((f"http://127.0.0.1:{port}", log))
        front = free_port()
        template = (ROOT / "deploy" / "nginx" / "detakbanten.conf.template").read_text()
        values = {"LISTEN": f"127.0.0.1:{front}", "UPSTREAM": " ".join(f"server {urllib.parse.urlsplit(base).netloc};"
                                                                       for base, _ in servers),
                  "STATIC_ROOT": env["STATIC_ROOT"], "MEDIA_ROOT": env["MEDIA_ROOT"], "CACHE_PATH": tmp / "nginx-cache"}
        for variable, value in values.items():
            template = template.replace("${" + variable + "}", str(value))
        temp = "\n".join(f"{kind}_temp_path {tmp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        # Root runs the workers too: the test's folders are its own.
        user = "user root;\n" if os.geteuid() == 0 else ""
        (tmp / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'nginx-error.log'} error;\n"
            "events { worker_connections 1024; }\n"
            f"http {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}\n{template}\n}}\n"
        )
        processes.append(subprocess.Popen([NGINX, "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        for base, _ in servers:
            until(lambda base=base: answers(int(base.rsplit(":", 1)[1])) and fetch(base + "/health/")[0] == 200)
        until(lambda: answers(front))
        yield {"servers": servers, "front": f"http://127.0.0.1:{front}", "database": name}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        subprocess.run(["redis-cli", "-n", str(redis_db), "flushdb"], capture_output=True)


def log_in(base):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    _, _, page = fetch(base + "/redaksi/login/", opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": "abc", "password": "sandi-redaktur-yang-panjang",
                                   "csrfmiddlewaretoken": token, "next": "/redaksi/"}).encode()
    opener.open(urllib.request.Request(base + "/redaksi/login/", data=data, headers={"Referer": base + "/redaksi/login/"}))
    return opener


def publish_through_admin(base, headline):
    opener = log_in(base)
    _, _, form = fetch(base + "/redaksi/news/article/add/", opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    section = re.search(r'<option value="(\d+)"[^>]*>', form[form.index('name="section"'):]).group(1)
    data = article_form_data(headline=headline, slug=headline.lower().replace(" ", "-"), section=section, body="<p>Isi berita uji.</p>",
                             status="published")
    data["csrfmiddlewaretoken"] = token
    request = urllib.request.Request(base + "/redaksi/news/article/add/", data=urllib.parse.urlencode(data, doseq=True).encode(),
                                     headers={"Referer": base + "/redaksi/news/article/add/"})
    with opener.open(request, timeout=10) as response:
        page = response.read().decode()
    assert "berhasil" in page, re.findall(r'class="errorlist[^"]*">(.*?)</ul>', page, re.S) or page[:2000]


def test_a_story_published_on_one_server_shows_on_the_other_and_through_nginx(site):
    (first, _), (second, _) = site["servers"]
    front = site["front"]
    # Every layer has the home page: both servers' page caches and nginx's front cache.
    for base in (first, second, front, front):
        assert fetch(base + "/")[0] == 200
    assert fetch(front + "/")[1]["X-Cache"] == "HIT"
    headline = f"Gubernur Resmikan Pelabuhan {secrets.token_hex(3)}"
    publish_through_admin(first, headline)
    published = time.monotonic()
    until(lambda: html.escape(headline) in fetch(second + "/")[2], timeout=1)
    assert time.monotonic() - published < 1
    # Through nginx: within the front cache's lifetime (FRONT_CACHE_SECONDS=1), stale while it renews.
    until(lambda: html.escape(headline) in fetch(front + "/")[2], timeout=10)


def test_readers_counted_on_both_servers_add_up(site):
    import psycopg2

    (first, _), (second, _) = site["servers"]
    _, _, home = fetch(first + "/")
    story = re.search(r'href="(/read/[^"]+)"', home).group(1)
    _, _, page = fetch(first + story)
    beacon = re.search(r'data-beacon="([^"]+)"', page).group(1)
    readers = [(first, f"10.1.0.{n}") for n in range(1, 3)] + [(second, f"10.2.0.{n}") for n in range(1, 4)]
    for base, address in readers:
        # nginx would send X-Forwarded-For; from TRUSTED_PROXIES (127.0.0.1) the server believes it.
        request = urllib.request.Request(base + beacon, data=b"", method="POST",
                                         headers={"X-Forwarded-For": address, "User-Agent": "Mozilla/5.0 (Test)"})
        assert urllib.request.urlopen(request, timeout=10).status == 204
    article_id = int(beacon.strip("/").rsplit("/", 1)[1])

    def counted():
        with psycopg2.connect(dbname=site["database"], **PG) as connection, connection.cursor() as cursor:
            cursor.execute("SELECT COALESCE(SUM(views), 0) FROM news_viewcount WHERE article_id = %s", [article_id])
            return cursor.fetchone()[0] == len(readers)

    # Each server writes what waits after its next response (PAGEVIEWS_FLUSH_SECONDS=0).
    until(lambda: fetch(first + "/health/") and fetch(second + "/health/") and counted())


def test_a_burst_of_readers_of_an_unopened_story_reaches_the_app_once(site):
    (first, first_log), (second, second_log) = site["servers"]
    front = site["front"]
    _, _, index = fetch(first + "/indeks/")
    stories = re.findall(r'href="(/read/[^"]+)"', index)
    opened = set(first_log.read_text().split()) | set(second_log.read_text().split())
    cold = next(story for story in stories if story not in opened)
    with ThreadPoolExecutor(50) as pool:
        statuses = list(pool.map(lambda _: fetch(front + cold)[0], range(50)))
    assert statuses == [200] * 50
    hits = [line for log in (first_log, second_log) for line in log.read_text().split() if line == cold]
    assert len(hits) == 1, hits

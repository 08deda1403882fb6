"""When the database goes away: 503 pages instead of 500, /health/ naming what is down, recovery on its own.

The end-to-end test runs gunicorn in production mode against a PostgreSQL database of its
own, reached through a TCP proxy that the test cuts (closing every forwarded connection)
and restores, the way a database restart or a network failure looks to the server.
"""

import http.cookiejar
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import caches
from django.contrib.auth.models import User
from django.db import DatabaseError, InterfaceError, IntegrityError, OperationalError, ProgrammingError
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from news import health
from news.models import ArticleQuerySet

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = ("127.0.0.1", 5432)
UNAVAILABLE = "Sistem sedang tidak tersedia untuk sementara. Coba lagi beberapa menit lagi."
# Every wait in this file ends: a server that does not come up fails the test instead of hanging it.
START_TIMEOUT = 60
REQUEST_TIMEOUT = 10


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dead_redis():
    """A Redis cache on a port where nothing listens: every call fails at once (connection refused)."""
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": f"redis://127.0.0.1:{free_port()}/0"}


class ErrorPagesTest(TestCase):
    """The handler's choice between 503 and 500, through the real URLconf and handler500."""

    def setUp(self):
        self.client = Client(raise_request_exception=False)
        # A page another test left in the page cache would be served without reaching the view.
        for alias in settings.CACHES:
            caches[alias].clear()

    def home_raising(self, error):
        with mock.patch.object(ArticleQuerySet, "published", side_effect=error):
            return self.client.get(reverse("news:home"))

    def assert_unavailable_page(self, response):
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], str(health.RETRY_AFTER_SECONDS))
        self.assertIn("no-store", response["Cache-Control"])
        html = response.content.decode()
        self.assertIn('class="site-header"', html)
        self.assertIn("Situs sedang tidak tersedia", html)
        self.assertNotIn("Traceback", html)

    def test_unreachable_database_answers_503_in_the_site_layout(self):
        for error in (OperationalError("could not connect to server"), InterfaceError("connection already closed")):
            with self.subTest(error=type(error).__name__):
                self.assert_unavailable_page(self.home_raising(error))

    def test_the_error_found_behind_another_counts(self):
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as cause:
            wrapped = RuntimeError("template failed")
            wrapped.__cause__ = cause
        self.assert_unavailable_page(self.home_raising(wrapped))

    def test_the_503_page_reads_nothing_from_the_database(self):
        with mock.patch.object(ArticleQuerySet, "published", side_effect=OperationalError("down")):
            # Only the view's own query would run; the page about the outage adds none.
            with self.assertNumQueries(0):
                response = self.client.get(reverse("news:home"))
        self.assert_unavailable_page(response)

    def test_other_errors_keep_the_500_page(self):
        for error in (ProgrammingError("relation does not exist"), IntegrityError("duplicate key"),
                      DatabaseError("value too long"), ValueError("a bug")):
            with self.subTest(error=type(error).__name__):
                response = self.home_raising(error)
                self.assertEqual(response.status_code, 500)
                self.assertNotIn("Retry-After", response)
                self.assertContains(response, "Terjadi kesalahan di server", status_code=500)

    def test_a_database_error_that_closed_the_connection_answers_503(self):
        # psycopg reports "SSL SYSCALL error: EOF detected" as a plain DatabaseError and marks
        # its connection closed (closed = 2 in psycopg2, True in psycopg 3).
        lost = mock.Mock(connection=mock.Mock(closed=2))
        with mock.patch.object(health.connections, "all", return_value=[lost]):
            self.assert_unavailable_page(self.home_raising(DatabaseError("SSL SYSCALL error: EOF detected")))
        open_connection = mock.Mock(connection=mock.Mock(closed=0))
        with mock.patch.object(health.connections, "all", return_value=[open_connection]):
            self.assertEqual(self.home_raising(DatabaseError("value too long")).status_code, 500)

    def test_admin_pages_answer_an_admin_page_when_the_session_cannot_be_read(self):
        editor = User.objects.create_user("redaktur-uji", password="rahasia-panjang-123", is_staff=True)
        self.client.force_login(editor)
        with mock.patch("django.contrib.sessions.backends.db.SessionStore.load", side_effect=OperationalError("down")):
            response = self.client.get(reverse("admin:index"))
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], str(health.RETRY_AFTER_SECONDS))
        html = response.content.decode()
        self.assertIn(UNAVAILABLE, html)
        self.assertIn('id="site-name"', html)
        self.assertIn("admin/css/base.css", html)
        # errornote tells admin-drafts.js that a save did not go through: the typed copy stays.
        self.assertIn('class="errornote"', html)
        self.assertNotIn("site-header", html)

    def test_login_form_is_not_offered_without_a_database(self):
        with mock.patch.object(health.connections["default"], "cursor", side_effect=OperationalError("down")):
            response = self.client.get(reverse("admin:login"))
        self.assertEqual(response.status_code, 503)
        self.assertContains(response, UNAVAILABLE, status_code=503)
        self.assertNotContains(response, 'name="password"', status_code=503)


class HealthTest(TestCase):
    def setUp(self):
        self.client = Client(raise_request_exception=False)

    def test_healthy(self):
        response = self.client.get(reverse("health"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"database": "ok", "cache": "ok"})
        self.assertIn("no-store", response["Cache-Control"])
        self.assertFalse(response.cookies)
        self.assertNotIn("Vary", response)

    def test_head_for_load_balancers(self):
        self.assertEqual(self.client.head(reverse("health")).status_code, 200)

    def test_database_down(self):
        with mock.patch.object(health.connections["default"], "cursor", side_effect=OperationalError("password=s3cret host=db")):
            response = self.client.get(reverse("health"))
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"database": "gagal", "cache": "ok"})
        self.assertNotIn(b"s3cret", response.content)

    def test_cache_down(self):
        with override_settings(CACHES={**settings.CACHES, "default": dead_redis()}):
            response = self.client.get(reverse("health"))
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"database": "ok", "cache": "gagal"})
        self.assertNotIn(b"Error", response.content)


# End to end: gunicorn, PostgreSQL and a proxy between them that the test cuts.


class Proxy:
    """TCP forwarding from 127.0.0.1:port to PostgreSQL; stop() closes every forwarded connection."""

    def __init__(self, target):
        self.target = target
        self.port = free_port()
        self.lock = threading.Lock()
        self.sockets = set()
        self.listener = None

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self):
        """Refuse new connections and cut the open ones; stopping a stopped proxy does nothing."""
        listener, self.listener = self.listener, None
        with self.lock:
            sockets, self.sockets = self.sockets, set()
        for sock in [listener, *sockets] if listener else sockets:
            try:
                # shutdown() wakes a thread blocked in accept() or recv(); close() alone does not.
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=REQUEST_TIMEOUT)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                if self.listener is not listener:
                    client.close()
                    upstream.close()
                    return
                self.sockets.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def postgres_admin_connection():
    import psycopg2

    connection = psycopg2.connect(host=POSTGRES[0], port=POSTGRES[1], user="postgres", dbname="postgres",
                                  connect_timeout=5)
    connection.autocommit = True
    return connection


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"{what} tidak terjadi dalam {timeout} detik")


class Browser:
    """urllib with cookies and no redirects followed: every answer is seen as the server gave it."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), self.NoRedirect)

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        try:
            response = self.opener.open(request, timeout=REQUEST_TIMEOUT)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            return response.status, response.headers, response.read().decode()

    def cookie(self, name):
        return next((cookie.value for cookie in self.cookies if cookie.name == name), None)


@pytest.fixture(scope="module")
def outage(tmp_path_factory):
    """gunicorn in production mode on a database of its own, behind a proxy; yields (base URL, proxy, server)."""
    try:
        admin = postgres_admin_connection()
    except Exception as error:
        pytest.skip(f"PostgreSQL di {POSTGRES[0]}:{POSTGRES[1]} tidak dapat dihubungi ({type(error).__name__})")
    name = f"detakbanten_resilience_{secrets.token_hex(4)}"
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    proxy = Proxy(POSTGRES)
    proxy.start()
    tmp = tmp_path_factory.mktemp("resilience")
    env = {key: value for key, value in os.environ.items()
           if key not in {"DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        SECRET_KEY="resilience-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{proxy.port}/{name}",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        CACHE_DIR=str(tmp / "cache"),
        ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SUPERUSER_PASSWORD="kata-sandi-redaksi-uji-2024",
    )
    server = None
    log = open(tmp / "gunicorn.log", "w+")
    try:
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"],
                        ["createsuperuser", "--noinput", "--username", "redaksi", "--email", "redaksi@example.com"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                           capture_output=True, timeout=START_TIMEOUT)
        port = free_port()
        server = subprocess.Popen(
            [Path(sys.executable).parent / "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
             "--timeout", "30", "detakbanten.wsgi:application"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"

        def answers():
            if server.poll() is not None:
                pytest.fail(f"gunicorn berhenti: {(tmp / 'gunicorn.log').read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return True
            except OSError:
                return False

        wait_until(answers, START_TIMEOUT, "gunicorn menjawab")
        yield base, proxy, server, tmp / "gunicorn.log"
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
        try:
            log.close()
            proxy.stop()
        finally:
            admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()


def test_database_outage_and_recovery(outage):
    base, proxy, server, log = outage
    reader, editor = Browser(base), Browser(base)

    # Up: pages, the health check, and an editor who logs in.
    status, _, html = reader.request("/")
    assert status == 200, html[:500]
    status, headers, body = reader.request("/health/")
    assert (status, json.loads(body)) == (200, {"database": "ok", "cache": "ok"})
    assert "no-store" in headers["Cache-Control"]
    assert headers.get("Set-Cookie") is None
    status, _, html = editor.request("/redaksi/login/")
    assert status == 200 and 'name="password"' in html
    status, headers, _ = editor.request("/redaksi/login/?next=/redaksi/", {
        "username": "redaksi", "password": "kata-sandi-redaksi-uji-2024", "next": "/redaksi/",
        "csrfmiddlewaretoken": editor.cookie("csrftoken"),
    })
    assert status == 302 and headers["Location"] == "/redaksi/", status
    assert editor.request("/redaksi/")[0] == 200

    proxy.stop()

    # Down: pages never seen before (a page cache cannot answer for them) get the 503 page.
    for path in (f"/cari/?q=banjir-{secrets.token_hex(4)}", "/read/2017/01/05/987654/tidak-ada/"):
        status, headers, html = reader.request(path)
        assert status == 503, (path, status, html[:500])
        assert int(headers["Retry-After"]) > 0
        assert "no-store" in headers["Cache-Control"]
        assert 'class="site-header"' in html and "Situs sedang tidak tersedia" in html
        assert "Traceback" not in html and "OperationalError" not in html
    status, headers, html = Browser(base).request("/redaksi/login/")
    assert status == 503 and headers["Retry-After"]
    assert UNAVAILABLE in html and 'id="site-name"' in html and 'name="password"' not in html
    status, _, html = editor.request("/redaksi/")
    assert status == 503 and UNAVAILABLE in html and "Traceback" not in html
    status, _, body = reader.request("/health/")
    assert (status, json.loads(body)) == (503, {"database": "gagal", "cache": "ok"})

    proxy.start()

    # Back: the same server answers at once, the editor still logged in, with no worker restarted.
    assert reader.request("/")[0] == 200
    assert reader.request(f"/cari/?q=banjir-{secrets.token_hex(4)}")[0] == 200
    status, _, body = reader.request("/health/")
    assert (status, json.loads(body)) == (200, {"database": "ok", "cache": "ok"})
    status, _, html = editor.request("/redaksi/")
    assert status == 200 and "Meja redaksi" in html
    assert server.poll() is None
    assert log.read_text().count("Booting worker") == 1

"""Production mode end to end: collectstatic, then gunicorn serving pages and static files."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("production")
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        SECRET_KEY="production-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        ALLOWED_HOSTS="127.0.0.1",
    )
    bin_dir = Path(sys.executable).parent
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_samples", "--no-photos"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [bin_dir / "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "detakbanten.wsgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    server.terminate()
    server.wait(timeout=10)


def fetch(url):
    try:
        response = urllib.request.urlopen(url, timeout=5)
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()
    return response.status, response.headers, response.read().decode()


def test_gunicorn_serves_pages_and_hashed_static_files(production_server):
    status, _, html = fetch(production_server + "/")
    assert status == 200
    assert "<article" in html
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    status, headers, css = fetch(production_server + stylesheet)
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]
    assert "--accent" in css


def test_production_404_is_the_site_page(production_server):
    status, _, html = fetch(production_server + "/tidak-ada/")
    assert status == 404
    assert "Halaman tidak ditemukan" in html
    assert "Traceback" not in html

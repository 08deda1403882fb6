"""The settings module as an operator meets it: environment variables and manage.py."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    environ = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )


def test_missing_secret_key_is_one_line_not_a_traceback():
    result = manage("check")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "SECRET_KEY" in result.stderr


def test_a_number_mistyped_in_the_environment_is_named_in_one_line():
    for name, value, words in [("PAGE_CACHE_SECONDS", "5m", "bilangan bulat"), ("LOGIN_FAILURE_LIMIT", "0", "paling kecil 1")]:
        result = manage("check", DEBUG="1", **{name: value})
        assert result.returncode != 0
        assert "Traceback" not in result.stderr and result.stderr.strip().count("\n") == 0
        assert name in result.stderr and words in result.stderr


def test_debug_mode_runs_without_secret_key():
    result = manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_https_mode_passes_the_deployment_checklist():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY="k" * 20 + "-production-secret-1234567890-abcdefghijklmnop", HTTPS="1", ALLOWED_HOSTS="detakbanten.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_gunicorn_without_secret_key_stops_with_the_message():
    environ = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    result = subprocess.run(
        [Path(sys.executable).parent / "gunicorn", "--bind", "127.0.0.1:0", "detakbanten.wsgi:application"],
        cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0
    assert "Konfigurasi salah: SECRET_KEY wajib diisi" in result.stderr
    assert "Traceback" not in result.stderr

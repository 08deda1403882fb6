import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import RequestFactory

from news.management.commands import demo_account


@pytest.fixture
def credentials(tmp_path, monkeypatch):
    path = tmp_path / ".demo-credentials"
    monkeypatch.setattr(demo_account, "CREDENTIALS_FILE", path)
    return path


def run():
    out = StringIO()
    call_command("demo_account", stdout=out)
    return dict(re.findall(r"pengguna: (\w+)\s+kata sandi: (\S+)", out.getvalue()))


@pytest.mark.django_db
def test_demo_accounts_once_with_working_passwords(credentials, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("akun demo hanya untuk SQLite lokal")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    first = run()
    assert set(first) == {"redaksi", "redaktur", "wartawan"}
    assert run() == first
    # django-axes checks every login against the request it comes with, as the login form's is.
    login = RequestFactory().post("/redaksi/login/")
    reporter = authenticate(login, username="wartawan", password=first["wartawan"])
    assert reporter.groups.get().name == "Wartawan"
    assert (reporter.author.name, reporter.author.initials) == ("Rina Wulandari", "rw")
    assert authenticate(login, username="redaksi", password=first["redaksi"]).is_superuser


@pytest.mark.django_db
def test_never_with_a_database_url(credentials, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1/detakbanten")
    with pytest.raises(CommandError, match="hanya dibuat untuk database SQLite lokal"):
        call_command("demo_account", stdout=StringIO())
    assert not credentials.exists()

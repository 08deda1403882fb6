"""DATABASE_REPLICA_URL: readers' pages read from the replica; the admin, staff and writes use the primary.

The replica here is a copy of the primary's SQLite file, taken before a story is written: what
only the primary holds shows who read from where.
"""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = textwrap.dedent("""
    from django.contrib.auth.models import User
    from django.test import Client
    from news import workflow
    from news.models import Article, Section

    section = Section.objects.get(slug="tangsel")
    story = workflow.create(Article(headline="Hanya di basis data utama", section=section, body="<p>Isi.</p>",
                                    status=Article.Status.PUBLISHED), None)
    reader = Client()
    assert reader.get(story.get_absolute_url()).status_code == 404, "a reader reads the replica"
    assert "Hanya di basis data utama" not in reader.get("/").content.decode()
    staff = Client()
    staff.force_login(User.objects.create_user("abc", is_staff=True, is_superuser=True))
    assert staff.get(story.get_absolute_url()).status_code == 200, "staff read the primary"
    assert "Hanya di basis data utama" in staff.get("/redaksi/news/article/").content.decode()
    print("ok")
""")


def test_readers_read_the_replica_staff_and_writes_the_primary(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    primary, replica = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    env.update(SECRET_KEY="replica-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz", DEBUG="1",
               DATABASE_URL=f"sqlite:///{primary}", CACHE_DIR=str(tmp_path / "cache"), PAGE_CACHE_SECONDS="0",
               MEDIA_ROOT=str(tmp_path / "media"), ALLOWED_HOSTS="testserver")
    for command in (["migrate", "--noinput"], ["load_samples", "--no-photos"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    shutil.copy(primary, replica)
    env["DATABASE_REPLICA_URL"] = f"sqlite:///{replica}"
    run = subprocess.run([sys.executable, "manage.py", "shell", "-c", SCRIPT], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip().endswith("ok"), run.stderr[-3000:]

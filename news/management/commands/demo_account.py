import json
import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from news import workflow
from news.roles import EDITOR, REPORTER

CREDENTIALS_FILE = settings.BASE_DIR / ".demo-credentials"
# username, full name, role (None: superuser)
ACCOUNTS = [
    ("redaksi", "Dewi Anggraini", None),
    ("redaktur", "Bagus Santoso", EDITOR),
    ("wartawan", "Rina Wulandari", REPORTER),
]


class Command(BaseCommand):
    help = "Membuat akun demo (admin, redaktur, wartawan) untuk database SQLite lokal dan menampilkan kata sandinya."

    def handle(self, *args, **options):
        if os.environ.get("DATABASE_URL") or connection.vendor != "sqlite":
            raise CommandError("Akun demo hanya dibuat untuk database SQLite lokal, bukan bila DATABASE_URL diisi.")
        try:
            passwords = json.loads(CREDENTIALS_FILE.read_text())
        except (OSError, ValueError):
            passwords = {}
        with transaction.atomic():
            for username, full_name, role in ACCOUNTS:
                passwords[username] = self.ensure(username, full_name, role, passwords.get(username))
        CREDENTIALS_FILE.write_text(json.dumps(passwords, indent=2) + "\n")
        CREDENTIALS_FILE.chmod(0o600)
        self.stdout.write(self.style.SUCCESS("Akun demo untuk http://127.0.0.1:8000/redaksi/ (disimpan di .demo-credentials):"))
        for username, _, role in ACCOUNTS:
            self.stdout.write(f"  {role or 'Admin (superuser)':<18} pengguna: {username:<9} kata sandi: {passwords[username]}")

    def ensure(self, username, full_name, role, known_password):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is not None and known_password:
            return known_password
        password = secrets.token_urlsafe(12)
        first, _, last = full_name.partition(" ")
        user = user or User(username=username, first_name=first, last_name=last)
        user.is_staff = True
        user.is_superuser = role is None
        user.set_password(password)
        user.save()
        if role:
            user.groups.add(Group.objects.get(name=role))
        workflow.author_for(user)
        return password

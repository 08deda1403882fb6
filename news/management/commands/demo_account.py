import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

CREDENTIALS_FILE = settings.BASE_DIR / ".demo-credentials"
USERNAME = "redaksi"


class Command(BaseCommand):
    help = "Membuat akun redaksi demo untuk database SQLite lokal dan menampilkan kata sandinya."

    def handle(self, *args, **options):
        if os.environ.get("DATABASE_URL") or connection.vendor != "sqlite":
            raise CommandError("Akun demo hanya dibuat untuk database SQLite lokal, bukan bila DATABASE_URL diisi.")
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        if user is None or not CREDENTIALS_FILE.exists():
            password = secrets.token_urlsafe(12)
            user = user or User(username=USERNAME, email="redaksi@example.com")
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            CREDENTIALS_FILE.write_text(password + "\n")
            CREDENTIALS_FILE.chmod(0o600)
        password = CREDENTIALS_FILE.read_text().strip()
        self.stdout.write(
            self.style.SUCCESS(
                f"Akun demo: http://127.0.0.1:8000/redaksi/  pengguna: {USERNAME}  kata sandi: {password}"
            )
        )

import os
import sys

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "detakbanten.settings")

try:
    from django.core.asgi import get_asgi_application

    application = get_asgi_application()
except ImproperlyConfigured as exc:
    print(f"Konfigurasi salah: {exc}", file=sys.stderr)
    # 3 is gunicorn's "worker failed to boot": it stops instead of respawning workers forever.
    sys.exit(3)

"""detakbanten settings: one module, every value read from the environment (see README)."""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default, minimum=0):
    """A whole number from the environment; a typo stops start-up with one line naming the variable."""
    value = os.environ.get(name, str(default)).strip()
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} harus bilangan bulat, bukan {value!r}.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} paling kecil {minimum}, bukan {number}.")
    return number


DEBUG = env_bool("DEBUG")
HTTPS = env_bool("HTTPS")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY wajib diisi bila DEBUG tidak aktif (contoh: export SECRET_KEY=$(openssl rand -hex 32))."
        )
    SECRET_KEY = "django-insecure-local-development-only-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_NAME = os.environ.get("SITE_NAME", "detakbanten.com")
# The footer's press-council verification number and the site's channels; an admin's value in
# Pengaturan situs (news.models.SiteSettings) wins over these.
DEWAN_PERS_NUMBER = os.environ.get("DEWAN_PERS_NUMBER", "")
WHATSAPP_CHANNEL_URL = os.environ.get("WHATSAPP_CHANNEL_URL", "")
FACEBOOK_URL = os.environ.get("FACEBOOK_URL", "")
INSTAGRAM_URL = os.environ.get("INSTAGRAM_URL", "")
X_URL = os.environ.get("X_URL", "")
YOUTUBE_URL = os.environ.get("YOUTUBE_URL", "")
TIKTOK_URL = os.environ.get("TIKTOK_URL", "")
# Uploads served by Django itself without DEBUG: only for `make run`, which shows the site as
# readers get it; production serves media from the web server or S3 (README).
SERVE_MEDIA = env_bool("SERVE_MEDIA")

# "Terpopuler" lists only articles read at least this often in the period, so
# that a quiet site shows nothing rather than noise.
POPULAR_MIN_VIEWS = env_int("POPULAR_MIN_VIEWS", 20)
# Page views are counted in memory and written at most this often (news/pageviews.py).
PAGEVIEWS_FLUSH_SECONDS = env_int("PAGEVIEWS_FLUSH_SECONDS", 60)

INSTALLED_APPS = [
    "news.admin_site.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ckeditor",
    "reversion",
    "news.security.LoginLockoutConfig",
    "news",
]

MIDDLEWARE = [
    # Old addresses (an imported WordPress site's) answer 301: only for what would be a 404, and for
    # /?p=123 before the page cache could answer it with the home page.
    "news.redirects.RedirectFallbackMiddleware",
    # First: a page from the cache skips everything else; the headers the others add (security,
    # CSP, frames) were stored with it. Its key has the scheme, so HTTPS redirects still happen.
    "news.caching.PageCacheMiddleware",
    "news.routers.PrimaryDatabaseMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "news.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "news.middleware.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "detakbanten.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "news.context_processors.site",
            ],
        },
    },
    # Readers' pages (templates/jinja2/): Jinja2 renders them in a third of the time (news/jinja2.py).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "news.jinja2.environment",
            "context_processors": ["news.context_processors.site"],
        },
    },
]

WSGI_APPLICATION = "detakbanten.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock at the start of a transaction instead of failing half-way
    # ("database is locked") when two editors save at the same moment.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that drops packets instead of refusing them fails a request in seconds (the
    # 503 page) instead of holding a worker until gunicorn kills it. ?connect_timeout= overrides.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
# A read replica for readers' pages (news/routers.py): writes, the admin and staff use the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=DATABASES["default"].get("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["news.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Media on S3-compatible storage (AWS, MinIO, Wasabi, a local provider) when a
# bucket is named; credentials come from boto3's own AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY. Photo names are random and renditions are named after
# their crop, so every object can be cached for a year.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": os.environ.get("AWS_DEFAULT_ACL") or None,
            "querystring_auth": False,
            "file_overwrite": True,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }

# Caches (news/caching.py). CACHE_URL names the shared cache: locmem:// (the default, one per
# process) or redis://host:6379/0 in production. The tokens that tell a cached page is out of
# date must be shared by every server process: with Redis they live there too; otherwise in
# files under CACHE_DIR, which every worker on the machine reads.
CACHE_URL = os.environ.get("CACHE_URL", "locmem://")
CACHE_DIR = Path(os.environ.get("CACHE_DIR", BASE_DIR / ".cache"))
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    _shared = {
        "BACKEND": "news.cache_backends.RedisCache", "LOCATION": CACHE_URL,
        # Redis away: fail fast (health check, 503) rather than hang every request.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    CACHES = {"default": {**_shared, "KEY_PREFIX": "db"}, "generations": {**_shared, "KEY_PREFIX": "db-gen"}}
elif CACHE_URL.startswith("locmem://"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}},
        "generations": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                        "LOCATION": CACHE_DIR / "generations", "OPTIONS": {"MAX_ENTRIES": 100_000}},
    }
else:
    raise ImproperlyConfigured(f"CACHE_URL tidak dikenal: {CACHE_URL!r} (pakai locmem:// atau redis://host:6379/0).")
# BENCHMARK=1 mounts /bench/bare/, the framework floor `make bench` measures pages against.
BENCHMARK = env_bool("BENCHMARK")
# How long an anonymous reader's page may come from the page cache (0 turns it off); what the
# front cache (nginx, a CDN) may keep; how long the pieces of uncached pages are kept at most.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
FRONT_CACHE_SECONDS = env_int("FRONT_CACHE_SECONDS", 5)
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 3600)

# The largest article anyone can save (admin, importers), in characters of body HTML, and
# the largest scraped text file the importer reads: a runaway file never becomes a page.
ARTICLE_MAX_CHARS = env_int("ARTICLE_MAX_CHARS", 200000, minimum=1)
IMPORT_MAX_FILE_MB = env_int("IMPORT_MAX_FILE_MB", 1, minimum=1)

# Photos (news/photos.py): what an upload may be and which renditions readers get.
PHOTO_MAX_UPLOAD_MB = env_int("PHOTO_MAX_UPLOAD_MB", 15, minimum=1)
PHOTO_MAX_MEGAPIXELS = env_int("PHOTO_MAX_MEGAPIXELS", 50, minimum=1)
PHOTO_WIDTHS = sorted(int(width) for width in env_list("PHOTO_WIDTHS", "320,640,1024,1600"))
PHOTO_AVIF = env_bool("PHOTO_AVIF", default=True)

# CKEditor loads its plugins and skins by unhashed path at run time; those
# files are not all referenced from the manifest.
WHITENOISE_MANIFEST_STRICT = False

# CKEditor: the editor is untrusted input. news.editor sanitises every body on
# save, so the toolbar below is about convenience, not security.
CKEDITOR_BASEPATH = f"/{STATIC_URL}ckeditor/ckeditor/"
CKEDITOR_CONFIGS = {
    "newsroom": {
        "toolbar": "Newsroom",
        "toolbar_Newsroom": [
            ["Undo", "Redo"],
            ["Format"],
            ["Bold", "Italic", "Underline", "Strike", "Subscript", "Superscript", "-", "RemoveFormat"],
            ["NumberedList", "BulletedList", "-", "Blockquote"],
            ["Link", "Unlink", "BacaJuga"],
            ["Image", "Table", "HorizontalRule", "SpecialChar"],
            ["Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        "removePlugins": "sourcearea,forms,newpage,save,exportpdf,iframe,flash,templates,preview,print",
        "disallowedContent": "*{*}; *[on*]; script; style; form; input",
        "height": 420,
        "width": "100%",
        "language": "id",
        "entities": False,
        # The "Baca juga" button: choose a published article, insert a link to it.
        "extra_plugins": ["bacajuga"],
        "external_plugin_resources": [("bacajuga", f"/{STATIC_URL}news/ckeditor/bacajuga/", "plugin.js")],
        "bacajugaUrl": reverse_lazy("admin:news_article_related_choices"),
    },
}

SILENCED_SYSTEM_CHECKS = [
    # ckeditor.W001 warns that the bundled CKEditor 4.22.1 is past free
    # support. We treat everything the editor sends as untrusted and sanitise
    # it server-side with nh3 (news/editor.py); see "Security notes" in README.
    "ckeditor.W001",
]

LOGIN_URL = "admin:login"

# Brute-force protection for the admin login (django-axes; news/security.py). Failures are
# counted per account name and, separately, per client address: either reaching the limit
# locks that account or address out for LOGIN_LOCKOUT_MINUTES after its latest failure
# (failing again meanwhile starts the time over). Names that do not exist are counted and
# locked exactly like real ones, so the answers never tell which accounts exist.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 30, minimum=1)
if LOGIN_FAILURE_LIMIT < 1 or LOGIN_LOCKOUT_MINUTES < 1:
    raise ImproperlyConfigured("LOGIN_FAILURE_LIMIT dan LOGIN_LOCKOUT_MINUTES harus bilangan bulat 1 atau lebih.")
# Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For is believed; from anyone
# else the header is ignored, so it cannot spread an attacker's attempts over made-up addresses.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} bukan alamat IP atau jaringan CIDR.") from None
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "news.security.client_ip"
AXES_LOCKOUT_CALLABLE = "news.security.lockout_response"
# A success does not wipe the failures: otherwise anyone with one account could clear the
# count of their address between guesses at someone else's password.
AXES_RESET_ON_SUCCESS = False

# Share links for previews that someone without an account can open.
PREVIEW_LINK_HOURS = env_int("PREVIEW_LINK_HOURS", 48, minimum=1)
# An open change form tells the server it is still open every EDIT_PRESENCE_HEARTBEAT_SECONDS, and says
# when it is closed; another editor is named on the form while theirs has been heard from this recently.
EDIT_PRESENCE_SECONDS = env_int("EDIT_PRESENCE_SECONDS", 90, minimum=1)
EDIT_PRESENCE_HEARTBEAT_SECONDS = env_int("EDIT_PRESENCE_HEARTBEAT_SECONDS", 30, minimum=1)

# Production hardening over TLS, enabled together with HTTPS=1.
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp; news.security.ContentSecurityPolicyMiddleware). Public
# pages run only our own script files and stylesheets: no inline script, style attribute,
# eval or nonce, so one header fits every cached copy of a page.
if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
    MEDIA_ORIGINS = [f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN'].strip('/')}"]
elif os.environ.get("AWS_S3_ENDPOINT_URL"):
    _endpoint = urlsplit(os.environ["AWS_S3_ENDPOINT_URL"])
    MEDIA_ORIGINS = [f"{_endpoint.scheme}://{_endpoint.netloc}"]
elif os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    _bucket = os.environ["AWS_STORAGE_BUCKET_NAME"]
    MEDIA_ORIGINS = [f"https://{_bucket}.s3.amazonaws.com"] + (
        [f"https://{_bucket}.s3.{os.environ['AWS_S3_REGION_NAME']}.amazonaws.com"]
        if os.environ.get("AWS_S3_REGION_NAME") else []
    )
else:
    MEDIA_ORIGINS = []
# The only players news.editor lets into a body.
EMBED_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "frame-src": EMBED_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The admin (/redaksi/) needs a few exceptions, all for CKEditor 4 (django-ckeditor 6.7);
# Django's own admin needs none. No 'unsafe-eval': CKEditor 4.22 never evaluates strings.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        # CKEditor's toolbar, menus and dialogs are markup with onclick/onkeydown/onmousedown
        # attributes and href="javascript:void(...)"; its file-upload field writes an inline
        # script into its own frame; news/uploads.py answers CKEditor's old form upload with a
        # one-line callback script.
        "script-src": [SELF, UNSAFE_INLINE],
        # CKEditor injects <style> elements and style attributes (toolbar, dialogs, editing
        # area); django-ckeditor's widget has a style attribute; the desk board and the
        # revision diff keep their few rules in <style> in the template.
        "style-src": [SELF, UNSAFE_INLINE],
        # The photo form previews a chosen file from a blob: URL before it is uploaded
        # (static/js/photo-focal-point.js).
        "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

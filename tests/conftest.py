import os
import tempfile
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


def pytest_configure(config):
    from django.conf import settings

    # Pages are rendered without running collectstatic first; production keeps
    # WhiteNoise's hashed, compressed storage.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # No test writes into the project's media/, even one that forgets its own temporary folder.
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="detakbanten-test-media-")
    # Page views are written only when a test asks (pageviews.flush()), so that a
    # flush never lands inside another test's query count.
    settings.PAGEVIEWS_FLUSH_SECONDS = None
    # Role tests create many users; PBKDF2's deliberate slowness buys nothing here (bakerydemo does the same).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # One process: the tokens need not be shared through files (servers the tests start get their own).
    settings.CACHES = {
        **settings.CACHES,
        "generations": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "generations"},
    }


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with nothing cached: a page kept by one test is not another's."""
    from django.core.cache import caches

    from news import caching

    for name in ("default", "generations"):
        caches[name].clear()
    caching.recent_pages.clear()
    caching.recent_fragments.clear()


@pytest.fixture(autouse=True)
def _no_pending_page_views():
    from news import pageviews

    pageviews.discard()
    yield
    pageviews.discard()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skipped with a reason where it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium tidak terpasang di /usr/bin/chromium (apt-get install chromium); .ci/run memasangnya")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context; records console errors and requests to other hosts on the page object."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.console_errors = []
    page.foreign_requests = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on(
        "request",
        lambda request: not request.url.startswith((live_server.url, "data:", "blob:"))
        and page.foreign_requests.append(request.url),
    )
    yield page
    context.close()


@pytest.fixture
def roles(transactional_db):
    """The role groups again: a transactional test's flush empties the tables the migration filled."""
    from django.contrib.auth.models import Group, Permission

    from news.roles import sync_roles

    sync_roles(Group, Permission)

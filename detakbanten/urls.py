from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from news import health

urlpatterns = [
    path("health/", health.health, name="health"),
    # The login form is the one admin page that reads nothing from the database: without
    # one, editors learn that the system is away before typing their password, not after.
    path("redaksi/login/", health.needs_database(admin.site.login)),
    path("redaksi/", admin.site.urls),
    path("", include("news.urls")),
]

# A database that cannot be reached answers 503 (news/health.py); every other error the 500 page.
handler500 = "news.health.server_error"
# The 404 page offers the latest stories (without DEBUG; Django's own debug page with it).
handler404 = "news.views.page_not_found"

if settings.DEBUG:
    from django.conf.urls.static import static

    from news.views import media_file

    urlpatterns += static(settings.MEDIA_URL, view=media_file)

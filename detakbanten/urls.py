from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("redaksi/", admin.site.urls),
    path("", include("news.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    from news.views import media_file

    urlpatterns += static(settings.MEDIA_URL, view=media_file)

"""The project's URLs plus media as the development server serves them (DEBUG is off in tests)."""

from django.urls import re_path

from detakbanten.urls import urlpatterns as project_urlpatterns
from news.views import media_file

urlpatterns = [*project_urlpatterns, re_path(r"^media/(?P<path>.*)$", media_file)]

"""The sample articles that `make run` loads come with drawn photos, made once."""

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command

from news.models import Article, Photo
from news.sample_photos import CREDIT, scene_for


@pytest.mark.django_db
def test_every_sample_article_gets_its_own_photo_once(settings, tmp_path, capsys):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("load_samples")
    articles = list(Article.objects.select_related("photo"))
    assert articles and all(article.photo for article in articles)
    assert {article.photo.credit for article in articles} == {CREDIT}
    assert len({(article.photo.focal_x, article.photo.focal_y) for article in articles}) > 1
    photo = articles[0].photo
    assert all(photo.file.storage.exists(rendition.name) for rendition in photo.renditions())

    call_command("load_samples")
    assert Photo.objects.count() == len(articles)
    assert f"{len(articles)} tidak berubah" in capsys.readouterr().out


@pytest.mark.django_db
def test_sample_photos_differ_by_story_and_show_what_it_is_about(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("load_samples", stdout=StringIO())
    articles = list(Article.objects.select_related("photo", "section"))
    digests = {hashlib.sha256(article.photo.file.read()).hexdigest() for article in articles}
    assert len(digests) == len(articles)
    scenes = {scene_for(f"{article.headline} {article.section.name}") for article in articles}
    assert {"flood", "market", "school", "stadium", "office", "road"} <= scenes

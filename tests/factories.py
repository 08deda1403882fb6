"""Small helpers that build rows for tests, in the spirit of djangoproject.com's checklists factory."""

import itertools
from datetime import timedelta

from django.utils import timezone

from news.models import Article, Author, Dateline, Section, Source, Tag

_counter = itertools.count(1)


def make_section(**fields):
    n = next(_counter)
    fields.setdefault("name", f"Kanal {n}")
    fields.setdefault("slug", f"kanal-{n}")
    return Section.objects.create(**fields)


def make_tag(**fields):
    n = next(_counter)
    fields.setdefault("name", f"Tag {n}")
    return Tag.objects.create(**fields)


def make_author(**fields):
    n = next(_counter)
    fields.setdefault("name", f"Penulis {n}")
    fields.setdefault("initials", f"p{n}")
    return Author.objects.create(**fields)


def make_dateline(**fields):
    n = next(_counter)
    fields.setdefault("name", f"KOTA {n}")
    return Dateline.objects.create(**fields)


def make_source(**fields):
    fields.setdefault("name", "detakbanten.com")
    return Source.objects.get_or_create(name=fields.pop("name"), defaults=fields)[0]


def make_article(tags=(), authors=(), **fields):
    """A published article from an hour ago unless told otherwise."""
    n = next(_counter)
    fields.setdefault("headline", f"Berita nomor {n}")
    fields.setdefault("body", f"<p>Paragraf pertama berita {n}.</p><p>Paragraf kedua.</p>")
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    if "section" not in fields:
        fields["section"] = make_section()
    article = Article.objects.create(**fields)
    if tags:
        article.tags.set(tags)
    if authors:
        article.authors.set(authors)
    return article

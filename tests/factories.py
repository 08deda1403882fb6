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


def article_form_data(article=None, **fields):
    """What the admin's article form posts: an article's current values, then the given changes."""
    data = {
        "headline": "", "slug": "", "subtitle": "", "section": "", "body": "", "source": "", "dateline": "",
        "authors": [], "tags": [], "status": "draft", "published_at_0": "", "published_at_1": "", "lead": "",
        "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0", "corrections-MAX_NUM_FORMS": "1000",
    }
    if article is not None:
        local = timezone.localtime(article.published_at) if article.published_at else None
        data.update(
            headline=article.headline, slug=article.slug, subtitle=article.subtitle, section=article.section_id,
            body=article.body, source=article.source_id or "", dateline=article.dateline_id or "",
            authors=[a.pk for a in article.authors.all()], tags=[t.pk for t in article.tags.all()],
            status=article.status, lead=article.lead, base_version=article.version,
            published_at_0=local.strftime("%d/%m/%Y") if local else "",
            published_at_1=local.strftime("%H:%M:%S") if local else "",
        )
        corrections = list(article.corrections.all())
        data["corrections-TOTAL_FORMS"] = data["corrections-INITIAL_FORMS"] = str(len(corrections))
        for n, correction in enumerate(corrections):
            data.update({f"corrections-{n}-id": correction.pk, f"corrections-{n}-article": article.pk,
                         f"corrections-{n}-kind": correction.kind, f"corrections-{n}-text": correction.text})
    for flag in ("is_headline", "needs_verification", "is_advertorial"):
        if fields.pop(flag, getattr(article, flag, False)):
            data[flag] = "on"
    data.update(fields)
    return data

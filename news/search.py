"""Searching articles: PostgreSQL full text in Indonesian, or a LIKE fallback on SQLite."""

import html
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections, models
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

MAX_QUERY_LENGTH = 200
MAX_FALLBACK_TERMS = 8
SNIPPET_LENGTH = 220
ORDERS = {"relevan": "Paling relevan", "terbaru": "Terbaru"}

# Control characters (NUL above all) cannot reach PostgreSQL inside a string.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")
# ts_headline marks matches with these; the snippet is escaped before they become <mark>.
_START, _STOP = "\x02", "\x03"


def clean_query(text):
    """The reader's words, made safe to search: no control characters, single spaces, bounded length."""
    return " ".join(_CONTROL.sub(" ", text or "").split())[:MAX_QUERY_LENGTH].strip()


def search(queryset, text, order="relevan"):
    """Articles of queryset matching text, ranked or newest first; see snippet() for the excerpt."""
    if connections[queryset.db].vendor == "postgresql":
        return _full_text(queryset, text, order)
    return _fallback(queryset, text, order)


def _full_text(queryset, text, order):
    # websearch syntax accepts anything a person types ("quoted phrases", -minus, or)
    # and never raises a syntax error.
    query = SearchQuery(text, config="indonesian", search_type="websearch")
    plain_body = models.Func(
        models.F("body"), models.Value("<[^>]*>"), models.Value(" "), models.Value("g"), function="regexp_replace"
    )
    results = queryset.filter(search_vector=query).annotate(
        rank=SearchRank(models.F("search_vector"), query),
        marked=SearchHeadline(
            plain_body, query, config="indonesian", start_sel=_START, stop_sel=_STOP,
            max_words=25, min_words=12, max_fragments=2, fragment_delimiter=" … ",
        ),
    )
    ordering = ("-published_at", "-pk") if order == "terbaru" else ("-rank", "-published_at", "-pk")
    return results.order_by(*ordering)


def _fallback(queryset, text, order):
    terms = _WORD.findall(text)[:MAX_FALLBACK_TERMS]
    if not terms:
        return queryset.none()
    results = queryset
    for term in terms:
        results = results.filter(
            models.Q(headline__icontains=term) | models.Q(lead__icontains=term) | models.Q(body__icontains=term)
        )
    if order == "terbaru":
        return results.order_by("-published_at", "-pk")
    in_headline = sum(
        (models.Case(models.When(headline__icontains=term, then=1), default=0) for term in terms), models.Value(0)
    )
    return results.annotate(rank=in_headline).order_by("-rank", "-published_at", "-pk")


def snippet(article, text):
    """Text around the matches with each match in <mark>; safe HTML."""
    marked = getattr(article, "marked", None)
    if marked is not None:
        # The headline comes from the body's HTML, entities included: decode before escaping once.
        text = html.unescape(" ".join(marked.split()))
        return mark_safe(escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>"))
    # Tags become spaces, as on PostgreSQL, so that paragraphs do not run into each other.
    body = " ".join(html.unescape(_TAG.sub(" ", article.body)).split())
    terms = sorted(set(_WORD.findall(text)), key=len, reverse=True)
    if not terms:
        return escape(Truncator(body).chars(SNIPPET_LENGTH))
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    first = pattern.search(body)
    start = max(0, first.start() - SNIPPET_LENGTH // 3) if first else 0
    window = body[start : start + SNIPPET_LENGTH]
    window = ("… " if start else "") + window + (" …" if start + SNIPPET_LENGTH < len(body) else "")
    # re.split with a group keeps the matches, at odd positions.
    parts = re.split(f"({pattern.pattern})", window, flags=re.IGNORECASE)
    return mark_safe("".join(f"<mark>{escape(part)}</mark>" if i % 2 else escape(part) for i, part in enumerate(parts)))

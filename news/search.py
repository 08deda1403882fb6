"""Searching articles: PostgreSQL full text in Indonesian, or a LIKE fallback on SQLite.

A search page cannot come from a cache (every query differs), so its work is bounded
however many articles match: the newest MAX_RESULTS matches are the candidates, counted,
ranked and paged; snippets are made for the page shown only.
"""

import html
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

MAX_QUERY_LENGTH = 200
# Readers look at the first pages; a crawler asking for the thousandth costs nothing more.
MAX_RESULTS = 500
# How many of the newest stories are searched first, then next (see _newest_in_windows).
WINDOWS = (2_000, 8_000, 32_000)
MAX_FALLBACK_TERMS = 8
SNIPPET_LENGTH = 220
SNIPPET_SOURCE = 5000  # characters of body HTML a snippet is looked for in
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
    """A Results of the articles of queryset matching text, ranked or newest first.

    Only the newest MAX_RESULTS + 1 matches are candidates: one query ranks them all (by ids),
    a second fetches the page shown, with its snippets. See snippet() for the excerpt.
    """
    postgresql = connections[queryset.db].vendor == "postgresql"
    return Results(queryset, text, order, postgresql)


class Results:
    """What the Paginator pages: the ranked ids of the candidates, and the page's articles fetched when sliced."""

    def __init__(self, queryset, text, order, postgresql):
        self.queryset, self.text, self.order, self.postgresql = queryset, text, order, postgresql
        self._ids = None

    @property
    def ids(self):
        if self._ids is None:
            ranked = _full_text(self.queryset, self.text) if self.postgresql else _fallback(self.queryset, self.text)
            if self.order == "terbaru":
                ranked = ranked.order_by("-published_at", "-pk")
            # Up to MAX_RESULTS + 1 bare integers: read straight off the cursor, without the ORM's
            # per-row machinery, which cost more than the query itself.
            try:
                sql, params = ranked.values_list("pk").query.sql_with_params()
            except EmptyResultSet:  # no word to look for: nothing matches, and nothing is asked
                self._ids = []
            else:
                with connections[ranked.db].cursor() as cursor:
                    cursor.execute(sql, params)
                    self._ids = [row[0] for row in cursor.fetchall()]
        return self._ids

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, window):
        if isinstance(window, int):
            return self[window : window + 1 or None][0]
        wanted = self.ids[window]
        articles = self.queryset.filter(pk__in=wanted).order_by()
        if self.postgresql:
            articles = articles.annotate(marked=_headline(self.text))
        found = {article.pk: article for article in articles}
        return [found[pk] for pk in wanted if pk in found]


def _query(text):
    # websearch syntax accepts anything a person types ("quoted phrases", -minus, or)
    # and never raises a syntax error.
    return SearchQuery(text, config="indonesian", search_type="websearch")


def _newest(matches):
    """The newest MAX_RESULTS + 1 matches: one index walk or bitmap scan, never the whole archive."""
    return matches.order_by("-published_at", "-pk").values("pk")[: MAX_RESULTS + 1]


def _newest_in_windows(queryset, matches):
    """The same newest MAX_RESULTS + 1 matches as _newest(), found reading few rows however large the archive.

    A common word matches thousands of stories, and finding the newest of them meant reading every
    match (or walking the archive checking each vector). The newest WINDOWS[0] stories are searched
    first, the index on publication time and the GIN index intersected before any row is read; only
    when they hold fewer than MAX_RESULTS + 1 matches is the next, larger window searched, and so on.
    A window holding that many matches holds the newest ones of the whole archive, so the candidates
    do not change. One statement: a window that is not needed is never run.
    """
    windows = []
    for size in (*WINDOWS, None):
        scoped = matches
        if size is not None:
            # Where the window starts: read off the index on publication time alone.
            edge = queryset.order_by("-published_at").values("published_at")[size - 1 : size]
            scoped = matches.filter(published_at__gte=models.Subquery(edge))
        windows.append(_newest(scoped).query.sql_with_params())
    names = [f"window{i}" for i in range(len(windows))]
    ctes = ", ".join(f"{name} AS MATERIALIZED ({sql})" for name, (sql, _) in zip(names, windows))
    params = [param for _, window_params in windows for param in window_params]
    enough = f"> {MAX_RESULTS}"
    branches = []
    for i, name in enumerate(names):
        conditions = [f"(SELECT count(*) FROM {earlier}) <= {MAX_RESULTS}" for earlier in names[:i]]
        if i < len(names) - 1:
            conditions.append(f"(SELECT count(*) FROM {name}) {enough}")
        branches.append(f"SELECT pk FROM {name}" + (f" WHERE {' AND '.join(conditions)}" if conditions else ""))
    return models.expressions.RawSQL(f"WITH {ctes} {' UNION ALL '.join(branches)}", params)


def _full_text(queryset, text):
    query = _query(text)
    candidates = queryset.model.objects.filter(pk__in=_newest_in_windows(queryset, queryset.filter(search_vector=query)))
    rank = SearchRank(models.F("search_vector"), query)
    return candidates.annotate(rank=rank).order_by("-rank", "-published_at", "-pk")


def _headline(text):
    # The opening of the body is where a snippet is worth taking from, and bounds the work per row.
    opening = models.Func(models.F("body"), models.Value(SNIPPET_SOURCE), function="left")
    plain_body = models.Func(
        opening, models.Value("<[^>]*>"), models.Value(" "), models.Value("g"), function="regexp_replace"
    )
    return SearchHeadline(
        plain_body, _query(text), config="indonesian", start_sel=_START, stop_sel=_STOP,
        max_words=25, min_words=12, max_fragments=2, fragment_delimiter=" … ",
    )


def _fallback(queryset, text):
    terms = _WORD.findall(text)[:MAX_FALLBACK_TERMS]
    if not terms:
        return queryset.none()
    matches = queryset
    for term in terms:
        matches = matches.filter(
            models.Q(headline__icontains=term) | models.Q(lead__icontains=term) | models.Q(body__icontains=term)
        )
    in_headline = sum(
        (models.Case(models.When(headline__icontains=term, then=1), default=0) for term in terms), models.Value(0)
    )
    candidates = queryset.model.objects.filter(pk__in=_newest(matches))
    return candidates.annotate(rank=in_headline).order_by("-rank", "-published_at", "-pk")


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

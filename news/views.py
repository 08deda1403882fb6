from datetime import date, timedelta

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DayArchiveView, ListView
from django.views.static import serve

from . import caching, pageviews, related, workflow
from . import search as full_text
from .context_processors import navigation
from .models import Article, Author, Correction, Dateline, Page, Section, Tag

PAGE_SIZE = 20
# The lead story and the headlines beside it: a desktop reader sees them all in the first screen.
HEADLINES = 4
HOME_LATEST = 12
# The side column (home, article, search, 404): Pilihan Redaksi and the latest headlines.
PICKS = 5
SIDE_LATEST = 6
# A multi-page story's ?halaman=: a page number, or every page at once.
ALL_PAGES = "semua"
SECTION_BLOCK = 4
POPULAR_LENGTH = 5
POPULAR_SECONDS = 60
RELATED_LENGTH = 4
# More than the page shows, so a story taken down leaves no gap.
RELATED_KEPT = 8
INDEX_DAYS = 7
# The date index answers 404 outside these years instead of overflowing date arithmetic.
INDEX_YEARS = range(1900, 3000)
# Uploaded files are data, never a page: nothing in them may run or load.
MEDIA_CSP = "default-src 'none'; sandbox"


def home(request):
    caching.depends_on(request, [caching.LATEST])
    sections = navigation(request)
    # It changes only when a story does (a publish, an edit, an editor's curation).
    stories = caching.fragment("home", [caching.SITE, caching.LATEST], lambda: _home_stories(sections), request=request)
    return render(request, "news/home.html", {**stories, **side_column(request)})


def _home_stories(sections):
    articles = Article.objects.published().for_cards()
    headlines = list(workflow.curated("headline").for_cards()[:HEADLINES])
    latest = list(articles.exclude(pk__in=[article.pk for article in headlines])[: HOME_LATEST + HEADLINES])
    # Fewer headlines than the top has room for: the newest stories fill it.
    filling = HEADLINES - len(headlines)
    headlines, latest = headlines + latest[:filling], latest[filling:][:HOME_LATEST]
    lead, headlines = (headlines[0], headlines[1:]) if headlines else (None, [])
    # A block per section in menu order, without the stories already shown above it.
    blocks = {section.pk: [] for section in sections}
    shown = [article.pk for article in [lead, *headlines, *latest] if article]
    for article in articles.exclude(pk__in=shown).latest_in_each(sections, SECTION_BLOCK):
        blocks[article.section_id if article.section_id in blocks else article.section.parent_id].append(article)
    return {
        "lead": lead,
        "headlines": headlines,
        # The newest in the side column, beside the headlines; the others below them.
        "newest": latest[:SIDE_LATEST],
        "latest": latest[SIDE_LATEST:],
        "section_blocks": [(section, blocks[section.pk]) for section in sections if blocks[section.pk]],
    }


def side_column(request=None):
    """Terpopuler, Pilihan Redaksi and the latest headlines, as the side column shows them beside every story."""
    side = _side_stories(request)
    # The most read change as readers come: kept a minute, and until a story changes.
    popular = caching.fragment(
        "most-read", [caching.SITE, caching.LATEST], _most_read, request=request, timeout=POPULAR_SECONDS
    )
    return {**side, "popular_day": popular[1], "popular_week": popular[7]}


def latest_stories(request=None):
    """The latest headlines, for a page that found nothing (an empty search, the 404 page)."""
    return _side_stories(request)["side_latest"][:SIDE_LATEST]


def _side_stories(request=None):
    return caching.fragment("side", [caching.SITE, caching.LATEST], _build_side_stories, request=request)


def _build_side_stories():
    return {
        "picks": list(workflow.curated("pick").for_cards()[:PICKS]),
        # One more than shown: beside a story, the story itself is left out.
        "side_latest": list(Article.objects.published().for_cards()[: SIDE_LATEST + 1]),
    }


def _most_read():
    now = timezone.now()
    articles = Article.objects.published().for_cards()
    return {
        days: list(articles.most_read(now - timedelta(days=days), settings.POPULAR_MIN_VIEWS)[:POPULAR_LENGTH])
        for days in (1, 7)
    }


def render_article(request, article, preview=False):
    """The article page; staff previews and share links see exactly what readers will.

    A story in several pages shows the one ?halaman= names (the first without it), or all of them.
    """
    page_count = len(article.body_pages())
    page_number = _page_number(request.GET.get("halaman"), page_count)
    context = {
        "article": article, "preview": preview, "page_count": page_count, "page_number": page_number,
        "page_numbers": range(1, page_count + 1), "all_pages": ALL_PAGES,
        **_around(article, request), **side_column(request),
    }
    response = render(request, "news/article_detail.html", context)
    if preview:
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        response.headers["Cache-Control"] = "private, no-store"
    return response


def article_detail(request, year, month, day, pk, slug):
    article = Article.objects.published().filter(pk=pk).first()
    if article is None:
        retracted = Article.objects.retracted().filter(pk=pk).first()
        if retracted is None:
            raise Http404("Berita tidak ditemukan")
        return render(request, "news/article_retracted.html", {"article": retracted}, status=410)
    _with_relations(article)
    # The side column lists the latest stories: a publish anywhere renews it.
    caching.depends_on(request, {*caching.page_tags(article), caching.LATEST})
    canonical = article.get_absolute_url()
    if request.path != canonical:
        # An old slug or a date changed since: send readers and search engines to the one URL.
        return redirect(canonical, permanent=True)
    response = render_article(request, article)
    response["Last-Modified"] = http_date(article.last_modified().timestamp())
    return response


def _page_number(value, page_count):
    """?halaman= as a page number (1 without it) or ALL_PAGES; anything else, or a page past the last, is 404."""
    if value is None:
        return 1
    if value == ALL_PAGES:
        return ALL_PAGES
    # Digits only, without a leading zero: one address per page, so the page cache keeps one copy.
    if not (value.isascii() and value.isdigit() and value[0] != "0" and len(value) <= 4 and int(value) <= page_count):
        raise Http404("Halaman berita tidak ada")
    return int(value)


@csrf_exempt
@require_POST
def pageview(request, pk):
    """The article page's beacon, sent once a reader sees it: one read of story pk."""
    # No query: reads of a story that does not exist are dropped when the counts are written.
    pageviews.record(request, pk)
    response = HttpResponse(status=204)
    add_never_cache_headers(response)
    return response


def _with_relations(article):
    """Its section, photo, authors, tags and corrections, kept until the story (its version) or a name
    shown on every page changes."""
    article.use_relations(caching.fragment(
        f"relations:{article.pk}:{article.version}", [caching.SITE, f"article:{article.pk}"], article.relations
    ))
    return article


def prepare_article(pk):
    """Make what a published story's page keeps, so that its first reader waits no longer than the next."""
    article = Article.objects.published().filter(pk=pk).first()
    if article is not None:
        _around(_with_relations(article))
        side_column()


def _around(article, request=None):
    """Related stories, the previous and next in its section, and the body's "Baca juga" cards.

    None of them for a draft without a time yet.
    """
    if article.published_at is None:
        return {"related": [], "previous": None, "next": None, "linked_cards": None}
    # Worked out once, and again when a story of its section, tags or dateline changes (a story
    # that shows here shares one of them, so its change renews this too).
    around = caching.fragment(f"around:{article.pk}", caching.page_tags(article), lambda: _around_cards(article),
                              request=request)
    linked_ids = related.linked_article_ids(article.body)
    linked = Article.objects.published().for_cards().order_by().in_bulk(linked_ids) if linked_ids else {}
    return {**around, "linked_cards": linked}


def _around_cards(article):
    published = Article.objects.published()
    same_section = published.filter(section=article.section_id)
    previous = same_section.older_than(article).values_list("pk", flat=True)[:1]
    following = same_section.newer_than(article).values_list("pk", flat=True)[:1]
    related_ids = published.related_ids(article, RELATED_KEPT)
    # Unordered: by primary key, not along the date index.
    cards = published.for_cards().order_by().in_bulk([*related_ids, *previous, *following])
    return {
        "related": [cards[pk] for pk in related_ids if pk in cards][:RELATED_LENGTH],
        "previous": cards.get(previous[0]) if previous else None,
        "next": cards.get(following[0]) if following else None,
    }


def shared_preview(request, token):
    article = workflow.article_for_token(token)
    if article is None:
        raise Http404("Tautan pratinjau tidak berlaku")
    return render_article(request, article, preview=True)


class ArticleListView(ListView):
    """A paginated list of published articles under one heading."""

    template_name = "news/article_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "articles"

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, **kwargs)


class SectionArticleList(ArticleListView):
    template_name = "news/section_articles.html"

    def get_queryset(self):
        self.subject = get_object_or_404(Section.objects.select_related("parent"), slug=self.kwargs["slug"])
        caching.depends_on(self.request, [f"section:{self.subject.pk}"])
        # A section's page also carries its sub-sections' news (Banten shows Tangsel).
        return Article.objects.published().for_cards().in_section(self.subject)


class TagArticleList(ArticleListView):
    template_name = "news/tag_articles.html"

    def get_queryset(self):
        self.subject = get_object_or_404(Tag, slug=self.kwargs["slug"])
        caching.depends_on(self.request, [f"tag:{self.subject.pk}"])
        return Article.objects.published().for_cards().filter(tags=self.subject)


class CorrectionList(ListView):
    """Every correction, newest first, as the press council's guidelines ask."""

    template_name = "news/correction_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "corrections"

    def get_queryset(self):
        caching.depends_on(self.request, [caching.LATEST])
        return Correction.objects.filter(article__in=Article.objects.published()).select_related("article")


class DatelineArticleList(ArticleListView):
    template_name = "news/dateline_articles.html"

    def get_queryset(self):
        self.subject = get_object_or_404(Dateline, slug=self.kwargs["slug"])
        caching.depends_on(self.request, [f"dateline:{self.subject.pk}"])
        return Article.objects.published().for_cards().filter(dateline=self.subject)


class AuthorArticleList(ArticleListView):
    template_name = "news/author_articles.html"

    def get_queryset(self):
        # Only bylines readers have met: staff without published work are not listed.
        bylines = Author.objects.filter(articles__in=Article.objects.published()).distinct()
        self.subject = get_object_or_404(bylines, pk=self.kwargs["pk"])
        caching.depends_on(self.request, [f"author:{self.subject.pk}"])
        return Article.objects.published().for_cards().filter(authors=self.subject)


class DayIndex(DayArchiveView):
    """Indeks: the articles of one day, newest first; without a date, today's."""

    date_field = "published_at"
    month_format = "%m"
    allow_empty = True
    paginate_by = PAGE_SIZE
    context_object_name = "articles"
    template_name = "news/day_index.html"

    def get_queryset(self):
        caching.depends_on(self.request, [caching.LATEST])
        return Article.objects.published().for_cards()

    def get(self, request, *args, **kwargs):
        if "year" not in kwargs:
            chosen = _parse_date(request.GET.get("tanggal", ""))
            if chosen:
                # The date picker's choice, sent to the day's own address.
                return redirect("news:day_index", year=chosen.year, month=chosen.month, day=chosen.day)
            today = timezone.localdate()
            self.kwargs.update(year=today.year, month=f"{today.month:02d}", day=f"{today.day:02d}")
        elif kwargs["year"] not in INDEX_YEARS:
            raise Http404("Tanggal di luar jangkauan indeks")
        else:
            try:
                day = date(int(kwargs["year"]), int(kwargs["month"]), int(kwargs["day"]))
            except ValueError:
                raise Http404("Tanggal tidak valid") from None
            if day > timezone.localdate():
                # Days to come have no news: no endless run of empty pages for crawlers.
                raise Http404("Belum ada berita untuk tanggal itu")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["recent_days"] = [today - timedelta(days=offset) for offset in range(INDEX_DAYS)]
        context["today"] = today
        return context


def _parse_date(value):
    try:
        chosen = date.fromisoformat(value)
    except ValueError:
        return None
    return chosen if chosen.year in INDEX_YEARS else None


def search(request):
    words = full_text.clean_query(request.GET.get("q", ""))
    order = request.GET.get("urut", "relevan")
    if order not in full_text.ORDERS:
        order = "relevan"
    page_obj = None
    latest = None
    if not words:
        # The empty search page is the same for everyone; results are not kept (every query differs).
        caching.depends_on(request, [caching.LATEST])
        latest = latest_stories(request)
    if words:
        results = full_text.search(Article.objects.published().for_cards(body=True), words, order)
        try:
            page_obj = Paginator(results, PAGE_SIZE).page(request.GET.get("page") or 1)
        except InvalidPage:
            raise Http404("Halaman hasil pencarian tidak ada")
    return render(request, "news/search.html", {
        "words": words,
        "order": order,
        "orders": full_text.ORDERS,
        "page_obj": page_obj,
        "articles": page_obj.object_list if page_obj else [],
        "more_than": full_text.MAX_RESULTS if page_obj and page_obj.paginator.count > full_text.MAX_RESULTS else None,
        "latest": latest,
    })


def standing_page(request, slug):
    """Tentang Kami, Redaksi, Pedoman Media Siber, Kontak, Disclaimer: kept until a page changes (the site's token)."""
    caching.depends_on(request, [])
    return render(request, "news/page.html", {"page": get_object_or_404(Page, slug=slug)})


def page_not_found(request, exception):
    """The 404 page, with the latest stories to go on reading."""
    return render(request, "404.html", {"latest": latest_stories(request)}, status=404)


def favicon(request):
    # Browsers and crawlers ask for /favicon.ico even where a page names its icon (the admin names none).
    return redirect(static("img/favicon.svg"), permanent=True)


def robots_txt(request):
    caching.depends_on(request, [])
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


def media_file(request, path):
    """Uploads as the development server serves them, with the headers of the web-server recipe (README)."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response.headers["Content-Security-Policy"] = MEDIA_CSP
    return response

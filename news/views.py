from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import ListView
from django.views.static import serve

from . import workflow
from .models import Article, Correction, Section, Tag

PAGE_SIZE = 20
HOME_LATEST = 12
# Uploaded files are data, never a page: nothing in them may run or load.
MEDIA_CSP = "default-src 'none'; sandbox"


def home(request):
    articles = Article.objects.published().for_cards()
    lead = articles.filter(is_headline=True).first() or articles.first()
    latest = articles.exclude(pk=lead.pk) if lead else articles
    return render(request, "news/home.html", {"lead": lead, "latest": latest[:HOME_LATEST]})


def render_article(request, article, preview=False):
    """The article page; staff previews and share links see exactly what readers will."""
    response = render(request, "news/article_detail.html", {"article": article, "preview": preview})
    if preview:
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        response.headers["Cache-Control"] = "private, no-store"
    return response


def article_detail(request, year, month, day, pk, slug):
    article = Article.objects.published().for_page().filter(pk=pk).first()
    if article is None:
        retracted = Article.objects.retracted().filter(pk=pk).first()
        if retracted is None:
            raise Http404("Berita tidak ditemukan")
        return render(request, "news/article_retracted.html", {"article": retracted}, status=410)
    canonical = article.get_absolute_url()
    if request.path != canonical:
        # An old slug or a date changed since: send readers and search engines to the one URL.
        return redirect(canonical, permanent=True)
    return render_article(request, article)


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
    def get_queryset(self):
        self.subject = get_object_or_404(Section, slug=self.kwargs["slug"])
        return Article.objects.published().for_cards().in_section(self.subject)


class TagArticleList(ArticleListView):
    def get_queryset(self):
        self.subject = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().for_cards().filter(tags=self.subject)


class CorrectionList(ListView):
    """Every correction, newest first, as the press council's guidelines ask."""

    template_name = "news/correction_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "corrections"

    def get_queryset(self):
        return Correction.objects.filter(article__in=Article.objects.published()).select_related("article")

def media_file(request, path):
    """Uploads as the development server serves them, with the headers of the web-server recipe (README)."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response.headers["Content-Security-Policy"] = MEDIA_CSP
    return response

from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import ListView

from .models import Article, Section, Tag

PAGE_SIZE = 20
HOME_LATEST = 12


def home(request):
    articles = Article.objects.published().for_cards()
    lead = articles.filter(is_headline=True).first() or articles.first()
    latest = articles.exclude(pk=lead.pk) if lead else articles
    return render(request, "news/home.html", {"lead": lead, "latest": latest[:HOME_LATEST]})


def article_detail(request, year, month, day, pk, slug):
    article = get_object_or_404(Article.objects.published().for_page(), pk=pk)
    canonical = article.get_absolute_url()
    if request.path != canonical:
        # An old slug or a date changed since: send readers and search engines to the one URL.
        return redirect(canonical, permanent=True)
    return render(request, "news/article_detail.html", {"article": article})


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
        # A section's page also carries its sub-sections' news (Banten shows Tangsel).
        return Article.objects.published().for_cards().in_section(self.subject)


class TagArticleList(ArticleListView):
    def get_queryset(self):
        self.subject = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().for_cards().filter(tags=self.subject)


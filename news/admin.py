from django.contrib import admin

from .models import Article, Author, Dateline, Section, Source, Tag


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "position", "show_in_nav"]
    list_editable = ["position", "show_in_nav"]
    list_filter = ["show_in_nav", "parent"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(Dateline)
class DatelineAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "initials", "user"]
    search_fields = ["name", "initials"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "section", "status", "published_at", "author_initials", "is_headline"]
    list_filter = ["status", "section", "dateline", "source", "published_at", "is_headline"]
    search_fields = ["headline", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "dateline", "source", "tags", "authors"]
    list_select_related = ["section"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "subtitle", "section", "body"]}),
        ("Asal berita", {"fields": ["source", "dateline", "authors", "tags"]}),
        ("Penerbitan", {"fields": ["status", "published_at", "is_headline", "lead"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    @admin.display(description="penulis")
    def author_initials(self, article):
        return ", ".join(author.initials for author in article.authors.all())

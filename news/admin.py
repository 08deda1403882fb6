from datetime import timedelta

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from . import photos, uploads, workflow
from .formats import long_datetime
from .forms import PhotoForm
from .models import Article, Author, Correction, Dateline, EditSession, Photo, Section, Source, Tag
from .search import clean_query
from .views import render_article

RELATED_CHOICES = 20


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
    # An address typed without a scheme is https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


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


class ScheduleFilter(admin.SimpleListFilter):
    title = "jadwal"
    parameter_name = "jadwal"

    def lookups(self, request, model_admin):
        return [("terjadwal", "Terjadwal"), ("hari-ini", "Terbit hari ini")]

    def queryset(self, request, queryset):
        if self.value() == "terjadwal":
            return queryset.scheduled()
        if self.value() == "hari-ini":
            start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
            return queryset.published().filter(published_at__gte=start)
        return queryset


class MineFilter(admin.SimpleListFilter):
    title = "penulis"
    parameter_name = "milik"

    def lookups(self, request, model_admin):
        return [("saya", "Tulisan saya")]

    def queryset(self, request, queryset):
        return queryset.by_user(request.user) if self.value() == "saya" else queryset


class ArticleForm(forms.ModelForm):
    # The version the editor started from; a stale one means someone saved in between.
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        if cleaned.get("base_version") is None and "base_version" in self.fields:
            # Every change form carries it; a post without one cannot prove it saw the latest text.
            cleaned["base_version"] = 0
        # The admin's change view runs in a transaction: the row stays locked until our save.
        current = Article.objects.select_for_update().get(pk=self.instance.pk)
        started_from = cleaned.get("base_version")
        if started_from is not None and started_from != current.version:
            self.data = self.data.copy()
            # Saving again after reading the message is a deliberate choice to overwrite.
            self.data["base_version"] = current.version
            raise ValidationError(workflow.conflict_message(current, started_from))
        return cleaned


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at", "created_by"]
    readonly_fields = ["created_at", "created_by"]
    verbose_name = "ralat/koreksi/hak jawab"
    verbose_name_plural = "ralat, koreksi dan hak jawab"


class RetractForm(forms.Form):
    base_version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Alasan pencabutan",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ditampilkan kepada pembaca di alamat berita ini (Pedoman Pemberitaan Media Siber).",
    )


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ["headline", "section", "status_label", "published_at", "author_initials", "is_headline"]
    list_filter = [
        "status", ScheduleFilter, MineFilter, "section", "dateline", "source", "published_at", "is_headline",
        "needs_verification", "is_advertorial",
    ]
    search_fields = ["headline", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "dateline", "source", "tags", "authors", "photo"]
    list_select_related = ["section"]
    inlines = [CorrectionInline]
    actions = ["send_to_review", "publish_now", "unpublish"]

    def get_fieldsets(self, request, obj=None):
        publishing = ["status", "published_at", "is_headline", "needs_verification", "is_advertorial", "lead"]
        fieldsets = [
            (None, {"fields": ["headline", "slug", "subtitle", "section", "photo", "body", "base_version"]}),
            ("Asal berita", {"fields": ["source", "dateline", "authors", "editor", "tags"]}),
            ("Penerbitan", {"fields": publishing}),
        ]
        if obj is not None and obj.status == Article.Status.RETRACTED:
            fieldsets.append(("Pencabutan", {"fields": ["retracted_at", "retraction_reason"]}))
        if obj is not None:
            fieldsets.append(("Riwayat status", {"fields": ["status_history"]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = ["editor", "status_history", "retracted_at", "retraction_reason"]
        if not workflow.can_publish(request.user):
            readonly += ["published_at", "is_headline"]
        if obj is not None and obj.status == Article.Status.RETRACTED:
            readonly += ["status"]
        return readonly

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            allowed = [Article.Status.DRAFT, Article.Status.REVIEW]
            if workflow.can_publish(request.user):
                allowed.append(Article.Status.PUBLISHED)
            # Retraction needs a public reason, so it has its own page.
            kwargs["choices"] = [(value, label) for value, label in Article.Status.choices if value in allowed]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "authors" and not workflow.can_publish(request.user):
            # Adding a colleague as co-author would hand them edit rights: reporters may add
            # themselves and contributors without an account (stringers, agencies).
            kwargs["queryset"] = Author.objects.filter(models.Q(user=request.user) | models.Q(user__isnull=True))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("authors")
        if not workflow.can_publish(request.user):
            queryset = queryset.by_user(request.user)
        return queryset

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.may_edit(request.user, obj)

    def get_changeform_initial_data(self, request):
        # Most stories are the site's own: the lead-in then reads "detakbanten.com KOTA SERANG - ".
        initial = super().get_changeform_initial_data(request)
        own = Source.objects.filter(name__iexact=settings.SITE_NAME).first()
        if own is not None:
            initial.setdefault("source", own.pk)
        return initial

    def view_on_site(self, article):
        # Readers get 404 until it is out; staff want to see what it will look like.
        if article.is_public():
            return article.get_absolute_url()
        return reverse("admin:news_article_preview", args=[article.pk])

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def save_model(self, request, obj, form, change):
        if change:
            workflow.edit(obj, request.user, fields=form.changed_data, seen_version=form.cleaned_data.get("base_version"))
        else:
            workflow.create(obj, request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        # A reporter always signs their own story; an editor who writes one without authors signs it too.
        if not workflow.can_publish(request.user) or not article.authors.exists():
            article.authors.add(workflow.author_for(request.user))

    def save_formset(self, request, form, formset, change):
        for correction in formset.save(commit=False):
            if correction.pk is None:
                workflow.add_correction(
                    form.instance, request.user, kind=correction.kind, text=correction.text, correction=correction
                )
            else:
                correction.save()
        for correction in formset.deleted_objects:
            correction.delete()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            with transaction.atomic(), reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment("Disimpan lewat admin")
                return super().changeform_view(request, object_id, form_url, extra_context)
        except workflow.Refused as refusal:
            # The form's own checks come first; this is what the workflow refused after them.
            self.message_user(request, str(refusal), messages.ERROR)
            return redirect(request.get_full_path())

    def change_view(self, request, object_id, form_url="", extra_context=None):
        is_id = str(object_id).isascii() and str(object_id).isdigit()
        article = self.get_queryset(request).filter(pk=object_id).first() if is_id else None
        if article is not None:
            if request.method == "GET":
                self.note_presence(request, article)
            extra_context = {**(extra_context or {}), "can_retract": workflow.may_retract(request.user, article)}
            # A share link is for people who may change the story, and never for a retracted one.
            if article.status != Article.Status.RETRACTED and self.has_change_permission(request, article):
                token_url = reverse("news:shared_preview", kwargs={"token": workflow.share_token(article)})
                extra_context["share_url"] = request.build_absolute_uri(token_url)
                extra_context["share_expires"] = workflow.share_expiry()
        return super().change_view(request, object_id, form_url, extra_context)

    def note_presence(self, request, article):
        since = timezone.now() - timedelta(minutes=settings.EDIT_PRESENCE_MINUTES)
        others = (
            EditSession.objects.filter(article=article, opened_at__gte=since)
            .exclude(user=request.user)
            .select_related("user")
        )
        for session in others:
            name = session.user.get_full_name() or session.user.username
            messages.warning(
                request,
                f"{name} membuka berita ini pada {long_datetime(session.opened_at)}. "
                "Bila Anda berdua menyimpan, yang kedua akan diminta meninjau perubahan.",
            )
        EditSession.objects.update_or_create(article=article, user=request.user, defaults={"opened_at": timezone.now()})

    def get_urls(self):
        urls = [
            path("<int:pk>/pratinjau/", self.admin_site.admin_view(self.preview_view), name="news_article_preview"),
            path("<int:pk>/cabut/", self.admin_site.admin_view(self.retract_view), name="news_article_retract"),
            path("<int:pk>/revisi/", self.admin_site.admin_view(self.revisions_view), name="news_article_revisions"),
            path(
                "<int:pk>/revisi/<int:version_id>/",
                self.admin_site.admin_view(self.revision_view),
                name="news_article_revision",
            ),
            path("baca-juga/", self.admin_site.admin_view(self.related_choices), name="news_article_related_choices"),
        ]
        return urls + super().get_urls()

    def get_article_or_deny(self, request, pk):
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def preview_view(self, request, pk):
        article = self.get_article_or_deny(request, pk)
        article = Article.objects.for_page().get(pk=article.pk)
        return render_article(request, article, preview=True)

    def retract_view(self, request, pk):
        article = self.get_article_or_deny(request, pk)
        if not workflow.can_retract(request.user):
            raise PermissionDenied
        if not workflow.may_retract(request.user, article):
            self.message_user(
                request,
                "Hanya berita yang sedang tayang yang dapat dicabut. Berita yang belum pernah terbit "
                "cukup dijadikan draf; judulnya tidak perlu diumumkan.",
                messages.ERROR,
            )
            return redirect("admin:news_article_change", article.pk)
        form = RetractForm(request.POST or None, initial={"base_version": article.version})
        if request.method == "POST" and form.is_valid():
            try:
                workflow.retract(article, request.user, form.cleaned_data["reason"],
                                 seen_version=form.cleaned_data["base_version"])
            except workflow.Refused as refusal:
                self.message_user(request, f"Berita belum dicabut. {refusal}", messages.ERROR)
                return redirect("admin:news_article_change", article.pk)
            self.message_user(request, f"“{article.headline}” dicabut. Pembaca melihat alasannya di alamat berita.")
            return redirect("admin:news_article_change", article.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Cabut berita",
            "article": article,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/news/article/retract.html", context)

    def revisions_view(self, request, pk):
        article = self.get_article_or_deny(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Riwayat revisi: {article.headline}",
            "article": article,
            "versions": workflow.versions_of(article),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/news/article/revisions.html", context)

    def revision_view(self, request, pk, version_id):
        article = self.get_article_or_deny(request, pk)
        version = get_object_or_404(workflow.versions_of(article), pk=version_id)
        if request.method == "POST":
            if not self.has_change_permission(request, article):
                raise PermissionDenied
            try:
                workflow.restore(article, version, request.user, seen_version=_int_or_none(request.POST.get("base_version")))
            except workflow.Refused as refusal:
                self.message_user(request, f"Revisi belum dipulihkan. {refusal}", messages.ERROR)
                return redirect("admin:news_article_revision", article.pk, version.pk)
            self.message_user(request, "Revisi dipulihkan. Versi sebelumnya tetap tersimpan di riwayat.")
            return redirect("admin:news_article_change", article.pk)
        old = version.field_dict
        context = {
            **self.admin_site.each_context(request),
            "title": "Bandingkan revisi dengan teks sekarang",
            "article": article,
            "version": version,
            "diffs": [
                ("Judul", mark_safe(workflow.diff_html(old.get("headline", ""), article.headline))),
                ("Subjudul", mark_safe(workflow.diff_html(old.get("subtitle", ""), article.subtitle))),
                ("Ringkasan", mark_safe(workflow.diff_html(old.get("lead", ""), article.lead))),
                ("Isi", mark_safe(workflow.diff_html(old.get("body", ""), article.body))),
            ],
            "can_restore": self.has_change_permission(request, article),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/news/article/revision_diff.html", context)

    def related_choices(self, request):
        """Published articles whose headline has the editor's words, for the editor's "Baca juga" button."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        words = clean_query(request.GET.get("q", ""))
        articles = Article.objects.published()
        if words:
            articles = articles.filter(headline__icontains=words)
        results = [
            {"id": article.pk, "headline": article.headline, "url": article.get_absolute_url(),
             "date": long_datetime(article.published_at)}
            for article in articles.only("pk", "headline", "slug", "published_at", "created_at")[:RELATED_CHOICES]
        ]
        return JsonResponse({"results": results})

    @admin.display(description="status")
    def status_label(self, article):
        if article.is_scheduled():
            return f"Terjadwal {long_datetime(article.published_at)}"
        return article.get_status_display()

    @admin.display(description="penulis")
    def author_initials(self, article):
        return ", ".join(author.initials for author in article.authors.all())

    @admin.display(description="riwayat status")
    def status_history(self, article):
        changes = article.status_changes.select_related("user")
        if not changes:
            return "Belum ada perubahan status."
        rows = format_html_join(
            "",
            "<li>{}: {} oleh {}</li>",
            (
                (long_datetime(change.changed_at), str(change), change.user.username if change.user else "sistem")
                for change in changes
            ),
        )
        return format_html("<ul>{}</ul>", rows)

    @admin.action(description="Kirim berita terpilih ke review")
    def send_to_review(self, request, queryset):
        self.move(request, queryset.filter(status=Article.Status.DRAFT), workflow.send_to_review, "dikirim ke review")

    @admin.action(description="Terbitkan berita terpilih sekarang", permissions=["publish"])
    def publish_now(self, request, queryset):
        queryset = queryset.filter(status__in=[Article.Status.DRAFT, Article.Status.REVIEW])
        self.move(request, queryset, workflow.publish, "diterbitkan")

    @admin.action(description="Tarik berita terpilih menjadi draf", permissions=["publish"])
    def unpublish(self, request, queryset):
        self.move(request, queryset.filter(status=Article.Status.PUBLISHED), workflow.unpublish, "ditarik menjadi draf")

    def move(self, request, queryset, transition, verb):
        """One transition per article, each on the row as it is stored when its turn comes."""
        moved, refused = 0, []
        for article in queryset.select_related(None).prefetch_related(None).only("pk", "headline", "status"):
            try:
                transition(article, request.user)
            except workflow.Refused as refusal:
                refused.append(f"“{article.headline}”: {refusal}")
                continue
            moved += 1
        self.message_user(request, f"{moved} berita {verb}.", messages.SUCCESS if moved else messages.WARNING)
        for message in refused:
            self.message_user(request, f"Tidak diubah, {message}", messages.WARNING)


def _int_or_none(value):
    return int(value) if value and value.isascii() and value.isdigit() else None


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["article", "kind", "created_at", "created_by"]
    list_filter = ["kind", "created_at"]
    search_fields = ["text", "article__headline"]
    autocomplete_fields = ["article"]
    # A correction's time is when it was made: it cannot be backdated.
    readonly_fields = ["created_at", "created_by"]
    list_select_related = ["article", "created_by"]

    def get_queryset(self, request):
        # Only corrections of stories this person may open: a reporter never learns another's headline.
        visible = self.admin_site._registry[Article].get_queryset(request)
        return super().get_queryset(request).filter(article__in=visible.values("pk"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["queryset"] = self.admin_site._registry[Article].get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def view_on_site(self, correction):
        return correction.get_absolute_url() if correction.article.is_public() else reverse(
            "admin:news_article_preview", args=[correction.article_id]
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except workflow.Refused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return redirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
        else:
            workflow.add_correction(obj.article, request.user, kind=obj.kind, text=obj.text, correction=obj)


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoForm
    list_display = ["thumbnail", "short_caption", "credit", "size", "uploaded_at", "uploaded_by"]
    list_display_links = ["thumbnail", "short_caption"]
    search_fields = ["caption", "credit", "alt_text"]
    date_hierarchy = "uploaded_at"
    list_select_related = ["uploaded_by"]
    readonly_fields = ["focal_picker", "crops", "size", "uploaded_at", "uploaded_by"]

    class Media:
        css = {"all": ["css/photo-admin.css"]}
        js = ["js/photo-focal-point.js"]

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or workflow.can_publish(request.user):
            return True
        # Captions and crops readers already see are the editors' to change.
        return obj.uploaded_by_id == request.user.pk and not obj.articles.published().exists()

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["file", "focal_picker", "focal_x", "focal_y", "alt_text", "credit", "caption"]})]
        return [
            ("Titik fokus", {"fields": ["focal_picker", "focal_x", "focal_y", "crops"]}),
            ("Keterangan", {"fields": ["alt_text", "credit", "caption"]}),
            ("Berkas", {"fields": ["file", "size", "uploaded_at", "uploaded_by"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        # A stored photo's file stays: articles and bodies link to its renditions. Upload a new photo instead.
        return [*self.readonly_fields, "file"] if obj else self.readonly_fields

    def get_urls(self):
        upload = self.admin_site.admin_view(require_POST(uploads.editor_upload))
        return [path("unggah-editor/", upload, name="news_photo_editor_upload"), *super().get_urls()]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
            photos.save_photo(obj, upload=form.cleaned_data["file"])
        elif {"focal_x", "focal_y"} & set(form.changed_data):
            photos.save_photo(obj)
        else:
            obj.save()

    @admin.display(description="foto")
    def thumbnail(self, photo):
        return format_html(
            '<img src="{}" width="64" height="64" alt="" loading="lazy">', photo.rendition_url("1:1", 64)
        )

    @admin.display(description="keterangan", ordering="caption")
    def short_caption(self, photo):
        return photo.caption or photo.alt_text

    @admin.display(description="ukuran")
    def size(self, photo):
        return f"{photo.width} × {photo.height} piksel" if photo.width else "-"

    @admin.display(description="pilih titik fokus")
    def focal_picker(self, photo):
        # On the add form the script shows the chosen file here before it is uploaded.
        image = (
            format_html('<img src="{}" alt="Foto untuk memilih titik fokus">', photo.rendition_url("original", 1024))
            if photo.pk
            else mark_safe('<img alt="Foto untuk memilih titik fokus">')
        )
        return format_html(
            '<div class="focal-picker" data-field-x="id_focal_x" data-field-y="id_focal_y" data-file-field="id_file"'
            '{}>{}<span class="focal-marker" hidden></span></div>'
            '<p class="help">Klik bagian terpenting foto, misalnya wajah narasumber; potongan 16:9 dan persegi '
            "dipusatkan di sana. Tanpa JavaScript, isi kedua angka di bawah.</p>",
            "" if photo.pk else " hidden",
            image,
        )

    @admin.display(description="potongan")
    def crops(self, photo):
        return format_html(
            '<div class="photo-crops"><figure><img src="{}" alt="" width="240" height="135"><figcaption>16:9, '
            'kartu berita</figcaption></figure><figure><img src="{}" alt="" width="135" height="135"><figcaption>'
            "persegi, gambar kecil</figcaption></figure></div>",
            photo.rendition_url("16:9", 320),
            photo.rendition_url("1:1", 320),
        )

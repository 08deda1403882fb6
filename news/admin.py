from datetime import timedelta

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.contrib.admin.widgets import AdminSplitDateTime
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from . import photos, uploads, workflow
from .formats import long_datetime
from .forms import DatelineForm, PhotoForm, RedirectForm
from .models import (
    Article, Author, Correction, Dateline, EditSession, Page, Photo, Redirect, Section, SiteSettings, Source, Tag,
    validate_publication_time,
)
from .search import clean_query
from .views import render_article
from .widgets import PhotoPickerWidget

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
    # Reporters may add one (news.add_dateline) but not change or delete: Django's permissions
    # already give them the add form and a read-only view of the rest.
    form = DatelineForm
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


# Search engines show about this many characters of a title and of a description.
SEO_TITLE_LIMIT, META_DESCRIPTION_LIMIT = 60, 160
SCHEDULE = "_schedule"


class ArticleForm(forms.ModelForm):
    # The version the editor started from; a stale one means someone saved in between.
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Used only with the "Jadwalkan" button (SCHEDULE), which is not the status field's doing.
    schedule_at = forms.SplitDateTimeField(
        label="Jadwal terbit (WIB)", required=False, widget=AdminSplitDateTime,
        error_messages={
            "invalid_date": "Tanggal jadwal tidak dikenali. Tulis seperti 02/12/2026.",
            "invalid_time": "Jam jadwal tidak dikenali. Tulis seperti 14:00.",
            "incomplete": "Isi tanggal dan jam jadwal.",
        },
    )

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {
            # A long headline stays readable as a whole: two lines the full width of the form.
            "headline": forms.Textarea(attrs={"rows": 2, "class": "headline-input", "data-count": ""}),
            "lead": forms.Textarea(attrs={"rows": 3, "data-count": ""}),
            "seo_title": forms.TextInput(attrs={"class": "vLargeTextField", "data-count": SEO_TITLE_LIMIT}),
            "meta_description": forms.Textarea(attrs={"rows": 3, "data-count": META_DESCRIPTION_LIMIT}),
            # Thumbnails from the photo library, with search (news/widgets.py), not a dropdown of captions.
            "photo": PhotoPickerWidget,
        }
        # The admin prints help texts as HTML: the model's literal "<title>" would open a <title> element
        # that swallows the rest of the page.
        help_texts = {
            "seo_title": "Untuk judul di tab peramban, mesin pencari dan saat dibagikan; kosong berarti memakai judul.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_version"].initial = self.instance.version
        if "schedule_at" in self.fields and self.instance.pk and self.instance.is_scheduled():
            # Moving a scheduled story starts from the time it has.
            self.fields["schedule_at"].initial = timezone.localtime(self.instance.published_at)
        for name in ("headline_order", "pick_order"):
            if name in self.fields:
                # Left out of a post, the order stays as it is (the desk board numbers the lists).
                self.fields[name].required = False
                self.fields[name].widget.attrs.update({"min": "0", "max": "32767"})
        # What readers and search engines get when these are left empty, shown in the empty field.
        for name, default in (("seo_title", self.instance.headline), ("meta_description", self.instance.lead)):
            if name in self.fields:
                self.fields[name].widget.attrs["placeholder"] = default or ""
                self.fields[name].widget.attrs["data-default-from"] = "id_headline" if name == "seo_title" else "id_lead"

    def clean_headline(self):
        # The field is a textarea so that a long headline is seen whole; a headline is still one line.
        return " ".join(self.cleaned_data["headline"].split())

    def clean_headline_order(self):
        value = self.cleaned_data.get("headline_order")
        return self.instance.headline_order if value is None else value

    def clean_pick_order(self):
        value = self.cleaned_data.get("pick_order")
        return self.instance.pick_order if value is None else value

    def scheduling(self):
        """True when the post came from the "Jadwalkan" button."""
        return SCHEDULE in self.data

    def clean(self):
        cleaned = super().clean()
        if self.scheduling():
            self.clean_schedule(cleaned)
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

    def clean_schedule(self, cleaned):
        if "schedule_at" not in self.fields:
            self.add_error(None, "Hanya redaktur yang boleh menjadwalkan berita.")
            return
        at = cleaned.get("schedule_at")
        if "schedule_at" in self.errors:
            return
        if at is None:
            self.add_error("schedule_at", "Isi tanggal dan jam terbit untuk menjadwalkan berita.")
        elif at <= timezone.now():
            self.add_error(
                "schedule_at",
                f"Waktu {long_datetime(at)} sudah lewat. Pilih waktu mendatang, atau terbitkan sekarang.",
            )
        elif self.instance.pk is not None and self.instance.is_public():
            # Said above the form: a live story's form has no schedule box to show it in.
            self.add_error(
                None,
                "Berita ini sudah tayang; menjadwalkannya akan menyembunyikannya dari pembaca. "
                "Tarik dulu menjadi draf bila memang ingin dijadwalkan ulang.",
            )
        else:
            try:
                validate_publication_time(at)
            except ValidationError as error:
                self.add_error("schedule_at", error)


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
    list_display = ["headline", "section", "status_label", "published_label", "front_page", "author_initials"]
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
    actions = [
        "send_to_review", "publish_now", "unpublish", "make_headline", "drop_headline", "make_pick", "drop_pick",
        "breaking_1", "breaking_3", "breaking_6", "end_breaking",
    ]

    class Media:
        css = {"all": ["css/article-admin.css"]}
        js = ["js/article-form.js"]

    def get_fieldsets(self, request, obj=None):
        publishing = ["status", "published_at", "needs_verification", "is_advertorial", "lead"]
        front_page = [("is_headline", "headline_order"), ("is_editors_pick", "pick_order"), ("breaking_until", "breaking_banner")]
        fieldsets = [
            (None, {"fields": ["headline", "slug", "subtitle", "section", "photo", "body", "base_version"]}),
            ("Asal berita", {"fields": ["source", "dateline", "authors", "editor", "tags"]}),
            ("Penerbitan", {"fields": publishing}),
            ("Halaman depan", {"fields": front_page, "description": "Urutan juga dapat diatur dari meja redaksi."}),
            ("SEO", {"classes": ["collapse"], "fields": ["seo_title", "meta_description"],
                     "description": "Kosongkan untuk memakai judul dan ringkasan (tampak samar di kolom)."}),
        ]
        if obj is not None and obj.status == Article.Status.RETRACTED:
            fieldsets.append(("Pencabutan", {"fields": ["retracted_at", "retraction_reason"]}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not workflow.can_publish(request.user):
            # Scheduling is an editor's: a reporter's form has no such field (a forged post is refused).
            form = type("ReporterArticleForm", (form,), {"schedule_at": None})
        return form

    def get_readonly_fields(self, request, obj=None):
        readonly = ["editor", "retracted_at", "retraction_reason"]
        if not workflow.can_publish(request.user):
            readonly += ["published_at", *workflow.CURATION_FIELDS]
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
        scheduling = form.scheduling()
        fields = [name for name in form.changed_data if name not in {"schedule_at", "base_version"}]
        if scheduling:
            # "Jadwalkan" decides the status and the time; the status field is left as it is stored.
            fields = [name for name in fields if name not in {"status", "published_at"}]
            if not change:
                obj.status, obj.published_at = Article.Status.DRAFT, None
        if change:
            workflow.edit(obj, request.user, fields=fields, seen_version=form.cleaned_data.get("base_version"))
            # Saved: the form this person had open is closed, so nobody is warned about it any more.
            EditSession.objects.filter(article=obj, user=request.user).delete()
        else:
            workflow.create(obj, request.user)
        if scheduling:
            workflow.schedule(obj, request.user, at=form.cleaned_data["schedule_at"], seen_version=obj.version)
            request.scheduled_at = obj.published_at

    def response_add(self, request, obj, post_url_continue=None):
        return self.scheduled_response(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self.scheduled_response(request, obj) or super().response_change(request, obj)

    def scheduled_response(self, request, obj):
        at = getattr(request, "scheduled_at", None)
        if at is None:
            return None
        self.message_user(request, f"Dijadwalkan terbit {long_datetime(at)}.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:news_article_change", args=[obj.pk]))

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
                extra_context = {**(extra_context or {}), "present_others": self.note_presence(request, article)}
            extra_context = {
                **(extra_context or {}),
                "can_retract": workflow.may_retract(request.user, article),
                "can_schedule": workflow.can_publish(request.user) and not article.is_public()
                and article.status != Article.Status.RETRACTED,
                "presence_seconds": settings.EDIT_PRESENCE_HEARTBEAT_SECONDS,
            }
            # A share link is for people who may change the story, and never for a retracted one.
            if article.status != Article.Status.RETRACTED and self.has_change_permission(request, article):
                token_url = reverse("news:shared_preview", kwargs={"token": workflow.share_token(article)})
                extra_context["share_url"] = request.build_absolute_uri(token_url)
                extra_context["share_expires"] = workflow.share_expiry()
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_schedule": workflow.can_publish(request.user)}
        return super().add_view(request, form_url, extra_context)

    def note_presence(self, request, article):
        """Names of the others who have this article's form open; this person's own form counts from now."""
        EditSession.objects.update_or_create(article=article, user=request.user, defaults={"opened_at": timezone.now()})
        return self.others_present(request, article)

    def others_present(self, request, article):
        # opened_at is renewed by every heartbeat: a form not heard from for EDIT_PRESENCE_SECONDS is closed.
        since = timezone.now() - timedelta(seconds=settings.EDIT_PRESENCE_SECONDS)
        others = (
            EditSession.objects.filter(article=article, opened_at__gte=since)
            .exclude(user=request.user)
            .select_related("user")
            .order_by("user__username")
        )
        return [workflow.display_name(session.user) for session in others]

    def presence_view(self, request, pk):
        """The change form's heartbeat (every EDIT_PRESENCE_HEARTBEAT_SECONDS): who else has it open."""
        article = self.get_article_or_deny(request, pk)
        return JsonResponse({"others": self.note_presence(request, article)})

    def leave_view(self, request, pk):
        """The change form was closed (navigator.sendBeacon on pagehide): nobody is warned about it any more."""
        article = self.get_article_or_deny(request, pk)
        EditSession.objects.filter(article=article, user=request.user).delete()
        return JsonResponse({"others": self.others_present(request, article)})

    def history_view(self, request, object_id, extra_context=None):
        # One history: Django's log of admin saves is only part of what the revisions record.
        is_id = str(object_id).isascii() and str(object_id).isdigit()
        article = self.get_queryset(request).filter(pk=object_id).first() if is_id else None
        if article is None:
            return super().history_view(request, object_id, extra_context)
        return redirect("admin:news_article_revisions", article.pk)

    def get_urls(self):
        def view(function, methods=None):
            return self.admin_site.admin_view(require_POST(function) if methods == "POST" else function)

        urls = [
            path("<int:pk>/pratinjau/", view(self.preview_view), name="news_article_preview"),
            path("<int:pk>/terbitkan/", view(self.publish_view, "POST"), name="news_article_publish"),
            path("<int:pk>/cabut/", view(self.retract_view), name="news_article_retract"),
            path("<int:pk>/revisi/", view(self.revisions_view), name="news_article_revisions"),
            path("<int:pk>/revisi/<int:version_id>/", view(self.revision_view), name="news_article_revision"),
            path("<int:pk>/hadir/", view(self.presence_view, "POST"), name="news_article_presence"),
            path("<int:pk>/pergi/", view(self.leave_view, "POST"), name="news_article_leave"),
            path("baca-juga/", view(self.related_choices), name="news_article_related_choices"),
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

    def publish_view(self, request, pk):
        """"Terbitkan" on the preview page: publish now the version the editor was looking at."""
        article = self.get_article_or_deny(request, pk)
        if not workflow.can_publish(request.user):
            raise PermissionDenied
        seen = _int_or_none(request.POST.get("base_version"))
        # Refusals are told on the change form: the preview page is the readers' template, without messages.
        if seen is None:
            self.message_user(request, "Berita belum diterbitkan: buka ulang pratinjau lalu coba lagi.", messages.ERROR)
            return redirect("admin:news_article_change", article.pk)
        try:
            workflow.publish(article, request.user, seen_version=seen)
        except workflow.Refused as refusal:
            self.message_user(request, f"Berita belum diterbitkan. {refusal}", messages.ERROR)
            return redirect("admin:news_article_change", article.pk)
        self.message_user(request, f"“{article.headline}” diterbitkan {long_datetime(article.published_at)}.")
        return redirect("admin:news_article_change", article.pk)

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
            "title": f"Riwayat: {article.headline}",
            "article": article,
            "entries": workflow.history(article),
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

    @admin.display(description="status", ordering="status")
    def status_label(self, article):
        return "Terjadwal" if article.is_scheduled() else article.get_status_display()

    @admin.display(description="waktu terbit", ordering="published_at")
    def published_label(self, article):
        # One format everywhere in the admin: "Rabu, 2 Desember 2026 14:00 WIB".
        return long_datetime(article.published_at) if article.published_at else "-"

    @admin.display(description="halaman depan")
    def front_page(self, article):
        return ", ".join(front_page_labels(article)) or "-"

    @admin.display(description="penulis")
    def author_initials(self, article):
        return ", ".join(author.initials for author in article.authors.all())

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

    @admin.action(description="Jadikan berita utama", permissions=["publish"])
    def make_headline(self, request, queryset):
        self.curate_selected(request, queryset, "dijadikan berita utama", is_headline=True)

    @admin.action(description="Keluarkan dari berita utama", permissions=["publish"])
    def drop_headline(self, request, queryset):
        self.curate_selected(request, queryset, "dikeluarkan dari berita utama", is_headline=False)

    @admin.action(description="Jadikan Pilihan Redaksi", permissions=["publish"])
    def make_pick(self, request, queryset):
        self.curate_selected(request, queryset, "dijadikan Pilihan Redaksi", is_editors_pick=True)

    @admin.action(description="Keluarkan dari Pilihan Redaksi", permissions=["publish"])
    def drop_pick(self, request, queryset):
        self.curate_selected(request, queryset, "dikeluarkan dari Pilihan Redaksi", is_editors_pick=False)

    @admin.action(description="Jadikan breaking 1 jam", permissions=["publish"])
    def breaking_1(self, request, queryset):
        self.curate_selected(request, queryset, "dijadikan breaking 1 jam", breaking_until=breaking_for(1))

    @admin.action(description="Jadikan breaking 3 jam", permissions=["publish"])
    def breaking_3(self, request, queryset):
        self.curate_selected(request, queryset, "dijadikan breaking 3 jam", breaking_until=breaking_for(3))

    @admin.action(description="Jadikan breaking 6 jam", permissions=["publish"])
    def breaking_6(self, request, queryset):
        self.curate_selected(request, queryset, "dijadikan breaking 6 jam", breaking_until=breaking_for(6))

    @admin.action(description="Akhiri breaking", permissions=["publish"])
    def end_breaking(self, request, queryset):
        self.curate_selected(request, queryset, "tidak lagi breaking", breaking_until=None)

    def curate_selected(self, request, queryset, verb, **flags):
        self.move(request, queryset, lambda article, user: workflow.curate(article, user, **flags), verb)

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


def breaking_for(hours):
    return timezone.now() + timedelta(hours=hours)


def front_page_labels(article, now=None):
    """Where the story stands on the front page, in the editors' words: "Utama #2", "Pilihan #1", "Breaking s.d. 15:00"."""
    labels = []
    if article.is_headline:
        labels.append(f"Utama #{article.headline_order}" if article.headline_order else "Utama")
    if article.is_editors_pick:
        labels.append(f"Pilihan #{article.pick_order}" if article.pick_order else "Pilihan")
    if article.is_breaking(now):
        until = timezone.localtime(article.breaking_until)
        labels.append(f"Breaking s.d. {until:%H:%M}" + (" (banner)" if article.breaking_banner else ""))
    return labels


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
        js = ["js/photo-focal-point.js", "js/photo-upload-progress.js"]

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


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "position", "in_footer", "updated_at"]
    list_editable = ["position", "in_footer"]
    list_filter = ["in_footer"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "body", "in_footer", "position"]


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    # Only Admin Redaksi holds the redirect permissions (news/roles.py gives editors none).
    form = RedirectForm
    list_display = ["old_path", "new_path", "note", "created_at"]
    search_fields = ["old_path", "new_path", "note"]
    date_hierarchy = "created_at"


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row: the list opens it, a second cannot be added, and it is never deleted."""

    fieldsets = [
        ("Dewan Pers", {"fields": ["dewan_pers_number"]}),
        ("Media sosial", {"fields": ["whatsapp_channel_url", "facebook_url", "instagram_url", "x_url", "youtube_url",
                                     "tiktok_url"]}),
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        row = SiteSettings.objects.order_by("pk").first()
        if row is not None and self.has_view_or_change_permission(request, row):
            return redirect("admin:news_sitesettings_change", row.pk)
        if row is None and self.has_add_permission(request):
            return redirect("admin:news_sitesettings_add")
        return super().changelist_view(request, extra_context)

from datetime import timedelta

from django.contrib import admin
from django.contrib import messages
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

QUEUE_LENGTH = 8
# Published stories offered for the front page's "add" choosers: the newest ones.
CANDIDATES = 40
BREAKING_HOURS = (1, 3, 6)


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Redaksi detakbanten"
    site_title = "Redaksi detakbanten"
    index_title = "Meja redaksi"

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every model's admin, Django's and django-axes' too, refuses odd input instead of failing on it.
        from .admin_input import SafeInputMixin

        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, SafeInputMixin):
            admin_class = type(admin_class.__name__, (SafeInputMixin, admin_class), {"__module__": admin_class.__module__})
        return super().register(model_or_iterable, admin_class, **options)

    @property
    def login_form(self):
        # Imported when the login page is asked for: this module loads before the apps.
        from .forms import NewsroomLoginForm

        return NewsroomLoginForm

    def get_urls(self):
        # Django's "view on site" shortcut redirects any staff member to any object's public
        # address; ours answers only for what the person may open (see view_on_site).
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        shortcut = path(
            "r/<path:content_type_id>/<path:object_id>/", self.admin_view(self.view_on_site), name="view_on_site"
        )
        curate = path("halaman-depan/", self.admin_view(require_POST(self.curate_view)), name="curate")
        from .photo_picker import photo_picker

        picker = path("pustaka-foto/", self.admin_view(photo_picker), name="news_photo_picker")
        return [shortcut, curate, picker, *urls]

    def view_on_site(self, request, content_type_id, object_id):
        """Where "Lihat di situs" leads: never to the address of a story this person may not open, nor of a draft."""
        from django.contrib.contenttypes.models import ContentType

        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ContentType.DoesNotExist, ValueError, OverflowError):
            raise Http404("Tidak ada") from None
        model_admin = self._registry.get(model)
        # get_object() reads through the admin's own queryset: a reporter's view of the articles.
        obj = model_admin.get_object(request, object_id) if model_admin else None
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404("Tidak ada")
        if callable(model_admin.view_on_site):
            return redirect(model_admin.view_on_site(obj))
        if model_admin.view_on_site and hasattr(obj, "get_absolute_url"):
            return redirect(obj.get_absolute_url())
        raise Http404("Tidak ada")

    def index(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}), "desk_board": self.desk_board(request), "front_page": self.front_page(request),
        }
        return super().index(request, extra_context)

    def front_page(self, request):
        """The "Halaman depan" panel: headlines and Pilihan Redaksi in order, breaking stories; editors only."""
        from . import workflow
        from .models import Article

        if not workflow.can_publish(request.user):
            return None
        headlines = list(workflow.curated("headline").select_related("section"))
        picks = list(workflow.curated("pick").select_related("section"))
        breaking = list(
            Article.objects.published().breaking().select_related("section").order_by("breaking_until")
        )
        candidates = list(
            Article.objects.published().only("pk", "headline", "published_at").order_by("-published_at", "-pk")[:CANDIDATES]
        )
        return {
            "lists": [
                {"kind": "headline", "title": "Berita utama", "rows": headlines,
                 "candidates": [a for a in candidates if a.pk not in {h.pk for h in headlines}]},
                {"kind": "pick", "title": "Pilihan Redaksi", "rows": picks,
                 "candidates": [a for a in candidates if a.pk not in {p.pk for p in picks}]},
            ],
            "breaking": breaking,
            "breaking_candidates": [a for a in candidates if a.pk not in {b.pk for b in breaking}],
            "hours": BREAKING_HOURS,
        }

    def curate_view(self, request):
        """The panel's buttons: add, move up or down, remove; make breaking for some hours, banner, end."""
        from . import workflow
        from .models import Article

        if not workflow.can_publish(request.user):
            raise PermissionDenied
        done = redirect("admin:index")
        article_id, kind, do = request.POST.get("article", ""), request.POST.get("list", ""), request.POST.get("do", "")
        article = (
            Article.objects.filter(pk=article_id).first() if article_id.isascii() and article_id.isdigit() else None
        )
        if article is None:
            messages.error(request, "Pilih berita yang ingin diatur.")
            return done
        version = request.POST.get("base_version", "")
        seen = int(version) if version.isascii() and version.isdigit() else None
        headline = f"“{article.headline}”"
        try:
            if kind in workflow.CURATED_LISTS:
                flag = workflow.CURATED_LISTS[kind][0]
                label = workflow.CURATED_LABELS[kind]
                if do == "add":
                    self._require_public(article)
                    workflow.curate(article, request.user, seen_version=seen, **{flag: True})
                    message = f"{headline} masuk {label}."
                elif do == "remove":
                    workflow.curate(article, request.user, seen_version=seen, **{flag: False})
                    message = f"{headline} dikeluarkan dari {label}."
                elif do in {"up", "down"}:
                    workflow.arrange(article, request.user, kind, -1 if do == "up" else 1, seen_version=seen)
                    message = f"{headline} {'naik' if do == 'up' else 'turun'} di {label}."
                else:
                    raise workflow.Refused("Perintah tidak dikenal.")
            elif kind == "breaking":
                if do.isascii() and do.isdigit() and int(do) in BREAKING_HOURS:
                    self._require_public(article)
                    banner = request.POST.get("banner") == "1"
                    until = timezone.now() + timedelta(hours=int(do))
                    workflow.curate(article, request.user, seen_version=seen, breaking_until=until, breaking_banner=banner)
                    message = (f"{headline} menjadi breaking sampai {timezone.localtime(until):%H:%M} WIB"
                               f"{' dengan banner di seluruh situs' if banner else ''}.")
                elif do in {"banner-on", "banner-off"}:
                    if not article.is_breaking():
                        raise workflow.Refused("Berita ini tidak sedang breaking.")
                    workflow.curate(article, request.user, seen_version=seen, breaking_banner=do == "banner-on")
                    message = f"Banner breaking {headline} {'dipasang' if do == 'banner-on' else 'diturunkan'}."
                elif do == "end":
                    workflow.curate(article, request.user, seen_version=seen, breaking_until=None)
                    message = f"{headline} tidak lagi breaking."
                else:
                    raise workflow.Refused("Perintah tidak dikenal.")
            else:
                raise workflow.Refused("Perintah tidak dikenal.")
        except workflow.Conflict:
            messages.error(
                request, f"{headline} baru saja diubah orang lain; halaman ini sudah dimuat ulang. Periksa lalu coba lagi."
            )
            return done
        except workflow.Refused as refusal:
            messages.error(request, f"Halaman depan tidak diubah. {refusal}")
            return done
        messages.success(request, message)
        return done

    @staticmethod
    def _require_public(article):
        from . import workflow

        if not article.is_public():
            raise workflow.Refused("Hanya berita yang sedang tayang yang dapat ditampilkan di halaman depan.")

    def desk_board(self, request):
        """The newsroom's queues, each with a link to the filtered article list."""
        from .models import Article

        user = request.user
        if not user.has_perm("news.view_article"):
            return []
        # The same rows the article list would show this user: a reporter sees only their own.
        # The queues show no authors: drop the changelist's prefetch of them.
        visible = self._registry[Article].get_queryset(request).prefetch_related(None)
        articles = visible.select_related("section").order_by("-updated_at")
        changelist = reverse("admin:news_article_changelist")
        now = timezone.localtime()
        start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
        week_ago = now - timedelta(days=7)

        def queue(title, rows, filters, show_time=False):
            rows = list(rows[:QUEUE_LENGTH])
            return {"title": title, "rows": rows, "url": f"{changelist}?{urlencode(filters)}", "show_time": show_time}

        return [
            queue("Menunggu review", articles.in_review(), {"status__exact": "review"}),
            queue(
                "Terjadwal",
                visible.scheduled().select_related("section").order_by("published_at"),
                {"jadwal": "terjadwal"},
                show_time=True,
            ),
            queue("Draf saya", articles.drafts().by_user(user), {"status__exact": "draft", "milik": "saya"}),
            queue(
                "Terbit hari ini",
                visible.published().filter(published_at__gte=start_of_day).select_related("section"),
                {"jadwal": "hari-ini"},
                show_time=True,
            ),
            queue(
                "Baru dicabut",
                articles.retracted().filter(retracted_at__gte=week_ago).order_by("-retracted_at"),
                {"status__exact": "retracted"},
            ),
        ]


class NewsroomAdminConfig(AdminConfig):
    """The admin, with the newsroom's desk board as its front page."""

    default_site = "news.admin_site.NewsroomAdminSite"

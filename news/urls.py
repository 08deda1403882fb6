from django.urls import path, register_converter

from . import views


class TwoDigitConverter:
    """Months and days as Indonesian news URLs print them: 01 to 31."""

    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(TwoDigitConverter, "dd")

app_name = "news"

urlpatterns = [
    path("", views.home, name="home"),
    path("read/<int:year>/<dd:month>/<dd:day>/<int:pk>/<slug:slug>/", views.article_detail, name="article"),
    path("kanal/<slug:slug>/", views.SectionArticleList.as_view(), name="section"),
    path("tag/<slug:slug>/", views.TagArticleList.as_view(), name="tag"),
    path("ralat/", views.CorrectionList.as_view(), name="corrections"),
    path("pratinjau/<str:token>/", views.shared_preview, name="shared_preview"),
]

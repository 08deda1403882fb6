"""The seam between articles and their rich-text editor.

Everything that knows about CKEditor lives here: the model field, its
toolbar configuration name, and the sanitiser that is the real security
boundary. CKEditor 4 stores whatever HTML the browser sends, so nothing it
produces is trusted; moving to another editor means changing this module.
"""

import re
from urllib.parse import urlsplit

import nh3
from ckeditor.fields import RichTextField, RichTextFormField
from ckeditor.widgets import CKEditorWidget
from django import forms
from django.urls import reverse_lazy

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
    "strong", "b", "em", "i", "u", "s", "strike", "sub", "sup", "small", "mark",
    "ul", "ol", "li", "blockquote", "q", "cite", "abbr", "code", "pre", "span", "div",
    "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "iframe",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "target"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "iframe": {"src", "width", "height", "title", "allowfullscreen"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Embeds: only video players meant to be framed, recognised by the whole URL and
# rebuilt from the video id, so no host or path trick can slip through (browsers
# and Python's urlsplit disagree about URLs such as "https://evil\\@youtube.com").
EMBEDS = [
    (re.compile(r"^https://(?:www\.)?youtube(?:-nocookie)?\.com/embed/([A-Za-z0-9_-]{6,20})(?:\?[A-Za-z0-9_=&;.-]*)?$"),
     "https://www.youtube-nocookie.com/embed/{}"),
    (re.compile(r"^https://player\.vimeo\.com/video/([0-9]{1,12})(?:\?[A-Za-z0-9_=&;.-]*)?$"),
     "https://player.vimeo.com/video/{}"),
]
URL_ATTRIBUTES = {"href", "src", "cite"}

_EMPTY_IFRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.IGNORECASE | re.DOTALL)
_DIMENSION = re.compile(r"^\d{1,4}%?$")


def embed_url(url):
    """The canonical player URL for an allowed embed, or None."""
    for pattern, canonical in EMBEDS:
        match = pattern.match(url)
        if match:
            return canonical.format(match.group(1))
    return None


def _filter_attribute(tag, attribute, value):
    if tag == "iframe" and attribute == "src":
        return embed_url(value)
    if attribute in URL_ATTRIBUTES:
        try:
            # What Python cannot parse (e.g. "//[::1") would break feeds and cards later.
            urlsplit(value)
        except ValueError:
            return None
    if attribute in {"width", "height"}:
        return value if _DIMENSION.match(value) else None
    if attribute == "target":
        return "_blank" if value == "_blank" else None
    return value


def sanitize_html(html):
    """Return body HTML that keeps newsroom formatting and nothing executable."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "template", "noscript", "object", "embed", "svg", "math"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        set_tag_attribute_values={
            "iframe": {
                "loading": "lazy",
                "referrerpolicy": "strict-origin",
                "sandbox": "allow-scripts allow-same-origin allow-presentation allow-popups",
            },
            # Body images sit below the lead photo, out of the first screen.
            "img": {"loading": "lazy"},
        },
    )
    # An iframe whose src was refused would remain as an empty frame.
    return _EMPTY_IFRAME.sub("", cleaned).strip()


class NewsroomEditorWidget(CKEditorWidget):
    """CKEditor whose image dialog uploads into the photo library through news.uploads."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        upload_url = reverse_lazy("admin:news_photo_editor_upload")
        self.config.update(
            {
                # The image dialog's Upload tab, and images pasted or dropped (uploadimage plugin).
                "filebrowserImageUploadUrl": upload_url,
                "uploadUrl": upload_url,
                "filebrowserUploadMethod": "xhr",
                # Its fields (class, style, id) would not survive the sanitiser anyway.
                "removeDialogTabs": "image:advanced",
                "image_previewText": " ",
            }
        )

    @property
    def media(self):
        # ckeditor.js named again so that the merged admin media keep it before the script that hooks into it.
        return super().media + forms.Media(js=["ckeditor/ckeditor/ckeditor.js", "js/editor-photo-upload.js"])


class NewsroomFormField(RichTextFormField):
    widget = NewsroomEditorWidget


class BodyField(RichTextField):
    """A CKEditor field whose value is sanitised every time a row is saved."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config_name", "newsroom")
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NewsroomFormField, **kwargs})

    def pre_save(self, model_instance, add):
        # pre_save runs for save(), create() and bulk_create() alike.
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "news.editor.BodyField", args, kwargs

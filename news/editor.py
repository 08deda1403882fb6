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
from django.conf import settings
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
    # A photo of the library inside the body: <figure data-photo="123"></figure> (news/body.py).
    "figure": {"data-photo"},
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

# The one class a body keeps: the page break (news.models.PAGE_BREAK), on hr only.
ALLOWED_CLASSES = {"hr": {"page-break"}}

_EMPTY_IFRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.IGNORECASE | re.DOTALL)
_DIMENSION = re.compile(r"^\d{1,4}%?$")
# Photo ids as the database holds them (a bigint): a longer number could never name a photo.
PHOTO_ID = re.compile(r"^[1-9][0-9]{0,17}$")
# nh3's output, one token at a time: a tag (its attribute values always in double quotes, which
# may hold < or >) or the text up to the next tag (where < is always escaped).
_TOKEN = re.compile(r'<[^>"]*(?:"[^"]*"[^>"]*)*>|[^<]+')
_PHOTO_OPENING = re.compile(r'^<figure data-photo="[0-9]+">$')
_CLASS_EMPTIED = re.compile(r'<hr class="">')


def embed_url(url):
    """The canonical player URL for an allowed embed, or None."""
    for pattern, canonical in EMBEDS:
        match = pattern.match(url)
        if match:
            return canonical.format(match.group(1))
    return None


def _filter_attribute(tag, attribute, value):
    if attribute == "data-photo":
        return value if PHOTO_ID.match(value) else None
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
        allowed_classes=ALLOWED_CLASSES,
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
    cleaned = _EMPTY_IFRAME.sub("", cleaned)
    return _CLASS_EMPTIED.sub("<hr>", _photo_references(cleaned)).strip()


def _photo_references(cleaned):
    """Each figure[data-photo] emptied: the photo, its caption and credit come from the library,
    never from what the editor's preview of it held (news/body.py)."""
    if "<figure data-photo=" not in cleaned:
        return cleaned
    kept, depth = [], 0
    for token in _TOKEN.findall(cleaned):
        if depth:
            if token.startswith("<figure"):
                depth += 1
            elif token == "</figure>":
                depth -= 1
                if not depth:
                    kept.append(token)
            continue
        kept.append(token)
        if _PHOTO_OPENING.match(token):
            depth = 1
    return "".join(kept)


# The editor's own plugins (static/news/ckeditor/): photos from the library, and the page break.
PLUGINS = [
    ("fotopustaka", "news/ckeditor/fotopustaka/"),
    ("pemisahhalaman", "news/ckeditor/pemisahhalaman/"),
]
# Where their buttons go: beside the image button and the horizontal rule.
BUTTONS_AFTER = {"Image": "FotoPustaka", "HorizontalRule": "PemisahHalaman"}


def _toolbar_with_our_buttons(toolbar):
    groups = []
    for group in toolbar:
        buttons = []
        for button in group:
            buttons.append(button)
            if button in BUTTONS_AFTER and BUTTONS_AFTER[button] not in group:
                buttons.append(BUTTONS_AFTER[button])
        groups.append(buttons)
    return groups


class NewsroomEditorWidget(CKEditorWidget):
    """CKEditor whose image dialog uploads into the photo library through news.uploads, with a
    picker for photos already in the library and a page-break button.

    Photos in the body are references (<figure data-photo="123"></figure>); the editor gets
    them filled in with the photo, its caption and credit, so that it can show them.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        upload_url = reverse_lazy("admin:news_photo_editor_upload")
        # A copy: the toolbar lists belong to the settings, shared by every widget.
        toolbar_name = f"toolbar_{self.config.get('toolbar', '')}"
        if toolbar_name in self.config:
            self.config[toolbar_name] = _toolbar_with_our_buttons(self.config[toolbar_name])
        plugins = [name for name, _ in PLUGINS]
        extra = [name for name in self.config.get("extraPlugins", "").split(",") if name and name not in plugins]
        self.config["extraPlugins"] = ",".join([*extra, *plugins])
        self.external_plugin_resources = [
            *[resource for resource in self.external_plugin_resources if resource[0] not in plugins],
            *[(name, f"/{settings.STATIC_URL.lstrip('/')}{folder}", "plugin.js") for name, folder in PLUGINS],
        ]
        self.config.update(
            {
                "photoPickerUrl": reverse_lazy("admin:news_photo_picker"),
                # The image dialog's Upload tab, and images pasted or dropped (uploadimage plugin).
                "filebrowserImageUploadUrl": upload_url,
                "uploadUrl": upload_url,
                "filebrowserUploadMethod": "xhr",
                # Its fields (class, style, id) would not survive the sanitiser anyway.
                "removeDialogTabs": "image:advanced",
                "image_previewText": " ",
            }
        )

    def _set_config(self):
        super()._set_config()
        # The newsroom's language, whatever the browser asks for: CKEditor 4 ships "id".
        self.config["language"] = self.config["defaultLanguage"] = settings.LANGUAGE_CODE

    def format_value(self, value):
        from . import body

        return body.for_editor(super().format_value(value) or "")

    @property
    def media(self):
        # ckeditor.js named again so that the merged admin media keep it before the script that hooks into it.
        return super().media + forms.Media(
            css={"all": ["css/photo-picker.css"]},
            js=["ckeditor/ckeditor/ckeditor.js", "js/editor-photo-upload.js", "js/photo-picker.js"],
        )


class NewsroomFormField(RichTextFormField):
    widget = NewsroomEditorWidget

    def to_python(self, value):
        # Sanitised as the model will store it: the editor's filled-in photo references, for one,
        # then compare equal to what is stored, so an untouched body is not a change.
        return sanitize_html(super().to_python(value))


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

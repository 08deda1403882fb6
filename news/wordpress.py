"""Read a WordPress export (WXR 1.0 to 1.2, Tools → Export → All content) and turn its bodies into ours.

Pure XML and text in, plain data out: no Django here, as in news/importer.py. Saving lives in
news/importers.py. The file is streamed (defusedxml's iterparse, each element dropped once read),
so memory stays flat however many posts an export holds; entity declarations (expansion bombs,
external entities) are refused before anything is read.
"""

import html
import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from datetime import timezone as dt_timezone
from urllib.parse import parse_qs, unquote, urlsplit

import defusedxml
import defusedxml.ElementTree

WP_PREFIX = "http://wordpress.org/export/"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
UPLOADS = "wp-content/uploads/"
NEXTPAGE = "<!--nextpage-->"
# What <!--nextpage--> becomes before paragraphs are made, so that it ends up between them.
_PAGE_MARK = "\x00halaman\x00"
_NO_DATE = "0000-00-00 00:00:00"


class WxrError(ValueError):
    """The file cannot be imported at all; the message is for the person running the import."""


class ItemError(ValueError):
    """One item of the export is broken; the rest still imports."""


@dataclass
class WpAuthor:
    login: str
    display_name: str
    first_name: str = ""
    last_name: str = ""


@dataclass
class WpTerm:
    slug: str
    name: str
    parent: str = ""


@dataclass
class WpAttachment:
    post_id: int
    url: str
    title: str = ""
    caption: str = ""
    alt: str = ""
    parent: int = 0


@dataclass
class WpPost:
    post_id: int
    title: str
    link: str
    slug: str
    status: str
    post_type: str
    creator: str
    content: str
    excerpt: str
    date_gmt: datetime | None
    date_local: datetime | None
    categories: list[str] = field(default_factory=list)
    tags: list[WpTerm] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    guid: str = ""


@dataclass
class BrokenItem:
    """An item that could not be read; reported with its title and wp:post_id."""

    title: str
    post_id: str
    reason: str


@dataclass
class Export:
    """What the channel holds besides posts, and how many items there are (from a first pass)."""

    version: str = ""
    title: str = ""
    base_url: str = ""
    authors: dict = field(default_factory=dict)
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    attachments: dict = field(default_factory=dict)
    item_count: int = 0


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _wp_namespace(tag):
    if tag.startswith("{" + WP_PREFIX):
        return tag[1:].split("}", 1)[0]
    return None


def _text(element, name, namespaces):
    for namespace in namespaces:
        found = element.find(f"{{{namespace}}}{name}")
        if found is not None:
            return (found.text or "").strip()
    return ""


def _events(path):
    """(event, element) pairs of the file; hostile or malformed XML becomes a WxrError."""
    try:
        yield from defusedxml.ElementTree.iterparse(str(path), events=("start", "end"))
    except (defusedxml.EntitiesForbidden, defusedxml.DTDForbidden, defusedxml.ExternalReferenceForbidden):
        raise WxrError(
            "berkas ditolak: XML-nya memuat deklarasi entitas (bom ekspansi atau rujukan ke berkas luar). "
            "Ekspor WordPress tidak pernah memuatnya; tidak ada yang disimpan."
        ) from None
    except ElementTree.ParseError as error:
        line, column = error.position
        raise WxrError(
            f"berkas bukan XML yang utuh (rusak di baris {line}, kolom {column + 1}); "
            "ekspor ulang dari WordPress. Tidak ada yang disimpan."
        ) from None


def _walk(path):
    """The channel's direct children and each item, as they end; each is dropped from memory once yielded."""
    channel = None
    depth = 0
    seen_root = False
    for event, element in _events(path):
        if event == "start":
            depth += 1
            if not seen_root:
                seen_root = True
                if _local(element.tag) != "rss":
                    raise WxrError(
                        f"bukan berkas ekspor WordPress (WXR): unsur akarnya <{_local(element.tag)}>, bukan <rss>. "
                        "Buat ekspor di WordPress: Alat → Ekspor → Semua konten."
                    )
            elif depth == 2 and element.tag == "channel":
                channel = element
            continue
        depth -= 1
        if depth == 2 and channel is not None:
            yield element
            channel.remove(element)
    if channel is None:
        raise WxrError("bukan berkas ekspor WordPress (WXR): tidak ada <channel>.")


def scan(path):
    """First pass over the file: it is a WXR export, and what its channel and attachments hold."""
    export = Export()
    namespaces = set()
    for element in _walk(path):
        name = _local(element.tag)
        namespace = _wp_namespace(element.tag)
        if namespace:
            namespaces.add(namespace)
        if namespace and name == "wxr_version":
            export.version = (element.text or "").strip()
        elif namespace and name == "base_site_url":
            export.base_url = (element.text or "").strip()
        elif element.tag == "title" and not export.title:
            export.title = (element.text or "").strip()
        elif element.tag == "link" and not export.base_url:
            export.base_url = (element.text or "").strip()
        elif namespace and name == "author":
            login = _text(element, "author_login", [namespace])
            if login:
                export.authors[login] = WpAuthor(
                    login=login,
                    display_name=_text(element, "author_display_name", [namespace]),
                    first_name=_text(element, "author_first_name", [namespace]),
                    last_name=_text(element, "author_last_name", [namespace]),
                )
        elif namespace and name == "category":
            slug = _text(element, "category_nicename", [namespace])
            if slug:
                export.categories.append(WpTerm(
                    slug=unquote(slug), name=html.unescape(_text(element, "cat_name", [namespace]) or slug),
                    parent=unquote(_text(element, "category_parent", [namespace])),
                ))
        elif namespace and name == "tag":
            slug = _text(element, "tag_slug", [namespace])
            if slug:
                export.tags.append(WpTerm(slug=unquote(slug), name=html.unescape(_text(element, "tag_name", [namespace]) or slug)))
        elif element.tag == "item":
            export.item_count += 1
            wp = [ns for ns in {_wp_namespace(child.tag) for child in element} if ns]
            if _text(element, "post_type", wp) == "attachment":
                attachment = _attachment(element, wp)
                if attachment is not None:
                    export.attachments[attachment.post_id] = attachment
    if not export.version or not namespaces:
        raise WxrError(
            "bukan berkas ekspor WordPress (WXR): tidak ada wp:wxr_version. "
            "Buat ekspor di WordPress: Alat → Ekspor → Semua konten."
        )
    if not export.version.startswith(("1.0", "1.1", "1.2")):
        raise WxrError(f"versi WXR {export.version} belum dikenal; yang didukung 1.0 sampai 1.2.")
    return export


def _meta(element, wp):
    meta = {}
    for namespace in wp:
        for entry in element.findall(f"{{{namespace}}}postmeta"):
            key = _text(entry, "meta_key", [namespace])
            if key:
                meta[key] = _text(entry, "meta_value", [namespace])
    return meta


def _attachment(element, wp):
    try:
        post_id = int(_text(element, "post_id", wp))
    except ValueError:
        return None
    url = _text(element, "attachment_url", wp) or (element.findtext("guid") or "").strip()
    if not url:
        return None
    meta = _meta(element, wp)
    return WpAttachment(
        post_id=post_id,
        url=url,
        title=html.unescape((element.findtext("title") or "").strip()),
        caption=html.unescape(_excerpt(element)),
        alt=meta.get("_wp_attachment_image_alt", ""),
        parent=_int(_text(element, "post_parent", wp)),
    )


def _excerpt(element):
    for child in element:
        if child.tag.endswith("excerpt/}encoded"):
            return (child.text or "").strip()
    return ""


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _date(value):
    value = (value or "").strip()
    if not value or value == _NO_DATE:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise ItemError(f"tanggal tidak valid: {value!r}") from None


def items(path):
    """Second pass: every item that is not an attachment, as a WpPost, or a BrokenItem naming what is wrong."""
    for element in _walk(path):
        if element.tag != "item":
            continue
        wp = [ns for ns in {_wp_namespace(child.tag) for child in element} if ns]
        if _text(element, "post_type", wp) == "attachment":
            continue
        title = html.unescape((element.findtext("title") or "").strip())
        raw_id = _text(element, "post_id", wp)
        try:
            yield _post(element, wp, title, raw_id)
        except ItemError as error:
            yield BrokenItem(title=title or "(tanpa judul)", post_id=raw_id or "?", reason=str(error))


def _post(element, wp, title, raw_id):
    if not raw_id.isdigit():
        raise ItemError("wp:post_id tidak ada atau bukan angka")
    date_gmt = _date(_text(element, "post_date_gmt", wp))
    categories, tags = [], []
    for term in element.findall("category"):
        slug = unquote(term.get("nicename") or "")
        if term.get("domain") == "category" and slug:
            categories.append(slug)
        elif term.get("domain") == "post_tag" and slug:
            tags.append(WpTerm(slug=slug, name=html.unescape((term.text or slug).strip())))
    return WpPost(
        post_id=int(raw_id),
        title=title,
        link=(element.findtext("link") or "").strip(),
        guid=(element.findtext("guid") or "").strip(),
        slug=unquote(_text(element, "post_name", wp)),
        status=_text(element, "status", wp),
        post_type=_text(element, "post_type", wp) or "post",
        creator=(element.findtext(CREATOR) or "").strip(),
        content=element.findtext(CONTENT) or "",
        excerpt=_excerpt(element),
        date_gmt=date_gmt.replace(tzinfo=dt_timezone.utc) if date_gmt else None,
        date_local=_date(_text(element, "post_date", wp)),
        categories=categories,
        tags=tags,
        meta=_meta(element, wp),
    )


# Paths.

def upload_path(url):
    """The path under wp-content/uploads of an attachment URL ("2024/01/foto.jpg"), or None."""
    path = unquote(urlsplit(url).path)
    if UPLOADS not in path:
        return None
    relative = path.split(UPLOADS, 1)[1].lstrip("/")
    parts = relative.split("/")
    if not relative or any(part in {"", ".", ".."} for part in parts):
        return None
    return relative


_SIZE_SUFFIX = re.compile(r"-\d{2,5}x\d{2,5}(?=\.[A-Za-z0-9]+$)")


def original_upload_path(url):
    """The upload path of the original behind a resized copy (foto-1024x683.jpg → foto.jpg)."""
    path = upload_path(url)
    return _SIZE_SUFFIX.sub("", path) if path else None


def old_path(url):
    """An old address as news.redirects looks it up: path (and ?p= query) of url, decoded, lower case."""
    parts = urlsplit(url)
    path = normalise_path(parts.path or "/")
    query = parse_qs(parts.query)
    if path == "/" and query.get("p"):
        return f"/?p={query['p'][0]}"
    return path


def normalise_path(path):
    path = unquote(path).lower()
    return path.rstrip("/") or "/"


# Bodies.

_SHORTCODE = re.compile(
    r"\[(?P<close>/)?(?P<name>[a-z][a-z0-9_-]*)"
    r"(?P<attrs>(?:\s+[\w-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\]\"']+))?|\s+\"[^\"]*\"|\s+https?://[^\s\]]+)*)\s*/?\]"
)
_CAPTION = re.compile(r"\[caption(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/caption\]", re.DOTALL | re.IGNORECASE)
_EMBED = re.compile(r"\[embed[^\]]*\]\s*(?P<url>[^\[\s]+)\s*\[/embed\]", re.IGNORECASE)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_LINKED_IMG = re.compile(r"<a\b[^>]*>\s*(<img\b[^>]*>)\s*</a>", re.IGNORECASE)
_ATTR = re.compile(r"([\w-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_CREDIT = re.compile(
    r"\s*[\(\[]?\s*(?:foto|photo|dok\.?|sumber foto)\s*:\s*(?P<credit>[^\)\]]+?)\s*[\)\]]?\s*$", re.IGNORECASE
)
_YOUTUBE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:[^#\s]*&)?v=|embed/|shorts/|live/)|youtu\.be/)"
    r"([A-Za-z0-9_-]{6,20})\S*$"
)
_VIMEO = re.compile(r"^https?://(?:www\.)?vimeo\.com/([0-9]{1,12})\S*$")
_BLOCK = re.compile(
    r"^\s*</?(?:p|div|h[1-6]|ul|ol|li|blockquote|figure|figcaption|table|thead|tbody|tr|td|th|pre|iframe|hr|"
    r"section|article|aside|header|footer|dl|dt|dd|address|form|video|audio)\b",
    re.IGNORECASE,
)


def split_credit(caption):
    """(caption, credit) from a caption ending as Indonesian sites write it: "… Foto: Budi/Kabar Lama"."""
    if found := _CREDIT.search(caption):
        return caption[: found.start()].strip(), found.group("credit").strip()
    return caption.strip(), ""


def embed_player(url):
    """The embeddable player URL of a YouTube or Vimeo link, as the sanitiser allows it; else None."""
    url = html.unescape(url.strip())
    if match := _YOUTUBE.match(url):
        return f"https://www.youtube.com/embed/{match.group(1)}"
    if match := _VIMEO.match(url):
        return f"https://player.vimeo.com/video/{match.group(1)}"
    return None


def _iframe(player):
    return (f'<iframe src="{player}" width="560" height="315" title="Video" allowfullscreen></iframe>')


def image_attributes(tag):
    """The attributes of an <img> tag, unescaped."""
    return {name.lower(): html.unescape(a if a is not None and a != "" else b or "") for name, a, b in _ATTR.findall(tag)}


def attachment_id_of(attributes):
    """The attachment id WordPress writes into an image's class (wp-image-12), or 0."""
    match = re.search(r"\bwp-image-(\d+)\b", attributes.get("class", ""))
    return int(match.group(1)) if match else 0


@dataclass
class Body:
    html: str
    removed: Counter
    images: list  # (attributes of each <img>, caption text, credit) in order


def convert_body(content, image_html=None):
    """HTML for our body from a post's content as WordPress stores it.

    image_html(attributes, caption, credit) gives the markup of one image (a library photo);
    by default the image is kept as it is. The result still goes through the sanitiser.
    """
    removed = Counter()
    images = []
    text = content.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"<!--\s*nextpage\s*-->", f"\n\n{_PAGE_MARK}\n\n", text, flags=re.IGNORECASE)

    def figure(match):
        inner = match.group("inner").strip()
        tag = _IMG.search(inner)
        if not tag:
            return inner
        # The caption is what follows the image (and the link around it).
        after = re.sub(r"^.*?<img\b[^>]*>\s*(?:</a>)?", "", inner, count=1, flags=re.DOTALL | re.IGNORECASE)
        caption = re.sub(r"<[^>]+>", "", after).strip()
        caption_attr = image_attributes(match.group("attrs")).get("caption", "")
        caption = html.unescape(caption or caption_attr)
        caption, credit = split_credit(caption)
        attributes = image_attributes(tag.group(0))
        images.append((attributes, caption, credit))
        return "\n\n" + _figure(attributes, caption, credit, image_html) + "\n\n"

    # A link around an image (to the file or its attachment page) would end up around the figure.
    text = _LINKED_IMG.sub(r"\1", text)
    text = _CAPTION.sub(figure, text)
    text = _EMBED.sub(lambda m: _embed_or_link(m.group("url")), text)

    def other_image(match):
        if "data-wp-done" in match.group(0):
            return match.group(0).replace(" data-wp-done", "")
        attributes = image_attributes(match.group(0))
        images.append((attributes, "", ""))
        return image_html(attributes, "", "") if image_html else match.group(0)

    text = _IMG.sub(other_image, text)

    def shortcode(match):
        if match.group("close") is None:
            removed[match.group("name")] += 1
        return ""

    text = _SHORTCODE.sub(shortcode, text)
    return Body(html=_autop(text), removed=removed, images=images)


def _figure(attributes, caption, credit, image_html):
    image = image_html(attributes, caption, credit) if image_html else plain_image(attributes)
    # Marked so the pass over the remaining <img> tags leaves this one alone.
    image = re.sub(r"<img\b", "<img data-wp-done", image, count=1, flags=re.IGNORECASE)
    if image.lstrip().lower().startswith("<figure"):
        return image
    text = html.escape(caption)
    if credit:
        text = f"{text} Foto: {html.escape(credit)}".strip()
    return f"<figure>{image}<figcaption>{text}</figcaption></figure>" if text else f"<figure>{image}</figure>"


def plain_image(attributes):
    """An <img> with only what the sanitiser keeps of one (it is sanitised again on save)."""
    kept = {name: attributes[name] for name in ("src", "alt", "width", "height") if attributes.get(name)}
    return "<img " + " ".join(f'{name}="{html.escape(value)}"' for name, value in kept.items()) + ">"


def _embed_or_link(url):
    player = embed_player(url)
    if player:
        return f"\n\n{_iframe(player)}\n\n"
    safe = html.escape(html.unescape(url))
    return f'\n\n<p><a href="{safe}">{safe}</a></p>\n\n'


def _autop(text):
    """Paragraphs as WordPress's wpautop makes them: blank lines separate, single newlines are <br>."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block or block in {"&nbsp;", "\xa0"}:
            continue
        if block == _PAGE_MARK:
            out.append(PAGE_BREAK_MARK)
            continue
        if _BLOCK.match(block):
            out.append(block)
            continue
        # A YouTube or Vimeo link on a line of its own is an embed, as WordPress shows it.
        lines = []
        for line in (line.strip() for line in block.split("\n")):
            if not line:
                continue
            if player := embed_player(line):
                if lines:
                    out.append("<p>" + "<br>\n".join(lines) + "</p>")
                out.append(_iframe(player))
                lines = []
            else:
                lines.append(line)
        if lines:
            out.append("<p>" + "<br>\n".join(lines) + "</p>")
    return "\n".join(out)


# Replaced by news.models.PAGE_BREAK in news/importers.py: the marker is the model's, not the parser's.
PAGE_BREAK_MARK = "<!--detakbanten:page-break-->"

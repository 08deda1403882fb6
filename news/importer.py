"""Parse articles scraped from detakbanten.com-style text files.

Pure text in, plain data out: no Django here, so the rules can be read and
tested on their own. Saving a parsed article lives in the import_articles
management command, which load_samples reuses.

The format, as the newsroom's scraped files have it::

    Headline on the first line
    (the headline again, often, repeated by the scraper)
    detakbanten.com CIPUTAT - First sentence of the lead ...
    Next paragraph, one per line ...
    jls                      <- reporter's initials, on a line of their own
    Last paragraph ... (rin) <- or in parentheses at the very end
    Go to top                <- site chrome, dropped

One line is one paragraph; blank lines only separate them.
"""

import re
from dataclasses import dataclass, field

_DASH = r"(?:\s+-{1,2}(?:\s+|$)|\s*[–—]\s*)"
# All-caps place words as printed: CIPUTAT, KOTA SERANG, P. SUMUR, TANJUNG PRIOK.
_DATELINE = r"[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){0,3}"
# A domain (detakbanten.com) or a capitalised name (Antara); a name is never
# all caps, which keeps it apart from the dateline beside it.
_SOURCE = r"(?:[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
_DOMAIN = r"[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
_REST = r"(?P<rest>.*)"

_LEADINS = [
    re.compile(rf"^(?P<dateline>{_DATELINE})\s*,\s*(?P<source>{_SOURCE}){_DASH}{_REST}$"),
    re.compile(rf"^(?P<dateline>{_DATELINE})\s*\(\s*(?P<source>{_SOURCE})\s*\){_DASH}{_REST}$"),
    re.compile(rf"^(?P<source>{_SOURCE}),?\s+(?P<dateline>{_DATELINE}){_DASH}{_REST}$"),
    re.compile(rf"^(?P<dateline>{_DATELINE}){_DASH}{_REST}$"),
    re.compile(rf"^(?P<source>{_DOMAIN}){_DASH}{_REST}$"),
]

_INITIALS = r"[a-z]{2,6}(?:/[a-z]{2,6})*"
_INITIALS_LINE = re.compile(rf"^(?:{_INITIALS}|\({_INITIALS}\))$")
_INITIALS_AT_END = re.compile(rf"\s*\((?P<initials>{_INITIALS})\)$")

# Exact lines only: a looser match would eat real sentences that merely
# start with these words.
CHROME_LINES = {"go to top", "kembali ke atas", "baca juga", "share", "bagikan", "share this"}

# Zero-width characters survive str.strip() but are as invisible as spaces.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class ParseError(ValueError):
    """The text is not an article the importer understands; the message is for editors."""


@dataclass
class ParsedArticle:
    headline: str
    paragraphs: list[str]
    source: str | None = None
    dateline: str | None = None
    initials: list[str] = field(default_factory=list)


def decode(data: bytes) -> str:
    """Text of an uploaded or scraped file: UTF-8, with or without a byte order mark."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("bukan teks UTF-8 (berkas UTF-16; simpan ulang sebagai UTF-8)")
    if b"\x00" in data:
        raise ParseError("berkas biner, bukan teks")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ParseError("bukan teks UTF-8") from None
    # Control characters would also make the RSS feed invalid XML.
    if _CONTROL.search(text):
        raise ParseError("berkas biner, bukan teks")
    return text


def parse_article(text: str) -> ParsedArticle:
    """Headline, lead-in, paragraphs and initials of one scraped article."""
    lines = [line for line in (_clean(raw) for raw in text.splitlines()) if line]
    if not lines:
        raise ParseError("berkas kosong")
    lines = [line for line in lines if not _is_chrome(line)]
    if not lines:
        raise ParseError("tidak ada judul")

    headline, rest = lines[0], lines[1:]
    # Only a lead-in naming its source is surely body text: headlines such as
    # "FOTO - Banjir di Kasemen" look like a bare dateline lead-in.
    if (leadin := _split_leadin(headline)) and leadin[0]:
        raise ParseError("tidak ada judul: baris pertama sudah berupa isi berita")
    while rest and _same_text(rest[0], headline):
        rest = rest[1:]

    initials, paragraphs = [], []
    for line in rest:
        if _INITIALS_LINE.match(line):
            initials.extend(line.strip("()").split("/"))
        else:
            paragraphs.append(line)
    if not paragraphs:
        raise ParseError("tidak ada isi berita")

    if match := _INITIALS_AT_END.search(paragraphs[-1]):
        remaining = paragraphs[-1][: match.start()].rstrip()
        if remaining:
            paragraphs[-1] = remaining
            initials.extend(match["initials"].split("/"))

    source = dateline = None
    if leadin := _split_leadin(paragraphs[0]):
        source, dateline, lead = leadin
        if lead:
            paragraphs[0] = lead
        else:
            # The lead-in stood on a line of its own.
            paragraphs = paragraphs[1:]
    if not paragraphs:
        raise ParseError("tidak ada isi berita")

    return ParsedArticle(
        headline=headline,
        paragraphs=paragraphs,
        source=source,
        dateline=dateline,
        initials=list(dict.fromkeys(initials)),
    )


def _clean(line):
    return line.strip().strip(_INVISIBLE).strip()


def _is_chrome(line):
    return line.rstrip(":").strip().casefold() in CHROME_LINES


def _same_text(a, b):
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _split_leadin(paragraph):
    """(source, dateline, rest of the paragraph) when it opens with a lead-in, else None."""
    for pattern in _LEADINS:
        match = pattern.match(paragraph)
        if not match:
            continue
        groups = match.groupdict()
        dateline = " ".join(groups["dateline"].split()) if groups.get("dateline") else None
        # A lone capital or stray punctuation is not a place name.
        if dateline is not None and sum(char.isalpha() for char in dateline) < 2:
            continue
        source = " ".join(groups["source"].split()) if groups.get("source") else None
        return source, dateline, match["rest"].strip()
    return None

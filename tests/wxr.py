"""WordPress exports (WXR) made for the tests, and a large generated one for measuring the importer.

    .venv/bin/python tests/wxr.py 50000 /tmp/besar.xml   # writes a 50,000-post export
"""

import sys
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

# Port 9 (discard) on this machine: a photo the tests leave missing is refused at once, with no DNS or network.
SITE = "http://127.0.0.1:9"


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


@dataclass
class Post:
    post_id: int
    title: str
    slug: str
    content: str = "Paragraf pertama.\n\nParagraf kedua."
    status: str = "publish"
    date_gmt: str = "2024-03-05 03:30:00"
    date: str = "2024-03-05 10:30:00"
    creator: str = "budi"
    excerpt: str = ""
    link: str = ""
    categories: list = field(default_factory=list)  # (slug, name)
    tags: list = field(default_factory=list)  # (slug, name)
    meta: dict = field(default_factory=dict)
    post_type: str = "post"

    def xml(self, version):
        link = self.link or f"{SITE}/{self.date[:4]}/{self.date[5:7]}/{self.date[8:10]}/{self.slug}/"
        terms = "".join(
            f'<category domain="category" nicename="{slug}">{cdata(name)}</category>' for slug, name in self.categories
        ) + "".join(f'<category domain="post_tag" nicename="{slug}">{cdata(name)}</category>' for slug, name in self.tags)
        meta = "".join(
            f"<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key><wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>"
            for key, value in self.meta.items()
        )
        return f"""
<item>
  <title>{escape(self.title)}</title>
  <link>{escape(link)}</link>
  <pubDate>Tue, 05 Mar 2024 03:30:00 +0000</pubDate>
  <dc:creator>{cdata(self.creator)}</dc:creator>
  <guid isPermaLink="false">{SITE}/?p={self.post_id}</guid>
  <description></description>
  <content:encoded>{cdata(self.content)}</content:encoded>
  <excerpt:encoded>{cdata(self.excerpt)}</excerpt:encoded>
  <wp:post_id>{self.post_id}</wp:post_id>
  <wp:post_date>{cdata(self.date)}</wp:post_date>
  <wp:post_date_gmt>{cdata(self.date_gmt)}</wp:post_date_gmt>
  <wp:comment_status>open</wp:comment_status>
  <wp:post_name>{cdata(self.slug)}</wp:post_name>
  <wp:status>{cdata(self.status)}</wp:status>
  <wp:post_parent>0</wp:post_parent>
  <wp:menu_order>0</wp:menu_order>
  <wp:post_type>{cdata(self.post_type)}</wp:post_type>
  <wp:post_password></wp:post_password>
  <wp:is_sticky>0</wp:is_sticky>
  {terms}{meta}
</item>"""


@dataclass
class Attachment:
    post_id: int
    path: str  # under wp-content/uploads
    title: str = "Foto"
    caption: str = ""
    alt: str = ""
    parent: int = 0

    def xml(self, version):
        url = f"{SITE}/wp-content/uploads/{self.path}"
        alt = (
            f"<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>{cdata(self.alt)}"
            "</wp:meta_value></wp:postmeta>" if self.alt else ""
        )
        return f"""
<item>
  <title>{escape(self.title)}</title>
  <link>{SITE}/?attachment_id={self.post_id}</link>
  <dc:creator>{cdata("budi")}</dc:creator>
  <guid isPermaLink="false">{escape(url)}</guid>
  <content:encoded>{cdata("")}</content:encoded>
  <excerpt:encoded>{cdata(self.caption)}</excerpt:encoded>
  <wp:post_id>{self.post_id}</wp:post_id>
  <wp:post_date>2024-03-01 10:00:00</wp:post_date>
  <wp:post_date_gmt>2024-03-01 03:00:00</wp:post_date_gmt>
  <wp:post_name>{cdata(self.path.rsplit("/", 1)[-1])}</wp:post_name>
  <wp:status>inherit</wp:status>
  <wp:post_parent>{self.parent}</wp:post_parent>
  <wp:post_type>attachment</wp:post_type>
  <wp:attachment_url>{cdata(url)}</wp:attachment_url>
  {alt}
</item>"""


AUTHORS = [("budi", "Budi Santoso", "", ""), ("siti", "Siti Rahma Wati", "", ""), ("admin", "admin", "Ahmad", "Fauzi")]
CATEGORIES = [("banten", "Banten", ""), ("serang-kota", "Serang Kota", "banten"), ("olahraga", "Olahraga", "")]
TAGS = [("banjir", "Banjir"), ("pilkada", "Pilkada")]


def header(version="1.2", authors=AUTHORS, categories=CATEGORIES, tags=TAGS, base_url=SITE):
    namespace = f"http://wordpress.org/export/{version}/"
    authors_xml = "".join(
        f"<wp:author><wp:author_id>{number}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_email>{cdata(login + '@lama.test')}</wp:author_email>"
        f"<wp:author_display_name>{cdata(name)}</wp:author_display_name>"
        f"<wp:author_first_name>{cdata(first)}</wp:author_first_name>"
        f"<wp:author_last_name>{cdata(last)}</wp:author_last_name></wp:author>"
        for number, (login, name, first, last) in enumerate(authors, start=1)
    )
    categories_xml = "".join(
        f"<wp:category><wp:term_id>{number}</wp:term_id><wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
        f"<wp:category_parent>{cdata(parent)}</wp:category_parent><wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>"
        for number, (slug, name, parent) in enumerate(categories, start=10)
    )
    tags_xml = "".join(
        f"<wp:tag><wp:term_id>{number}</wp:term_id><wp:tag_slug>{cdata(slug)}</wp:tag_slug>"
        f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>"
        for number, (slug, name) in enumerate(tags, start=50)
    )
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="{namespace}excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="{namespace}">
<channel>
  <title>Kabar Lama</title>
  <link>{base_url}</link>
  <description>Situs berita lama</description>
  <language>id-ID</language>
  <wp:wxr_version>{version}</wp:wxr_version>
  <wp:base_site_url>{base_url}</wp:base_site_url>
  <wp:base_blog_url>{base_url}</wp:base_blog_url>
  {authors_xml}{categories_xml}{tags_xml}
  <generator>https://wordpress.org/?v=6.4</generator>
"""


FOOTER = "\n</channel>\n</rss>\n"


def export(items, version="1.2", **options):
    return header(version, **options) + "".join(item.xml(version) for item in items) + FOOTER


def write_big_export(path, count, version="1.2"):
    """An export of count posts, written as it is made, so that making it needs no memory either."""
    paragraph = (
        "Pemerintah daerah menggelar rapat koordinasi bersama camat dan lurah untuk membahas penanganan "
        "banjir, perbaikan jalan, dan pelayanan publik di wilayah masing-masing."
    )
    with open(path, "w", encoding="utf-8") as out:
        out.write(header(version))
        for number in range(1, count + 1):
            day = 1 + number % 28
            month = 1 + (number // 28) % 12
            year = 2010 + number % 14
            body = "\n\n".join(f"{paragraph} ({number}/{part})" for part in range(6))
            if number % 10 == 0:
                body += '\n\n[gallery ids="1,2"]\n\n<!--nextpage-->\n\nHalaman kedua.'
            post = Post(
                post_id=number, title=f"Berita nomor {number} dari Banten", slug=f"berita-nomor-{number}",
                content=body, date_gmt=f"{year}-{month:02d}-{day:02d} 03:00:00",
                date=f"{year}-{month:02d}-{day:02d} 10:00:00", creator=AUTHORS[number % 3][0],
                categories=[CATEGORIES[number % 3][:2]], tags=[TAGS[number % 2]],
                meta={"_yoast_wpseo_metadesc": f"Ringkasan berita {number}"},
            )
            out.write(post.xml(version))
        out.write(FOOTER)


if __name__ == "__main__":
    write_big_export(sys.argv[2], int(sys.argv[1]))

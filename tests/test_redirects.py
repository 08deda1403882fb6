"""Old addresses keep working: every WordPress address answers 301 to its new one, as a browser follows it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news import workflow
from news.models import Article, Author, Redirect

from .wxr import SITE, Post, export

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path):
    items = [
        Post(1, "Banjir Rendam Kasemen", "banjir-rendam-kasemen", categories=[("serang-kota", "Serang Kota")],
             tags=[("banjir", "Banjir")]),
        Post(2, "Wisuda Santri di Pandeglang", "wisuda-santri", link=f"{SITE}/berita/wisuda-santri.html",
             categories=[("banten", "Banten")]),
        Post(3, "Judul %E2%80%93 Beraksen", "judul-beraksen", link=f"{SITE}/2024/03/05/Judul-Beraksen/"),
    ]
    path = tmp_path / "ekspor.xml"
    path.write_text(export(items), encoding="utf-8")
    call_command("import_wordpress", str(path), stdout=StringIO(), stderr=StringIO())
    return {post_id: Article.objects.get(import_key__endswith=f":post:{post_id}") for post_id in (1, 2, 3)}


def follow(client, path):
    response = client.get(path, follow=True)
    assert response.redirect_chain, f"{path} did not redirect"
    assert all(status == 301 for _, status in response.redirect_chain), response.redirect_chain
    return response


@pytest.mark.parametrize(
    ("old", "post_id"),
    [
        ("/2024/03/05/banjir-rendam-kasemen/", 1),
        ("/2024/03/05/banjir-rendam-kasemen", 1),
        ("/berita/wisuda-santri.html", 2),
        ("/2024/03/05/judul-beraksen/", 3),
        ("/2024/03/05/Judul-Beraksen/", 3),
        ("/?p=1", 1),
        ("/?p=2", 2),
    ],
)
def test_story_permalinks_and_plain_links_arrive_at_the_story(client, imported, old, post_id):
    response = follow(client, old)
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == imported[post_id].get_absolute_url()
    assert imported[post_id].headline in response.content.decode()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/category/banten/", "/kanal/banten/"),
        ("/category/banten/serang-kota/", "/kanal/serang-kota/"),
        ("/category/banten/serang-kota/feed/", "/kanal/serang-kota/rss/"),
        ("/category/banten/feed/", "/kanal/banten/rss/"),
        ("/tag/banjir/feed/", "/tag/banjir/rss/"),
        ("/feed/", "/rss/"),
        ("/feed/atom/", "/rss/"),
    ],
)
def test_listings_and_feeds_arrive_at_theirs(client, imported, old, new):
    response = follow(client, old)
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == new


def test_listing_pages_keep_their_number(client, imported):
    assert client.get("/category/banten/page/2/")["Location"] == "/kanal/banten/?page=2"
    assert client.get("/category/banten/serang-kota/page/3/")["Location"] == "/kanal/serang-kota/?page=3"
    assert client.get("/tag/banjir/page/2/")["Location"] == "/tag/banjir/?page=2"
    assert client.get("/category/banten/page/1/")["Location"] == "/kanal/banten/"
    assert client.get("/tag/banjir/page/2/").status_code == 301


def test_author_pages_arrive_at_the_byline_page_without_showing_the_login(client, imported):
    response = follow(client, "/author/budi/")
    budi = Author.objects.get(import_key__endswith=":author:budi")
    assert response.request["PATH_INFO"] == budi.get_absolute_url()
    assert "Budi Santoso" in response.content.decode()


def test_an_unknown_address_stays_a_404(client, imported):
    response = client.get("/2024/03/05/tidak-pernah-ada/")
    assert response.status_code == 404
    assert client.get("/?p=999").status_code == 200
    assert client.get("/?p=bukan-angka").status_code == 200


def test_pages_that_exist_never_consult_the_redirects(client, imported):
    story = imported[1]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(story.get_absolute_url()).status_code == 200
        assert client.get("/").status_code == 200
    assert not [query for query in queries if "news_redirect" in query["sql"]]


def test_a_redirect_added_takes_effect_at_once_even_after_a_miss_was_cached(client, imported):
    assert client.get("/lama/halaman-khusus/").status_code == 404
    assert client.get("/?p=77").status_code == 200  # the home page, now in the page cache

    Redirect.objects.create(old_path="/lama/halaman-khusus", new_path=imported[2].get_absolute_url())
    Redirect.objects.create(old_path="/?p=77", new_path=imported[1].get_absolute_url())

    assert follow(client, "/lama/halaman-khusus/").request["PATH_INFO"] == imported[2].get_absolute_url()
    assert follow(client, "/?p=77").request["PATH_INFO"] == imported[1].get_absolute_url()
    Redirect.objects.filter(old_path="/lama/halaman-khusus").delete()
    assert client.get("/lama/halaman-khusus/").status_code == 404


def test_a_redirect_keeps_the_security_headers(client, imported):
    response = client.get("/2024/03/05/banjir-rendam-kasemen/")
    assert response.status_code == 301
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Location"] == imported[1].get_absolute_url()


def test_a_later_slug_change_keeps_the_old_address_and_the_wordpress_one(client, imported):
    story = imported[1]
    before = story.get_absolute_url()
    story.slug = "banjir-besar-rendam-kasemen"
    workflow.edit(story, None, fields=["slug"])
    after = Article.objects.get(pk=story.pk).get_absolute_url()
    assert after != before

    # The article page itself answers a stale slug with 301 to the current one: no row is needed.
    assert follow(client, before).request["PATH_INFO"] == after
    assert follow(client, "/2024/03/05/banjir-rendam-kasemen/").request["PATH_INFO"] == after
    assert follow(client, "/?p=1").request["PATH_INFO"] == after


def test_a_redirect_an_admin_types_works_as_typed(admin_client, client, imported):
    form = admin_client.post("/redaksi/news/redirect/add/", {
        "old_path": "/Rubrik/Lama/", "new_path": imported[2].get_absolute_url(), "note": "dari arsip cetak",
    })
    assert form.status_code == 302, form.content.decode()[:2000]
    assert follow(client, "/Rubrik/Lama/").request["PATH_INFO"] == imported[2].get_absolute_url()
    assert follow(client, "/Rubrik/Lama").request["PATH_INFO"] == imported[2].get_absolute_url()

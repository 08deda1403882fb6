"""Migrations: none missing, and every migration of the news app runs backwards, and forwards again, over content."""

import io

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TestCase, TransactionTestCase, override_settings

from news.roles import sync_roles

from .factories import TemporaryMediaMixin
from .test_backup import TEST_CACHES, build_newsroom


class MissingMigrationsTest(TestCase):
    def test_every_model_change_has_its_migration(self):
        out = io.StringIO()
        try:
            call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
        except SystemExit:
            self.fail(f"Perubahan model tanpa migrasi (jalankan manage.py makemigrations):\n{out.getvalue()}")


def migrate(*targets):
    # A new executor each time: it reads which migrations are applied now.
    MigrationExecutor(connection).migrate(list(targets))


def count(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        return cursor.fetchone()[0]


def tables():
    return set(connection.introspection.table_names())


@override_settings(CACHES=TEST_CACHES)
class NewsMigrationsReverseTest(TemporaryMediaMixin, TransactionTestCase):
    """From the newest state down to zero one step at a time over a full newsroom, then up again over old rows."""

    def setUp(self):
        super().setUp()
        graph = MigrationExecutor(connection).loader.graph
        self.leaves = graph.leaf_nodes()
        (news_leaf,) = [node for node in self.leaves if node[0] == "news"]
        # Whatever migrations exist, in the order they apply: a new one is covered when it lands.
        self.plan = [name for app, name in graph.forwards_plan(news_leaf) if app == "news"]
        self.addCleanup(migrate, *self.leaves)
        sync_roles(Group, Permission)

    def test_every_news_migration_runs_backwards_over_content(self):
        build_newsroom()
        kept = {table: count(table) for table in ("news_article", "news_section", "news_tag", "news_author")}
        self.assertTrue(all(kept.values()), kept)
        for target in reversed(self.plan[:-1]):
            with self.subTest(back_to=target):
                migrate(("news", target))
                # Going back drops what the later migrations added, never the articles themselves.
                self.assertEqual({table: count(table) for table in kept}, kept)
        migrate(("news", None))
        self.assertFalse({table for table in tables() if table.startswith("news_")})

    def test_every_news_migration_runs_forwards_over_rows_written_by_the_first(self):
        migrate(("news", None))
        first = self.plan[0]
        migrate(("news", first))
        old = MigrationExecutor(connection).loader.project_state(("news", first)).apps
        section = old.get_model("news", "Section").objects.create(name="Banten", slug="banten")
        old.get_model("news", "Article").objects.create(
            headline="Banjir merendam Ciputat", slug="banjir-merendam-ciputat", section=section,
            body="<p>Hujan deras merendam rumah warga.</p>", status="published", published_at="2017-01-05T12:30:00Z",
        )
        for name in self.plan[1:]:
            with self.subTest(forward_to=name):
                migrate(("news", name))
                self.assertEqual(count("news_article"), 1)
        self.assertTrue(Group.objects.filter(name="Redaktur").exists())
        if connection.vendor == "postgresql":
            # Migration 0006 gives the rows already there their search vector, not only new ones.
            with connection.cursor() as cursor:
                cursor.execute("SELECT search_vector IS NOT NULL FROM news_article")
                self.assertEqual(cursor.fetchone(), (True,))

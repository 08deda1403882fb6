"""Two editors at the same moment, on two real PostgreSQL connections: nothing a person was told is saved is undone.

Each race is staged, not timed: one request is held at a known point by an Event (after it
loaded what it works on, or while it holds the row's lock), the other runs, and the held one
is let go once the other has finished or is seen waiting for the lock in pg_stat_activity.
"""

import threading
import time
from datetime import timedelta
from unittest import mock

from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test import Client, TransactionTestCase, skipUnlessDBFeature
from django.urls import reverse
from django.utils import timezone

from news import workflow
from news.models import Article
from news.roles import sync_roles

from .factories import article_form_data, make_article, make_section

WAIT = 60  # seconds; only ever reached when something is broken


def editor(username, first_name):
    user = User.objects.create_user(username, password="sandi-rahasia-123", is_staff=True, first_name=first_name)
    user.groups.add(Group.objects.get(name="Redaktur"))
    client = Client()
    client.force_login(user)
    return user, client


class Background(threading.Thread):
    """A request on a connection of its own; its response (or exception) is kept for the test."""

    def __init__(self, name, call):
        super().__init__(name=name, daemon=True)
        self.call, self.response, self.error = call, None, None

    def run(self):
        try:
            self.response = self.call()
        except BaseException as error:  # re-raised in the test's thread by result()
            self.error = error
        finally:
            connection.close()

    def result(self):
        self.join(WAIT)
        assert not self.is_alive(), f"{self.name} did not finish"
        if self.error:
            raise self.error
        return self.response


def wait_until_someone_waits_for_a_lock():
    deadline = time.monotonic() + WAIT
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.005)  # polling for the condition, not waiting a fixed time
    raise AssertionError("no request ever waited for the row lock")


def hold(target, name, attribute):
    """Patch workflow.<attribute> so that, in the thread called `name`, it first waits for target.go."""
    original = getattr(workflow, attribute)

    def held(*args, **kwargs):
        if threading.current_thread().name == name:
            target.arrived.set()
            assert target.go.wait(WAIT), "never let go"
        return original(*args, **kwargs)

    return mock.patch.object(workflow, attribute, side_effect=held)


class Gate:
    def __init__(self):
        self.arrived, self.go = threading.Event(), threading.Event()


@skipUnlessDBFeature("has_select_for_update")
class RaceTests(TransactionTestCase):
    def setUp(self):
        sync_roles(Group, Permission)
        self.section = make_section(name="Serang", slug="serang")
        self.first, self.first_client = editor("abc", "Abdul")
        self.second, self.second_client = editor("def", "Dewi")

    def change(self, client, article, **fields):
        return client.post(reverse("admin:news_article_change", args=[article.pk]), article_form_data(article, **fields))

    def action(self, client, name, articles):
        return client.post(reverse("admin:news_article_changelist"),
                           {"action": name, "_selected_action": [article.pk for article in articles]}, follow=True)

    def test_an_edit_saved_while_a_bulk_unpublish_runs_is_kept(self):
        articles = [make_article(section=self.section, headline=f"Berita {n}") for n in range(5)]
        target = articles[3]
        gate = Gate()
        # The action has loaded its selection and is about to write; the edit is confirmed in between.
        with hold(gate, "action", "unpublish"):
            action = Background("action", lambda: self.action(self.first_client, "unpublish", articles))
            action.start()
            assert gate.arrived.wait(WAIT)
            edit = self.change(self.second_client, Article.objects.get(pk=target.pk), subtitle="Disunting Dewi")
            self.assertEqual(edit.status_code, 302)
            gate.go.set()
            self.assertContains(action.result(), "5 berita ditarik menjadi draf.")
        target.refresh_from_db()
        self.assertEqual((target.status, target.subtitle), (Article.Status.DRAFT, "Disunting Dewi"))

    def test_an_edit_meeting_a_bulk_publish_that_holds_the_row_waits_and_is_told_it_moved_on(self):
        article = make_article(section=self.section, headline="Menunggu", status=Article.Status.REVIEW)
        opened = Article.objects.get(pk=article.pk)
        gate = Gate()
        with hold(gate, "action", "_move"):
            action = Background("action", lambda: self.action(self.first_client, "publish_now", [article]))
            action.start()
            assert gate.arrived.wait(WAIT)  # holding the row's lock now
            edit = Background("edit", lambda: self.change(self.second_client, opened, subtitle="Versi Dewi"))
            edit.start()
            wait_until_someone_waits_for_a_lock()
            gate.go.set()
            self.assertContains(action.result(), "1 berita diterbitkan.")
            self.assertContains(edit.result(), "sudah disimpan oleh Abdul")
        article.refresh_from_db()
        self.assertEqual((article.status, article.subtitle), (Article.Status.PUBLISHED, ""))

    def test_a_retraction_and_an_edit_never_undo_each_other(self):
        article = make_article(section=self.section, headline="Berita keliru")
        opened = Article.objects.get(pk=article.pk)
        retract_url = reverse("admin:news_article_retract", args=[article.pk])
        reason = {"reason": "Narasumber membantah.", "base_version": opened.version}
        # The retraction holds the row; the edit from the same version waits, then is refused.
        gate = Gate()
        with hold(gate, "retraction", "_move"):
            retraction = Background("retraction", lambda: self.first_client.post(retract_url, reason, follow=True))
            retraction.start()
            assert gate.arrived.wait(WAIT)
            edit = Background("edit", lambda: self.change(self.second_client, opened, body="<p>Teks Dewi.</p>"))
            edit.start()
            wait_until_someone_waits_for_a_lock()
            gate.go.set()
            self.assertContains(retraction.result(), "dicabut. Pembaca melihat alasannya")
            self.assertContains(edit.result(), "sudah disimpan oleh Abdul")
        article.refresh_from_db()
        self.assertEqual(article.status, Article.Status.RETRACTED)
        self.assertNotIn("Teks Dewi", article.body)

        # The other way round: the edit holds the row, the retraction from the older version is refused.
        other = make_article(section=self.section, headline="Berita lain")
        opened = Article.objects.get(pk=other.pk)
        gate = Gate()
        with hold(gate, "edit", "_save"):
            edit = Background("edit", lambda: self.change(self.second_client, opened, body="<p>Teks Dewi.</p>"))
            edit.start()
            assert gate.arrived.wait(WAIT)
            url = reverse("admin:news_article_retract", args=[other.pk])
            retraction = Background("retraction", lambda: self.first_client.post(
                url, {"reason": "Narasumber membantah.", "base_version": opened.version}, follow=True))
            retraction.start()
            wait_until_someone_waits_for_a_lock()
            gate.go.set()
            self.assertEqual(edit.result().status_code, 302)
            self.assertContains(retraction.result(), "Berita belum dicabut. Berita ini sudah disimpan oleh Dewi")
        other.refresh_from_db()
        self.assertEqual((other.status, other.body), (Article.Status.PUBLISHED, "<p>Teks Dewi.</p>"))

    def test_scheduling_and_an_edit_from_the_same_version(self):
        article = make_article(section=self.section, headline="Embargo", status=Article.Status.REVIEW)
        opened = Article.objects.get(pk=article.pk)
        when = timezone.localtime() + timedelta(hours=3)
        schedule = {"status": "published", "published_at_0": when.strftime("%d/%m/%Y"),
                    "published_at_1": when.strftime("%H:%M:00")}
        gate = Gate()
        with hold(gate, "schedule", "_move"):
            scheduling = Background("schedule", lambda: self.change(self.first_client, opened, **schedule))
            scheduling.start()
            assert gate.arrived.wait(WAIT)
            edit = Background("edit", lambda: self.change(self.second_client, opened, subtitle="Versi Dewi"))
            edit.start()
            wait_until_someone_waits_for_a_lock()
            gate.go.set()
            self.assertEqual(scheduling.result().status_code, 302)
            self.assertContains(edit.result(), "sudah disimpan oleh Abdul")
        article.refresh_from_db()
        self.assertTrue(article.is_scheduled())
        self.assertEqual(timezone.localtime(article.published_at).strftime("%d/%m/%Y %H:%M"), when.strftime("%d/%m/%Y %H:%M"))
        self.assertEqual(article.subtitle, "")

    def test_two_transitions_from_one_version_one_wins_the_other_is_refused(self):
        article = make_article(section=self.section, headline="Satu versi", status=Article.Status.REVIEW)
        seen = article.version
        gate = Gate()
        with hold(gate, "publish", "_move"):
            publishing = Background("publish", lambda: workflow.publish(
                Article.objects.get(pk=article.pk), self.first, seen_version=seen))
            publishing.start()
            assert gate.arrived.wait(WAIT)
            back = Background("draft", lambda: workflow.back_to_draft(
                Article.objects.get(pk=article.pk), self.second, seen_version=seen))
            back.start()
            wait_until_someone_waits_for_a_lock()
            gate.go.set()
            publishing.result()
            with self.assertRaises(workflow.Conflict):
                back.result()
        article.refresh_from_db()
        self.assertEqual(article.status, Article.Status.PUBLISHED)
        self.assertEqual(list(article.status_changes.values_list("to_status", flat=True)), ["published"])

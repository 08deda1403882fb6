"""Brute-force protection of the admin login (django-axes), through the real login form."""

import re
from io import StringIO

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client, RequestFactory, TestCase, TransactionTestCase, override_settings
from django.urls import reverse

from news.roles import SITE_ADMIN
from news.security import client_ip

LOGIN = reverse("admin:login")
PASSWORD = "sandi-rahasia-123"
WRONG_LOGIN = "Nama pengguna atau sandi salah. Perhatikan huruf besar dan kecil."
LOCKED_OUT = (
    "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 30 menit, "
    "atau minta Admin Redaksi membuka kunci akun Anda."
)


def log_in(client, username, password, **meta):
    """Open the login page and post it, CSRF token and all, as a browser would."""
    page = client.get(LOGIN, {"next": "/redaksi/"}, **meta)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    return client.post(
        LOGIN,
        {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/redaksi/"},
        **meta,
    )


def address(n):
    return {"REMOTE_ADDR": f"192.0.2.{n}"}


class LoginLockoutTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = User.objects.create_user("redaktur", password=PASSWORD, is_staff=True)
        cls.other = User.objects.create_user("wartawan", password=PASSWORD, is_staff=True)

    def setUp(self):
        self.client = Client(enforce_csrf_checks=True)
        self.limit = settings.LOGIN_FAILURE_LIMIT

    def assertRefused(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, WRONG_LOGIN)

    def assertLockedOut(self, response, client=None):
        self.assertContains(response, LOCKED_OUT, status_code=429)
        self.assertTemplateUsed(response, "admin/lockout.html")
        self.assertNotIn("_auth_user_id", (client or self.client).session)

    def assertLoggedIn(self, response, client=None):
        self.assertRedirects(response, "/redaksi/", fetch_redirect_response=False)
        self.assertIn("_auth_user_id", (client or self.client).session)


class LockoutTests(LoginLockoutTestCase):
    def test_defaults(self):
        self.assertEqual((settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_LOCKOUT_MINUTES), (5, 30))

    def test_the_right_password_logs_in(self):
        self.assertLoggedIn(log_in(self.client, "redaktur", PASSWORD, **address(1)))

    def test_after_the_failure_limit_even_the_right_password_is_refused(self):
        for _ in range(self.limit - 1):
            self.assertRefused(log_in(self.client, "redaktur", "salah", **address(1)))
        self.assertLockedOut(log_in(self.client, "redaktur", "salah", **address(1)))
        self.assertLockedOut(log_in(self.client, "redaktur", PASSWORD, **address(1)))

    def test_the_lockout_page_is_in_the_admin_look(self):
        for _ in range(self.limit):
            response = log_in(self.client, "redaktur", "salah", **address(1))
        self.assertContains(response, "Redaksi detakbanten", status_code=429)
        self.assertContains(response, f'href="{LOGIN}"', status_code=429)
        self.assertContains(response, "admin/css/login.css", status_code=429)
        self.assertNotContains(response, 'id="login-form"', status_code=429)

    def test_one_address_is_locked_across_usernames(self):
        for n in range(self.limit):
            response = log_in(self.client, f"tebakan{n}", "salah", **address(1))
        self.assertLockedOut(response)
        self.assertLockedOut(log_in(self.client, "wartawan", PASSWORD, **address(1)))
        # The account itself is not locked: from elsewhere it logs in.
        elsewhere = Client()
        self.assertLoggedIn(log_in(elsewhere, "wartawan", PASSWORD, **address(2)), client=elsewhere)

    def test_one_username_is_locked_across_addresses(self):
        for n in range(self.limit):
            response = log_in(self.client, "redaktur", "salah", **address(10 + n))
        self.assertLockedOut(response)
        self.assertLockedOut(log_in(self.client, "redaktur", PASSWORD, **address(99)))
        # The addresses are not locked: another account logs in from the last one.
        other = Client()
        self.assertLoggedIn(log_in(other, "wartawan", PASSWORD, **address(10 + self.limit - 1)), client=other)

    def test_unknown_user_and_wrong_password_get_the_same_answer_before_and_after_lockout(self):
        unknown, wrong = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
        for _ in range(self.limit + 2):
            a = log_in(unknown, "tidak-ada", "salah", **address(1))
            b = log_in(wrong, "redaktur", "salah", **address(2))
            self.assertEqual(a.status_code, b.status_code)
            self.assertEqual(normalised(a, "tidak-ada"), normalised(b, "redaktur"))
        self.assertEqual(a.status_code, 429)
        self.assertContains(a, LOCKED_OUT, status_code=429)


def normalised(response, username):
    """The page without what differs by design: the typed name echoed in the form and the CSRF token."""
    html = response.content.decode().replace(f'value="{username}"', 'value="NAMA"')
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


class ClientAddressTests(LoginLockoutTestCase):
    def test_a_forwarded_for_header_from_an_untrusted_client_is_ignored(self):
        for n in range(self.limit):
            response = log_in(
                self.client, f"tebakan{n}", "salah", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
            )
        self.assertLockedOut(response)
        self.assertEqual(set(AccessAttempt.objects.values_list("ip_address", flat=True)), {"203.0.113.5"})

    @override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
    def test_behind_a_trusted_proxy_the_forwarded_address_counts(self):
        # Each reader is a different address behind the same proxy; their failures do not add up.
        for n in range(self.limit + 1):
            self.assertRefused(log_in(
                self.client, f"tebakan{n}", "salah",
                REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"6.6.6.6, 198.51.100.{n}",
            ))
        self.assertEqual(
            set(AccessAttempt.objects.values_list("ip_address", flat=True)),
            {f"198.51.100.{n}" for n in range(self.limit + 1)},
        )
        # One reader behind it is still locked out, whatever they put in front of the header.
        for n in range(self.limit):
            response = log_in(
                self.client, f"lagi{n}", "salah", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 198.51.100.0"
            )
        self.assertLockedOut(response)

    @override_settings(TRUSTED_PROXIES=["10.0.0.0/8", "2001:db8::1"])
    def test_client_ip(self):
        def ip(remote, forwarded=None):
            meta = {"REMOTE_ADDR": remote} if remote is not None else {}
            if forwarded is not None:
                meta["HTTP_X_FORWARDED_FOR"] = forwarded
            request = RequestFactory().get("/")
            request.META = meta
            return client_ip(request)

        self.assertEqual(ip("203.0.113.5"), "203.0.113.5")
        self.assertEqual(ip("203.0.113.5", "198.51.100.1"), "203.0.113.5")
        self.assertEqual(ip("10.0.0.2"), "10.0.0.2")
        self.assertEqual(ip("10.0.0.2", "198.51.100.1"), "198.51.100.1")
        self.assertEqual(ip("10.0.0.2", "1.1.1.1, 198.51.100.1, 10.9.9.9"), "198.51.100.1")  # two proxies
        self.assertEqual(ip("10.0.0.2", "198.51.100.1:4711"), "198.51.100.1")
        self.assertEqual(ip("10.0.0.2", "[2001:db8::5]:443"), "2001:db8::5")
        self.assertEqual(ip("2001:db8::1", "2001:db8:0:0:0:0:0:7"), "2001:db8::7")
        self.assertEqual(ip("::ffff:10.0.0.2", "198.51.100.1"), "198.51.100.1")
        self.assertEqual(ip("10.0.0.2", "bukan-alamat"), "10.0.0.2")
        self.assertEqual(ip("10.0.0.2", "198.51.100.1, bukan-alamat"), "10.0.0.2")
        self.assertEqual(ip("10.0.0.2", "10.0.0.3"), "10.0.0.3")
        self.assertIsNone(ip(None))


class UnlockTests(LoginLockoutTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.site_admin = User.objects.create_user("admin-redaksi", password=PASSWORD, is_staff=True)
        cls.site_admin.groups.add(Group.objects.get(name=SITE_ADMIN))

    def lock_out(self):
        for n in range(self.limit):
            response = log_in(self.client, "redaktur", "salah", **address(10 + n))
        self.assertLockedOut(response)

    def test_admin_redaksi_unlocks_an_account_in_the_admin(self):
        self.lock_out()
        desk = Client()
        desk.force_login(self.site_admin)
        changelist = reverse("admin:axes_accessattempt_changelist")
        self.assertContains(desk.get(reverse("admin:index")), "Kunci login")
        listing = desk.get(changelist, {"q": "redaktur"})
        self.assertContains(listing, "Login Gagal")
        attempts = list(AccessAttempt.objects.filter(username="redaktur").values_list("pk", flat=True))
        self.assertEqual(len(attempts), self.limit)
        confirm = desk.post(changelist, {"action": "delete_selected", "_selected_action": attempts})
        self.assertEqual(confirm.status_code, 200)
        done = desk.post(changelist, {"action": "delete_selected", "_selected_action": attempts, "post": "yes"})
        self.assertRedirects(done, changelist)
        self.assertFalse(AccessAttempt.objects.filter(username="redaktur").exists())
        self.assertLoggedIn(log_in(self.client, "redaktur", PASSWORD, **address(10)))

    def test_superusers_see_the_attempts_and_other_roles_do_not(self):
        self.lock_out()
        changelist = reverse("admin:axes_accessattempt_changelist")
        boss = Client()
        boss.force_login(User.objects.create_superuser("pemred", password=PASSWORD))
        self.assertContains(boss.get(changelist), "redaktur")
        user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name="Redaktur"))
        editor = Client()
        editor.force_login(user)
        self.assertEqual(editor.get(changelist).status_code, 403)

    def test_reset_commands_unlock(self):
        self.lock_out()
        call_command("axes_reset_username", "redaktur", stdout=StringIO())
        self.assertLoggedIn(log_in(self.client, "redaktur", PASSWORD, **address(10)))

        for n in range(self.limit):
            log_in(Client(), f"tebakan{n}", "salah", **address(50))
        office = Client()
        self.assertLockedOut(log_in(office, "wartawan", PASSWORD, **address(50)), client=office)
        call_command("axes_reset", stdout=StringIO())
        self.assertLoggedIn(log_in(office, "wartawan", PASSWORD, **address(50)), client=office)


class RoleMigrationTests(TransactionTestCase):
    def test_the_role_migration_gives_and_takes_back_the_lockout_permissions(self):
        def site_admin_may():
            group = Group.objects.get(name=SITE_ADMIN)
            return set(group.permissions.filter(content_type__app_label="axes").values_list("codename", flat=True))

        call_command("migrate", "news", "0007", verbosity=0)
        self.assertEqual(site_admin_may(), set())
        self.assertTrue(Group.objects.get(name=SITE_ADMIN).permissions.filter(codename="change_user").exists())
        call_command("migrate", "news", verbosity=0)
        self.assertLessEqual({"view_accessattempt", "delete_accessattempt", "view_accesslog"}, site_admin_may())

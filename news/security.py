"""Login lock-out and Content-Security-Policy: which client is asking, and what each page may load.

django-axes counts failed logins per account and per client address (settings: AXES_*,
LOGIN_FAILURE_LIMIT, LOGIN_LOCKOUT_MINUTES, TRUSTED_PROXIES); django-csp writes the
policies named in settings (CONTENT_SECURITY_POLICY, ADMIN_CONTENT_SECURITY_POLICY).
"""

import ipaddress
from functools import lru_cache

from axes.apps import AppConfig as AxesAppConfig
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse


class LoginLockoutConfig(AxesAppConfig):
    """django-axes under an Indonesian name in the admin's app list (its models already have Indonesian labels)."""

    verbose_name = "Kunci login"


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(value):
    """An IP address from a header or REMOTE_ADDR ("1.2.3.4", "1.2.3.4:5678", "[2001:db8::1]:443"), or None."""
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1:value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


def _is_trusted(address, networks):
    return any(address.version == network.version and address in network for network in networks)


def client_ip(request):
    """The address that login failures are counted against (AXES_CLIENT_IP_CALLABLE).

    REMOTE_ADDR, unless it is one of TRUSTED_PROXIES: then the right-most address in
    X-Forwarded-For that is not itself a trusted proxy. Everything left of that was written
    by the client and could be anything, so a made-up header never spreads an attacker's
    attempts over many addresses.
    """
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return None
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not _is_trusted(remote, networks):
        return str(remote)
    client = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            # Our own proxies never write garbage: whatever is left of it came from the client.
            break
        client = address
        if not _is_trusted(address, networks):
            break
    return str(client)


def lockout_response(request, original_response=None, credentials=None):
    """The lock-out page (AXES_LOCKOUT_CALLABLE): the same for every account name, existing or not."""
    from django.contrib import admin

    context = {
        **admin.site.each_context(request),
        "title": "Terlalu banyak percobaan masuk",
        "lockout_minutes": settings.LOGIN_LOCKOUT_MINUTES,
    }
    return render(request, "admin/lockout.html", context, status=429)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's policy on every page; the admin's own, looser one (CKEditor 4) under /redaksi/."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path.startswith(reverse("admin:index")):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts

    def process_response(self, request, response):
        # Almost every response takes one of the two fixed policies: built once, not per request
        # (django-csp builds it anew each time). Nonces, decorators and exemptions take the long way.
        special = any(hasattr(response, name) for name in (
            "_csp_config", "_csp_update", "_csp_replace", "_csp_exempt", "_csp_config_ro", "_csp_update_ro",
            "_csp_replace_ro", "_csp_exempt_ro",
        ))
        if special or getattr(request, "_csp_nonce", None) or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None):
            return super().process_response(request, response)
        if response.status_code in (404, 500) and settings.DEBUG:
            return response
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = fixed_policy(request.path.startswith(admin_prefix()))
        return response


@lru_cache(maxsize=None)
def admin_prefix():
    return reverse("admin:index")


@lru_cache(maxsize=None)
def fixed_policy(admin):
    """The header get_policy_parts() gives a response without nonce or decorator, as a string."""
    from csp.utils import build_policy

    return build_policy(config=settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"] if admin else None)


@receiver(setting_changed)
def _forget_policies(setting, **kwargs):
    if "CONTENT_SECURITY_POLICY" in setting or setting == "ROOT_URLCONF":
        fixed_policy.cache_clear()
        admin_prefix.cache_clear()

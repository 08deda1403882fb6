"""Formats for readers: Indonesian dates and times (independent of the active locale), shortened text."""

import functools
from datetime import datetime

from django.utils import timezone

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
# Indonesia's three time zones by their UTC offset in hours.
ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}


def shorten(text, length):
    """text cut to at most length characters at a word boundary, with an ellipsis when it was cut."""
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:-") + "…"


def local(value):
    """value in the site's time zone."""
    return timezone.localtime(value)


def zone_name(value):
    hours = value.utcoffset().total_seconds() / 3600
    return ZONES.get(hours) or value.strftime("%Z") or "UTC"


def long_date(value):
    """'Kamis, 5 Januari 2017' in the site's time zone; a date is taken as it is."""
    if isinstance(value, datetime):
        value = local(value)
    return f"{DAYS[value.weekday()]}, {value.day} {MONTHS[value.month - 1]} {value.year}"


def long_datetime(value):
    """'Kamis, 5 Januari 2017 19:30 WIB' in the site's time zone."""
    return _long_datetime(value, timezone.get_current_timezone())


@functools.lru_cache(maxsize=20_000)
def _long_datetime(value, zone):
    # Remembered: a page prints the same few dozen times on every request.
    value = value.astimezone(zone)
    return f"{long_date(value)} {value:%H:%M} {zone_name(value)}"


def iso(value):
    """ISO 8601 with the site's offset, e.g. 2017-01-05T19:30:00+07:00."""
    return _iso(value, timezone.get_current_timezone())


@functools.lru_cache(maxsize=20_000)
def _iso(value, zone):
    return value.astimezone(zone).isoformat(timespec="seconds")


def relative(value, now=None):
    """'baru saja', '5 menit lalu', '2 jam lalu', '3 hari lalu'; the long date after a week."""
    seconds = ((now or timezone.now()) - value).total_seconds()
    if seconds < 60:
        return "baru saja"
    if seconds < 3600:
        return f"{int(seconds // 60)} menit lalu"
    if seconds < 86400:
        return f"{int(seconds // 3600)} jam lalu"
    if seconds < 7 * 86400:
        return f"{int(seconds // 86400)} hari lalu"
    return long_datetime(value)

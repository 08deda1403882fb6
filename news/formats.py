"""Formats for readers: Indonesian dates and times (independent of the active locale), shortened text."""

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
    value = local(value)
    return f"{long_date(value)} {value:%H:%M} {zone_name(value)}"


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

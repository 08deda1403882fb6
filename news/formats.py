"""Indonesian formats for dates and times, independent of the active locale."""

from django.utils import timezone

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
# Indonesia's three time zones by their UTC offset in hours.
ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}


def zone_name(value):
    hours = value.utcoffset().total_seconds() / 3600
    return ZONES.get(hours) or value.strftime("%Z") or "UTC"


def long_date(value):
    """'Kamis, 5 Januari 2017' in the site's time zone."""
    value = timezone.localtime(value)
    return f"{DAYS[value.weekday()]}, {value.day} {MONTHS[value.month - 1]} {value.year}"


def long_datetime(value):
    """'Kamis, 5 Januari 2017 19:30 WIB' in the site's time zone."""
    value = timezone.localtime(value)
    return f"{long_date(value)} {value:%H:%M} {zone_name(value)}"

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

from .. import formats

register = template.Library()


@register.filter
def tanggal(value):
    """'Kamis, 5 Januari 2017 19:30 WIB'."""
    return formats.long_datetime(value) if value else ""


@register.filter
def tanggal_pendek(value):
    """'Kamis, 5 Januari 2017'."""
    return formats.long_date(value) if value else ""


@register.filter
def iso(value):
    """ISO 8601 with the site's offset, e.g. 2017-01-05T19:30:00+07:00."""
    return timezone.localtime(value).isoformat() if value else ""


@register.inclusion_tag("includes/picture.html")
def picture(photo, ratio="original", sizes="100vw", lead=False):
    """A <picture> of photo cut to ratio; lead marks the first screen's photo, fetched at once."""
    return {"picture": photo.picture(ratio), "sizes": sizes, "lead": lead}

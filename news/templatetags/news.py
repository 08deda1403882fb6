"""The filters the admin's templates use; readers' pages have theirs in news.jinja2."""

from django import template

from .. import jinja2

register = template.Library()

register.filter("tanggal", jinja2.tanggal)
register.filter("tanggal_pendek", jinja2.tanggal_pendek)
register.filter("iso", jinja2.iso)
register.filter("sejak", jinja2.sejak)

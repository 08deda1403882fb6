"""The framework's floor for the benchmark: a view that does nothing, behind every middleware.

Mounted at /bench/bare/ only when BENCHMARK=1, so `make bench` can put every page's speed
beside the cost of Django itself on the same gunicorn.
"""

from django.http import HttpResponse

PAGE = "<!DOCTYPE html><html lang=id><title>ok</title><p>ok</p></html>"


def bare(request):
    return HttpResponse(PAGE)

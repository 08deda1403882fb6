"""Request checks that every page shares."""

from django.core.exceptions import BadRequest

NUL = "\x00"


class RejectNulMiddleware:
    """A NUL character in anything the client sends (address, form fields, cookies, headers) answers 400.

    No page has a use for one, PostgreSQL cannot store or compare one in text and raises
    deep inside the ORM, and what clients send reaches queries by many roads: the admin's
    filters and autocomplete pass parameters straight into them, the session cookie is
    looked up as a key, the login lock-out stores the user agent. Checked once here rather
    than at every door. A cookie carries one although HTTP forbids it in a header: a
    quoted cookie value may write it as an octal escape ("\\000"), which the parser decodes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _sent_nul(request):
            raise BadRequest("Permintaan ditolak: alamat, isian formulir, cookie atau header memuat karakter NUL.")
        return self.get_response(request)


def _sent_nul(request):
    headers = (value for name, value in request.META.items() if name.startswith("HTTP_") and isinstance(value, str))
    return (
        NUL in request.path
        or _has_nul(request.GET)
        or (request.method == "POST" and _has_nul(request.POST))
        or any(NUL in name or NUL in value for name, value in request.COOKIES.items())
        or any(NUL in value for value in headers)
    )


def _has_nul(query_dict):
    return any(NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists())

"""Request checks that every page shares."""

from django.core.exceptions import BadRequest

NUL = "\x00"


class RejectNulMiddleware:
    """A NUL character in the address or a form field answers 400.

    No page has a use for one, PostgreSQL cannot store or compare one in text and raises
    deep inside the ORM, and the admin's filters and autocomplete pass parameters
    straight into queries. Checked once here rather than at every door.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path or _has_nul(request.GET) or (request.method == "POST" and _has_nul(request.POST)):
            raise BadRequest("Permintaan ditolak: alamat atau isian formulir memuat karakter NUL.")
        return self.get_response(request)


def _has_nul(query_dict):
    return any(NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists())

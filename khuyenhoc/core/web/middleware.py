"""What every request goes through before a view."""

from django.http import QueryDict


def query_without_nul(get_response):
    """Drops NUL bytes from the query string's keys and values. No one types one, and
    PostgreSQL refuses it in any text: a view or an admin filter that handed one to a
    query (?state__exact=%00) answered a server error."""

    def middleware(request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return get_response(request)

    return middleware

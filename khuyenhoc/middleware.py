from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string


class DatabaseOutageMiddleware:
    """When PostgreSQL is down, answer a Vietnamese 503 instead of a 500: the visitor
    learns to retry, monitoring sees an outage, and the next request reconnects."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            body = render_to_string("503.html")
            return HttpResponse(body, status=503, headers={"Retry-After": "30"})
        return None

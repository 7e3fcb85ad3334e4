"""Vietnamese error pages. Django's own handlers render templates/400.html, 403.html and
403_csrf.html (the CSRF failure page) with the request; 404 and 500 are ours below, and
Django has no handler for 405, hence the middleware."""

import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string


class NotFound(Http404):
    """A 404 whose message, in Vietnamese, the page shows: what there is instead. Other
    404s keep the page's general words (Django's own messages are English)."""


def not_found(request, exception=None):
    message = str(exception) if isinstance(exception, NotFound) else ""
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request):
    """A database outage anywhere in the request (view, middleware, session save) ends
    here; it answers a Vietnamese 503 so visitors retry and monitoring sees an outage.
    Neither page touches the database."""
    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)):
        body = render_to_string("503.html")
        return HttpResponse(body, status=503, headers={"Retry-After": "30"})
    return HttpResponse(render_to_string("500.html"), status=500)


def method_not_allowed_page(get_response):
    """@require_POST and class-based views answer a wrong method with an empty 405; people
    reach one by opening a form's address, so they get a page that says what to do."""

    def middleware(request):
        response = get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response

    return middleware

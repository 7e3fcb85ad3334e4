from django.contrib.auth import views as auth_views
from django.shortcuts import render


class LogoutView(auth_views.LogoutView):
    """Logs out on POST only (a link or a prefetch must not end a session); a GET, from a
    bookmark or a typed address, gets a page with the button instead of an empty 405."""

    http_method_names = ["get", *auth_views.LogoutView.http_method_names]

    def get(self, request, *args, **kwargs):
        return render(request, "registration/logout.html")

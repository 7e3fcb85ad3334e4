from khuyenhoc.areas import services

PASSWORD = "Mat-khau-thu-2026"


def make_user(username, *, role, communes=()):
    return services.staff_account_ensure(
        username=username, password=PASSWORD, role=role, communes=communes
    )


def login(client, user):
    """Signs a test client in; the login form itself is tested in tests/areas/test_login.py
    (django-axes needs the request, which client.login() does not pass)."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

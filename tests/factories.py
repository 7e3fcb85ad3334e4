from khuyenhoc.areas import services

PASSWORD = "Mat-khau-thu-2026"


def make_user(username, *, role, communes=()):
    return services.staff_account_ensure(
        username=username, password=PASSWORD, role=role, communes=communes
    )


def login(client, user):
    """Signs a test client in; the login form itself is tested in tests/areas/test_login.py
    (django-axes needs the request, which client.login() does not pass)."""
    client.force_login(user, backend="khuyenhoc.core.access.backends.StaffBackend")


def registered_households(commune, village, numbers, year):
    """A household named «Hộ n» for each n, each registered for Gia đình học tập in
    `year`, written in two queries: for lists long enough to page through."""
    from titles.models import Household, Registration

    households = Household.objects.bulk_create(
        Household(
            commune=commune,
            village=village,
            head_name=f"Hộ {n:03}",
            name_folded=f"ho {n:03}",
            members=3,
        )
        for n in numbers
    )
    return Registration.objects.bulk_create(
        Registration(commune=commune, year=year, title="household", household=h) for h in households
    )


def once(data=None) -> dict:
    """A create form's fields with a fresh one-time token, as its page renders one
    (khuyenhoc/submissions/once.py): without it the form writes nothing."""
    from khuyenhoc.submissions.once import FIELD, new_token

    return {**(data or {}), FIELD: new_token()}


def year_with_figures(commune, year):
    """Three households registered in `year`, counted in the figures: a year the public
    pages offer (a year with denominators only is not offered)."""
    from khuyenhoc.areas.models import Village
    from titles.services import refresh_figures

    village = Village.objects.create(commune=commune, name="Bản Công Khai", kind="ban")
    registered_households(commune, village, range(3), year)
    refresh_figures(commune, year)

from khuyenhoc.areas import services

PASSWORD = "Mat-khau-thu-2026"


def make_user(username, *, role, communes=()):
    return services.staff_account_ensure(
        username=username, password=PASSWORD, role=role, communes=communes
    )

"""A confirmation page between a form and an action that cannot be taken back lightly
(approve or return a list, close a fund's year): the page says what will happen, and
only its second POST, carrying xac_nhan=1, acts. The form's fields travel along hidden."""

from django.shortcuts import render

CONFIRMED = "xac_nhan"
NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRMED}


def confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRMED) == "1"


def confirmation(request, *, heading, consequences, button, cancel_url):
    """The page that asks: `consequences` are sentences of what will happen."""
    fields = [
        (key, value)
        for key, values in request.POST.lists()
        if key not in NOT_CARRIED
        for value in values
    ]
    return render(
        request,
        "includes/confirm.html",
        {
            "heading": heading,
            "consequences": consequences,
            "button": button,
            "cancel_url": cancel_url,
            "fields": fields,
            "confirmed_key": CONFIRMED,
        },
    )

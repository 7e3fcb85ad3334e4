"""Each create form writes once. The form carries a one-time token ({% submit_once %});
the view, decorated with @submits_once, stores the token in the transaction of its write.
A second submission of the same token (a double click, a reload, the back button, a
retry after a slow answer) writes nothing and is sent where the first one led."""

import re
import secrets
import time
from functools import wraps

from django.contrib import messages
from django.contrib.messages.storage.base import BaseStorage
from django.db import IntegrityError, transaction
from django.shortcuts import redirect

from .models import SubmissionToken, purge_expired

FIELD = "once"
ALREADY_SENT = "Biểu mẫu này đã được gửi; không ghi lần hai."
STALE = (
    "Biểu mẫu thiếu mã gửi một lần (trang đã mở từ lâu hoặc không đầy đủ): chưa ghi gì. "
    "Hãy nhập lại rồi gửi."
)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
PURGE_EVERY = 3600  # seconds; a process purges expired tokens at most this often
_last_purge = [0.0]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def submits_once(view):
    """For a view that creates on POST and answers a redirect when it wrote (the pages'
    post/redirect/get): anything else (a form with errors, a preview) is not a write,
    and the token is given back. A POST without a well-formed token runs the view in a
    transaction that is rolled back: another commune's page still answers 404 and a
    wrong field still comes back with its error, but nothing is written."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.submits_once = True  # the page's {% submit_once %} renders a token
        if request.method != "POST":
            return view(request, *args, **kwargs)
        token = request.POST.get(FIELD, "")
        if not _TOKEN.fullmatch(token):
            return _dry_run(view, request, args, kwargs)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    # waits here while another transaction holds the same token
                    used = SubmissionToken.objects.create(
                        token=token, user=request.user, path=request.path[:300]
                    )
            except IntegrityError:
                return _repeated(request, token)
            response = view(request, *args, **kwargs)
            if wrote(response):
                used.target = response["Location"][:500]
                used.save(update_fields=["target"])
            else:
                used.delete()
        if wrote(response):
            _purge_now_and_then()
        return response

    wrapper.submits_once = True
    return wrapper


def wrote(response) -> bool:
    return response.status_code in (301, 302, 303) and "/dang-nhap/" not in response.get(
        "Location", ""
    )


def _repeated(request, token):
    first = SubmissionToken.objects.filter(token=token).first()
    if first is None or first.user_id != request.user.pk:
        # a token of someone else's form: say nothing of where it led
        messages.error(request, STALE)
        return redirect(request.get_full_path())
    messages.info(request, ALREADY_SENT)
    return redirect(first.target or request.get_full_path())


class _Held(BaseStorage):
    """Messages of a dry run, kept aside: shown only if the run did not pretend to write."""

    def _get(self, *args, **kwargs):
        return [], True

    def _store(self, messages, response, *args, **kwargs):
        return []


def _dry_run(view, request, args, kwargs):
    real, held = getattr(request, "_messages", None), _Held(request)
    request._messages = held
    try:
        with transaction.atomic():
            response = view(request, *args, **kwargs)
            transaction.set_rollback(True)
    finally:
        request._messages = real
    if wrote(response):
        messages.error(request, STALE)
        return redirect(request.get_full_path())
    for message in held:
        messages.add_message(request, message.level, message.message, message.extra_tags)
    return response


def _purge_now_and_then():
    now = time.monotonic()
    if now - _last_purge[0] >= PURGE_EVERY:
        _last_purge[0] = now
        purge_expired()

"""The one scoping mechanism: which communes a user may see, and which they may change.

Every staff view, export, import and admin page asks here, through
`communes_for(user)`, `Model.objects.for_user(user)` or `get_commune_or_404`; every
service calls `require_writable(user, commune)` (or a `require_<role>` guard) before it
writes. The rule itself is written once, in querysets.py; the roles are in roles.py and
are offered here too, so that a view needs one import.
Reviewers read the whole province and write only through the review actions (approve,
return or reopen a list, close a fund's year, allow an overdraft), each of which calls
`require_reviewer` itself.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404

from khuyenhoc.core.access.querysets import communes
from khuyenhoc.core.access.roles import (
    Role,
    is_administrator,
    is_province_staff,
    is_reviewer,
    role_of,
)


def communes_for(user) -> models.QuerySet:
    """The communes the user may read (querysets.CommuneQuerySet.for_user)."""
    return communes().for_user(user)


def communes_writable_by(user) -> models.QuerySet:
    """The communes whose data the user may change: a reviewer reads them all and changes
    none (the review actions have their own rule)."""
    return communes().writable_by(user)


def can_touch(user, commune_code) -> bool:
    """May the user change this commune's data? Every service asks before it writes."""
    return communes_writable_by(user).filter(code=commune_code).exists()


NOT_YOURS = "Bạn không có quyền với xã, phường này."


def require_writable(user, commune) -> None:
    """The guard every service calls before it writes a commune's data, whatever the
    door (page, admin, import, job). `user=None` is the system itself: management
    commands run by an administrator, the demo seed."""
    if commune is None or (user is not None and not can_touch(user, commune.pk)):
        raise ValidationError(NOT_YOURS)


def require_reviewer(user, what: str) -> None:
    """The guard of a review action (approve, return, close a year, …): «what» completes
    the sentence «Chỉ cán bộ Hội tỉnh (thẩm định) mới được …»."""
    if user is not None and not is_reviewer(user):
        raise ValidationError(f"Chỉ cán bộ Hội tỉnh (thẩm định) mới được {what}.")


def require_province_office(user, what: str) -> None:
    """The guard of a write to the provincial association's own records: its office
    staff and administrators."""
    if user is not None and not (is_administrator(user) or is_province_staff(user)):
        raise ValidationError(f"Chỉ cán bộ văn phòng Hội tỉnh hoặc quản trị mới được {what}.")


def require_administrator(user, what: str) -> None:
    if user is not None and not is_administrator(user):
        raise ValidationError(f"Chỉ quản trị hệ thống mới được {what}.")


def reviewer_action(view):
    """Marks a staff view through which reviewers act (approve, close a year, …); the
    view checks `is_reviewer` for its own writes."""
    view.reviewer_action = True
    return view


class ReadOnlyReviewersMiddleware:
    """Reviewers read every commune's staff pages; an unsafe request of theirs to a
    staff view not marked with @reviewer_action is refused here with a 403, before the
    view runs, so that no form of a commune page, today's or tomorrow's, becomes a door
    for them. The services refuse the same writes (can_touch) whatever the door."""

    UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            request.method in self.UNSAFE
            and request.path.startswith(STAFF_PREFIX)
            and role_of(request.user) == Role.REVIEWER
            and not getattr(view_func, "reviewer_action", False)
        ):
            raise PermissionDenied(REVIEWERS_READ_ONLY)
        return None


STAFF_PREFIX = "/quan-ly/"
REVIEWERS_READ_ONLY = (
    "Cán bộ Hội tỉnh (thẩm định) xem được dữ liệu của mọi xã, phường nhưng chỉ sửa qua "
    "việc thẩm định, công nhận và khóa sổ quỹ."
)


def get_commune_or_404(user, code):
    """The commune with this code, if the user may work on it; 404 otherwise, so that a
    stranger cannot even learn whether the commune has data."""
    try:
        return communes_for(user).select_related("province").get(code=int(code))
    except (ObjectDoesNotExist, TypeError, ValueError) as exc:
        raise Http404("Không tìm thấy xã, phường này trong phạm vi của bạn.") from exc

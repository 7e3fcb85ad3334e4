"""Login lock-outs (django-axes): counted per account, never per address alone.

settings.AXES_LOCKOUT_PARAMETERS counts failures twice: for the pair (account, address)
and for the account from every address. axes compares one count with one limit, so the
handler below gives each count its own limit; and a good login forgives only the failures
of that account from that address.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def client_address(request):
    """The visitor's address. Behind PROXY_COUNT reverse proxies, each of which appends
    the address it saw to X-Forwarded-For, the outermost proxy's entry is the visitor;
    entries further left are whatever the visitor sent, so they are never read."""
    proxies = settings.PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")


def limit_of(parameter):
    """An account's failures from every address have their own, higher limit."""
    if parameter == "username":
        return settings.LOGIN_ACCOUNT_FAILURE_LIMIT
    return settings.AXES_FAILURE_LIMIT


class AccountLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        """The count closest to its own limit, moved onto the scale of AXES_FAILURE_LIMIT,
        the one number axes compares it with: locked as soon as any count reaches its limit."""
        parameters = get_lockout_parameters(request, credentials)
        attempts = self.get_user_attempts(request, credentials)
        return max(
            (queryset.aggregate(n=Sum("failures_since_start"))["n"] or 0)
            + settings.AXES_FAILURE_LIMIT
            - limit_of(parameter)
            for parameter, queryset in zip(parameters, attempts, strict=True)
        )

    def reset_user_attempts(self, request, credentials=None):
        """After a good login, forgive that person's typos from where they are, and nothing
        else: not other accounts' failures from the same office, nor the failures that
        someone elsewhere made on this account."""
        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return deleted

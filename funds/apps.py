from django.apps import AppConfig

from khuyenhoc.core.access.roles import is_province_staff, is_reviewer


def keeps_province_funds(user) -> bool:
    """Who works on the provincial association's funds: its office staff, and the
    reviewers and administrators who read (and administer) the whole province."""
    return is_reviewer(user) or is_province_staff(user)


class FundsConfig(AppConfig):
    name = "funds"
    verbose_name = "Quỹ khuyến học"
    commune_links = [("Quỹ khuyến học", "funds:commune")]
    # (label, URL name, who sees it): the provincial association's own funds
    province_links = [
        ("Quỹ Hội tỉnh", "funds:province", keeps_province_funds),
        ("Đợt vận động", "funds:campaigns", False),
    ]
    # What people type that may name a person: an erasure on request takes the person's
    # name out of it (khuyenhoc.core.erasure); amounts stay. A donor's or beneficiary's own
    # name is not listed: it names a person of its own, maybe a namesake, whose payout
    # list is the fund's evidence.
    free_texts = {
        "Receipt": ["item_description", "campaign", "note", "reason"],
        "Payout": ["description", "note", "reason"],
        "OverdraftGrant": ["reason"],
        "Transfer": ["note", "closed_reason"],
    }

    def ready(self):
        # the report, downloads, overview and comparison read them (khuyenhoc.core.registry)
        from .indicators import register_indicators

        register_indicators()
        # the receipts import, run as a background job when long (khuyenhoc.jobs.registry)
        from . import views  # noqa: F401

from django.apps import AppConfig


class FundsConfig(AppConfig):
    name = "funds"
    verbose_name = "Quỹ khuyến học"
    commune_links = [("Quỹ khuyến học", "funds:commune")]
    # What people type that may name a person: an erasure on request takes the person's
    # name out of it (khuyenhoc.core.erasure); amounts stay. A donor's or beneficiary's own
    # name is not listed: it names a person of its own, maybe a namesake, whose payout
    # list is the fund's evidence.
    free_texts = {
        "Receipt": ["item_description", "campaign", "note", "reason"],
        "Payout": ["description", "note", "reason"],
        "OverdraftGrant": ["reason"],
    }

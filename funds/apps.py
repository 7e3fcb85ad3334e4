from django.apps import AppConfig


class FundsConfig(AppConfig):
    name = "funds"
    verbose_name = "Quỹ khuyến học"
    commune_links = [("Quỹ khuyến học", "funds:commune")]
    # What people type that may name a person: an erasure on request takes the person's
    # name out of it (khuyenhoc.erasure). A pupil who got a scholarship, a parent who
    # gave, are often the citizens and household heads of the titles. Amounts stay.
    free_texts = {
        "Receipt": ["donor_name", "item_description", "campaign", "note", "reason"],
        "Payout": ["description", "note", "reason"],
        "Beneficiary": ["name"],
        "OverdraftGrant": ["reason"],
    }

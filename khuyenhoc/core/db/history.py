"""The change history of every model: django-simple-history with one house rule."""

from simple_history.models import HistoricalRecords


class ChangeHistory(HistoricalRecords):
    """History rows name their user without a database foreign key to it.

    The history is the record of who did what: it must outlive the user's account, and
    an Excel import writes one history row per new record, where a key to the user would
    cost one check per row at commit (about a second for a 50,000-row import on these
    machines). Django still nulls the user on deletion (on_delete=SET_NULL)."""

    def __init__(self, *args, user_db_constraint=False, **kwargs):
        super().__init__(*args, user_db_constraint=user_db_constraint, **kwargs)

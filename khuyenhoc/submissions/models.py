"""What keeps a submission from being written twice: the one-time token of each create
form once it has written, and an uploaded sheet held between its preview and the
user's choice."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# Tokens and held uploads older than this are purged: a form or a preview left open
# longer is sent again as a new one.
KEPT_FOR = timedelta(days=1)


class SubmissionToken(models.Model):
    """A create form's one-time token, inserted in the transaction of the write it
    guards: the unique key makes a second insert of the same token wait for the first
    transaction, then fail, so two simultaneous submissions cannot both write; a write
    that fails rolls the token back with it, and the form can be sent again."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=300)
    # where the first submission led (the created record): a repeat is sent there too
    target = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.path} ({self.created_at:%d/%m/%Y %H:%M})"


class HeldUpload(models.Model):
    """An uploaded sheet whose rows are partly already there, kept while the user reads
    the preview and chooses to skip those rows or to stop.

    Held in the database rather than in the session (a session is a cookie-sized place
    per browser, and 20 MB in it would be read and written back on every request) or by
    asking for the file again (on a phone, picking the same file twice is slow and easy
    to get wrong; and the file could change in between, so the confirmed rows would not
    be the previewed ones). The digest is checked when the choice is made; the row is
    bound to its user and to the import page's address, which names the commune (and
    the fund, year and title), so only the same user at the same page can confirm it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=300)
    kind = models.CharField(max_length=40)
    data = models.BinaryField()
    digest = models.CharField(max_length=64)  # SHA-256 of data, in hex
    preview = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.kind} {self.path} ({self.created_at:%d/%m/%Y %H:%M})"


def purge_expired(now=None) -> None:
    cutoff = (now or timezone.now()) - KEPT_FOR
    SubmissionToken.objects.filter(created_at__lt=cutoff).delete()
    HeldUpload.objects.filter(created_at__lt=cutoff).delete()

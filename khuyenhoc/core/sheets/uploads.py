"""An upload handler that keeps no more of a file than an import may read.

Django stores every uploaded file whole, in memory or in a temporary file, before a view
runs: a file of several gigabytes would fill the disk even though read_upload
(khuyenhoc/core/sheets/spreadsheets.py) refuses anything past MAX_IMPORT_BYTES. This handler, first
in FILE_UPLOAD_HANDLERS, passes the next handlers MAX_IMPORT_BYTES + 1 bytes of each file
and drops the rest as it arrives; read_upload then refuses the file as too big."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler


class CappedUploadHandler(FileUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        kept = settings.MAX_IMPORT_BYTES + 1
        if start >= kept:
            return None  # the next handlers never see it
        return raw_data[: kept - start]

    def file_complete(self, file_size):
        return None  # the next handler makes the file of what it was given

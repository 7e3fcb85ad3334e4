"""What every staff form shares."""

from django import forms

from khuyenhoc.core.text import plain


class PlainTextMixin:
    """Every text field stores what the person meant to type: NFC, without control
    characters or direction marks (line ends kept), as imports do through
    khuyenhoc.core.sheets.spreadsheets.clean_text. A value that was nothing else is empty, so a
    required field says so."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.to_python = _plain_after(field)


def _plain_after(field):
    to_python = field.to_python

    def plain_to_python(value):
        value = to_python(value)
        if not isinstance(value, str):
            return value
        value = plain(value)
        return value.strip() if field.strip else value

    return plain_to_python

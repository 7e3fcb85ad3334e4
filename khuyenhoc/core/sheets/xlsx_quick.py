"""The quick look at a worksheet that xlsx_guard tries before walking it with expat.

Excel, LibreOffice, Google Sheets and openpyxl write every cell tag as
<c r="B7" s="1" t="s"> (attributes after one space, in double quotes), a shared string
cell as <c … t="s"><v>12</v></c> and an inline string as
<c … t="inlineStr"><is><t>…</t></is></c>. When every cell of the sheet is written so,
its references and shared string numbers are picked out by regular expressions and a
few byte counts (C speed), slice by slice, several times faster than one Python call
per XML element. The text the cells hold themselves (inline strings, formula results,
dates) is at most the sheet's size; only a sheet bigger than the text limit has its
inline strings counted one by one, and any other text cell left to the exact walk.

What is counted here is at least what calamine will meet: every cell element in the
bytes, whether or not it holds a value, and more if a comment or an attribute holds
text that looks like one. So the look only answers "within the limits" (with the last
row) or "cannot tell", never "too big": that is left to the exact walk.
"""

import re

SLICE = 1024 * 1024
MAX_CARRY = 4 * 1024 * 1024  # bytes without a cell start: not a sheet written the usual way
# a cell start: the usual tag, whose reference is captured, or any other spelling
_CELL = re.compile(rb'<c(?: r="([A-Za-z]{1,3})([0-9]{1,7})"(?: [A-Za-z:]+="[^"<>]*")*/?>|[\s>/])')
_SHARED = re.compile(rb' t="s"(?: [A-Za-z:]+="[^"<>]*")*><v>([0-9]{1,10})</v></c>')
_INLINE = re.compile(
    rb' t="inlineStr"(?: [A-Za-z:]+="[^"<>]*")*><is>'
    rb'<t(?: xml:space="preserve")?>([^<]*)</t></is></c>'
)
_PREFIXED_CELL = re.compile(rb":c[\s>/]")


class _Unsure(Exception):
    pass


def quick_last_row(chunks, strings, *, size, max_rows, max_columns, max_cells, max_text):
    """The last row (from 0) holding a cell, when the sheet's chunks show it written the
    usual way and within every limit; None when only the exact walk can tell. `size`:
    the sheet's inflated size, which bounds the text its cells hold themselves."""
    look = _Look(strings, size if size <= max_text else None)
    pending, held = [], 0
    try:
        for chunk in chunks:
            pending.append(chunk)
            held += len(chunk)
            if held < SLICE:
                continue
            carry = b"".join(pending)
            cut = carry.rfind(b"<c ")  # a slice ends before a cell, not inside one
            if cut <= 0:
                if held > MAX_CARRY:
                    return None
                pending = [carry]
                continue
            look.slice(carry[:cut])
            pending, held = [carry[cut:]], len(carry) - cut
            if not look.within(max_rows, max_columns, max_cells, max_text):
                return None
        look.slice(b"".join(pending))
    except _Unsure:
        return None
    return look.last_row if look.within(max_rows, max_columns, max_cells, max_text) else None


class _Look:
    def __init__(self, strings, own_text):
        self.strings = strings
        # what the cells' own text (inline strings, formula results, dates) may add:
        # at most the sheet's size, else counted cell by cell
        self.own_text = own_text
        self.cells = self.text = 0
        self.last_row = -1
        self.letters = set()

    def slice(self, xml: bytes) -> None:
        if b":c" in xml and _PREFIXED_CELL.search(xml):
            raise _Unsure  # a cell with a prefix
        found = _CELL.findall(xml)
        if found:
            letters, rows = zip(*found, strict=True)
            if b"" in rows:
                raise _Unsure  # a cell written another way
            self.cells += len(found)
            self.last_row = max(self.last_row, max(map(int, rows)) - 1)
            self.letters.update(letters)
        self._texts(xml)

    def _texts(self, xml: bytes) -> None:
        """The text the slice's cells bring; _Unsure when a string cell is written
        another way (a shared string's number not in its <v>; for a sheet bigger than
        the text limit, a formula's text, a date, an inline string with a <v>)."""
        shared = _SHARED.findall(xml)
        if len(shared) != xml.count(b' t="s"'):
            raise _Unsure
        try:
            self.text += sum(map(self.strings.__getitem__, map(int, shared)))
        except IndexError as exc:  # calamine fails on it; the exact walk says so
            raise _Unsure from exc
        if self.own_text is not None:
            return
        if b' t="str"' in xml or b' t="d"' in xml or b":is" in xml:
            raise _Unsure
        inline = _INLINE.findall(xml)
        if not len(inline) == xml.count(b' t="inlineStr"') == xml.count(b"<is"):
            raise _Unsure
        self.text += sum(map(len, inline))

    def within(self, max_rows, max_columns, max_cells, max_text) -> bool:
        last_column = max(map(_column, self.letters), default=-1)
        return (
            self.cells <= max_cells
            and self.last_row < max_rows
            and last_column < max_columns
            and (self.last_row + 1) * (last_column + 1) <= max_cells
            and self.text + (self.own_text or 0) <= max_text
        )


def _column(letters: bytes) -> int:
    column = 0
    for letter in letters.upper():
        column = column * 26 + letter - 64
    return column - 1

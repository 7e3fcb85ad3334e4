"""The XML side of xlsx_guard: expat handlers that follow calamine's reading of the
relationships, the workbook, the shared strings and a sheet, and count as they go.

Each handler mirrors the loop of calamine 0.37 that reads the same part (src/xlsx/mod.rs
and cells_reader.rs): elements are matched by their local name (after the first colon,
as quick-xml does), an element that calamine reads to its end is ended by the first end
tag with the same qualified name, and a cell's position comes from its own r attribute
or from the row and column counters calamine keeps. Where matching calamine exactly
would need more than that, the count errs on the high side (a cell with any child
holds a value; a shared string is as long as its XML).
"""

from array import array
from xml.parsers import expat

MAX_RUN = 1024 * 1024  # bytes without a ">": a tag, or the text between two tags


class Malformed(Exception):
    """Not XML that calamine and expat read alike."""


class Exceeded(Exception):
    """A limit is passed; `kind` names it (rows, columns, cells, text, long, strings,
    sheets, elements)."""

    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind


def parse(chunks, handler, budget: int) -> int:
    """Feeds the chunks of one part to expat and its events to `handler`; `budget` is the
    number of elements still allowed (every part's elements cost the check time).
    Returns what is left of it."""
    parser = _parser()
    handler.parser, handler.budget = parser, budget
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    _feed(parser, chunks)
    return handler.budget


def _parser():
    parser = expat.ParserCreate("utf-8")  # the declaration cannot switch it to another
    parser.buffer_text = True
    parser.buffer_size = 64 * 1024
    parser.StartDoctypeDeclHandler = _refuse  # entities expat would expand, calamine not
    return parser


def _feed(parser, chunks) -> None:
    run = 0  # bytes since the last ">"
    try:
        for chunk in chunks:
            # a chunk is shorter than MAX_RUN: a longer run spans chunks
            first = chunk.find(b">")
            if first < 0:
                run += len(chunk)
            elif run + first <= MAX_RUN:
                run = len(chunk) - chunk.rfind(b">") - 1
            if run > MAX_RUN:
                raise Exceeded("long")  # a cell's text, or a tag, of more than a megabyte
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise Malformed from exc


def _refuse(*args):
    raise Malformed


def _local(name: str) -> str:
    """The name without its prefix, as quick-xml cuts it: after the first colon."""
    return name[name.find(":") + 1 :]


class Handler:
    """Receives expat's start and end of each element of one part."""

    parser = None
    budget = 0

    def start(self, name, attributes):
        self.budget -= 1
        if self.budget < 0:
            raise Exceeded("elements")

    def end(self, name):
        pass


class Relationships(Handler):
    """xl/_rels/workbook.xml.rels: Id → Target, the last of an Id winning (a BTreeMap)."""

    def __init__(self):
        self.targets = {}
        self.done = False

    def start(self, name, attributes):
        super().start(name, attributes)
        if not self.done and _local(name) == "Relationship":
            self.targets[attributes.get("Id", "")] = attributes.get("Target", "")

    def end(self, name):
        if _local(name) == "Relationships":
            self.done = True


class Workbook(Handler):
    """xl/workbook.xml: (name, relationship id) of each sheet, in order. calamine reads a
    definedName to its end tag without looking at what it holds."""

    def __init__(self, max_sheets):
        self.sheets = []
        self.max_sheets = max_sheets
        self.skipping = None
        self.done = False

    def start(self, name, attributes):
        super().start(name, attributes)
        if self.done or self.skipping:
            return
        local = _local(name)
        if local == "sheet":
            rid = ""
            for key, value in attributes.items():  # the last of the two spellings wins
                if key in ("r:id", "relationships:id"):
                    rid = value
            self.sheets.append((attributes.get("name", ""), rid))
            if len(self.sheets) > self.max_sheets:
                raise Exceeded("sheets")
        elif local == "definedName" and "name" in attributes:
            self.skipping = name

    def end(self, name):
        if self.skipping:
            if name == self.skipping:
                self.skipping = None
        elif _local(name) == "workbook":
            self.done = True


class Strings(Handler):
    """xl/sharedStrings.xml: the length in bytes of the XML of each string (at least its
    text), in the order calamine numbers them. A string inside a string is refused:
    calamine would end the outer one early and number the rest differently."""

    def __init__(self, max_strings):
        self.lengths = array("Q")
        self.max_strings = max_strings
        self.open = None
        self.at = 0
        self.done = False

    def start(self, name, attributes):
        super().start(name, attributes)
        if _local(name) == "si":
            if self.open is not None:
                raise Malformed
            if not self.done:
                self.open, self.at = name, self.parser.CurrentByteIndex

    def end(self, name):
        if self.open is not None:
            if name == self.open:
                self.lengths.append(self.parser.CurrentByteIndex - self.at)
                self.open = None
                if len(self.lengths) > self.max_strings:
                    raise Exceeded("strings")
        elif _local(name) == "sst":
            self.done = True


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_NO_TEXT = (None, "n", "b", "e")  # numbers, booleans and errors: no text of their own


def _position(ref: str, columns: dict):
    """(row, column) from 0 of an A1 reference; column None when it has none. calamine
    reads [A-Za-z]*[0-9]+ and fails on anything else: those the numbers here match
    exactly; for the others any answer is harmless, or Malformed."""
    digits = ref.lstrip(_LETTERS)
    try:
        row = int(digits) - 1
    except ValueError as exc:
        raise Malformed from exc
    letters = ref[: len(ref) - len(digits)]
    if row < 0 or len(letters) > 8:
        raise Malformed
    column = columns.get(letters)
    if column is None and letters:
        column = 0
        for letter in letters.upper():
            column = column * 26 + ord(letter) - 64
        column -= 1
        if len(columns) < 1000:
            columns[letters] = column
    return row, column


def scan_sheet(chunks, strings, *, max_rows, max_columns, max_cells, max_text, budget) -> int:
    """Walks a worksheet as calamine's cell reader does: rows, cells, the farthest cell
    that holds a value, and the text its cells bring (a shared string's length, from
    `strings`, each time a cell refers to it). Raises Exceeded at the first limit passed;
    returns the last row holding a value (from 0, -1 for none).

    The hot path of the check, one call per element: hence closures over local
    variables rather than a class."""
    parser = _parser()
    columns = {}
    where = "before"  # <sheetData>: calamine reads the cells from its start to its end
    row = column = 0  # calamine's row_index and col_index
    rows = cells = text = 0
    last_row = last_column = -1
    cell = None  # (row, column) of the open cell
    kind = None  # its t attribute
    valued = False
    child = None  # qualified name of the open cell's child, which calamine reads whole
    inline = False  # that child is an inline string (<is>)
    child_at = 0
    index = None  # the text of a shared-string cell's <v>, while it is read

    def start(name, attributes):
        nonlocal budget, where, row, rows, cells, cell, kind, valued, child, inline
        nonlocal child_at, index
        budget -= 1
        if budget < 0:
            raise Exceeded("elements")
        local = name if ":" not in name else name[name.find(":") + 1 :]
        if where != "inside":
            if where == "before" and local == "sheetData":
                where = "inside"
        elif cell is not None:
            if child is None:
                child, inline, valued = name, local == "is", True
                child_at = parser.CurrentByteIndex
                if local == "v" and kind == "s":
                    index = []
                    parser.CharacterDataHandler = index.append
                    parser.StartCdataSectionHandler = _refuse  # calamine skips CDATA there
        elif local == "c":
            cells += 1
            if cells > max_cells:
                raise Exceeded("cells")
            ref = attributes.get("r")
            if ref is None:
                cell = (row, column)
            else:
                cell = _position(ref, columns)
                if cell[1] is None:
                    raise Malformed
            kind, valued = attributes.get("t"), False
        elif local == "row":
            rows += 1
            if rows > max_rows:
                raise Exceeded("rows")
            ref = attributes.get("r")
            if ref is not None:
                row = _position(ref, columns)[0]

    def end(name):
        nonlocal where, row, column, cell, child, index, text, last_row, last_column
        if where != "inside":
            return
        if cell is not None:
            if child is not None:
                if name != child:
                    return
                if index is not None:
                    parser.CharacterDataHandler = None
                    parser.StartCdataSectionHandler = None
                    text += _shared_length("".join(index), strings)
                    index = None
                elif kind not in _NO_TEXT or inline:
                    text += parser.CurrentByteIndex - child_at
                child = None
                if text > max_text:
                    raise Exceeded("text")
            elif (name if ":" not in name else name[name.find(":") + 1 :]) == "c":
                row_of, column_of = cell
                cell = None
                column = column_of + 1  # calamine's col_index after a cell
                if valued:
                    if row_of > last_row:
                        last_row = row_of
                        if row_of >= max_rows:
                            raise Exceeded("rows")
                    if column_of > last_column:
                        last_column = column_of
                        if column_of >= max_columns:
                            raise Exceeded("columns")
                    if (last_row + 1) * (last_column + 1) > max_cells:
                        raise Exceeded("cells")
            return
        local = name if ":" not in name else name[name.find(":") + 1 :]
        if local == "row":
            row += 1
            column = 0
        elif local == "sheetData":
            where = "after"

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    _feed(parser, chunks)
    return last_row


def _shared_length(text: str, strings) -> int:
    """The length of the shared string a cell's <v> names (Rust's usize takes "+7")."""
    digits = text[1:] if text.startswith("+") else text
    if digits.isascii() and digits.isdigit() and len(digits) < 12 and int(digits) < len(strings):
        return strings[int(digits)]
    return 0

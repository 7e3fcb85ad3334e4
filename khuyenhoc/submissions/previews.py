"""An import whose rows are partly already there is not written at once: the rows are
sorted into new, the same as a record already there, and already there with different
values; the user reads the counts and the first rows of each, then chooses to skip the
rows already there (every new row is written, or none) or to stop (nothing written).

Rows repeated within one sheet are refused row by row, as any other error."""

from dataclasses import dataclass, field

from khuyenhoc.core.numbers import number
from khuyenhoc.core.sheets.spreadsheets import ImportResult, RowError

# The choice a preview offers for the rows already there (the import page and the
# background job's page): its form field, and skipping them or stopping without writing.
CHOICE = "chon"
SKIP, STOP = "bo-qua", "dung"

SHOWN = 10  # first rows of each group shown on the preview page
KINDS = ("new", "same", "changed")
HEADINGS = {
    "changed": "Dòng đã có nhưng khác",
    "same": "Dòng đã có, giống hệt",
    "new": "Dòng mới",
}


@dataclass
class DuplicateRow(RowError):
    """A row that repeats an earlier row of the same sheet."""

    first: int = 0

    def __str__(self):
        return f"Dòng {self.row} trùng với dòng {self.first}: {self.message}"


@dataclass
class ImportOutcome(ImportResult):
    skipped: int = 0  # rows already there, left as they are
    warnings: list = field(default_factory=list)  # validation rules of severity "warn"


class Preview:
    """The rows of a sheet by group: counts, and the first SHOWN rows of each as (row
    number, what the row says, what differs). `rule` says what makes two rows the
    same, in the words shown to the user."""

    def __init__(self, rule: str):
        self.rule = rule
        self.counts = dict.fromkeys(KINDS, 0)
        self.rows = {kind: [] for kind in KINDS}

    def add(self, kind: str, row: int, text, differs: str = ""):
        """`text` may be a function that returns it: a sheet of 50,000 new rows then
        describes only the rows shown."""
        self.counts[kind] += 1
        if len(self.rows[kind]) < SHOWN:
            self.rows[kind].append([row, text() if callable(text) else text, differs])

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def already(self) -> int:
        return self.counts["same"] + self.counts["changed"]

    @property
    def summary(self) -> str:
        new, same, changed = (number(self.counts[kind]) for kind in KINDS)
        return (
            f"Tệp có {number(self.total)} dòng: {new} dòng mới, {same} dòng đã có (giống hệt), "
            f"{changed} dòng đã có nhưng khác."
        )

    @property
    def groups(self) -> list[tuple]:
        """(kind, heading, first rows, count, rows not shown) of each group that has
        rows: the rows already there first, they are what the user decides about."""
        return [
            (
                kind,
                heading,
                self.rows[kind],
                self.counts[kind],
                self.counts[kind] - len(self.rows[kind]),
            )
            for kind, heading in HEADINGS.items()
            if self.counts[kind]
        ]

    def as_json(self) -> dict:
        return {"rule": self.rule, "counts": self.counts, "rows": self.rows}

    @classmethod
    def from_json(cls, data: dict) -> "Preview":
        preview = cls(data["rule"])
        preview.counts = {kind: int(data["counts"][kind]) for kind in KINDS}
        preview.rows = {kind: [list(r) for r in data["rows"][kind]] for kind in KINDS}
        return preview


class ImportNeedsChoice(Exception):
    """Some rows are already there and the caller did not say to skip them: nothing was
    written; `preview` tells the user what the sheet holds."""

    def __init__(self, preview: Preview):
        self.preview = preview
        super().__init__(f"{preview.already} dòng đã có")


def differences(labels: dict[str, str], sheet: dict, stored: dict) -> str:
    """The labels of the fields whose sheet value differs from the stored one."""
    return ", ".join(label for key, label in labels.items() if sheet[key] != stored[key])


def imported(outcome, what: str) -> str:
    """The message after an import: «Đã nhập 3 hội viên mới; bỏ qua 9 dòng đã có.»"""
    skipped = getattr(outcome, "skipped", 0)  # an import that skips nothing has none
    if not skipped:
        return f"Đã nhập {number(outcome.created)} {what}."
    if not outcome.created:
        return f"Không có dòng mới: không ghi gì; bỏ qua {number(skipped)} dòng đã có."
    return f"Đã nhập {number(outcome.created)} {what} mới; bỏ qua {number(skipped)} dòng đã có."

"""Text helpers shared by every app: Vietnamese-aware folding for search."""

import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "d"})
# Every Vietnamese diacritic decomposes into this block: one C-speed pass removes them,
# where a per-character unicodedata.combining() test was most of an import's folding time.
# (U+034F, the grapheme joiner, is in the block but is not a combining mark.)
_VIETNAMESE_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]")


# Control characters (C0 but tab and line ends, DEL, C1) and the marks that turn text
# around (LRM, RLM, ALM, embeddings, overrides, isolates): invisible in a name, and a
# name holding one is not the name it looks like.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def nfc(value: str) -> str:
    """Store NFC: the same name typed in NFD must be the same string."""
    return unicodedata.normalize("NFC", value or "")


def plain(value: str) -> str:
    """NFC, without control characters or direction marks; tabs and line ends kept."""
    return _INVISIBLE.sub("", nfc(value))


def fold(value: str) -> str:
    """Lower-case, diacritics removed, đ→d: "Nguyễn Văn Ánh" → "nguyen van anh".

    Stored beside names so search works with or without accents on any database; never
    longer than the name.
    """
    decomposed = unicodedata.normalize("NFD", (value or "").translate(_D))
    stripped = _VIETNAMESE_MARKS.sub("", decomposed)
    if not stripped.isascii():  # other scripts may carry marks outside that block
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
        # composed again: a Hangul syllable decomposes into two or three letters that are
        # not marks, and a folded copy longer than its name would not fit the name's column
        stripped = unicodedata.normalize("NFC", stripped)
    return " ".join(stripped.lower().split())


def refold(model, field: str) -> int:
    """Stores fold(name) again in `name_folded` where it changed: for the data migration
    that follows a change of fold(). Only names with a letter outside the Latin script
    can fold differently, so only those are read."""
    changed = []
    names = model.objects.filter(**{f"{field}__regex": "[^\u0001-\u024f\u1e00-\u1eff]"})
    for row in names.only("pk", field, "name_folded").iterator():
        folded = fold(getattr(row, field))
        if folded != row.name_folded:
            row.name_folded = folded
            changed.append(row)
    model.objects.bulk_update(changed, ["name_folded"], batch_size=1000)
    return len(changed)

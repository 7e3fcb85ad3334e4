"""Text helpers shared by every app: Vietnamese-aware folding for search."""

import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "d"})
# Every Vietnamese diacritic decomposes into this block: one C-speed pass removes them,
# where a per-character unicodedata.combining() test was most of an import's folding time.
# (U+034F, the grapheme joiner, is in the block but is not a combining mark.)
_VIETNAMESE_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]")


def nfc(value: str) -> str:
    """Store NFC: the same name typed in NFD must be the same string."""
    return unicodedata.normalize("NFC", value or "")


def fold(value: str) -> str:
    """Lower-case, diacritics removed, đ→d: "Nguyễn Văn Ánh" → "nguyen van anh".

    Stored beside names so search works with or without accents on any database.
    """
    decomposed = unicodedata.normalize("NFD", (value or "").translate(_D))
    stripped = _VIETNAMESE_MARKS.sub("", decomposed)
    if not stripped.isascii():  # other scripts may carry marks outside that block
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())

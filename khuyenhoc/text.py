"""Text helpers shared by every app: Vietnamese-aware folding for search."""

import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value: str) -> str:
    """Store NFC: the same name typed in NFD must be the same string."""
    return unicodedata.normalize("NFC", value or "")


def fold(value: str) -> str:
    """Lower-case, diacritics removed, đ→d: "Nguyễn Văn Ánh" → "nguyen van anh".

    Stored beside names so search works with or without accents on any database.
    """
    decomposed = unicodedata.normalize("NFD", (value or "").translate(_D))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())

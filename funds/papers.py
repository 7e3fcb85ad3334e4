"""What the papers people sign say in words: the amount in Vietnamese, as written on a
phiếu thu or phiếu chi ("Hai tỷ một trăm tám mươi chín triệu hai trăm nghìn đồng")."""

from num2words import num2words

BILLION = 10**9
GROUPS = ((10**6, "triệu"), (10**3, "nghìn"), (1, ""))


def _group(value: int, *, leading: bool) -> str:
    """0 < value < 1000. A group after a higher one says its zero hundreds, as the
    accounts do: 1.000.050 is "một triệu không trăm năm mươi", 2.005 "hai nghìn không
    trăm lẻ năm" (num2words writes "lẻ năm mươi", "lẻ mười bốn")."""
    words = num2words(value, lang="vi")
    if leading or value >= 100:
        return words
    return f"không trăm lẻ {words}" if value < 10 else f"không trăm {words}"


def _words(n: int, *, leading: bool = True) -> str:
    if n >= BILLION:
        # by the tỷ, recursively: 1.500 tỷ is "một nghìn năm trăm tỷ" (num2words says
        # "một nghìn tỷ năm trăm tỷ", and "một trăm nghìn tỷ" for a triệu tỷ)
        head, rest = divmod(n, BILLION)
        tail = _words(rest, leading=False) if rest else ""
        return " ".join(filter(None, [_words(head, leading=leading), "tỷ", tail]))
    parts = []
    for size, name in GROUPS:
        value = n // size % 1000
        if value:
            parts.append(_group(value, leading=leading and not parts))
            if name:
                parts.append(name)
    return " ".join(parts)


def amount_in_words(amount: int) -> str:
    """Whole đồng (not negative) in words, capitalised, ending in "đồng"."""
    words = _words(amount) if amount else "không"
    return f"{words[0].upper()}{words[1:]} đồng"

"""Vietnamese number formats: 11.089; 74,7 %; 2.189.200.000 đ."""

from decimal import ROUND_HALF_UP, Decimal


def number(value) -> str:
    if value is None or value == "":
        return "–"
    return f"{int(value):,}".replace(",", ".")


def decimal(value, places=1) -> str:
    if value is None:
        return "–"
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    whole, _, frac = f"{rounded:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    text = sign + number(abs(int(whole)))
    return f"{text},{frac}" if frac else text


def rate(part, whole, places=1) -> Decimal | None:
    """part / whole as a percentage, or None when the denominator is unknown or zero."""
    if part is None or not whole:
        return None
    return Decimal(part) * 100 / Decimal(whole)


def percent(value, places=1) -> str:
    return "–" if value is None else f"{decimal(value, places)} %"


def money(value) -> str:
    return "–" if value is None else f"{number(value)} đ"

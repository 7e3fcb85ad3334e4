"""Vietnamese number formats: 11.089; 74,7 %; 2.189.200.000 đ."""

from decimal import ROUND_HALF_UP, Decimal

from .text import fold


def number(value) -> str:
    if value is None or value == "":
        return "–"
    return f"{int(value):,}".replace(",", ".")


# The overview formats about 50,000 numbers for the old communes: each quantum made once.
_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(7)}
_VIETNAMESE = str.maketrans(",.", ".,")  # 1,234.5 → 1.234,5


def decimal(value, places=1) -> str:
    if value is None:
        return "–"
    quantum = _QUANTA.get(places) or Decimal(1).scaleb(-places)
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    # "1,234.5" from the format mini-language, then the separators swapped: one C call
    # instead of splitting and regrouping the digits by hand
    return f"{exact.quantize(quantum, rounding=ROUND_HALF_UP):,f}".translate(_VIETNAMESE)


def rate(part, whole, places=1) -> Decimal | None:
    """part / whole as a percentage, or None when the denominator is unknown or zero."""
    if part is None or not whole:
        return None
    return Decimal(part) * 100 / Decimal(whole)


def is_whole(value) -> bool:
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    return exact == exact.to_integral_value()


def percent(value, places=1) -> str:
    """A rate the way the association's reports write it: a whole rate without decimals
    ("100 %", "0 %"), any other with `places` decimals rounded half-up on the exact
    fraction ("74,7 %" for 56.000 / 74.967). So 99,96 % prints "100,0 %", never "100 %":
    "100 %" means every one."""
    if value is None:
        return "–"
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    # is_whole() inline: the old communes' overview prints about 5,000 rates
    return f"{decimal(exact, 0 if exact == exact.to_integral_value() else places)} %"


def percent_figure(value, places=1):
    """The same rounding as percent() for a spreadsheet cell: an int when whole, else a
    float with `places` decimals (Python's round() would round half to even)."""
    if value is None:
        return None
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    if is_whole(exact):
        return int(exact)
    return float(exact.quantize(_QUANTA.get(places) or Decimal(1).scaleb(-places), ROUND_HALF_UP))


def money(value) -> str:
    return "–" if value is None else f"{number(value)} đ"


def of_unit(value, unit: str) -> str:
    """A registered indicator's value by its unit (khuyenhoc.core.registry): đồng, a
    decimal (members per 100 inhabitants), a percentage or a count."""
    if unit == "money":
        return money(value)
    if unit == "decimal":
        return decimal(value)
    if unit == "rate":
        return percent(value)
    return number(value)


# Units that only count the things ("một cái ba lô"): the association writes "520 ba lô".
# A measure (tập, thùng, bộ, kg) is part of the quantity: "2.000 tập giấy".
COUNTING_WORDS = {"cai", "chiec"}


def quantity(value, unit: str, item: str) -> str:
    """A quantity of goods in the association's words: (520, "cái", "ba lô") → "520 ba
    lô"; (2000, "tập", "giấy") → "2.000 tập giấy"; (3, "bộ", "bộ sách") → "3 bộ sách"."""
    unit, item = " ".join((unit or "").split()), " ".join((item or "").split())
    folded_unit = fold(unit)
    if not unit or folded_unit in COUNTING_WORDS or fold(item).startswith(folded_unit + " "):
        return f"{number(value)} {item}"
    return f"{number(value)} {unit} {item}"

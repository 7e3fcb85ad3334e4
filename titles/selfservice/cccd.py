"""The form of a citizen identity number (căn cước công dân, 12 digits; Thông tư
07/2016/TT-BCA, kept by the 2023 Law on Identification): the province of birth (the
63 former provinces' codes, 001–096), a digit for sex and century, the last two digits
of the birth year, then six digits. A number of the wrong form is refused with the
reason; one of the right form may still be someone else's, which only the commune's
staff can tell."""

import functools

from django.core.exceptions import ValidationError

# (sex, first year of the century) of the fourth digit
SEX_CENTURY = {
    0: ("nam", 1900),
    1: ("nu", 1900),
    2: ("nam", 2000),
    3: ("nu", 2000),
    4: ("nam", 2100),
    5: ("nu", 2100),
    6: ("nam", 2200),
    7: ("nu", 2200),
    8: ("nam", 1800),
    9: ("nu", 1800),
}


@functools.cache
def _provinces() -> frozenset:
    from vietnam_provinces import legacy

    return frozenset(int(p.code) for p in legacy.Province.iter_all())


def check(number: str, *, birth_year=None, sex="") -> str:
    """The number without spaces, or a ValidationError saying what is wrong with it."""
    digits = "".join((number or "").split()).replace(".", "").replace("-", "")
    if not (len(digits) == 12 and digits.isascii() and digits.isdigit()):
        raise ValidationError("Số căn cước công dân gồm đúng 12 chữ số.")
    if int(digits[:3]) not in _provinces():
        raise ValidationError(
            f"Số căn cước công dân bắt đầu bằng mã tỉnh nơi đăng ký khai sinh; "
            f"{digits[:3]} không phải mã tỉnh nào."
        )
    coded_sex, century = SEX_CENTURY[int(digits[3])]
    if birth_year is not None and century + int(digits[4:6]) != birth_year:
        raise ValidationError(
            f"Số căn cước công dân không khớp năm sinh {birth_year} "
            f"(chữ số thứ 4 đến 6 cho năm {century + int(digits[4:6])})."
        )
    if sex and coded_sex != sex:
        raise ValidationError("Số căn cước công dân không khớp giới tính đã chọn.")
    return digits

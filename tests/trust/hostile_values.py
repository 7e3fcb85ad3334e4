"""Hypothesis strategies for what a careless or hostile user types into a field: invisible
and control characters, right-to-left marks, Vietnamese in the decomposed normal form,
10,000 characters, names whose folded copy is longer, markup, spreadsheet formulas,
numbers and dates no form should take, nothing at all, and whatever st.text() comes up
with."""

import re
import unicodedata

from hypothesis import strategies as st

NAMES = [
    "Nguyễn Văn Ấm",
    "Lò Thị Hoa",
    "Đặng Thị Ưng",
    "Bản Mòng",
    "Thôn Phú Hữu",
    "Hội Khuyến học xã Mường Tè",
]
INVISIBLE = [
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",
    "\u2028",
    "\x96",  # a C1 control
    "\u061c",  # Arabic letter mark
]
# Names that grow when folded for search: a Hangul syllable decomposes into two or three
# letters that are not combining marks, so the folded copy is longer than the name.
HANGUL = ["김민준 " * 15, "한" * 120]
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
]
# Every payload above, if it reached the page unescaped: a tag opening around alert(1).
UNESCAPED = re.compile(r"<(?:script|img|svg)\b[^>]*>?alert\(1\)")
FORMULA_BODIES = ["SUM(A1:A9)", "cmd|' /C calc'!A0", "1+1", 'HYPERLINK("http://x","bấm")']
NUMBERS = [
    "1,5",
    "-1",
    "-0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "Infinity",
    "1.000.000,5",
    "1 000",
    "٣",  # an Arabic-Indic digit: str.isdigit() says yes
    "½",
    "0x1F",
]
DATES = [
    "31/02/2025",
    "29/02/2023",
    "00/00/0000",
    "2025-02-31",
    "2025-13-01",
    "0000-01-01",
    "10000-01-01",
    "9999-12-31",
    "0001-01-01",
    "hôm qua",
]

names = st.sampled_from(NAMES)

hostile_text = st.one_of(
    st.builds(lambda a, mark, b: a + mark + b, names, st.sampled_from(INVISIBLE), names),
    names.map(lambda name: unicodedata.normalize("NFD", name)),
    st.sampled_from(HANGUL),
    st.sampled_from([*NAMES, "9"]).map(lambda s: (s * 10_000)[:10_000]),
    st.builds(lambda name, markup: name + markup, names | st.just(""), st.sampled_from(MARKUP)),
    st.builds(
        lambda head, body: head + body, st.sampled_from("=+-@"), st.sampled_from(FORMULA_BODIES)
    ),
    st.sampled_from(NUMBERS),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.floats().map(str),
    st.sampled_from(DATES),
    st.dates().map(lambda day: day.strftime("%d/%m/%Y")),
    st.sampled_from(["", " ", "\t\n", "' OR 1=1 --"]),
    st.text(max_size=300),
)


@st.composite
def form_values(draw, defaults):
    """A submission of a form whose fields hold `defaults`: some fields take hostile
    values, the others keep theirs, so that a bad value also arrives among good ones
    and reaches the service behind the form, not only the form's own checks."""
    hostile = draw(st.sets(st.sampled_from(sorted(defaults)), min_size=1))
    return {
        name: draw(hostile_text) if name in hostile else value for name, value in defaults.items()
    }

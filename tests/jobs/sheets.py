"""Member sheets of many distinct people, for the imports that run as jobs."""

from itertools import islice, product

from tests.members.sheets import row, sheet

FAMILIES = ["Lò", "Cà", "Quàng", "Lường", "Điêu", "Hà", "Vì", "Tòng", "Nguyễn", "Trần"]
MIDDLES = ["Văn", "Thị", "Đức", "Minh", "Thanh"]
GIVENS = ["An", "Bình", "Chi", "Dũng", "Hoa", "Khánh", "Lan", "Mai", "Nam", "Phúc"]
YEARS = range(1950, 2000)


def many_people(count: int) -> bytes:
    people = product(YEARS, FAMILIES, MIDDLES, GIVENS)
    return sheet([row(f"{f} {m} {g}", year=y) for y, f, m, g in islice(people, count)])

"""Plausible Vietnamese names for demo data (people and villages), deterministic per rng."""

from khuyenhoc.core.text import fold

FAMILY = [
    ("Nguyễn", 30),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Vũ", 4),
    ("Đặng", 3),
    ("Bùi", 3),
    ("Đỗ", 3),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 2),
    ("Lò", 4),
    ("Cầm", 3),
    ("Quàng", 2),
    ("Lường", 2),
    ("Tòng", 2),
    ("Sùng", 2),
    ("Giàng", 2),
    ("Mùa", 1),
    ("Hà", 2),
    ("Đinh", 2),
    ("Lù", 1),
    ("Thào", 1),
    ("Vì", 1),
]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "A", "Trung"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Bích", "Hồng", "Kim"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Mạnh",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Thắng",
    "Tuấn",
    "Việt",
    "Vinh",
    "Dế",
    "Páo",
    "Chứ",
    "Thái",
    "Hưng",
    "Kiên",
]
GIVEN_FEMALE = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngọc",
    "Nhung",
    "Phương",
    "Quyên",
    "Thảo",
    "Trang",
    "Uyên",
    "Xuân",
    "Yến",
    "Mỷ",
    "Sua",
    "Ênh",
]
VILLAGE_SYLLABLES = [
    "Mòng",
    "Hìn",
    "Nà",
    "Pá",
    "Củ",
    "Lả",
    "Phiêng",
    "Hua",
    "Co",
    "Huổi",
    "Nậm",
    "Púng",
    "Tạt",
    "Xum",
    "Lọng",
    "Cang",
    "Bó",
    "Mường",
    "Chiềng",
    "Luông",
    "Sẳng",
    "Khoang",
    "Ten",
    "Pom",
    "Cọ",
    "Lếch",
    "Nong",
    "Hịa",
    "Kéo",
    "Nghịu",
    "Tà",
    "Sài",
    "Bon",
    "Phát",
    "Ái",
    "Lỉn",
]


def _weighted_family(rng):
    names, weights = zip(*FAMILY, strict=True)
    return rng.choices(names, weights=weights)[0]


def person_name(rng, gender: str) -> str:
    """gender: "nam" or "nu"."""
    if gender == "nam":
        return f"{_weighted_family(rng)} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"
    return f"{_weighted_family(rng)} {rng.choice(MIDDLE_FEMALE)} {rng.choice(GIVEN_FEMALE)}"


def family_name(rng) -> str:
    return _weighted_family(rng)


def village_names(rng, count: int, urban: bool) -> list[tuple[str, str]]:
    """(name, kind) pairs, unique within one commune."""
    if urban:
        return [(f"Tổ dân phố {i}", "to") for i in range(1, count + 1)]
    names: list[tuple[str, str]] = []
    seen = set()
    while len(names) < count:
        word = f"{rng.choice(VILLAGE_SYLLABLES)} {rng.choice(VILLAGE_SYLLABLES)}".split()
        if word[0] == word[1]:
            continue
        kind = rng.choice(["ban", "ban", "thon"])
        label = ("Bản " if kind == "ban" else "Thôn ") + " ".join(word)
        if fold(label) not in seen:
            seen.add(fold(label))
            names.append((label, kind))
    return names

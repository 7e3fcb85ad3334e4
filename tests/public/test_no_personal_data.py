"""No personal data on any public page or download of a seeded province.

The names to look for are collected generically: every person-name-like field of the
data apps (and the accounts), so names seeded by apps that land later are covered too.
"""

import io
import re
import zipfile

from django.apps import apps

from khuyenhoc.areas.models import Commune
from tests.demo_snapshot import restore_demo

PERSON_APPS = {"members", "titles", "funds", "auth"}
NAME_FIELDS = {"name", "full_name", "head_name", "first_name", "last_name"}
ORGANISATIONS = ("Branch", "Fund", "Unit", "Clan", "Village", "Group", "Permission", "Criteri")


def person_names():
    names = set()
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in PERSON_APPS or any(o in model.__name__ for o in ORGANISATIONS):
            continue
        fields = [
            f.name
            for f in meta.concrete_fields
            if f.get_internal_type() == "CharField"
            and (f.name in NAME_FIELDS or f.name.endswith("_name"))
            and f.name != "username"
        ]
        for field in fields:
            for value in model._default_manager.values_list(field, flat=True).iterator():
                if value and " " in value.strip() and len(value.strip()) >= 6:
                    names.add(value.strip())
    return names


WORD = re.compile(r"\w+")
TAG = re.compile(r"<[^>]*>")


def names_in(text, names, longest):
    """The names that appear in the text as whole words, whatever markup stands between
    them: every run of up to `longest` words is looked up in the set (a substring search
    of 150.000 names in 90 pages takes seconds, this a fraction of one). Tags are
    taken out first: a name split by markup is still a name on the screen."""
    words = WORD.findall(TAG.sub(" ", text))
    return {
        " ".join(words[i : i + n])
        for n in range(2, longest + 1)
        for i in range(len(words) - n + 1)
        if " ".join(words[i : i + n]) in names
    }


def _xlsx_text(content):
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return " ".join(
            book.read(name).decode() for name in book.namelist() if name.endswith(".xml")
        )


def test_no_seeded_person_name_appears_on_any_public_page_or_download(
    client, units, settings, demo_snapshot
):
    settings.PUBLIC_CACHE_SECONDS = 0
    restore_demo(demo_snapshot)
    names = person_names()
    assert "Lò Thị Hoa" in names  # the demo staff account: the scan does find people
    years = ["", "2023", "2024", "2024&xem=quy-doi", "2025", "2026"]
    urls = ["/"] + [f"/thong-ke/?nam={y}" for y in years]
    urls += [f"/thong-ke/du-lieu.csv?nam={y}" for y in years]
    codes = Commune.objects.filter(province_id=settings.PROVINCE_CODE).values_list(
        "code", flat=True
    )
    urls += [f"/thong-ke/{code}/" for code in codes]
    urls += [f"/thong-ke/{codes[0]}/?nam={y}" for y in ("2023", "2024", "2025")]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode("utf-8-sig")
    for y in years:
        pages[f"xlsx {y}"] = _xlsx_text(client.get(f"/thong-ke/du-lieu.xlsx?nam={y}").content)
    village = Commune.objects.get(code=codes[0]).villages.first()
    assert village.name in pages[f"/thong-ke/{codes[0]}/"]  # village names are public
    # names as the scan sees them: words, whatever the punctuation or spacing
    names = {" ".join(WORD.findall(name)) for name in names}
    longest = max(len(name.split()) for name in names)
    assert names_in("<td>Lò Thị\n<b>Hoa</b></td>", names, longest) == {"Lò Thị Hoa"}
    leaks = {(url, name) for url, text in pages.items() for name in names_in(text, names, longest)}
    assert not leaks

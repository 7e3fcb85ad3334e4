"""A commune's village with codes issued, and what a household sends with one."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from titles.models import CriteriaSet
from titles.selfservice import services

YEAR = 2026


@pytest.fixture
def issued(staff_a, commune_a, village_a):
    """Two codes of village_a: [(row, code)]."""
    return services.codes_issue(user=staff_a, commune=commune_a, village=village_a, count=2)


def photo_bytes(exif_text="GPS 21.3 103.9 Canon serial 12345") -> bytes:
    """A small JPEG carrying EXIF a phone would add (here the camera's description)."""
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010E] = exif_text  # ImageDescription
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def answers_for(title, year=YEAR, group=1, points=None) -> dict:
    """{field name: points} for every indicator the form shows."""
    criteria_set = CriteriaSet.objects.in_force(title=title, year=year)
    indicators = criteria_set.indicators(group if title == "citizen" else None)
    return {f"i{i.id}": points if points is not None else i.max_points for i in indicators}


def open_with(client, code):
    return client.post(reverse("selfservice:enter"), {"code": code})


def citizen_form(village, **changes) -> dict:
    return {
        "full_name": "Lò Thị Hoa",
        "birth_year": 1990,
        "sex": "nu",
        "id_number": "",
        "village": village.pk,
        "consent": "on",
        **answers_for("citizen"),
        **changes,
    }


def send_citizen(client, village, *, group=1, files=(), **changes):
    data = citizen_form(village, **changes)
    if files:
        data["evidence"] = list(files)
    return client.post(f"{reverse('selfservice:register')}?loai=citizen&nhom={group}", data)


def sent_directly(code_row, village, *, title="citizen", name="Lò Thị Hoa", points=None, files=()):
    """A submission written through the service, as the form does it."""
    criteria_set, indicators = services.criteria_for(title, YEAR, 1)
    data = {
        "village": village,
        "full_name": name,
        "birth_year": 1990 if title == "citizen" else None,
        "sex": "nu" if title == "citizen" else "",
        "group": 1 if title == "citizen" else None,
        "members": 4 if title == "household" else None,
    }
    return services.submission_send(
        code=code_row,
        year=YEAR,
        title=title,
        data=data,
        answers={i.id: points if points is not None else i.max_points for i in indicators},
        files=files,
    )

"""Named groups of communes: only administrators define them (same service for every
door), the public group page states the exact sums of its communes and no name, and the
province's annual report has a line per group."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from khuyenhoc.areas import services
from khuyenhoc.areas.models import Commune, CommuneGroup, Village
from khuyenhoc.figures import selectors as figures_api
from tests.factories import login
from titles import services as titles_services
from titles.declared_services import Count, declared_counts_save

pytestmark = pytest.mark.django_db

YEAR = 2026


@pytest.fixture
def filled(staff_a, staff_b, commune_a, commune_b):
    """Two communes with denominators, a declared count each, and a named household
    of commune_b whose head's name must never reach a public page."""
    for staff, commune, households, registered in (
        (staff_a, commune_a, 400, 120),
        (staff_b, commune_b, 600, 210),
    ):
        services.denominator_save(
            user=staff,
            commune=commune,
            year=YEAR,
            values={"population": 3000, "adults": 2000, "households": households},
        )
        village = Village.objects.create(commune=commune, name=f"Bản {commune.code}")
        declared_counts_save(
            user=staff,
            commune=commune,
            year=YEAR,
            title="citizen",
            counts={village.pk: Count(registered, registered // 2)},
        )
    named = Village.objects.create(commune=commune_b, name="Bản Mòng")
    titles_services.subject_register(
        user=staff_b,
        commune=commune_b,
        year=YEAR,
        title="household",
        data={"head_name": "Quàng Văn Tú", "members": 4, "village": named},
    )


@pytest.fixture
def group(administrator, commune_a, commune_b):
    return services.commune_group_save(
        user=administrator, name="Thành phố Sơn La (cũ)", communes=[commune_a, commune_b]
    )


def test_only_administrators_define_groups_and_only_of_the_province_s_communes(
    administrator, reviewer, staff_a, commune_a
):
    for user in (reviewer, staff_a):
        with pytest.raises(ValidationError, match="Chỉ quản trị"):
            services.commune_group_save(user=user, name="Cụm 1", communes=[commune_a])
    elsewhere = Commune.objects.exclude(province_id=commune_a.province_id).first()
    with pytest.raises(ValidationError, match="thuộc tỉnh khác"):
        services.commune_group_save(
            user=administrator, name="Cụm 1", communes=[commune_a, elsewhere]
        )
    with pytest.raises(ValidationError, match="ít nhất một"):
        services.commune_group_save(user=administrator, name="Cụm 1", communes=[])
    group = services.commune_group_save(user=administrator, name="Cụm 1", communes=[commune_a])
    assert group.history.first().history_user == administrator
    with pytest.raises(ValidationError, match="đã có nhóm mang tên này"):
        services.commune_group_save(user=administrator, name="Cụm 1", communes=[commune_a])
    assert CommuneGroup.objects.count() == 1


def test_the_admin_creates_a_group_through_the_service(client, administrator, commune_a, commune_b):
    login(client, administrator)
    response = client.post(
        reverse("admin:areas_communegroup_add"),
        {
            "name": "Cụm thi đua số 2",
            "description": "",
            "communes": [commune_a.code, commune_b.code],
        },
    )
    assert response.status_code == 302
    group = CommuneGroup.objects.get()
    assert set(group.communes.all()) == {commune_a, commune_b}
    assert group.history.count() >= 1


def test_group_totals_are_the_sums_of_the_communes_figures(filled, group, commune_a, commune_b):
    totals = figures_api.group_totals(year=YEAR, groups=[group.pk])[group.pk]
    each = figures_api.of_communes(year=YEAR, communes=[commune_a.code, commune_b.code])
    for metric in ("areas.households", "titles.citizen.registered", "titles.household.registered"):
        assert totals[metric] == sum(f.get(metric, 0) for f in each.values())
    assert totals["titles.citizen.registered"] == 330


def test_the_public_group_page_shows_exact_sums_rates_and_no_name(
    client, settings, filled, group, commune_a, commune_b
):
    settings.PUBLIC_CACHE_SECONDS = 0
    html = client.get(reverse("stats:group", args=[group.pk])).content.decode()
    total = html[
        html.index('id="tong-nhom"') : html.index("</table>", html.index('id="tong-nhom"'))
    ]
    citizen = total[total.index("Công dân học tập") :].split("</tr>")[0]
    assert ">330<" in citizen and ">165<" in citizen  # 120 + 210 registered, 60 + 105 recognised
    assert "8,3 %" in citizen and "4,1 %" in citizen  # of 2.000 + 2.000 adults
    assert ">4.000<" in citizen
    household = total[total.index("Gia đình học tập") :].split("</tr>")[0]
    assert ">1<" in household and ">1.000<" in household
    assert commune_a.name in html and commune_b.name in html
    assert "Quàng Văn Tú" not in html and "Bản Mòng" not in html

    overview = client.get(reverse("stats:overview"), {"nam": YEAR}).content.decode()
    assert reverse("stats:group", args=[group.pk]) in overview


def test_the_province_report_has_a_line_per_group(client, reviewer, filled, group):
    login(client, reviewer)
    html = client.get(reverse("reports:province", args=[YEAR])).content.decode()
    line = html[html.index(f'data-group="{group.pk}"') :].split("</tr>")[0]
    assert group.name in line
    assert "165 / 330 (4,1 %)" in line  # citizens: recognised / registered (165 of 4.000 adults)


def test_the_public_group_page_costs_a_few_queries(
    client, settings, filled, group, django_assert_max_num_queries
):
    settings.PUBLIC_CACHE_SECONDS = 0
    with django_assert_max_num_queries(8):
        assert client.get(reverse("stats:group", args=[group.pk])).status_code == 200


def test_the_province_workbook_has_a_sheet_of_the_groups(client, reviewer, filled, group):
    import io

    from openpyxl import load_workbook

    login(client, reviewer)
    body = client.get(reverse("reports:province_xlsx", args=[YEAR])).content
    sheet = load_workbook(io.BytesIO(body), read_only=True)["Nhóm xã, phường"]
    head, line = list(sheet.iter_rows(values_only=True))[:2]
    cells = dict(zip(head, line, strict=True))
    assert cells["Nhóm"] == group.name and cells["Số xã, phường"] == 2
    assert cells["Công dân học tập: đăng ký"] == 330
    assert cells["Công dân học tập: đạt"] == 165


def test_an_administrator_reverts_a_group_to_an_earlier_version_through_the_service(
    client, administrator, commune_a, commune_b
):
    group = services.commune_group_save(user=administrator, name="Cụm 1", communes=[commune_a])
    first = group.history.order_by("history_id").first()
    services.commune_group_save(
        user=administrator, group=group, name="Cụm 1 mới", communes=[commune_a, commune_b]
    )
    login(client, administrator)
    url = reverse("admin:areas_communegroup_simple_history", args=[group.pk, first.history_id])
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(url, {"name": "Cụm 1", "description": "", "communes": [commune_a.code]})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Cụm 1" and list(group.communes.all()) == [commune_a]


@pytest.fixture
def wider_group(administrator, commune_a, commune_b):
    """The two filled communes and two of the province without any figure for the year."""
    others = list(
        Commune.objects.filter(province_id=commune_a.province_id)
        .exclude(code__in=[commune_a.code, commune_b.code])
        .order_by("code")[:2]
    )
    return services.commune_group_save(
        user=administrator, name="Cụm thi đua số 1", communes=[commune_a, commune_b, *others]
    )


def _reached_row(html, title):
    table = html[html.index('class="data reached"') :].split("</table>")[0]
    return table[table.index(f">{title}<") :].split("</tr>")[0]


def test_the_group_page_says_how_many_of_its_communes_reached_each_title_those_without_data_too(
    client, settings, filled, wider_group
):
    settings.PUBLIC_CACHE_SECONDS = 0
    html = client.get(reverse("stats:group", args=[wider_group.pk])).content.decode()
    citizen = _reached_row(html, "Công dân học tập")
    assert citizen.count(">2/4 xã, phường<") == 2  # registered and recognised
    household = _reached_row(html, "Gia đình học tập")
    assert ">1/4 xã, phường<" in household and ">0/4 xã, phường<" in household
    commune = _reached_row(html, "Cộng đồng học tập cấp xã")
    assert commune.count("0/4 xã, phường") == 2


def test_the_report_s_group_line_states_the_same_x_of_n_as_the_group_page(
    client, reviewer, filled, wider_group
):
    from khuyenhoc.figures import coverage

    login(client, reviewer)
    html = client.get(reverse("reports:province", args=[YEAR])).content.decode()
    line = html[html.index(f'data-group="{wider_group.pk}"') :].split("</tr>")[0]
    cells = line.split('<td class="num">')[2:]  # after the number of communes
    assert "xã có đăng ký 2/4, có công nhận 2/4" in cells[0]  # citizens
    assert "xã có đăng ký 1/4, có công nhận 0/4" in cells[1]  # households
    assert "đăng ký 0/4, đạt 0/4" in cells[-1]  # Cộng đồng học tập cấp xã
    each = figures_api.of_communes(
        year=YEAR, communes=wider_group.communes.values_list("code", flat=True)
    )
    padded = [each.get(c.code, {}) for c in wider_group.communes.all()]
    assert coverage.reached(padded, "household") == {"total": 4, "registered": 1, "recognised": 0}

"""History names what changed when only a record's links to other records changed (the
communes of a group, the communes a user looks after), in Vietnamese."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from khuyenhoc.areas import services
from tests.factories import login, make_user
from tests.html_forms import Form

pytestmark = pytest.mark.django_db


def test_the_history_of_a_group_names_the_communes_added_in_vietnamese(
    client, administrator, commune_a, commune_b
):
    group = services.commune_group_save(user=administrator, name="Cụm 1", communes=[commune_a])
    services.commune_group_save(
        user=administrator, group=group, name="Cụm 1", communes=[commune_a, commune_b]
    )
    login(client, administrator)
    page = client.get(reverse("admin:areas_communegroup_history", args=[group.pk])).content
    page = page.decode()
    assert "<strong>Xã, phường trong nhóm:</strong>" in page
    assert f"[{commune_a.name}]" in page and commune_b.name in page
    for english in ("Changed by", "Change reason", ">Object<", ">Changed<", ">Created<"):
        assert english not in page
    assert "Người thay đổi" in page and "Lý do thay đổi" in page
    versions = page.split('id="change-history"')[1].split("</table>")[0]
    assert "None" not in versions and versions.count("Sửa") >= 2


def test_changing_only_the_communes_of_a_user_is_named_in_the_user_s_history(
    client, administrator, commune_a, commune_b
):
    staff = make_user("canbo-lichsu", role="commune_staff", communes=[commune_a])
    login(client, administrator)
    url = reverse("admin:auth_user_change", args=[staff.pk])
    form = Form()
    form.feed(client.get(url).content.decode())
    data = dict(form.fields)
    data.update({"staff_profile-0-communes": [commune_a.code, commune_b.code], "is_active": "on"})
    for untouched in ("_saveasnew", "user_permissions", "groups"):
        data.pop(untouched, None)  # the parser would pick their first option
    response = client.post(url, data)
    assert response.status_code == 302
    assert set(staff.staff_profile.communes.all()) == {commune_a, commune_b}
    entry = LogEntry.objects.get(object_id=str(staff.pk))
    assert entry.get_change_message() != "Không có trường nào thay đổi"
    history = client.get(reverse("admin:auth_user_history", args=[staff.pk])).content.decode()
    assert "Đã thay đổi Xã, phường phụ trách cho phân quyền cán bộ" in history
    assert "Không có trường nào thay đổi" not in history and "User permissions" not in history

"""The admin speaks Vietnamese: Django's Vietnamese catalogues for the admin and the
accounts date from 2021 and lack the strings added since ("Run", "Choose all %s"); the
project's locale (khuyenhoc/locale/vi) fills them. These tests list every string Django
ships for those apps, so a Django upgrade that adds one fails here."""

import ast
import json
import re
from pathlib import Path

import django
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from tests.factories import login

pytestmark = pytest.mark.django_db

CONTRIB = Path(django.__file__).parent / "contrib"


def english_messages(app, domain):
    """(context, msgid) of each message in Django's English catalogue of an app."""
    messages, fields, current = [], {}, None
    text = (CONTRIB / app / "locale/en/LC_MESSAGES" / f"{domain}.po").read_text()
    for line in [*text.splitlines(), ""]:
        if line.startswith('"') and current:
            fields[current] += ast.literal_eval(line)
        elif match := re.match(r"(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (\".*\")", line):
            current = match[1]
            fields[current] = ast.literal_eval(match[2])
        elif not line.strip() and fields:
            if fields.get("msgid"):
                messages.append((fields.get("msgctxt"), fields["msgid"]))
            fields, current = {}, None
    return messages


def key(context, msgid):
    return f"{context}\x04{msgid}" if context else msgid


def test_the_admins_javascript_catalogue_is_vietnamese(client, administrator):
    login(client, administrator)
    script = client.get(reverse("admin:jsi18n")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\n  \});", script, re.S)[1])
    assert catalog["Choose all %s"] == "Chọn tất cả %s"
    assert catalog["Remove all %s"] == "Bỏ tất cả %s"
    assert catalog["Chosen %s"] == "%s đã chọn"
    messages = english_messages("admin", "djangojs")
    assert len(messages) > 80
    untranslated = [m for m in messages if not catalog.get(key(*m))]
    assert untranslated == []


@pytest.mark.parametrize("app", ["admin", "auth"])
def test_every_admin_and_account_string_has_a_vietnamese_translation(app):
    with translation.override("vi"):
        catalog = trans_real.translation("vi")._catalog
        messages = english_messages(app, "django")
        untranslated = [
            m for m in messages if key(*m) not in catalog and (key(*m), 0) not in catalog
        ]
    assert len(messages) > 50
    assert untranslated == []


def test_the_admins_action_bar_and_user_page_read_vietnamese(client, administrator, staff_a):
    login(client, administrator)
    changelist = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert ">Thực hiện</button>" in changelist and ">Run<" not in changelist
    assert "Đến nội dung chính" in changelist
    page = client.get(reverse("admin:auth_user_change", args=[staff_a.pk])).content.decode()
    assert "Mật khẩu không được lưu ở dạng gốc" in page and "Đặt lại mật khẩu" in page
    assert "bộ nhớ (KiB)" in page and "memory cost" not in page

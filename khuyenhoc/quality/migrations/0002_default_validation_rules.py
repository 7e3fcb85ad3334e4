"""The province starts with these rules; administrators change thresholds, severities and
messages in the admin, or switch a rule off."""

from django.db import migrations

DEFAULT_RULES = [
    {
        "code": "khong-vuot-mau-so",
        "name": "Số đăng ký, công nhận không vượt mẫu số",
        "kind": "within_denominator",
        "severity": "block",
        "message": "{muc} năm {nam} của {xa} là {gia_tri}, lớn hơn mẫu số {moc}: hãy sửa "
        "số liệu nền hoặc danh sách trước khi ghi.",
    },
    {
        "code": "thon-khop-danh-sach",
        "name": "Số thôn khai báo khớp danh sách thôn, bản",
        "kind": "villages_listed",
        "severity": "warn",
        "message": "{muc} năm {nam} của {xa} khai báo là {gia_tri}, nhưng danh sách thôn, "
        "bản của xã có {moc}.",
    },
    {
        "code": "so-nguoi-mot-ho",
        "name": "Số người một hộ",
        "kind": "people_per_household",
        "severity": "warn",
        "low": "1.5",
        "high": "8",
        "message": "Dân số chia cho số hộ năm {nam} của {xa} là {gia_tri} người một hộ, "
        "ngoài khoảng thường gặp {moc}: hãy kiểm tra dân số và số hộ.",
    },
    {
        "code": "ty-le-nguoi-truong-thanh",
        "name": "Tỷ lệ người trưởng thành trong dân số (%)",
        "kind": "adults_share",
        "severity": "warn",
        "low": "40",
        "high": "95",
        "message": "Người trưởng thành năm {nam} của {xa} là {gia_tri} % dân số, ngoài "
        "khoảng thường gặp {moc} %.",
    },
    {
        "code": "thay-doi-so-voi-nam-truoc",
        "name": "Thay đổi so với năm trước (%)",
        "kind": "change",
        "severity": "warn",
        "high": "30",
        "message": "{muc} của {xa} năm {nam} là {gia_tri}, năm {nam_truoc} là {truoc}: "
        "thay đổi hơn {moc} %, hãy kiểm tra.",
    },
]


def add_rules(apps, schema_editor):
    rule = apps.get_model("quality", "ValidationRule")
    for values in DEFAULT_RULES:
        rule.objects.update_or_create(code=values["code"], defaults=values)


def remove_rules(apps, schema_editor):
    apps.get_model("quality", "ValidationRule").objects.filter(
        code__in=[r["code"] for r in DEFAULT_RULES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_publication_deadlines_rules_reminders")]

    operations = [migrations.RunPython(add_rules, remove_rules)]

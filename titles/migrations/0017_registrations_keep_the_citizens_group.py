"""Each citizen's registration keeps the group of people the citizen was in that year;
existing registrations, and their history rows, take the citizen's group of today."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def groups_from_citizens(apps, schema_editor):
    Citizen = apps.get_model("titles", "Citizen")
    group = Subquery(Citizen.objects.filter(pk=OuterRef("citizen_id")).values("group")[:1])
    for name in ("Registration", "HistoricalRegistration"):
        model = apps.get_model("titles", name)
        model.objects.filter(title="citizen").update(citizen_group=group)


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0006_village_id_commune_unique"),
        ("titles", "0016_people_erased_on_request"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalregistration",
            name="citizen_group",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "Nông dân và lao động nông thôn"),
                    (2, "Công nhân, lao động tiểu thủ công, thợ sửa chữa, lao động tự do"),
                    (3, "Cán bộ, công chức, viên chức, nhân viên"),
                    (4, "Học sinh, sinh viên, học viên"),
                ],
                null=True,
                verbose_name="nhóm đối tượng",
            ),
        ),
        migrations.AddField(
            model_name="registration",
            name="citizen_group",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "Nông dân và lao động nông thôn"),
                    (2, "Công nhân, lao động tiểu thủ công, thợ sửa chữa, lao động tự do"),
                    (3, "Cán bộ, công chức, viên chức, nhân viên"),
                    (4, "Học sinh, sinh viên, học viên"),
                ],
                null=True,
                verbose_name="nhóm đối tượng",
            ),
        ),
        migrations.RunPython(groups_from_citizens, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("citizen_group__gte", 1), ("citizen_group__lte", 4), ("title", "citizen")
                    ),
                    models.Q(
                        models.Q(("title", "citizen"), _negated=True),
                        ("citizen_group__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="registration_citizen_group",
                violation_error_message="Đăng ký Công dân học tập cần nhóm đối tượng (từ 1 "
                "đến 4); đăng ký danh hiệu khác không có nhóm.",
            ),
        ),
    ]

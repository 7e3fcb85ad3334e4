"""django-import-export resources that do what our household registration import does,
for bench_titles_vs_import_export.py only (the library is the `bench` extra, not a dependency).

Each sheet row ("Chủ hộ", "Thôn, bản, tổ", "Số nhân khẩu") becomes a household of the
commune and its registration for the year, each with its first history row naming the
user and the reason; every row is validated by the model (full_clean), and an existing
household of the same village and name is matched instead of created.

- DefaultResource: the library as its documentation shows it, per row: the village
  looked up by ForeignKeyWidget, the household looked up by import_id_fields, saved,
  and its registration saved, simple-history's signal writing each history row.
- TunedResource: what a careful user of the library would write: villages and existing
  households preloaded into dictionaries, no diff, use_bulk, and simple-history's
  bulk_create_with_history for both tables, a batch at a time.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from import_export import fields, resources, widgets
from simple_history.utils import bulk_create_with_history

from khuyenhoc.areas.models import Village
from khuyenhoc.core.text import fold, nfc
from titles.bulk import CHANGE_REASON
from titles.models import Household, Registration

HEAD, VILLAGE, MEMBERS = "Chủ hộ", "Thôn, bản, tổ", "Số nhân khẩu"


class CommuneVillageWidget(widgets.ForeignKeyWidget):
    """The village by its name among the commune's: one query per row, the default."""

    def __init__(self, commune):
        super().__init__(Village, field="name")
        self.commune = commune

    def get_queryset(self, value, row, *args, **kwargs):
        return Village.objects.filter(commune=self.commune, is_active=True)


class PreloadedVillageWidget(widgets.Widget):
    """The village by its name from a dictionary loaded once."""

    def __init__(self, commune):
        super().__init__()
        self.by_name = {v.name: v for v in Village.objects.filter(commune=commune, is_active=True)}

    def clean(self, value, row=None, **kwargs):
        try:
            return self.by_name[value]
        except KeyError:
            raise ValueError(f"không có thôn, bản, tổ «{value}» trong xã, phường này") from None


class DefaultResource(resources.ModelResource):
    head_name = fields.Field(attribute="head_name", column_name=HEAD)
    village = fields.Field(attribute="village", column_name=VILLAGE)
    members = fields.Field(attribute="members", column_name=MEMBERS, widget=widgets.IntegerWidget())

    class Meta:
        model = Household
        fields = ("head_name", "village", "members")
        import_id_fields = ("village", "head_name")
        clean_model_instances = True

    def __init__(self, *, user, commune, year):
        super().__init__()
        self.user, self.commune, self.year = user, commune, year
        self.now = timezone.now()
        self.fields["village"].widget = self.village_widget(commune)

    def village_widget(self, commune):
        return CommuneVillageWidget(commune)

    def get_queryset(self):
        return Household.objects.filter(commune=self.commune)

    def init_instance(self, row=None):
        return Household(commune=self.commune)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        # what Subject.save() does, before full_clean and bulk_create see the instance
        instance.head_name = nfc(instance.head_name or "").strip()
        instance.name_folded = fold(instance.head_name)

    def registration(self, household):
        return Registration(
            commune=self.commune,
            year=self.year,
            title="household",
            household=household,
            created_at=self.now,
            created_by=self.user,
        )

    def before_save_instance(self, instance, row, **kwargs):
        instance._history_user = self.user
        instance._change_reason = CHANGE_REASON

    def after_save_instance(self, instance, row, **kwargs):
        registration = self.registration(instance)
        registration._history_user = self.user
        registration._change_reason = CHANGE_REASON
        registration.save()


class TunedResource(DefaultResource):
    class Meta:
        model = Household
        fields = ("head_name", "village", "members")
        import_id_fields = ("village", "head_name")
        clean_model_instances = True
        use_bulk = True
        batch_size = 5000
        skip_diff = True
        skip_html_diff = True

    def __init__(self, *, user, commune, year):
        super().__init__(user=user, commune=commune, year=year)
        self.existing = {
            (h.village_id, h.head_name): h for h in Household.objects.filter(commune=commune)
        }

    def village_widget(self, commune):
        return PreloadedVillageWidget(commune)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Every row validated as by the defaults, without their four queries a row: the
        village (so its commune) comes from the preloaded villages, an existing household
        from the preloaded ones, and the one check constraint (1–50 members) is checked
        here instead of by a query."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude=[*errors, "village", "commune"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if instance.members is not None and not 1 <= instance.members <= 50:
            errors.setdefault("members", []).append("Số nhân khẩu từ 1 đến 50.")
        if errors:
            raise ValidationError(errors)

    def get_instance(self, instance_loader, row):
        village = self.fields["village"].widget.by_name.get(row.get(VILLAGE))
        if village is None:
            return None
        return self.existing.get((village.pk, nfc(str(row.get(HEAD) or "")).strip()))

    def after_save_instance(self, instance, row, **kwargs):
        """Registrations are written with their households, a batch at a time."""

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if not self.create_instances:
            return
        try:
            households = bulk_create_with_history(
                self.create_instances,
                Household,
                batch_size=batch_size,
                default_user=self.user,
                default_change_reason=CHANGE_REASON,
                default_date=self.now,
            )
            bulk_create_with_history(
                [self.registration(h) for h in households],
                Registration,
                batch_size=batch_size,
                default_user=self.user,
                default_change_reason=CHANGE_REASON,
                default_date=self.now,
            )
        except Exception as exc:  # the library's own way: the result carries the error
            self.handle_import_error(result, exc, raise_errors)
        finally:
            self.create_instances.clear()

"""QuerySets that know their way to the commune, for `Model.objects.for_user(user)` and
`Model.objects.writable_by(user)`: the one scoping rule, written once here as filters on
the communes, for communes themselves and for every model that belongs to one.

The roles are in roles.py; scope.py offers the same rule to views and services."""

from django.apps import apps
from django.conf import settings
from django.db import models

from khuyenhoc.core.access.roles import Role, is_administrator, is_reviewer, role_of


class CommuneQuerySet(models.QuerySet):
    def for_user(self, user):
        """The communes the user may read: the province's for reviewers and
        administrators, their own for commune staff, none for anyone else."""
        role = role_of(user)
        if role is None or role == Role.PROVINCE_STAFF:
            return self.none()
        province_communes = self.filter(province_id=settings.PROVINCE_CODE)
        if role == Role.COMMUNE_STAFF:
            return province_communes.filter(staff_profiles__user=user)
        return province_communes

    def writable_by(self, user):
        """The communes whose data the user may change: a reviewer reads them all and
        changes none (the review actions have their own rule)."""
        if role_of(user) == Role.REVIEWER:
            return self.none()
        return self.for_user(user)


def communes():
    """The Commune model's manager, looked up when a query is built: the model's
    manager is made from this module, and core imports no app's models."""
    return apps.get_model("areas", "Commune")._default_manager


class ScopedQuerySet(models.QuerySet):
    """Base for every model that belongs to a commune. `commune_path` is the lookup from
    the model to its Commune ("commune", "branch__commune", …)."""

    commune_path = "commune"
    # Set for models that can also belong to the province itself (no commune), such as
    # the provincial association's branch and fund: reviewers see those too.
    province_path = None

    def for_user(self, user):
        if self.province_path and is_reviewer(user):
            return self.filter(**{self.province_path: settings.PROVINCE_CODE})
        if role_of(user) == Role.PROVINCE_STAFF:
            return self._province_own()
        return self.filter(**{f"{self.commune_path}__in": communes().for_user(user)})

    def writable_by(self, user):
        """What the user may change: reviewers change nothing here; the province's own
        records are the administrator's."""
        if self.province_path and is_administrator(user):
            return self.filter(**{self.province_path: settings.PROVINCE_CODE})
        if role_of(user) == Role.PROVINCE_STAFF:
            return self._province_own()
        return self.filter(**{f"{self.commune_path}__in": communes().writable_by(user)})

    def _province_own(self):
        """The provincial association's own records (no commune): all that its office
        staff read and write."""
        if not self.province_path:
            return self.none()
        return self.filter(
            **{self.province_path: settings.PROVINCE_CODE, f"{self.commune_path}__isnull": True}
        )

    def in_commune(self, commune):
        return self.filter(**{self.commune_path: commune})


def scoped_manager(path: str = "commune", province_path: str | None = None):
    """A manager whose for_user() follows `path` to the commune."""
    queryset_class = type(
        f"ScopedQuerySet_{path}",
        (ScopedQuerySet,),
        {"commune_path": path, "province_path": province_path},
    )
    return models.Manager.from_queryset(queryset_class)()

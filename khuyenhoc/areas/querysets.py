"""QuerySets that know their way to the commune, for `Model.objects.for_user(user)`.

The rules themselves are in scope.py; this module only follows the path to the commune.
"""

from django.db import models


class ScopedQuerySet(models.QuerySet):
    """Base for every model that belongs to a commune. `commune_path` is the lookup from
    the model to its Commune ("commune", "branch__commune", …)."""

    commune_path = "commune"
    # Set for models that can also belong to the province itself (no commune), such as
    # the provincial association's branch and fund: reviewers see those too.
    province_path = None

    def for_user(self, user):
        from django.conf import settings

        from .scope import communes_for, is_reviewer

        if self.province_path and is_reviewer(user):
            return self.filter(**{self.province_path: settings.PROVINCE_CODE})
        return self.filter(**{f"{self.commune_path}__in": communes_for(user)})

    def writable_by(self, user):
        """What the user may change (scope.communes_writable_by): reviewers change
        nothing here; the province's own records are the administrator's."""
        from django.conf import settings

        from .scope import communes_writable_by, is_administrator

        if self.province_path and is_administrator(user):
            return self.filter(**{self.province_path: settings.PROVINCE_CODE})
        return self.filter(**{f"{self.commune_path}__in": communes_writable_by(user)})

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


class CommuneQuerySet(models.QuerySet):
    def for_user(self, user):
        from .scope import communes_for

        return self.filter(pk__in=communes_for(user))

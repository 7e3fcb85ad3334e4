"""The three roles and how to tell a user's role: no model is imported here, so that the
models' querysets and the scope rules can both build on it without importing each other.

The roles (README.md, "Vai trò"):
- commune staff read and write their own communes;
- reviewers read the whole province, and write only through the review actions;
- administrators read and write the whole province, and alone keep accounts and
  reference data;
- provincial-association staff keep the provincial association's own branch and funds
  (Quỹ Hội tỉnh) and read or write nothing of the communes.
"""

from django.db import models


class Role(models.TextChoices):
    COMMUNE_STAFF = "commune_staff", "Cán bộ khuyến học xã, phường"
    REVIEWER = "reviewer", "Cán bộ Hội tỉnh (thẩm định)"
    ADMINISTRATOR = "administrator", "Quản trị"
    PROVINCE_STAFF = "province_staff", "Cán bộ văn phòng Hội tỉnh (quỹ Hội tỉnh)"


def role_of(user) -> str | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    profile = getattr(user, "staff_profile", None)
    return profile.role if profile else None


def is_reviewer(user) -> bool:
    """Reviewers and administrators read the whole province and approve."""
    return role_of(user) in (Role.REVIEWER, Role.ADMINISTRATOR)


def is_administrator(user) -> bool:
    return role_of(user) == Role.ADMINISTRATOR


def is_province_staff(user) -> bool:
    return role_of(user) == Role.PROVINCE_STAFF

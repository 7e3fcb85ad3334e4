"""The accounts' backend: Django's ModelBackend, loading a signed-in user together with
their staff profile, in one query instead of two: every request asks the user's role
(khuyenhoc/core/access/roles.py), which reads the profile."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class StaffBackend(ModelBackend):
    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("staff_profile").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

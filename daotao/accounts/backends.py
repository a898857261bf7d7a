"""Django model permissions (used by the admin) follow the DaoTao role table: the
administrator role holds them all, no one else holds any. There is no second,
per-user permission system to keep in step."""

from typing import Any

from django.contrib.auth.backends import BaseBackend

from daotao.core.access import has_permission


class RolePermissionBackend(BaseBackend):
    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None  # permissions only; ModelBackend signs people in

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return bool(user_obj.is_active and has_permission(user_obj, "core.use_admin"))

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return self.has_perm(user_obj, app_label)

"""The Django admin, for administrators only (role `administrator`)."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from daotao.core.access import has_permission


class DaoTaoAdminSite(admin.AdminSite):
    site_header = _("DaoTao — Quản trị hệ thống")
    site_title = _("DaoTao quản trị")
    index_title = _("Dữ liệu danh mục và tài khoản")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active and user.is_staff and has_permission(user, "core.use_admin")
        )


admin_site = DaoTaoAdminSite(name="admin")

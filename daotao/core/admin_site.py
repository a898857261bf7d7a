"""The Django admin, for administrators only (role `administrator`), each seeing
and editing the rows of their own school only (issue 20: many schools in one
deployment)."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models.base import ModelBase
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopePath, has_permission, scope_for, visible_to

USE_ADMIN = "core.use_admin"


def admin_rows(queryset: models.QuerySet, user: Any) -> models.QuerySet:
    """The rows of `queryset` an administrator reaches: their schools' rows of a
    scoped model, their schools, the users of their schools (and users of none);
    reference data (areas, rule sets, templates) is the same for every school."""
    model = queryset.model
    scope = scope_for(user, USE_ADMIN)
    if scope.all_schools:
        return queryset
    schools = sorted(scope.schools or {})
    if isinstance(getattr(model, "scope_path", None), ScopePath):
        return visible_to(queryset, user, USE_ADMIN)
    if model._meta.label == "org.School":
        return queryset.filter(pk__in=schools)
    if model._meta.label == "accounts.User":
        return queryset.filter(
            models.Q(memberships__school_id__in=schools)
            | models.Q(memberships__isnull=True)
        ).distinct()
    if any(f.name == "school" for f in model._meta.concrete_fields):
        return queryset.filter(school_id__in=schools)
    return queryset


class SchoolScopedAdmin:
    """Lists, change pages and foreign-key choices hold the admin's school only."""

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return admin_rows(super().get_queryset(request), request.user)  # type: ignore[misc]

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and hasattr(field, "queryset"):
            field.queryset = admin_rows(field.queryset, request.user)
        return field

    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and hasattr(field, "queryset"):
            field.queryset = admin_rows(field.queryset, request.user)
        return field


class DaoTaoAdminSite(admin.AdminSite):
    site_header = _("DaoTao — Quản trị hệ thống")
    site_title = _("DaoTao quản trị")
    index_title = _("Dữ liệu danh mục và tài khoản")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active and user.is_staff and has_permission(user, USE_ADMIN)
        )

    def register(
        self, model_or_iterable: Any, admin_class: Any = None, **options: Any
    ) -> None:
        """Every registered admin is narrowed to the administrator's school."""
        admin_class = admin_class or admin.ModelAdmin
        scoped = type(admin_class.__name__, (SchoolScopedAdmin, admin_class), {})
        scoped.__module__ = admin_class.__module__
        if isinstance(model_or_iterable, ModelBase):
            model_or_iterable = [model_or_iterable]
        super().register(model_or_iterable, scoped, **options)


admin_site = DaoTaoAdminSite(name="admin")

"""The users list and the permission table."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from daotao.accounts.selectors import user_list
from daotao.core.access import (
    PERMISSIONS,
    Role,
    has_permission,
    permission_required,
    permission_table_rows,
)
from daotao.core.listing import paginate, query_string_without


@permission_required("accounts.view_user")
def user_list_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "accounts/user_list.html",
        {
            "page": paginate(request, user_list(actor=request.user, query=query)),
            "query": query,
            "query_without_page": query_string_without(request, "page"),
            "can_import_users": has_permission(request.user, "accounts.manage_user"),
        },
    )


@permission_required("accounts.view_user")
def permission_table_view(request: HttpRequest) -> HttpResponse:
    roles = list(Role)
    return render(
        request,
        "accounts/permission_table.html",
        {
            "roles": roles,
            "rows": permission_table_rows(roles),
            "permission_count": len(PERMISSIONS),
            "can_import_users": has_permission(request.user, "accounts.manage_user"),
        },
    )

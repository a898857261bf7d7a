from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from daotao.core.access import has_permission, login_only, user_roles
from daotao.reports.selectors import dashboard_figures, setup_checklist


@login_only
def dashboard_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/dashboard.html",
        {
            "figures": dashboard_figures(actor=request.user),
            "setup_steps": setup_checklist(actor=request.user),
            "roles": user_roles(request.user),
            "can_add_person": has_permission(request.user, "people.add_person"),
            "can_view_figures": has_permission(request.user, "reports.view_figures"),
        },
    )

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from daotao.core.access import has_permission, login_only, user_roles
from daotao.core.page_cache import cached_page
from daotao.core.todo import grouped, mark_read, summaries_for, todo_for
from daotao.reports.selectors import dashboard_figures, setup_checklist


@login_only
@cached_page
def dashboard_view(request: HttpRequest) -> HttpResponse:
    items = todo_for(request.user)
    return render(
        request,
        "reports/dashboard.html",
        {
            "figures": dashboard_figures(actor=request.user),
            "setup_steps": setup_checklist(actor=request.user),
            "roles": user_roles(request.user),
            "can_add_person": has_permission(request.user, "people.add_person"),
            "can_view_figures": has_permission(request.user, "reports.view_figures"),
            "todo_groups": grouped(items),
            "todo_count": len(items),
            "summaries": summaries_for(request.user),
        },
    )


@login_only
def todo_list_view(request: HttpRequest) -> HttpResponse:
    """The notifications page: every item waiting for the user, by heading."""
    return _todo_list(request)


def _todo_list(request: HttpRequest) -> HttpResponse:
    items = todo_for(request.user)
    return render(
        request,
        "reports/todo_list.html",
        {"todo_groups": grouped(items), "todo_count": len(items)},
    )


@login_only
def todo_count_view(request: HttpRequest) -> HttpResponse:
    """The bell's text, loaded after the page (the page itself runs no provider)."""
    return render(
        request, "reports/todo_bell.html", {"todo_count": len(todo_for(request.user))}
    )


@login_only
def todo_open_view(request: HttpRequest) -> HttpResponse:
    """Follow an item to read once: record it opened, then go to its page (only
    one of this site's own addresses); without one, the list of items."""
    key = request.GET.get("key", "")
    target = request.GET.get("next", "")
    if not key or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return _todo_list(request)
    mark_read(user=request.user, key=key)
    return redirect(target)

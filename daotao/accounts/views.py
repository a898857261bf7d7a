"""Sign-in, sign-out, password pages, own account, and the permission table."""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from daotao.core.access import (
    PERMISSIONS,
    Role,
    login_only,
    permission_required,
    permission_table_rows,
    public,
)

login_view = public(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html", redirect_authenticated_user=True
    )
)
logout_view = public(auth_views.LogoutView.as_view())
password_change_view = login_only(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("accounts:password-change-done"),
    )
)
password_change_done_view = login_only(
    auth_views.PasswordChangeDoneView.as_view(
        template_name="accounts/password_change_done.html"
    )
)
password_reset_view = public(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password-reset-done"),
    )
)
password_reset_done_view = public(
    auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"
    )
)
password_reset_confirm_view = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password-reset-complete"),
    )
)
password_reset_complete_view = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)


@login_only
def profile_view(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.filter(is_active=True).select_related(
        "school", "unit", "agency"
    )
    return render(
        request,
        "accounts/profile.html",
        {"memberships": memberships, "person": request.user.person},
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
        },
    )

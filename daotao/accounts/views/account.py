"""Sign-in, sign-out, the password pages and one's own account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from daotao.accounts.second_factor import confirmed_totp
from daotao.core.access import (
    login_action,
    login_only,
    own_account,
    public,
)
from daotao.core.ratelimit import over_limit, over_limit_for_key
from daotao.core.todo import digest_set, has_digest

login_view = public(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html", redirect_authenticated_user=True
    )
)
logout_view = public(auth_views.LogoutView.as_view())
password_change_view = own_account(
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


class RateLimitedPasswordResetView(auth_views.PasswordResetView):
    """Password-reset e-mails are limited per client address (a 429 with the form)
    and per e-mail address (silently: the page reads the same whether it was sent,
    so the limit tells nothing about who has an account)."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if over_limit(
            self.request, scope="accounts:password-reset", limit=5, window=15 * 60
        ):
            form.add_error(
                None, _("Đã gửi quá nhiều yêu cầu. Hãy thử lại sau 15 phút.")
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        email = form.cleaned_data["email"].strip().lower()
        if over_limit_for_key(
            scope="accounts:password-reset-email", key=email, limit=3, window=3600
        ):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


password_reset_view = public(
    RateLimitedPasswordResetView.as_view(
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
        {
            "memberships": memberships,
            "person": request.user.person,
            "has_digest": has_digest(request.user),
            "has_second_factor": confirmed_totp(request.user) is not None,
        },
    )


@login_action
def profile_digest_view(request: HttpRequest) -> HttpResponse:
    """Turn the daily e-mail of the to-do items on or off."""
    enabled = request.POST.get("digest") == "1"
    digest_set(user=request.user, enabled=enabled)
    messages.success(
        request,
        _("Bạn sẽ nhận thư tóm tắt việc cần làm mỗi ngày.")
        if enabled
        else _("Đã thôi gửi thư tóm tắt việc cần làm."),
    )
    return HttpResponseRedirect(reverse("accounts:profile") + "#thu-tom-tat")

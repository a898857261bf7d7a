"""The second-factor pages: the code after signing in, and enrolment of an
authenticator app with its recovery codes."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from daotao.accounts import second_factor
from daotao.accounts.forms import EnrolForm, TokenForm
from daotao.core.access import own_account


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


@own_account
def second_factor_view(request: HttpRequest) -> HttpResponse:
    """Ask for the code after the password; a remembered device skips this page.
    The user's own credential step: a role whose writes are limited (the
    province's board, core.access.WRITES_ONLY_THROUGH) may post its code."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.verify_token(request.user, form.cleaned_data["token"])
        if device is not None:
            second_factor.mark_verified(request, device)
            response = redirect(_next_url(request))
            if form.cleaned_data["remember"]:
                second_factor.remember_device(response, request.user, device)
            return response
        form.add_error("token", _("Mã xác thực không đúng hoặc đã dùng."))
    return render(
        request,
        "accounts/second_factor.html",
        {"form": form, "next": _next_url(request)},
    )


@own_account
def second_factor_setup_view(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code, type one code, keep the
    recovery codes shown once."""
    enrolled = second_factor.confirmed_totp(request.user) is not None
    if enrolled and not second_factor.is_verified(request):
        # Replacing the app needs the current one first.
        return redirect(f"{_second_factor_url()}?next={request.path}")
    device = second_factor.pending_totp(request.user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = second_factor.second_factor_enrol(
                actor=request.user, device=device, token=form.cleaned_data["token"]
            )
        except ValueError:
            form.add_error(
                "token", _("Mã không đúng; hãy nhập mã đang hiện trong ứng dụng.")
            )
        else:
            second_factor.mark_verified(request, device)
            return render(
                request,
                "accounts/second_factor_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
    return render(
        request,
        "accounts/second_factor_setup.html",
        {
            "form": form,
            "enrolled": enrolled,
            "qr": second_factor.qr_data_uri(device),
            "secret": second_factor.secret_text(device),
            "next": _next_url(request),
        },
    )


def _second_factor_url() -> str:
    from django.urls import reverse

    return reverse("accounts:second-factor")

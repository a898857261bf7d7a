"""The public registration pages (/hoi-thao/): conferences open for registration
and one form each. Rate-limited per IP, with a honeypot; the answer shows no
personal data back, and a confirmation goes by email when mail is configured."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import public
from daotao.core.forms import add_service_errors
from daotao.core.ratelimit import over_limit
from daotao.research import services
from daotao.research.forms.conferences import PublicRegistrationForm
from daotao.research.models import Conference, Delegate
from daotao.research.selectors import conferences as selectors


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@public
def public_conference_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "research/public_conference_list.html",
        {"conferences": selectors.public_conferences(at=timezone.now())},
    )


def _limited(request: HttpRequest) -> bool:
    """Settings are read per request so tests can lower them."""
    return over_limit(
        request,
        scope="research:register",
        limit=getattr(settings, "CONFERENCE_REGISTER_LIMIT", 10),
        window=getattr(settings, "CONFERENCE_REGISTER_WINDOW", 600),
    )


def _confirm_by_mail(conference: Conference, email: str) -> None:
    """Through the configured backend (DJANGO_EMAIL_BACKEND: SMTP in production,
    the console by default); a failure to send does not undo the registration."""
    if not email:
        return
    send_mail(
        subject=_("Xác nhận đăng ký dự hội thảo"),
        message=_(
            "Ban Tổ chức đã nhận đăng ký của đồng chí dự hội thảo “%(title)s” "
            "ngày %(date)s tại %(venue)s. Thẻ đại biểu sẽ được gửi tại nơi đón "
            "tiếp."
        )
        % {
            "title": conference.title,
            "date": conference.starts_on.strftime("%d/%m/%Y"),
            "venue": conference.venue,
        },
        from_email=None,
        recipient_list=[email],
        fail_silently=True,
    )


@public
def public_register_view(request: HttpRequest, slug: str) -> HttpResponse:
    conference = selectors.public_conference(slug=slug)
    is_open = conference.is_registration_open(timezone.now())
    delegations = selectors.delegations(conference=conference)
    form = PublicRegistrationForm(request.POST or None, delegations=delegations)
    context = {"conference": conference, "form": form, "is_open": is_open}
    if request.method != "POST":
        return _no_store(render(request, "research/public_register.html", context))
    if _limited(request):
        return _no_store(
            render(request, "research/public_register_limited.html", status=429)
        )
    if not is_open:
        form.add_error(None, _("Hội thảo hiện không nhận đăng ký."))
        return _no_store(
            render(request, "research/public_register.html", context, status=400)
        )
    if form.is_valid() and form.cleaned_data["website"]:
        # A bot filled the hidden field: answer as if registered, write nothing.
        return _no_store(render(request, "research/public_registered.html", context))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.delegate_register_public(
                conference=conference,
                data=services.DelegateData(
                    full_name=data["full_name"],
                    delegation_id=data["delegation"],
                    position=data["position"],
                    role=Delegate.Role.DELEGATE,
                    email=data["email"],
                    phone=data["phone"],
                    needs_lodging=data["needs_lodging"],
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            transaction.on_commit(lambda: _confirm_by_mail(conference, data["email"]))
            return _no_store(
                render(request, "research/public_registered.html", context)
            )
    return _no_store(
        render(request, "research/public_register.html", context, status=400)
    )

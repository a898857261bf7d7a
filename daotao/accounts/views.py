"""Sign-in, sign-out, password pages, own account, the permission table, and the
users-with-roles import."""

from functools import partial

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from daotao.accounts.forms import UserImportForm
from daotao.accounts.importing import users_import_run, users_template
from daotao.accounts.selectors import user_list
from daotao.core.access import (
    PERMISSIONS,
    Role,
    has_permission,
    home_school_id,
    login_only,
    own_account,
    permission_required,
    permission_table_rows,
    public,
)
from daotao.core.importing.views import import_page, template_response
from daotao.core.listing import paginate, query_string_without
from daotao.core.ratelimit import over_limit, over_limit_for_key
from daotao.org.models import School

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
        {"memberships": memberships, "person": request.user.person},
    )


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


IMPORT_SESSION_KEY = "user_import"


def _import_school(request: HttpRequest) -> School:
    school_id = home_school_id(request.user, "accounts.manage_user")
    school = School.objects.filter(pk=school_id).first()
    if school is None:
        raise Http404
    return school


@permission_required("accounts.manage_user")
def user_import_view(request: HttpRequest) -> HttpResponse:
    school = _import_school(request)
    return import_page(
        request,
        run=partial(
            users_import_run, school=school, base_url=request.build_absolute_uri("/")
        ),
        # One kept file per school: a token of another school's page finds none.
        session_key=f"{IMPORT_SESSION_KEY}.{school.pk}",
        template="core/import_page.html",
        done_url=reverse("accounts:user-import"),
        shown=(("username", _("Tên đăng nhập")), ("full_name", _("Họ và tên"))),
        context={
            "title": _("Nhập người dùng và vai trò từ Excel"),
            "intro": _(
                "Mỗi dòng một vai trò của một người: tên đăng nhập, họ và tên, thư "
                "điện tử, vai trò, và khoa, phòng hoặc cơ quan khi vai trò cần. Tệp "
                "không có mật khẩu: mỗi người dùng mới nhận một thư để tự đặt mật "
                "khẩu."
            ),
            "back_url": reverse("accounts:permission-table"),
            "back_label": _("Bảng phân quyền"),
            "template_url": reverse("accounts:user-import-template"),
        },
        done_message=_(
            "Đã nhập %(created)s vai trò; %(matched)s vai trò đã có được giữ nguyên. "
            "Người dùng mới đã được gửi thư đặt mật khẩu."
        ),
        form_class=UserImportForm,
    )


@permission_required("accounts.manage_user")
def user_import_template_view(request: HttpRequest) -> HttpResponse:
    return template_response(users_template(), filename="mau-nguoi-dung.xlsx")

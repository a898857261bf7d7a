"""Sign-in, sign-out, password pages, own account, the permission table, and the
users-with-roles import."""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.accounts.importing import users_import_run, users_template
from daotao.core.access import (
    PERMISSIONS,
    Role,
    has_permission,
    home_school_id,
    login_only,
    permission_required,
    permission_table_rows,
    public,
)
from daotao.core.importing import CREATE, MATCH, REFUSE, ImportReport
from daotao.core.importing.pending import pending_drop, pending_keep, pending_take
from daotao.org.models import School

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
            "can_import_users": has_permission(request.user, "accounts.manage_user"),
        },
    )


class UserImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách người dùng (.xlsx, .csv)"),
        help_text=gettext_lazy(
            "Dùng tệp mẫu; mỗi dòng một vai trò của một người. Không ghi mật khẩu: "
            "người dùng mới nhận thư để tự đặt mật khẩu."
        ),
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
    base_url = request.build_absolute_uri("/")
    if request.method == "POST" and "token" in request.POST:
        return _user_import_commit(request, school, base_url)
    form = UserImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        report = users_import_run(
            upload=data,
            filename=upload.name,
            actor=request.user,
            school=school,
            base_url=base_url,
            dry_run=True,
        )
        if report.is_importable:
            pending_keep(
                request,
                key=IMPORT_SESSION_KEY,
                data=data,
                sha256=report.sha256,
                filename=report.filename,
                school=school.pk,
            )
    return _user_import_page(request, form, report)


def _user_import_commit(
    request: HttpRequest, school: School, base_url: str
) -> HttpResponse:
    kept = pending_take(request, key=IMPORT_SESSION_KEY, token=request.POST["token"])
    if kept is None or kept.extra.get("school") != school.pk:
        messages.error(request, _("Phiên nhập đã hết hạn; hãy chọn lại tệp."))
        return redirect("accounts:user-import")
    report = users_import_run(
        upload=kept.data,
        filename=kept.filename,
        actor=request.user,
        school=school,
        base_url=base_url,
        dry_run=False,
    )
    if not report.is_committed:
        return _user_import_page(request, UserImportForm(), report)
    pending_drop(request, key=IMPORT_SESSION_KEY)
    messages.success(
        request,
        _(
            "Đã nhập %(created)s vai trò; %(matched)s vai trò đã có được giữ nguyên. "
            "Người dùng mới đã được gửi thư đặt mật khẩu."
        )
        % {"created": report.counts[CREATE], "matched": report.counts[MATCH]},
    )
    return redirect("accounts:user-import")


def _user_import_page(
    request: HttpRequest, form: UserImportForm, report: ImportReport | None
) -> HttpResponse:
    return render(
        request,
        "accounts/user_import.html",
        {
            "form": form,
            "report": report,
            "counts": report.counts if report else None,
            "actions": {CREATE: _("Thêm mới"), MATCH: _("Đã có"), REFUSE: _("Lỗi")},
        },
    )


@permission_required("accounts.manage_user")
def user_import_template_view(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        users_template(),
        content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nguoi-dung.xlsx"'
    return response

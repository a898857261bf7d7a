"""Users with their roles by sheet: template, dry run, commit
(core.importing.views)."""

from __future__ import annotations

from functools import partial

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.accounts.forms import UserImportForm
from daotao.accounts.importing import users_import_run, users_template
from daotao.core.access import (
    home_school_id,
    permission_required,
)
from daotao.core.importing.views import import_page, template_response
from daotao.org.models import School

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

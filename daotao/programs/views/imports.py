"""Importing a version's structure, and the lecturers, from a sheet: the template,
the dry run, then the commit of exactly the file that was checked."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import permission_required
from daotao.core.importing.views import import_page, template_response
from daotao.programs import selectors, services
from daotao.programs.forms import StructureImportForm
from daotao.programs.importing import structure_import_run, structure_template
from daotao.programs.lecturer_importing import (
    IMPORT as LECTURERS_IMPORT,
)
from daotao.programs.lecturer_importing import (
    lecturers_import_run,
    lecturers_template,
)
from daotao.programs.models import ProgramVersion

MANAGE = "programs.manage_program"
SESSION_KEY = "programs.structure_import"


@permission_required(MANAGE)
def structure_template_view(request: HttpRequest, pk: int) -> HttpResponse:
    selectors.get_version_for_manage(request.user, pk)
    return template_response(
        structure_template(), filename="mau-cau-truc-chuong-trinh.xlsx"
    )


def _page(request: HttpRequest, version: ProgramVersion) -> HttpResponse:
    """The page of a version that cannot take an import, saying why."""
    return render(
        request,
        "programs/structure_import.html",
        {"version": version, "program": version.program, "is_editable": False},
    )


@permission_required(MANAGE)
def structure_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_manage(request.user, pk)
    if not version.is_draft or services.version_is_referenced(version):
        # Nothing to import into: the page says why, a POST changes nothing.
        response = _page(request, version)
        response.status_code = 400 if request.method == "POST" else 200
        return response
    return import_page(
        request,
        run=partial(structure_import_run, version=version),
        # One kept file per version: a token of another version's page finds none.
        session_key=f"{SESSION_KEY}.{version.pk}",
        template="programs/structure_import.html",
        done_url=reverse("programs:version-detail", kwargs={"pk": version.pk}),
        done_message=_(
            "Đã nhập %(created)s chuyên đề; %(matched)s chuyên đề đã có được giữ "
            "nguyên."
        ),
        shown=(
            ("block", _("Khối kiến thức")),
            ("module", _("Học phần")),
            ("topic", _("Chuyên đề")),
            ("lecture_periods", _("Lý thuyết")),
            ("discussion_periods", _("Thảo luận")),
            ("practice_periods", _("Thực hành")),
            ("field_study_periods", _("Thực tế")),
        ),
        numeric=(
            "lecture_periods",
            "discussion_periods",
            "practice_periods",
            "field_study_periods",
        ),
        context={"version": version, "program": version.program, "is_editable": True},
        form_class=StructureImportForm,
    )


@permission_required(LECTURERS_IMPORT)
def lecturer_template_view(request: HttpRequest) -> HttpResponse:
    return template_response(lecturers_template(), filename="mau-giang-vien.xlsx")


@permission_required(LECTURERS_IMPORT)
def lecturer_import_view(request: HttpRequest) -> HttpResponse:
    # Above faculty because a lecturer's chuyên đề are the programmes'; the
    # lecturers list links here by URL name.
    return import_page(
        request,
        run=lecturers_import_run,
        session_key="programs.lecturer_import",
        template="core/import_page.html",
        done_url=reverse("faculty:lecturer-list"),
        shown=(("full_name", _("Họ và tên")), ("unit", _("Khoa, phòng"))),
        context={
            "title": _("Nhập giảng viên từ Excel"),
            "intro": _(
                "Mỗi dòng một giảng viên. Người đã có trong danh sách cán bộ (cùng "
                "số CCCD, hoặc cùng họ tên và ngày sinh) được dùng lại; giảng viên "
                "đã có hồ sơ được giữ nguyên. Cột “Chuyên đề được giảng” ghi tên "
                "chuyên đề hoặc mã học phần, cách nhau bằng dấu chấm phẩy."
            ),
            "back_url": reverse("faculty:lecturer-list"),
            "back_label": _("Danh sách giảng viên"),
            "template_url": reverse("programs:lecturer-template"),
        },
        done_message=_(
            "Đã nhập %(created)s giảng viên mới; %(matched)s giảng viên đã có "
            "được giữ nguyên."
        ),
    )

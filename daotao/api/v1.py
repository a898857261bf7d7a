"""Version 1 of the open API (docs/adr/0036): thin operations over the apps'
selectors, and the nominee list through the enrolment import."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Router, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from daotao.api import schemas as s
from daotao.api.gate import identified_client
from daotao.api.nominee_sheet import HEADER_ROW, nominee_workbook
from daotao.api.selectors import client_may
from daotao.assessment import selectors as assessment
from daotao.core.access import is_read_only
from daotao.core.importing import CREATE, MATCH, REFUSE
from daotao.credentials import selectors as credentials
from daotao.credentials.verification import masked_date_of_birth
from daotao.enrolment import selectors as enrolment
from daotao.enrolment.importing import SendingDocument, nominations_import_run
from daotao.faculty import selectors as faculty
from daotao.planning import selectors as planning
from daotao.programs import selectors as programs
from daotao.research.selectors import topics as research

MAX_LIMIT = 100


class ClientToken(HttpBearer):
    """A bearer token of an `ApiClient` (the gate has already looked it up)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return identified_client(request)


api = NinjaAPI(
    title="DaoTao API",
    version="1",
    description=(
        "Đọc chương trình, kế hoạch, lớp, kết quả, xác minh văn bằng, giảng viên, "
        "đề tài; gửi danh sách cử đi học. Mỗi ứng dụng có mã truy cập riêng "
        "(Authorization: Bearer …) với các quyền được cấp."
    ),
    urls_namespace="api",
    docs_url=None,
    auth=ClientToken(),
)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception):
    return api.create_response(
        request,
        {"detail": _("Cần mã truy cập hợp lệ (Authorization: Bearer …).")},
        status=401,
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception):
    # Unknown and out of the client's reach answer the same.
    return api.create_response(
        request, {"detail": _("Không tìm thấy hoặc ngoài phạm vi.")}, status=404
    )


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, exc: Exception):
    return api.create_response(
        request, {"detail": _("Ứng dụng không được làm việc này.")}, status=403
    )


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError):
    # 400, so that 422 keeps one meaning: a nominee list the import refused.
    return api.create_response(request, {"detail": exc.errors}, status=400)


ERRORS = {
    400: s.InvalidRequest,
    401: s.Error,
    403: s.Error,
    404: s.Error,
    429: s.Error,
}


def need(request: HttpRequest, permission: str) -> Any:
    """The acting user, if the client was given `permission` and its account still
    holds it; 403 otherwise (the client may not use this part of the API at all)."""
    client = request.auth
    if not client_may(client, permission):
        raise HttpError(403, _("Ứng dụng không được cấp quyền %s.") % permission)
    return client.user


class Paging(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=1_000_000)


def page(request: HttpRequest, queryset: Any, paging: Paging, row: Any) -> dict:
    count = queryset.count()
    items = list(queryset[paging.offset : paging.offset + paging.limit])

    def link(offset: int) -> str:
        query = request.GET.copy()
        query["offset"] = str(offset)
        query["limit"] = str(paging.limit)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    following = paging.offset + paging.limit
    return {
        "count": count,
        "next": link(following) if following < count else None,
        "previous": link(max(paging.offset - paging.limit, 0))
        if paging.offset > 0
        else None,
        "results": [row(item) for item in items],
    }


v1 = Router()


# --- Programmes -----------------------------------------------------------------


def _programme(v: Any) -> dict:
    return {
        "id": v.pk,
        "programme_code": v.program.code,
        "programme_name": v.program.name,
        "kind": v.program.kind,
        "kind_label": str(v.program.get_kind_display()),
        "version": v.label,
        "mode": v.mode,
        "status": v.status,
        "status_label": str(v.get_status_display()),
        "total_periods": getattr(v, "computed_total", None) or 0,
        "valid_from": v.valid_from,
        "valid_to": v.valid_to,
    }


@v1.get("/programmes", response={200: s.ProgrammePage, **ERRORS})
def programme_list(request: HttpRequest, paging: Query[Paging]):
    """Các chương trình (phiên bản) trong phạm vi của ứng dụng."""
    actor = need(request, programs.VIEW)
    return page(request, programs.program_version_list(actor=actor), paging, _programme)


@v1.get("/programmes/{int:pk}", response={200: s.ProgrammeOut, **ERRORS})
def programme_detail(request: HttpRequest, pk: int):
    """Một chương trình (phiên bản) trong phạm vi của ứng dụng."""
    actor = need(request, programs.VIEW)
    version = programs.program_version_list(actor=actor).filter(pk=pk).first()
    if version is None:
        version = programs.get_version_for_view(actor, pk)  # 404 when out of scope
    return _programme(version)


# --- Training plans ---------------------------------------------------------------

VIEW_PLAN = "planning.view_plan"


def _plan(plan: Any) -> dict:
    return {
        "id": plan.pk,
        "year": plan.year,
        "title": plan.title,
        "status": plan.status,
        "status_label": str(plan.get_status_display()),
        "supplement_number": plan.supplement_number or 0,
        "class_count": getattr(plan, "class_count", 0) or 0,
        "planned_total": getattr(plan, "planned_total", 0) or 0,
        "approved_at": plan.approved_at,
    }


@v1.get("/plans", response={200: s.PlanPage, **ERRORS})
def plan_list(request: HttpRequest, paging: Query[Paging]):
    """Kế hoạch đào tạo, bồi dưỡng (năm mới nhất trước)."""
    actor = need(request, VIEW_PLAN)
    return page(request, planning.plan_list(actor=actor), paging, _plan)


@v1.get("/plans/{int:pk}", response={200: s.PlanDetail, **ERRORS})
def plan_detail(request: HttpRequest, pk: int):
    """Một kế hoạch và các lớp dự kiến của nó."""
    actor = need(request, VIEW_PLAN)
    plan = planning.plan_list(actor=actor).filter(pk=pk).first()
    if plan is None:
        plan = planning.get_plan_for_view(actor, pk)  # 404 when out of scope
    classes = [
        {
            "id": c.pk,
            "code": c.code,
            "name": c.name,
            "programme_name": c.program_version.program.name,
            "mode": c.mode,
            "planned_size": c.planned_size,
            "starts_on": c.starts_on,
            "ends_on": c.ends_on,
            "places": c.quota_total,
            "nominated": c.nominated,
            "admitted": c.admitted,
        }
        for c in planning.plan_classes(plan=plan)
    ]
    return {**_plan(plan), "classes": classes}


# --- Classes open for nomination, cohorts -------------------------------------------

VIEW_NOMINATION = "enrolment.view_nomination"
VIEW_COHORT = "enrolment.view_cohort"
NOMINATE = "enrolment.nominate"


def _class(c: Any) -> dict:
    return {
        "id": c.pk,
        "code": c.code,
        "name": c.name,
        "programme_name": c.program_version.program.name,
        "plan_year": c.plan.year,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "places": c.places,
        "nominated": c.nominated,
    }


@v1.get("/classes", response={200: s.ClassPage, **ERRORS})
def class_list(request: HttpRequest, paging: Query[Paging]):
    """Các lớp của kế hoạch đã duyệt, nhận danh sách cử đi học."""
    actor = need(request, VIEW_NOMINATION)
    return page(request, enrolment.open_classes(actor=actor), paging, _class)


@v1.get("/classes/{int:pk}", response={200: s.ClassOut, **ERRORS})
def class_detail(request: HttpRequest, pk: int):
    """Một lớp của kế hoạch đã duyệt đang nhận danh sách cử đi học, với chỉ tiêu
    của cơ quan."""
    actor = need(request, VIEW_NOMINATION)
    return _class(enrolment.get_open_class(actor, pk))


def _cohort(c: Any) -> dict:
    return {
        "id": c.pk,
        "code": c.code,
        "name": c.name,
        "starts_on": c.starts_on,
        "size": c.size,
    }


@v1.get("/cohorts", response={200: s.CohortPage, **ERRORS})
def cohort_list(request: HttpRequest, paging: Query[Paging]):
    """Các lớp đã mở (khóa học), mới nhất trước."""
    actor = need(request, VIEW_COHORT)
    return page(request, enrolment.cohort_list(actor=actor), paging, _cohort)


@v1.get("/cohorts/{int:pk}", response={200: s.CohortDetail, **ERRORS})
def cohort_detail(request: HttpRequest, pk: int):
    """Một lớp với tóm tắt kết quả của các học viên trong phạm vi của ứng dụng."""
    actor = need(request, VIEW_COHORT)
    cohort = enrolment.get_cohort(actor, pk)
    roster = list(enrolment.cohort_roster(actor=actor, cohort=cohort))
    results = assessment.cohort_results(cohort=cohort, enrollments=roster)
    labels = Counter(r.classification for r in results.learners if r.classification)
    classified = sum(labels.values())
    return {
        "id": cohort.pk,
        "code": cohort.code,
        "name": cohort.name,
        "programme_name": cohort.program_version.program.name,
        "status": cohort.status,
        "status_label": str(cohort.get_status_display()),
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "results": {
            "learners": len(roster),
            "classified": classified,
            "not_classified": len(roster) - classified,
            "by_classification": [
                {"classification": label, "learners": n}
                for label, n in sorted(labels.items())
            ],
        },
    }


# --- Nominations (write) --------------------------------------------------------------


@v1.post(
    "/classes/{int:pk}/nominations",
    response={200: s.NominationReport, 201: s.NominationReport, 422: s.NominationReport}
    | ERRORS,
)
def nominations_send(
    request: HttpRequest, pk: int, body: s.NominationListIn, dry_run: bool = True
):
    """Gửi danh sách cán bộ cử đi học của một cơ quan vào lớp, với cùng các bước
    kiểm tra như khi nhập từ Excel (chỉ tiêu, tiêu chuẩn, hồ sơ; ghi tất cả hoặc
    không ghi gì). Mặc định chỉ kiểm tra (dry_run=true); gửi dry_run=false để ghi."""
    actor = need(request, NOMINATE)
    if is_read_only(actor):
        raise HttpError(403, _("Tài khoản giám sát chỉ được xem, không được sửa."))
    planned = enrolment.get_open_class(actor, pk)
    agency = (
        enrolment.quota_agencies(actor=actor, planned_class=planned)
        .filter(pk=body.agency_id)
        .first()
    )
    if agency is None:
        raise HttpError(404, _("Cơ quan không có chỉ tiêu trong lớp này."))
    nominees = [n.dict() for n in body.nominees]
    report = nominations_import_run(
        upload=nominee_workbook(starts_on=planned.starts_on, nominees=nominees),
        filename="api.xlsx",
        actor=actor,
        planned_class=planned,
        agency=agency,
        document=SendingDocument(
            number=body.sending_document_number, date=body.sending_document_date
        ),
        dry_run=dry_run,
    )
    counts = report.counts
    answer = {
        "dry_run": dry_run,
        "committed": report.is_committed,
        "created": counts[CREATE],
        "matched": counts[MATCH],
        "refused": counts[REFUSE],
        "errors": [str(e) for e in report.file_errors],
        "notices": [str(n) for n in report.notices],
        "rows": [
            {
                "row": row.number - HEADER_ROW,
                "action": row.action,
                "messages": [m.text for m in row.messages],
            }
            for row in report.rows
        ],
    }
    if report.is_committed:
        return Status(201, answer)
    if dry_run and report.is_importable:
        return Status(200, answer)
    return Status(422, answer)


# --- Credentials: verification only -------------------------------------------------


def _credential(c: Any) -> dict:
    return {
        "school": c.school.name,
        "kind": c.kind,
        "kind_label": str(c.get_kind_display()),
        "serial": c.serial,
        "holder_name": c.holder_name,
        "date_of_birth": masked_date_of_birth(c.holder_date_of_birth),
        "programme_name": c.programme_name,
        "classification": c.classification_label,
        "issued_on": c.issued_on,
        "status": c.status,
        "replaced_by_code": c.replaced_by.verification_code if c.replaced_by else None,
    }


@v1.get("/credentials/verify/{code}", response={200: s.CredentialOut, **ERRORS})
def credential_verify(request: HttpRequest, code: str):
    """Xác minh văn bằng, chứng chỉ theo mã trên mã QR: như trang xác minh công khai."""
    credential = credentials.credential_by_code(code) if len(code) <= 64 else None
    if credential is None:
        raise Http404
    return _credential(credential)


class SerialLookup(Schema):
    serial: str = Field(min_length=1, max_length=40)
    date_of_birth: datetime.date


@v1.get("/credentials/lookup", response={200: s.CredentialOut, **ERRORS})
def credential_lookup(request: HttpRequest, q: Query[SerialLookup]):
    """Xác minh theo số hiệu và ngày sinh của người được cấp."""
    credential = credentials.credential_by_serial(q.serial, q.date_of_birth)
    if credential is None:
        raise Http404
    return _credential(credential)


# --- Lecturers (the public part of the profile) -------------------------------------


def _lecturer(lecturer: Any) -> dict:
    return {
        "id": lecturer.pk,
        "full_name": lecturer.person.full_name,
        "title": lecturer.title,
        "title_label": str(lecturer.get_title_display()),
        "unit": lecturer.unit.name if lecturer.unit else None,
        "is_visiting": lecturer.is_visiting,
        "is_active": lecturer.is_active,
    }


@v1.get("/lecturers", response={200: s.LecturerPage, **ERRORS})
def lecturer_list(request: HttpRequest, paging: Query[Paging]):
    """Giảng viên: họ tên, chức danh, khoa; không có thông tin cá nhân."""
    actor = need(request, faculty.VIEW)
    return page(request, faculty.lecturer_list(actor=actor), paging, _lecturer)


@v1.get("/lecturers/{int:pk}", response={200: s.LecturerOut, **ERRORS})
def lecturer_detail(request: HttpRequest, pk: int):
    """Một giảng viên: họ tên, chức danh, khoa; không có thông tin cá nhân."""
    actor = need(request, faculty.VIEW)
    return _lecturer(faculty.get_lecturer_for_view(actor, pk))


# --- Research topics ------------------------------------------------------------------


def _topic(topic: Any) -> dict:
    leader = topic.leader
    return {
        "id": topic.pk,
        "code": topic.code,
        "title": topic.title,
        "level": topic.level,
        "level_label": str(topic.get_level_display()),
        "status": topic.status,
        "status_label": str(topic.get_status_display()),
        "leader": leader.person.full_name if leader else None,
        "starts_on": topic.starts_on,
        "ends_on": topic.ends_on,
        "result": topic.result or "",
    }


@v1.get("/research-topics", response={200: s.TopicPage, **ERRORS})
def topic_list(request: HttpRequest, paging: Query[Paging]):
    """Đề tài nghiên cứu khoa học, mới nhất trước."""
    actor = need(request, research.VIEW_TOPIC)
    return page(request, research.topic_list(actor=actor), paging, _topic)


@v1.get("/research-topics/{int:pk}", response={200: s.TopicOut, **ERRORS})
def topic_detail(request: HttpRequest, pk: int):
    """Một đề tài nghiên cứu khoa học."""
    actor = need(request, research.VIEW_TOPIC)
    return _topic(research.get_topic_for_view(actor, pk))


api.add_router("/v1", v1)

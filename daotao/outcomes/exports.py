"""The school's evaluation of its cadres as a spreadsheet (core.exporting): every
cadre in the actor's reach, optionally one cohort; over `SYNC_ROWS` the task worker
writes it. A constant number of queries whatever the number of cadres or cohorts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.core.actors import Actor
from daotao.core.exporting import ExportTable
from daotao.core.text import format_date
from daotao.enrolment.models import Enrollment
from daotao.outcomes import selectors
from daotao.outcomes.evaluation import grade_text, share_text

EVALUATION_EXPORT = "outcomes:evaluation-export"
WHERE_NOW_EXPORT = "outcomes:where-now-export"

EVALUATION_HEADERS = [
    gettext_lazy("Mã học viên"),
    gettext_lazy("Họ và tên"),
    gettext_lazy("Cơ quan cử"),
    gettext_lazy("Lớp"),
    gettext_lazy("Tham dự"),
    gettext_lazy("Kết quả học phần"),
    gettext_lazy("Điểm tổng kết"),
    gettext_lazy("Xếp loại"),
    gettext_lazy("Số nhận xét rèn luyện"),
    gettext_lazy("Nhiệm vụ nghiên cứu"),
    gettext_lazy("Điểm nghiên cứu"),
]


def with_progress(
    enrollments: list[Enrollment], *, attendance: bool = True
) -> list[Enrollment]:
    """The enrollments with their attendance share (unless the caller counts it
    otherwise), evaluation, conduct notes and research task (grouped queries,
    whatever the number of rows)."""
    shares = selectors.attendance_overall(enrollments) if attendance else {}
    found = selectors.evaluations(enrollments)
    conduct = selectors.conduct_counts(enrollments)
    for enrollment in enrollments:
        if attendance:
            enrollment.attendance_share = shares[enrollment.pk]
        enrollment.evaluation = found[enrollment.pk]
        enrollment.conduct_count = conduct[enrollment.pk]
        enrollment.task = getattr(enrollment, "research_task", None)
    return enrollments


def _positive(params: Mapping[str, Any], name: str) -> int | None:
    raw = str(params.get(name) or "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def cohort_param(params: Mapping[str, Any]) -> int | None:
    return _positive(params, "cohort")


def program_param(params: Mapping[str, Any]) -> int | None:
    return _positive(params, "program")


def evaluation_table(*, actor: Actor, params: Mapping[str, Any]) -> ExportTable:
    cadres = selectors.agency_cadres(actor=actor, cohort_id=cohort_param(params))
    count = cadres.count()

    def rows() -> Any:
        # Evaluated only when written: in the worker for a large export.
        for enrollment in with_progress(list(cadres)):
            yield evaluation_row(enrollment)

    return ExportTable(
        filename="danh-gia-hoc-vien",
        title=_("Đánh giá học viên"),
        headers=EVALUATION_HEADERS,
        rows=rows(),
        count=count,
    )


def evaluation_row(e: Enrollment) -> list[Any]:
    results = "; ".join(
        f"{m.name}: {grade_text(m.result)}" for m in e.evaluation.modules
    )
    task = e.task
    return [
        e.learner_code,
        e.person.full_name,
        e.agency.name,
        e.cohort.code,
        share_text(e.attendance_share),
        results,
        grade_text(e.evaluation.overall),
        e.evaluation.classification,
        e.conduct_count,
        task.title if task else "",
        grade_text(task.grade) if task else "",
    ]


PLACEMENT_HEADERS = [
    gettext_lazy("Lớp"),
    gettext_lazy("Chương trình"),
    gettext_lazy("Họ và tên"),
    gettext_lazy("Cơ quan cử"),
    gettext_lazy("Hình thức"),
    gettext_lazy("Chức vụ"),
    gettext_lazy("Cơ quan"),
    gettext_lazy("Từ ngày"),
    gettext_lazy("Số quyết định"),
]


def where_now_table(*, actor: Actor, params: Mapping[str, Any]) -> ExportTable:
    """ "Sử dụng cán bộ sau đào tạo": every placement in reach, by cohort or
    programme."""
    rows = selectors.placements(
        actor=actor, cohort_id=cohort_param(params), program_id=program_param(params)
    )
    return ExportTable(
        filename="su-dung-can-bo-sau-dao-tao",
        title=_("Sử dụng cán bộ sau đào tạo"),
        headers=PLACEMENT_HEADERS,
        rows=(_placement_row(p) for p in rows.iterator(chunk_size=2000)),
        count=rows.count(),
    )


def _placement_row(p: Any) -> list[Any]:
    return [
        p.enrollment.cohort.code,
        p.enrollment.cohort.program_version.program.name,
        p.enrollment.person.full_name,
        p.enrollment.agency.name,
        p.get_kind_display(),
        p.post,
        p.agency_name,
        format_date(p.effective_on),
        p.decision_number,
    ]

"""The school's end-of-course evaluation of one cadre, as a report-kind document
spec for `daotao.documents.rendering` (an unnumbered draft: the school numbers
and signs it through the register when it sends it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.text import format_date, format_number
from daotao.enrolment.models import Enrollment
from daotao.outcomes.selectors import Evaluation


def share_text(share: Decimal) -> str:
    return f"{format_number(share * 100, decimals=1)} %"


def grade_text(value: Decimal | None) -> str:
    return format_number(value, decimals=1) if value is not None else "—"


def evaluation_spec(
    *,
    enrollment: Enrollment,
    evaluation: Evaluation,
    attendance: Decimal,
    conduct_count: int,
) -> dict[str, Any]:
    """The plain-data spec (see `documents.rendering.spec`) of the evaluation."""
    school = enrollment.cohort.school
    person = enrollment.person
    task = getattr(enrollment, "research_task", None)
    rows = [
        [str(i), m.name, grade_text(m.result)]
        for i, m in enumerate(evaluation.modules, start=1)
    ]
    facts = [
        _("Họ và tên: %(name)s") % {"name": person.full_name},
        _("Mã học viên: %(code)s") % {"code": enrollment.learner_code},
        _("Lớp: %(cohort)s") % {"cohort": enrollment.cohort},
        _("Cơ quan cử đi học: %(agency)s") % {"agency": enrollment.agency.name},
    ]
    body: list[dict[str, Any]] = [
        {"kind": "list", "items": facts},
        {"kind": "heading", "level": 1, "text": _("1. Kết quả học tập")},
    ]
    if rows:
        body.append(
            {"kind": "table", "header": ["STT", _("Học phần"), _("Điểm")], "rows": rows}
        )
    body += [
        {
            "kind": "paragraph",
            "text": _("Điểm tổng kết: %(overall)s. Xếp loại: %(label)s.")
            % {
                "overall": grade_text(evaluation.overall),
                "label": evaluation.classification or _("chưa xếp loại"),
            },
        },
        {"kind": "heading", "level": 1, "text": _("2. Chuyên cần và rèn luyện")},
        {
            "kind": "paragraph",
            "text": _(
                "Tỷ lệ tham dự các buổi học: %(share)s; số nhận xét rèn luyện: %(n)s."
            )
            % {"share": share_text(attendance), "n": conduct_count},
        },
        {"kind": "heading", "level": 1, "text": _("3. Nhiệm vụ nghiên cứu")},
        {"kind": "paragraph", "text": _task_text(task)},
    ]
    return {
        "format": "state",
        "governing_body": school.governing_body,
        "issuer_name": school.short_name,
        "number": None,
        "type_abbreviation": "BC",
        "issuer_abbreviation": school.abbreviation,
        "unit_abbreviation": "",
        "type_name": "BÁO CÁO",
        "place": school.place_name,
        "date": timezone.localdate().isoformat(),
        "summary": _("Đánh giá kết quả học tập của học viên %(name)s")
        % {"name": person.full_name},
        "body": body,
        "signer": {"title": "HIỆU TRƯỞNG", "name": ""},
        "recipients": [f"{enrollment.agency.name};"],
        "archive_units": [],
    }


def _task_text(task: Any) -> str:
    if task is None:
        return _("Chưa được giao.")
    text = _("Đề tài: %(title)s (hạn nộp %(due)s); %(status)s") % {
        "title": task.title,
        "due": format_date(task.due_on),
        "status": task.get_status_display().lower(),
    }
    if task.grade is not None:
        text += _(", điểm %(grade)s") % {"grade": grade_text(task.grade)}
    return text + "."

"""The demo school's lecturer development: dossiers, field practice in 2026 (three
lecturers done, one overdue with its report missing), one lecturer on rotation to a
commune from November (so the schedule engine leaves them out), two
observed lessons of the published autumn schedule, a contest result and the annual
evaluation list for 2026.

The rotation is made before the autumn schedule is generated (`ensure_rotation`),
the rest after it (`ensure_staff_development`), since observations name taught
sessions and the evaluation reads the ledger. Found by natural keys first, so a
second run creates nothing.

The 2026 evaluation reads the giờ chuẩn ledger of school year 2025–2026 (the rule
set's offset), which the demo school does not keep: its ledger starts with
2026–2027 (`demo.autumn`). The month of LDP-2025 alone would only say that every
lecturer taught a sliver of their norm, so no ledger is made up for it: the list
proposes no band and says "Chưa có giờ chuẩn trong sổ năm học 2025–2026";
leadership decides one lecturer's band by hand.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.core.files.base import ContentFile

from daotao.faculty.development import services as development
from daotao.faculty.models import (
    AnnualEvaluation,
    FieldPractice,
    Lecturer,
    Qualification,
    Rotation,
    TeachingContest,
)
from daotao.people.models import Person
from daotao.teaching.models import Observation, TeachingSession
from daotao.teaching.services import observations

D = datetime.date
EVALUATION_YEAR = 2026
ROTATION = development.RotationData(
    post="Phó Bí thư Đảng ủy xã",
    host="Đảng ủy xã Ngọc Lặc",
    level="commune",
    starts_on=D(2026, 11, 2),
    ends_on=D(2027, 4, 30),
    decision_number="215-QĐ/TU",
    decision_on=D(2026, 9, 18),
)
# (unit, index among its lecturers by id, place, topic, first day, last day, report)
FIELD_PRACTICE = [
    (
        "LLCS",
        1,
        "Đảng ủy xã Bá Thước",
        "Thực hiện chính quyền địa phương hai cấp ở xã miền núi",
        D(2026, 6, 8),
        D(2026, 6, 12),
        D(2026, 6, 22),
    ),
    (
        "XDĐ",
        2,
        "Khu kinh tế Nghi Sơn",
        "Công tác xây dựng Đảng trong doanh nghiệp ngoài nhà nước",
        D(2026, 7, 6),
        D(2026, 7, 10),
        D(2026, 7, 17),
    ),
    (
        "NNPL",
        3,
        "UBND phường Hạc Thành",
        "Cải cách thủ tục hành chính sau sắp xếp đơn vị hành chính",
        D(2026, 8, 3),
        D(2026, 8, 7),
        D(2026, 8, 14),
    ),
    # Overdue: back since 23/10, the report still missing, the year's days not met.
    (
        "LLCS",
        6,
        "Đảng ủy xã Triệu Sơn",
        "Phát triển kinh tế tập thể, hợp tác xã nông nghiệp",
        D(2026, 10, 19),
        D(2026, 10, 23),
        None,
    ),
]
ROTATED = ("LLCS", 2)
# A one-page PDF standing for a scanned certificate.
EVIDENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _by_unit(school: Any, unit: str, index: int) -> Lecturer:
    lecturers = list(
        Lecturer.objects.filter(school=school, unit__abbreviation=unit)
        .select_related("person")
        .order_by("pk")
    )
    return lecturers[min(index, len(lecturers) - 1)]


def ensure_rotation(*, school: Any, office: Any) -> Counter[str]:
    """One lecturer seconded to a commune from 02/11/2026 to 30/4/2027: the
    autumn schedule gives them sessions before, none from the first day."""
    created: Counter[str] = Counter()
    lecturer = _by_unit(school, *ROTATED)
    if not Rotation.objects.filter(lecturer=lecturer).exists():
        development.rotation_create(actor=office, lecturer=lecturer, data=ROTATION)
        created["đợt luân chuyển giảng viên"] += 1
    return created


def ensure_staff_development(
    *, school: Any, office: Any, leader: Any, head: Person, lecturer: Person
) -> Counter[str]:
    created: Counter[str] = Counter()
    own = Lecturer.objects.get(person=lecturer)
    created["văn bằng, chứng chỉ giảng viên"] = _dossier(school, office, own)
    created["đợt đi thực tế"] = _field_practice(school, office)
    created["phiếu dự giờ"] = _observations(school, office, own, head)
    if not TeachingContest.objects.filter(lecturer=own).exists():
        development.contest_add(
            actor=office,
            lecturer=own,
            year=EVALUATION_YEAR,
            level="province",
            result="second",
            note="Hội thi giảng viên dạy giỏi các trường chính trị tỉnh",
        )
        created["kết quả hội thi giảng viên dạy giỏi"] += 1
    created["đánh giá, xếp loại giảng viên"] = _evaluation(school, office, leader, own)
    return created


def _dossier(school: Any, office: Any, own: Lecturer) -> int:
    if Qualification.objects.filter(lecturer__school=school).exists():
        return 0
    rows = [
        (
            own,
            "degree",
            "Thạc sĩ Xây dựng Đảng và Chính quyền nhà nước",
            "Thạc sĩ",
            "Học viện Chính trị quốc gia Hồ Chí Minh",
            D(2015, 6, 30),
            None,
        ),
        (
            own,
            "theory",
            "Cao cấp lý luận chính trị",
            "Cao cấp",
            "Học viện Chính trị khu vực III",
            D(2019, 12, 20),
            None,
        ),
        (
            own,
            "pedagogy",
            "Chứng chỉ nghiệp vụ sư phạm",
            "",
            "Trường Đại học Sư phạm Hà Nội",
            D(2012, 8, 15),
            None,
        ),
        # Expiring within the warning days: the due list shows it.
        (
            own,
            "language",
            "Chứng chỉ tiếng Anh",
            "B1",
            "Trường Đại học Ngoại ngữ, ĐHQG Hà Nội",
            D(2024, 12, 20),
            D(2027, 1, 20),
        ),
        (
            own,
            "it",
            "Chứng chỉ ứng dụng CNTT cơ bản",
            "Cơ bản",
            "Trường Đại học Hồng Đức",
            D(2018, 5, 10),
            None,
        ),
        (
            _by_unit(school, "LLCS", 1),
            "language",
            "Chứng chỉ tiếng Anh",
            "B",
            "Trường Đại học Hồng Đức",
            D(2021, 3, 1),
            D(2026, 9, 30),
        ),
    ]
    for lecturer, kind, name, level, issuer, issued, expires in rows:
        # A certificate that runs out carries its scan (a placeholder PDF).
        scan = (
            ContentFile(EVIDENCE_PDF, name=f"chung-chi-{kind}.pdf") if expires else None
        )
        development.qualification_add(
            actor=office,
            lecturer=lecturer,
            data=development.QualificationData(
                kind=kind,
                name=name,
                level=level,
                issuer=issuer,
                issued_on=issued,
                expires_on=expires,
            ),
            evidence=scan,
        )
    return len(rows)


def _field_practice(school: Any, office: Any) -> int:
    created = 0
    for unit, index, place, topic, first, last, report in FIELD_PRACTICE:
        lecturer = _by_unit(school, unit, index)
        if FieldPractice.objects.filter(lecturer=lecturer, starts_on=first).exists():
            continue
        item = development.field_practice_plan(
            actor=office,
            lecturer=lecturer,
            data=development.FieldPracticeData(
                place=place, topic=topic, starts_on=first, ends_on=last
            ),
        )
        if report:
            development.field_practice_report(
                actor=office,
                field_practice=item,
                submitted_on=report,
                summary=f"Báo cáo kết quả đi thực tế tại {place}.",
            )
        created += 1
    return created


def _observations(school: Any, office: Any, own: Lecturer, head: Person) -> int:
    if Observation.objects.filter(school=school).exists():
        return 0
    head_lecturer = Lecturer.objects.get(person=head)
    sessions = list(
        TeachingSession.objects.published()
        .filter(school=school, date__year=EVALUATION_YEAR, lecturer__isnull=False)
        .exclude(lecturer=head_lecturer)
        .select_related("topic", "lecturer")
        .order_by("date", "half_day", "pk")
    )
    chosen = [s for s in sessions if s.lecturer_id == own.pk][:1]
    chosen += [s for s in sessions if s.lecturer_id != own.pk][:1]
    scores = [
        {"content": "9", "method": "8.5", "practice": "9", "manner": "9"},
        {"content": "8", "method": "7.5", "practice": "7", "manner": "8"},
    ]
    for session, score, kind in zip(
        chosen, scores, ["model_lesson", "observation"], strict=False
    ):
        observations.observation_record(
            actor=office,
            school_id=school.pk,
            data=observations.ObservationData(
                lecturer_id=session.lecturer_id,
                kind=kind,
                observed_on=session.date,
                lesson=session.topic.name,
                observer_ids=(head_lecturer.pk,),
                scores=score,
                comments="Bài giảng bám sát chương trình, liên hệ thực tiễn địa "
                "phương; cần tăng thời gian thảo luận.",
                session_id=session.pk,
            ),
        )
    return len(chosen)


def _evaluation(school: Any, office: Any, leader: Any, own: Lecturer) -> int:
    if AnnualEvaluation.objects.filter(
        lecturer__school=school, year=EVALUATION_YEAR
    ).exists():
        return 0
    count = development.evaluation_compute(
        actor=office, school_id=school.pk, year=EVALUATION_YEAR
    )
    evaluation = AnnualEvaluation.objects.get(lecturer=own, year=EVALUATION_YEAR)
    development.evaluation_decide(
        actor=leader,
        evaluation=evaluation,
        band="good",
        note="Hoàn thành tốt nhiệm vụ; đạt giải Nhì hội thi giảng viên dạy giỏi.",
        decided_on=D(2026, 12, 5),
    )
    return count


__all__ = ["ensure_rotation", "ensure_staff_development"]

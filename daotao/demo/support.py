"""The demo's learner support and conduct (issue 19, docs/adr/0034).

- The communes of the demo province with their distance to the school (figures for
  the demonstration, marked so) and the mountain communes as remote; three cadres of
  LDP-2026 living in mountain communes though their agencies are provincial.
- LDP-2026's payment list computed from its attendance with the default rates
  (UNCONFIRMED: no HĐND resolution of the merged province is entered), and the
  payment decision drafted for leadership to sign.
- Two rewards and one discipline in LDP-2026, each decision drafted and signed.
- The conduct of LDP-2026 and of the finished LDP-2025 classified at the course's
  end; the demo coordinator sees their cadres' conduct on the agency pages.

Through the apps' services; each step is skipped when its rows exist.
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from typing import Any

from daotao.demo.data import COMMUNES
from daotao.demo.users import COORDINATED_AGENCY
from daotao.documents import services as documents
from daotao.enrolment.models import Cohort, Enrollment
from daotao.learning import services as learning
from daotao.learning.models import (
    CommuneSupportProfile,
    ConductDecision,
    ConductResult,
    LearnerCommune,
    SupportPayment,
)
from daotao.org.models import Area
from daotao.org.selectors import drafting_unit_for

SUPPORT_COHORT = "LDP-2026"
FINISHED_COHORT = "LDP-2025"
# km from the school (phường Hạc Thành) by road, rounded: demonstration figures.
DISTANCES = {
    "Hạc Thành": 2,
    "Hàm Rồng": 6,
    "Sầm Sơn": 16,
    "Bỉm Sơn": 35,
    "Nghi Sơn": 50,
    "Đông Sơn": 10,
    "Thọ Xuân": 38,
    "Hoằng Hóa": 15,
    "Hậu Lộc": 25,
    "Nga Sơn": 42,
    "Triệu Sơn": 28,
    "Yên Định": 30,
    "Ngọc Lặc": 75,
    "Cẩm Thủy": 70,
    "Bá Thước": 105,
    "Thường Xuân": 60,
    "Mường Lát": 250,
}
# Cadres of provincial bodies who travel from home: (roster position, commune).
LIVING_IN = [(3, "Ngọc Lặc"), (6, "Bá Thước"), (9, "Mường Lát")]
SIGNED_ON = datetime.date(2026, 11, 26)
DECISIONS = [
    # (roster position or the coordinator's cadre (None), kind, form, reason)
    (
        None,
        ConductDecision.Kind.REWARD,
        ConductDecision.Form.COMMENDATION,
        "Hoàn thành xuất sắc vai trò lớp trưởng, tích cực xây dựng bài",
    ),
    (
        1,
        ConductDecision.Kind.REWARD,
        ConductDecision.Form.COMMENDATION,
        "Có bài thu hoạch thực tế được Hội đồng đánh giá cao",
    ),
    (
        2,
        ConductDecision.Kind.DISCIPLINE,
        ConductDecision.Form.REPRIMAND,
        "Vắng học không phép nhiều buổi, không chấp hành nội quy lớp học",
    ),
]


def ensure_support(*, school: Any, office: Any, leader: Any) -> Counter[str]:
    """The support data, the decisions and the conduct; what it created, by kind."""
    created: Counter[str] = Counter()
    cohort = Cohort.objects.get(school=school, code=SUPPORT_COHORT)
    created["địa bàn tính hỗ trợ"] = _communes(school, office)
    created["nơi cư trú học viên"] = _living_in(office, cohort)
    created["danh sách chi hỗ trợ"] = _payment(school, office, cohort)
    created["khen thưởng, kỷ luật"] = _decisions(school, office, leader, cohort)
    for code in (SUPPORT_COHORT, FINISHED_COHORT):
        finished = Cohort.objects.filter(school=school, code=code).first()
        if (
            finished is None
            or ConductResult.objects.filter(enrollment__cohort=finished).exists()
        ):
            continue
        results = learning.conduct_classify(
            actor=office, cohort=finished, on=finished.ends_on
        )
        created["xếp loại rèn luyện"] += len(results)
    return created


def _communes(school: Any, office: Any) -> int:
    remote = {name for name, _kind, area in COMMUNES if area != "plain"}
    count = 0
    for commune in Area.objects.filter(
        level=Area.Level.COMMUNE, name__in=list(DISTANCES)
    ):
        if CommuneSupportProfile.objects.filter(
            school=school, commune=commune
        ).exists():
            continue
        learning.commune_profile_save(
            actor=office,
            school=school,
            commune=commune,
            distance_km=Decimal(DISTANCES[commune.name]),
            is_remote=commune.name in remote,
            note="Khoảng cách minh họa của dữ liệu mẫu",
        )
        count += 1
    return count


def _roster(cohort: Cohort) -> list[Enrollment]:
    return list(
        Enrollment.objects.filter(cohort=cohort)
        .exclude(agency__name=COORDINATED_AGENCY)
        .select_related("cohort")
        .order_by("person__sort_key", "id")
    )


def _living_in(office: Any, cohort: Cohort) -> int:
    roster = _roster(cohort)
    count = 0
    for position, name in LIVING_IN:
        enrollment = roster[position]
        if LearnerCommune.objects.filter(enrollment=enrollment).exists():
            continue
        commune = Area.objects.get(level=Area.Level.COMMUNE, name=name)
        learning.learner_commune_set(
            actor=office, enrollment=enrollment, commune=commune
        )
        count += 1
    return count


def _unit(office: Any, school: Any) -> int:
    return drafting_unit_for(actor=office, school_id=school.pk)


def _payment(school: Any, office: Any, cohort: Cohort) -> int:
    if SupportPayment.objects.filter(cohort=cohort).exists():
        return 0
    learning.support_payment_compute(actor=office, cohort=cohort)
    learning.support_payment_draft(
        actor=office,
        cohort=cohort,
        issuer=documents.issuer_ensure_default(school=school),
        drafting_unit_id=_unit(office, school),
    )
    return 1


def _decisions(school: Any, office: Any, leader: Any, cohort: Cohort) -> int:
    if ConductDecision.objects.filter(enrollment__cohort=cohort).exists():
        return 0
    roster = _roster(cohort)
    own = (
        Enrollment.objects.filter(cohort=cohort, agency__name=COORDINATED_AGENCY)
        .select_related("cohort")
        .first()
    )
    issuer = documents.issuer_ensure_default(school=school)
    count = 0
    for position, kind, form, reason in DECISIONS:
        enrollment = own if position is None else roster[position]
        if enrollment is None:
            continue
        decision = learning.conduct_decision_propose(
            actor=office,
            enrollment=enrollment,
            kind=kind,
            form=form,
            reason=reason,
            decided_on=SIGNED_ON - datetime.timedelta(days=2),
        )
        decision = learning.conduct_decision_draft(
            actor=office,
            decision=decision,
            issuer=issuer,
            drafting_unit_id=_unit(office, school),
        )
        documents.document_submit(actor=office, document=decision.document)
        documents.document_sign(
            actor=leader, document=decision.document, signed_on=SIGNED_ON
        )
        count += 1
    return count

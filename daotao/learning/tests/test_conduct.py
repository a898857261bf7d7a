"""Rewards and discipline drafted as decisions; the end-of-course conduct by the
rule set; refusals change nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.documents.models import OutgoingDocument
from daotao.documents.services import (
    document_sign,
    document_submit,
    issuer_ensure_default,
)
from daotao.learning import services
from daotao.learning.models import (
    Attendance,
    ConductDecision,
    ConductNote,
    ConductResult,
    ConductRuleSet,
)
from daotao.org.tests.factories import UnitFactory

AFTER = datetime.date(2027, 9, 1)  # the world's cohort ends on 31/8/2027


def _propose(klass, user=None, index=0, kind="reward", form="commendation"):
    return services.conduct_decision_propose(
        actor=user or klass["homeroom"],
        enrollment=klass["enrollments"][index],
        kind=kind,
        form=form,
        reason="Tích cực phát biểu xây dựng bài",
        decided_on=datetime.date(2027, 3, 5),
    )


def _draft(klass, school, decision):
    return services.conduct_decision_draft(
        actor=klass["office"],
        decision=decision,
        issuer=issuer_ensure_default(school=school),
        drafting_unit_id=UnitFactory(school=school).pk,
    )


def test_homeroom_proposes_office_drafts_the_reward(klass, school):
    decision = _propose(klass)
    drafted = _draft(klass, school, decision)
    document = drafted.document
    person = klass["enrollments"][0].person
    assert document.status == OutgoingDocument.Status.DRAFT
    assert document.summary == (
        f"Về việc khen thưởng học viên lớp {klass['cohort'].name}"
    )
    assert f"Khen thưởng (Giấy khen của Hiệu trưởng) học viên {person.full_name}" in (
        document.body_text
    )


def test_discipline_decision_names_the_form_and_the_agency(klass, school):
    decision = _propose(klass, index=1, kind="discipline", form="warning")
    document = _draft(klass, school, decision).document
    assert "với hình thức cảnh cáo đối với học viên" in document.body_text
    assert f"{klass['enrollments'][1].agency.name};" in document.recipients


def test_form_must_belong_to_the_kind(klass):
    with pytest.raises(ValidationError):
        _propose(klass, kind="reward", form="warning")
    assert not ConductDecision.objects.exists()


def test_refused_proposals_change_nothing(klass, make_user):
    for user in (
        klass["other_homeroom"],
        klass["teacher"],
        make_user(Role.LEADERSHIP),
        make_user(Role.SUPERVISOR),
    ):
        with pytest.raises(PermissionDenied):
            _propose(klass, user=user)
    assert not ConductDecision.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="learning.conduct").exists()


def test_homeroom_cannot_draft_the_decision(klass, school):
    decision = _propose(klass)
    with pytest.raises(PermissionDenied):
        services.conduct_decision_draft(
            actor=klass["homeroom"],
            decision=decision,
            issuer=issuer_ensure_default(school=school),
            drafting_unit_id=UnitFactory(school=school).pk,
        )
    decision.refresh_from_db()
    assert decision.document_id is None


def test_classification_refused_before_the_course_ends(klass):
    with pytest.raises(ValidationError):
        services.conduct_classify(
            actor=klass["homeroom"],
            cohort=klass["cohort"],
            on=datetime.date(2027, 8, 30),
        )
    assert not ConductResult.objects.exists()


def test_classification_counts_absences_notes_and_signed_decisions(
    klass, school, make_user
):
    first, second = klass["enrollments"][0], klass["enrollments"][1]
    Attendance.objects.create(
        session=klass["session"], enrollment=first, status=Attendance.Status.ABSENT
    )
    Attendance.objects.create(
        session=klass["session"], enrollment=second, status=Attendance.Status.EXCUSED
    )
    ConductNote.objects.create(
        enrollment=first,
        date=datetime.date(2027, 3, 2),
        kind=ConductNote.Kind.CRITICISM,
        text="Sử dụng điện thoại trong giờ học",
        written_by=klass["homeroom"],
    )
    warning = _draft(klass, school, _propose(klass, kind="discipline", form="warning"))
    _propose(klass, index=1)  # proposed, never signed: not counted
    document_submit(actor=klass["office"], document=warning.document)
    document_sign(actor=make_user(Role.LEADERSHIP), document=warning.document)
    results = services.conduct_classify(
        actor=klass["homeroom"], cohort=klass["cohort"], on=datetime.date(2027, 8, 31)
    )
    assert len(results) == 6
    by_enrollment = {r.enrollment_id: r for r in results}
    # default rules: 100 - 5 (absent) - 5 (criticism) - 30 (warning) = 60
    a = by_enrollment[first.pk]
    assert (a.score, a.label) == (60, "Trung bình")
    assert a.counts == {"absent": 1, "criticism": 1, "warning": 1}
    b = by_enrollment[second.pk]
    assert (b.score, b.label, b.counts) == (100, "Tốt", {})
    assert not a.rule_set.is_confirmed


def test_rule_change_after_use_makes_a_new_version(klass, school):
    services.conduct_classify(actor=klass["office"], cohort=klass["cohort"], on=AFTER)
    used = ConductRuleSet.objects.get()
    params = used.parameters | {
        "bands": [{"min": 80, "label": "Tốt"}, {"min": 0, "label": "Chưa tốt"}]
    }
    new = services.conduct_rule_set_update(
        actor=klass["office"], school_id=school.pk, rule_set=used, parameters=params
    )
    used.refresh_from_db()
    assert new.pk != used.pk and new.parameters == params
    assert used.valid_to == new.valid_from - datetime.timedelta(days=1)
    assert ConductResult.objects.filter(rule_set=used).count() == 6


def test_homeroom_cannot_change_the_rules(klass, school):
    rules = ConductRuleSet.objects.get()
    with pytest.raises(PermissionDenied):
        services.conduct_rule_set_update(
            actor=klass["homeroom"],
            school_id=school.pk,
            rule_set=rules,
            parameters={"bands": []},
        )
    rules.refresh_from_db()
    assert rules.parameters["bands"][0] == {"min": 90, "label": "Tốt"}

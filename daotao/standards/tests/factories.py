"""A school's self-assessment with an entered value and an evidence file, for the
role matrix and the view tests."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from daotao.accounts.models import Membership
from daotao.accounts.tests.factories import UserFactory
from daotao.core.access import Role
from daotao.standards import services
from daotao.standards.models import Indicator, IndicatorResult, SelfAssessment

YEAR = 2026


def office_of(school):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.TRAINING_OFFICE, school=school)
    return user


def assessment_for(school, *, year: int = YEAR, actor=None) -> SelfAssessment:
    return services.assessment_create(
        actor=actor or office_of(school), school_id=school.pk, year=year
    )


def result_of(assessment: SelfAssessment, code: str) -> IndicatorResult:
    return IndicatorResult.objects.select_related("indicator", "assessment").get(
        assessment=assessment, indicator__code=code
    )


def evidence_upload(name: str = "minh-chung.xlsx", data: bytes = b"PK\x03\x04"):
    return SimpleUploadedFile(name, data)


def standards_objects(school) -> dict[str, int]:
    """The records the standards routes are walked with."""
    actor = office_of(school)
    assessment = assessment_for(school, actor=actor)
    entered = result_of(assessment, "6.5")
    services.entered_value_set(
        actor=actor, result=entered, value=Decimal(120), explanation="Khu nội trú"
    )
    evidence = services.evidence_add(
        actor=actor, result=entered, title="Thống kê chỗ ở", file=evidence_upload()
    )
    return {
        "standards": assessment.pk,
        "standards:result-detail": entered.pk,
        "standards:result-enter": entered.pk,
        "standards:evidence-add": entered.pk,
        "standards:evidence-file": evidence.pk,
        "standards:indicator-update": Indicator.objects.get(
            criterion__rule_set=assessment.rule_set, code="2.2"
        ).pk,
    }

"""Opening a year, entering values and evidence, editing thresholds: what is
written, what is audited, and refusals that change nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.standards import services
from daotao.standards.models import (
    Evidence,
    Indicator,
    IndicatorResult,
    SelfAssessment,
    Verdict,
)
from daotao.standards.selectors import indicator_row
from daotao.standards.tests.factories import (
    assessment_for,
    evidence_upload,
    result_of,
)


def _state():
    return (
        SelfAssessment.objects.count(),
        IndicatorResult.objects.count(),
        list(IndicatorResult.objects.values_list("entered_value", "explanation")),
        Evidence.objects.count(),
        list(
            Indicator.objects.values_list("threshold", "above_threshold", "direction")
        ),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def assessment(school, office):
    return assessment_for(school, actor=office)


@pytest.fixture
def entered_share(assessment):
    """A share the school enters with evidence: 2.9 set back to entered (it is
    computed from the lecturers' evaluations since standards 0004), the only
    percentage indicator of the rule data that the system can compute."""
    Indicator.objects.filter(
        criterion__rule_set=assessment.rule_set, code="2.9"
    ).update(source="")
    return "2.9"


@pytest.mark.django_db
def test_opening_a_year_makes_one_result_per_indicator_and_is_audited(school, office):
    assessment = assessment_for(school, actor=office)
    assert (
        assessment.results.count()
        == Indicator.objects.filter(criterion__rule_set=assessment.rule_set).count()
    )
    assert AuditEvent.objects.filter(action="standards.assessment_create").count() == 1


@pytest.mark.django_db
def test_a_second_assessment_of_the_year_is_refused_changing_nothing(
    school, office, assessment
):
    before = _state()
    with pytest.raises(ValidationError):
        services.assessment_create(actor=office, school_id=school.pk, year=2026)
    with pytest.raises(ValidationError):
        services.assessment_create(actor=office, school_id=school.pk, year=2020)
    assert _state() == before


@pytest.mark.django_db
def test_a_lecturer_may_not_open_a_year(school, make_user):
    before = _state()
    with pytest.raises(PermissionDenied):
        services.assessment_create(
            actor=make_user(Role.LECTURER), school_id=school.pk, year=2026
        )
    assert _state() == before


@pytest.mark.django_db
def test_an_entered_value_sets_the_verdict_and_is_audited(
    office, assessment, entered_share
):
    result = result_of(assessment, "2.9")  # ≥ 90%, above at 100
    services.entered_value_set(
        actor=office, result=result, value=Decimal("89.99"), explanation="Xếp loại"
    )
    assert indicator_row(result_of(assessment, "2.9")).verdict == Verdict.NOT_MET
    services.entered_value_set(actor=office, result=result, value=Decimal(90))
    assert indicator_row(result_of(assessment, "2.9")).verdict == Verdict.MET
    services.entered_value_set(actor=office, result=result, value=Decimal(100))
    assert indicator_row(result_of(assessment, "2.9")).verdict == Verdict.ABOVE
    assert AuditEvent.objects.filter(action="standards.result_enter").count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("2.2", "80"),  # computed from data: never entered by hand
        ("1.1", "2"),  # yes / no: 0 or 1
        ("2.9", "100.01"),  # a share above 100%
        ("6.5", "-1"),
    ],
)
def test_refused_values_change_nothing(office, assessment, entered_share, code, value):
    result = result_of(assessment, code)
    before = _state()
    with pytest.raises(ValidationError):
        services.entered_value_set(actor=office, result=result, value=Decimal(value))
    assert _state() == before


@pytest.mark.django_db
def test_evidence_is_kept_and_a_refused_file_changes_nothing(
    office, assessment, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    result = result_of(assessment, "6.5")
    before = _state()
    for name, data in (("virus.exe", b"MZ"), ("hong.pdf", b"not a pdf")):
        with pytest.raises(ValidationError):
            services.evidence_add(
                actor=office,
                result=result,
                title="Tệp lạ",
                file=evidence_upload(name, data),
            )
    with pytest.raises(ValidationError):
        services.evidence_add(
            actor=office, result=result, title="   ", file=evidence_upload()
        )
    assert _state() == before
    evidence = services.evidence_add(
        actor=office, result=result, title="Thống kê  chỗ ở", file=evidence_upload()
    )
    assert evidence.title == "Thống kê chỗ ở"
    assert evidence.file.read() == b"PK\x03\x04"
    assert indicator_row(result).evidence == [evidence]


@pytest.mark.django_db
def test_leadership_edits_a_threshold_which_changes_the_verdict(
    make_user, office, assessment, entered_share
):
    result = result_of(assessment, "2.9")
    services.entered_value_set(actor=office, result=result, value=Decimal(85))
    assert indicator_row(result_of(assessment, "2.9")).verdict == Verdict.NOT_MET
    leader = make_user(Role.LEADERSHIP)
    services.indicator_update(
        actor=leader,
        indicator=result.indicator,
        data=services.ThresholdData(
            threshold=Decimal(85),
            above_threshold=Decimal(95),
            direction=Indicator.Direction.AT_LEAST,
            is_confirmed=True,
        ),
    )
    assert indicator_row(result_of(assessment, "2.9")).verdict == Verdict.MET
    assert Indicator.objects.get(pk=result.indicator_id).is_confirmed
    assert AuditEvent.objects.filter(action="standards.indicator_update").count() == 1


@pytest.mark.django_db
def test_refused_threshold_edits_change_nothing(make_user, office, assessment):
    indicator = result_of(assessment, "2.2").indicator
    before = _state()
    with pytest.raises(PermissionDenied):
        services.indicator_update(
            actor=office,
            indicator=indicator,
            data=services.ThresholdData(Decimal(10), None, "at_least", False),
        )
    with pytest.raises(ValidationError):
        # Above standard below the threshold for "at least".
        services.indicator_update(
            actor=make_user(Role.LEADERSHIP),
            indicator=indicator,
            data=services.ThresholdData(Decimal(70), Decimal(69), "at_least", False),
        )
    assert _state() == before

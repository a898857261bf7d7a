"""Nominations: quota, eligibility from the rule set in force, overrides, admission."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.models import AuditEvent
from daotao.documents.models import OutgoingDocument
from daotao.documents.services import issuer_ensure_default
from daotao.enrolment import services
from daotao.enrolment.models import (
    Cohort,
    EligibilityRuleSet,
    Enrollment,
    Nomination,
)
from daotao.org.models import LegalBasis

GOOD = services.NominationData(
    is_post_qualifying=True, rating_previous_year="good", rating_year_before="excellent"
)


def nominate(actor, planned_class, person, data=GOOD):
    return services.nomination_submit(
        actor=actor,
        planned_class=planned_class,
        agency_id=person.agency_id,
        person=person,
        data=data,
    )


@pytest.mark.django_db
def test_a_nomination_records_each_rule(coordinator, planned_class, eligible_person):
    nomination = nominate(coordinator, planned_class, eligible_person())
    assert nomination.rule_set.legal_basis.number == "350-QĐ/TW"
    assert [(r["rule"], r["passed"]) for r in nomination.eligibility] == [
        ("party_member", True),
        ("education", True),
        ("rating", True),
        ("age", True),
        ("post", True),
        ("theory_level", True),
        ("retirement", True),
    ]
    assert services.is_eligible(nomination)


@pytest.mark.django_db
def test_over_quota_is_refused_and_nothing_is_written(
    coordinator, planned_class, eligible_person
):
    nominate(coordinator, planned_class, eligible_person())
    nominate(coordinator, planned_class, eligible_person())
    before = (Nomination.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError, match=r"hết chỉ tiêu .*\(2/2\)"):
        nominate(coordinator, planned_class, eligible_person())
    assert (Nomination.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_a_coordinator_cannot_nominate_for_another_agency(
    coordinator, planned_class, eligible_person, agencies
):
    with pytest.raises(PermissionDenied):
        nominate(coordinator, planned_class, eligible_person(agency=agencies[1]))
    assert Nomination.objects.count() == 0


@pytest.mark.django_db
def test_the_rule_set_in_force_at_the_class_start_applies(
    coordinator, planned_class, eligible_person
):
    basis = LegalBasis.objects.create(
        number="999-QĐ/TW", issuer="Ban Bí thư", title="Quy định thử"
    )
    EligibilityRuleSet.objects.create(
        name="Quy định sau ngày khai giảng",
        legal_basis=basis,
        valid_from=planned_class.starts_on + datetime.timedelta(days=1),
        parameters={"require_party_member": True},
    )
    nomination = nominate(coordinator, planned_class, eligible_person())
    assert nomination.rule_set.legal_basis.number == "350-QĐ/TW"
    planned_class.starts_on = datetime.date(2026, 12, 1)
    planned_class.save()
    later = nominate(coordinator, planned_class, eligible_person())
    assert later.rule_set.legal_basis.number == "999-QĐ/TW"
    assert [r["rule"] for r in later.eligibility] == ["party_member"]


@pytest.mark.django_db
def test_override_needs_a_reason_and_makes_the_nominee_eligible(
    coordinator, office, planned_class, eligible_person
):
    young = eligible_person(date_of_birth=datetime.date(1998, 3, 3))  # 27 at start
    nomination = services.nomination_check(
        actor=office, nomination=nominate(coordinator, planned_class, young)
    )
    assert not services.is_eligible(nomination)
    with pytest.raises(ValidationError):
        services.nomination_override(
            actor=office, nomination=nomination, rule="age", reason="  "
        )
    services.nomination_override(
        actor=office, nomination=nomination, rule="age", reason="Cán bộ nguồn đặc biệt"
    )
    assert services.is_eligible(nomination)
    event = AuditEvent.objects.get(action="enrolment.nomination_override")
    assert event.reason == "Cán bộ nguồn đặc biệt"


@pytest.mark.django_db
def test_admission_makes_the_cohort_roster_and_summons_decision(
    coordinator, office, planned_class, eligible_person, make_user, agencies
):
    other = make_user("agency_coordinator", agency=agencies[1])
    people = [
        eligible_person(family_name="Trần", middle_name="Thị", given_name="Ánh"),
        eligible_person(family_name="Lê", middle_name="Văn", given_name="An"),
        eligible_person(
            agency=agencies[1], family_name="Đỗ", middle_name="Thị", given_name="Ăn"
        ),
    ]
    nominations = [
        nominate(coordinator, planned_class, people[0]),
        nominate(coordinator, planned_class, people[1]),
        nominate(other, planned_class, people[2]),
    ]
    failing = nominate(
        other,
        planned_class,
        eligible_person(agency=agencies[1], party_joined_on=None),
    )
    for nomination in [*nominations, failing]:
        services.nomination_check(actor=office, nomination=nomination)
    cohort = services.cohort_admit(
        actor=office,
        planned_class=planned_class,
        code="K60A",
        issuer=issuer_ensure_default(school=planned_class.school),
        drafting_unit_id=_unit(planned_class),
        signer_title="HIỆU TRƯỞNG",
    )
    roster = list(
        Enrollment.objects.filter(cohort=cohort)
        .order_by("position")
        .values_list("learner_code", "person__full_name")
    )
    assert roster == [
        ("K60A-001", "Lê Văn An"),
        ("K60A-002", "Trần Thị Ánh"),
        ("K60A-003", "Đỗ Thị Ăn"),
    ]
    failing.refresh_from_db()
    assert failing.status == Nomination.Status.CHECKED
    decision = cohort.summons_document
    assert decision.status == OutgoingDocument.Status.DRAFT
    assert (
        decision.summary
        == "Về việc triệu tập học viên lớp Trung cấp lý luận chính trị K60A"
    )
    annex = decision.body[-1]
    assert annex["kind"] == "annex"
    assert annex["subtitle"] == (
        "(Kèm theo Quyết định số [số ký hiệu] [ngày] của Hiệu trưởng "
        f"{planned_class.school.name})"
    )
    assert [row[1] for row in annex["blocks"][0]["rows"]] == [
        "Lê Văn An",
        "Trần Thị Ánh",
        "Đỗ Thị Ăn",
    ]


def _unit(planned_class):
    from daotao.org.models import Unit

    return Unit.objects.get(school=planned_class.school, abbreviation="QLĐT").pk


@pytest.mark.django_db
def test_admission_without_eligible_nominees_writes_nothing(office, planned_class):
    with pytest.raises(ValidationError, match="Chưa có học viên nào"):
        services.cohort_admit(
            actor=office,
            planned_class=planned_class,
            code="K60A",
            issuer=issuer_ensure_default(school=planned_class.school),
            drafting_unit_id=_unit(planned_class),
            signer_title="HIỆU TRƯỞNG",
        )
    assert Cohort.objects.count() == 0
    assert OutgoingDocument.objects.count() == 0

"""The plan page's "plan vs actual": per programme and per agency, what was planned,
nominated and admitted as cohorts open (withdrawn and rejected nominations do not
count)."""

import pytest

from daotao.documents.services import issuer_ensure_default
from daotao.enrolment import services
from daotao.enrolment.tests.test_services import _unit, nominate
from daotao.planning import selectors

pytestmark = pytest.mark.django_db


def test_plan_vs_actual_by_programme_and_agency(
    client, make_user, office, coordinator, planned_class, eligible_person, agencies
):
    other = make_user("agency_coordinator", agency=agencies[1])
    admitted = nominate(coordinator, planned_class, eligible_person())
    withdrawn = nominate(coordinator, planned_class, eligible_person())
    nominate(other, planned_class, eligible_person(agency=agencies[1]))
    services.nomination_withdraw(actor=coordinator, nomination=withdrawn, reason="x")
    services.nomination_check(actor=office, nomination=admitted)
    services.cohort_admit(
        actor=office,
        planned_class=planned_class,
        code="K60A",
        issuer=issuer_ensure_default(school=planned_class.school),
        drafting_unit_id=_unit(planned_class),
        signer_title="HIỆU TRƯỞNG",
    )
    plan = planned_class.plan

    classes = list(selectors.plan_classes(plan=plan))
    by_program = selectors.plan_totals_by_program(classes)
    by_agency = selectors.plan_totals_by_agency(plan=plan)

    assert [(c.quota_total, c.nominated, c.admitted) for c in classes] == [(5, 2, 1)]
    assert by_program == [
        {
            "name": planned_class.program_version.program.name,
            "classes": 1,
            "opened": 1,
            "size": 40,
            "nominated": 2,
            "admitted": 1,
        }
    ]
    assert [
        (r["name"], r["places"], r["nominated"], r["admitted"]) for r in by_agency
    ] == [
        ("Đảng ủy phường Hạc Thành", 3, 1, 0),
        ("Đảng ủy xã Thọ Xuân", 2, 1, 1),
    ]
    client.force_login(office)
    page = client.get(f"/ke-hoach/{plan.pk}/")
    assert page.context["by_agency"] == by_agency
    assert "Kế hoạch và thực hiện theo cơ quan cử" in page.content.decode()

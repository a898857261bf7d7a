"""The annual plan: classes, quotas within the class size, approval."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.access import Role
from daotao.org.models import Site
from daotao.org.tests.factories import AgencyFactory
from daotao.planning import services
from daotao.planning.models import Quota, TrainingPlan


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def plan(office, school):
    return services.plan_create(
        actor=office, school_id=school.pk, year=2027, title="Kế hoạch năm 2027"
    )


@pytest.fixture
def class_data(school):
    from daotao.programs.tests.factories import ProgramVersionFactory

    version = ProgramVersionFactory(program__school=school)
    site = Site.objects.create(school=school, name="Cơ sở chính")
    return services.PlannedClassData(
        code="TC-2027-01",
        name="Trung cấp lý luận chính trị K61A",
        program_version_id=version.pk,
        mode="full_time",
        site_id=site.pk,
        planned_size=50,
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 9, 1),
        target_group="Cán bộ cấp xã",
    )


@pytest.mark.django_db
def test_quotas_may_not_exceed_the_class_size(office, plan, class_data, school):
    planned = services.planned_class_add(actor=office, plan=plan, data=class_data)
    first, second = AgencyFactory(school=school), AgencyFactory(school=school)
    services.quota_set(
        actor=office, planned_class=planned, agency_id=first.pk, places=30
    )
    with pytest.raises(ValidationError, match="vượt số lượng dự kiến"):
        services.quota_set(
            actor=office, planned_class=planned, agency_id=second.pk, places=21
        )
    services.quota_set(
        actor=office, planned_class=planned, agency_id=second.pk, places=20
    )
    assert sorted(Quota.objects.values_list("places", flat=True)) == [20, 30]


@pytest.mark.django_db
def test_approval_workflow_and_no_edits_after_submission(
    office, plan, class_data, make_user
):
    services.planned_class_add(actor=office, plan=plan, data=class_data)
    services.plan_submit(actor=office, plan=plan)
    with pytest.raises(ValidationError, match="đã trình duyệt"):
        services.planned_class_add(
            actor=office,
            plan=plan,
            data=class_data.__class__(**{**class_data.__dict__, "code": "TC-2027-02"}),
        )
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=office, plan=plan)
    leader = make_user(Role.LEADERSHIP)
    approved = services.plan_approve(actor=leader, plan=plan)
    assert (approved.status, approved.approved_by_id) == (
        TrainingPlan.Status.APPROVED,
        leader.pk,
    )
    assert plan.classes.count() == 1


@pytest.mark.django_db
def test_the_plan_document_lists_its_classes(office, plan, class_data, school):
    from daotao.org.tests.factories import UnitFactory

    UnitFactory(school=school, abbreviation="QLĐT", kind="office")
    services.planned_class_add(actor=office, plan=plan, data=class_data)
    document = services.plan_document_draft(actor=office, plan=plan)
    plan.refresh_from_db()
    assert plan.document_id == document.pk
    assert document.document_type.abbreviation == "KH"
    annex = document.body[-1]
    assert annex["blocks"][0]["rows"] == [
        [
            "1",
            "Trung cấp lý luận chính trị K61A",
            "Cán bộ cấp xã",
            "50",
            "01/03/2027 - 01/09/2027",
            "Cơ sở chính",
        ]
    ]

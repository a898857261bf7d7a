"""The annual plan: classes, quotas within the class size, approval."""

import dataclasses
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.access import Role
from daotao.core.models import AuditEvent
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
    assert annex["blocks"][1]["rows"] == [
        [
            "1",
            "Trung cấp lý luận chính trị K61A",
            "Cán bộ cấp xã",
            "50",
            "01/03/2027 - 01/09/2027",
            "Cơ sở chính",
        ]
    ]


# --- class dates inside the plan year ----------------------------------------------


@pytest.fixture
def plan_2028(office, school):
    return services.plan_create(
        actor=office, school_id=school.pk, year=2028, title="Kế hoạch năm 2028"
    )


def dated(class_data, starts_on, ends_on, **changes):
    return dataclasses.replace(
        class_data, starts_on=starts_on, ends_on=ends_on, **changes
    )


def refused_with(office, plan, data):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.planned_class_add(actor=office, plan=plan, data=data)
    assert plan.classes.count() == 0
    assert AuditEvent.objects.count() == events
    return caught.value.message_dict


@pytest.mark.django_db
def test_a_2028_plan_refuses_a_class_dated_december_2026(office, plan_2028, class_data):
    data = dated(class_data, datetime.date(2026, 12, 1), datetime.date(2027, 6, 1))
    assert refused_with(office, plan_2028, data) == {
        "starts_on": [
            "Lớp khai giảng ngày 01/12/2026, trước năm kế hoạch 2028: chỉ đưa vào "
            "kế hoạch nếu là lớp chuyển tiếp từ năm trước và còn học trong năm 2028."
        ]
    }


@pytest.mark.django_db
def test_a_class_starting_after_the_plan_year_is_refused(office, plan_2028, class_data):
    data = dated(class_data, datetime.date(2029, 1, 5), datetime.date(2029, 6, 5))
    assert refused_with(office, plan_2028, data) == {
        "starts_on": ["Ngày khai giảng 05/01/2029 không thuộc năm kế hoạch 2028."]
    }


@pytest.mark.django_db
def test_a_carried_over_class_must_still_run_in_the_plan_year(
    office, plan_2028, class_data
):
    data = dated(
        class_data,
        datetime.date(2026, 12, 1),
        datetime.date(2027, 6, 1),
        is_carried_over=True,
    )
    assert refused_with(office, plan_2028, data) == {
        "ends_on": [
            "Lớp chuyển tiếp phải còn học trong năm 2028; ngày kết thúc nhập là "
            "01/06/2027."
        ]
    }


@pytest.mark.django_db
def test_a_class_carried_over_into_the_plan_year_is_accepted(
    office, plan_2028, class_data
):
    data = dated(
        class_data,
        datetime.date(2027, 9, 4),
        datetime.date(2028, 12, 20),
        is_carried_over=True,
    )
    planned = services.planned_class_add(actor=office, plan=plan_2028, data=data)
    assert (planned.starts_on, planned.ends_on) == (
        datetime.date(2027, 9, 4),
        datetime.date(2028, 12, 20),
    )
    event = AuditEvent.objects.get(action="planning.planned_class_add")
    assert event.changes["is_carried_over"] == [None, "True"]


@pytest.mark.django_db
def test_a_class_may_run_on_after_the_plan_year(office, plan_2028, class_data):
    data = dated(class_data, datetime.date(2028, 9, 4), datetime.date(2030, 3, 1))
    planned = services.planned_class_add(actor=office, plan=plan_2028, data=data)
    assert planned.ends_on == datetime.date(2030, 3, 1)


@pytest.mark.django_db
def test_the_class_form_shows_the_date_refusal_next_to_the_field(
    client, office, plan_2028, class_data
):
    client.force_login(office)
    response = client.post(
        f"/ke-hoach/{plan_2028.pk}/",
        {
            "code": "TC-2028-01",
            "name": "Trung cấp lý luận chính trị K62A",
            "program_version": class_data.program_version_id,
            "mode": "full_time",
            "site": class_data.site_id,
            "planned_size": 50,
            "starts_on": "01/12/2026",
            "ends_on": "01/06/2027",
        },
    )
    assert response.status_code == 200
    errors = response.context["class_form"].errors
    assert errors["starts_on"] == [
        "Lớp khai giảng ngày 01/12/2026, trước năm kế hoạch 2028: chỉ đưa vào "
        "kế hoạch nếu là lớp chuyển tiếp từ năm trước và còn học trong năm 2028."
    ]
    assert plan_2028.classes.count() == 0

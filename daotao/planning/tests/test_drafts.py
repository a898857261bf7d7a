"""Draft work can be undone: a class of a draft plan corrected or taken out, and
supplementary plans (kế hoạch bổ sung) of the year's approved plan. Refusals
write nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.enrolment.models import Cohort
from daotao.org.tests.factories import AgencyFactory
from daotao.planning import services
from daotao.planning.models import PlannedClass, Quota, TrainingPlan
from daotao.tests.support.school_world import FreshSchool

Status = TrainingPlan.Status


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def leader(make_user):
    return make_user(Role.LEADERSHIP)


@pytest.fixture
def fresh(school):
    return FreshSchool(school)


@pytest.fixture
def version(fresh):
    return fresh.programme()


@pytest.fixture
def draft_class(fresh, version):
    """A class of a draft plan of 2027 with 10 places given to an agency."""
    plan = fresh.plan(2027, status=Status.DRAFT, title="Kế hoạch năm 2027")
    planned = fresh.planned_class(
        version,
        code="TC-2027-01",
        name="Trung cấp lý luận chính trị K61A",
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 9, 1),
        planned_size=40,
        plan=plan,
    )
    Quota.objects.create(
        planned_class=planned, agency=AgencyFactory(school=fresh.school), places=10
    )
    return planned


def _data(planned, **changes):
    values = {
        "code": planned.code,
        "name": planned.name,
        "program_version_id": planned.program_version_id,
        "mode": planned.mode,
        "site_id": planned.site_id,
        "planned_size": planned.planned_size,
        "starts_on": planned.starts_on,
        "ends_on": planned.ends_on,
        "target_group": planned.target_group,
    }
    return services.PlannedClassData(**(values | changes))


def _state():
    """Everything a refused service must leave as it was."""
    return (
        list(
            PlannedClass.objects.order_by("pk").values_list(
                "pk", "code", "name", "planned_size", "starts_on", "plan_id"
            )
        ),
        list(Quota.objects.order_by("pk").values_list("pk", "places")),
        list(
            TrainingPlan.objects.order_by("pk").values_list(
                "pk", "status", "supplement_number", "main_plan_id"
            )
        ),
        AuditEvent.objects.count(),
    )


# --- planned classes -------------------------------------------------------------


@pytest.mark.django_db
def test_a_class_of_a_draft_plan_is_corrected_with_its_history(office, draft_class):
    services.planned_class_update(
        actor=office,
        planned_class=draft_class,
        data=_data(
            draft_class, name="Trung cấp lý luận chính trị K61B", planned_size=45
        ),
    )
    draft_class.refresh_from_db()
    assert (draft_class.name, draft_class.planned_size) == (
        "Trung cấp lý luận chính trị K61B",
        45,
    )
    event = AuditEvent.objects.get(action="planning.planned_class_update")
    assert event.changes == {
        "name": [
            "Trung cấp lý luận chính trị K61A",
            "Trung cấp lý luận chính trị K61B",
        ],
        "planned_size": ["40", "45"],
    }
    assert event.actor == office


@pytest.mark.django_db
def test_a_class_smaller_than_its_places_is_refused_and_nothing_changes(
    office, draft_class
):
    before = _state()
    with pytest.raises(ValidationError, match="đã được giao 10 chỉ tiêu"):
        services.planned_class_update(
            actor=office,
            planned_class=draft_class,
            data=_data(draft_class, planned_size=9),
        )
    assert _state() == before


@pytest.mark.django_db
def test_a_class_code_is_used_once_in_the_year_across_supplements(
    office, fresh, version, draft_class
):
    other = fresh.planned_class(
        version,
        code="BD-2027-01",
        name="Bồi dưỡng cấp phòng",
        starts_on=datetime.date(2027, 5, 1),
        ends_on=datetime.date(2027, 6, 1),
        plan=draft_class.plan,
    )
    before = _state()
    with pytest.raises(ValidationError, match="TC-2027-01 đã có trong kế hoạch năm"):
        services.planned_class_update(
            actor=office, planned_class=other, data=_data(other, code="TC-2027-01")
        )
    assert _state() == before


@pytest.mark.django_db
def test_a_class_of_a_draft_plan_is_deleted_with_its_places(office, draft_class):
    plan = draft_class.plan
    services.planned_class_delete(actor=office, planned_class=draft_class)
    assert not PlannedClass.objects.filter(pk=draft_class.pk).exists()
    assert Quota.objects.count() == 0
    event = AuditEvent.objects.get(action="planning.planned_class_delete")
    assert event.object_id == str(plan.pk)
    assert event.changes["class"] == [
        "TC-2027-01 — Trung cấp lý luận chính trị K61A",
        None,
    ]
    assert list(event.changes["quotas"][0].values()) == [10]


@pytest.mark.django_db
def test_a_submitted_plan_keeps_its_classes(office, draft_class):
    services.plan_submit(actor=office, plan=draft_class.plan)
    before = _state()
    with pytest.raises(ValidationError, match="đã trình duyệt; không sửa được"):
        services.planned_class_delete(actor=office, planned_class=draft_class)
    with pytest.raises(ValidationError, match="đã trình duyệt; không sửa được"):
        services.planned_class_update(
            actor=office, planned_class=draft_class, data=_data(draft_class, name="X")
        )
    assert _state() == before


@pytest.mark.django_db
def test_a_class_with_a_cohort_is_not_deleted(office, fresh, draft_class):
    """A draft plan's class cannot normally have opened, but should a cohort refer to
    it (a plan returned to draft after data was loaded), the delete is refused."""
    fresh.cohort_of(draft_class, code="K61A")
    before = _state()
    with pytest.raises(ValidationError, match="đã có hồ sơ cử đi học hoặc đã mở lớp"):
        services.planned_class_delete(actor=office, planned_class=draft_class)
    assert _state() == before
    assert Cohort.objects.filter(planned_class=draft_class).exists()


@pytest.mark.django_db
def test_only_the_training_office_corrects_classes(make_user, draft_class):
    leader = make_user(Role.LEADERSHIP)
    before = _state()
    with pytest.raises(PermissionDenied):
        services.planned_class_delete(actor=leader, planned_class=draft_class)
    assert _state() == before


# --- supplementary plans ---------------------------------------------------------


@pytest.fixture
def approved_plan(office, leader, draft_class):
    plan = draft_class.plan
    services.plan_submit(actor=office, plan=plan)
    return services.plan_approve(actor=leader, plan=plan)


@pytest.mark.django_db
def test_a_second_plan_of_the_year_points_to_the_supplementary_plan(
    office, school, approved_plan
):
    before = _state()
    with pytest.raises(ValidationError, match="đưa vào một kế hoạch bổ sung"):
        services.plan_create(actor=office, school_id=school.pk, year=2027, title="Lại")
    assert _state() == before


@pytest.mark.django_db
def test_supplementary_plans_are_numbered_and_go_through_approval(
    office, leader, fresh, version, approved_plan
):
    first = services.plan_supplement_create(actor=office, main_plan=approved_plan)
    second = services.plan_supplement_create(
        actor=office, main_plan=approved_plan, title="Bổ sung lớp cấp xã"
    )
    assert (first.supplement_number, second.supplement_number) == (1, 2)
    assert (first.year, first.status, first.main_plan) == (
        2027,
        Status.DRAFT,
        approved_plan,
    )
    assert first.title == "Kế hoạch bổ sung số 1 về đào tạo, bồi dưỡng cán bộ năm 2027"
    assert first.label == "Kế hoạch bổ sung số 1 năm 2027"
    assert second.title == "Bổ sung lớp cấp xã"
    data = _data(
        fresh.planned_class(
            version,
            code="TMP",
            name="tạm",
            starts_on=datetime.date(2027, 10, 1),
            ends_on=datetime.date(2027, 12, 1),
            plan=approved_plan,
        ),
        code="BD-2027-05",
        name="Bồi dưỡng kiến thức quốc phòng",
    )
    PlannedClass.objects.filter(code="TMP").delete()
    added = services.planned_class_add(actor=office, plan=first, data=data)
    assert added.plan == first
    with pytest.raises(ValidationError, match="TC-2027-01 đã có trong kế hoạch năm"):
        services.planned_class_add(
            actor=office, plan=first, data=_data(added, code="TC-2027-01")
        )
    services.plan_submit(actor=office, plan=first)
    approved = services.plan_approve(actor=leader, plan=first)
    assert approved.status == Status.APPROVED
    assert AuditEvent.objects.filter(
        action="planning.plan_supplement_create", object_id=str(first.pk)
    ).exists()


@pytest.mark.django_db
def test_no_supplement_before_the_main_plan_is_approved(office, draft_class):
    before = _state()
    with pytest.raises(ValidationError, match="chưa được phê duyệt"):
        services.plan_supplement_create(actor=office, main_plan=draft_class.plan)
    assert _state() == before


@pytest.mark.django_db
def test_no_supplement_of_a_supplement(office, approved_plan):
    first = services.plan_supplement_create(actor=office, main_plan=approved_plan)
    before = _state()
    with pytest.raises(ValidationError, match="chỉ lập cho kế hoạch năm"):
        services.plan_supplement_create(actor=office, main_plan=first)
    assert _state() == before


# --- pages -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_edit_page_corrects_and_deletes_a_class(client, office, draft_class):
    client.force_login(office)
    url = reverse("planning:planned-class-update", args=[draft_class.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Xóa lớp" in page.content.decode()
    detail = client.get(reverse("planning:plan-detail", args=[draft_class.plan_id]))
    assert url in detail.content.decode()
    form = {
        "code": "TC-2027-01",
        "name": "Trung cấp lý luận chính trị K61C",
        "program_version": draft_class.program_version_id,
        "mode": "full_time",
        "site": draft_class.site_id,
        "planned_size": "40",
        "starts_on": "01/03/2027",
        "ends_on": "01/09/2027",
    }
    response = client.post(url, form)
    assert response.status_code == 302
    draft_class.refresh_from_db()
    assert draft_class.name == "Trung cấp lý luận chính trị K61C"
    response = client.post(
        reverse("planning:planned-class-delete", args=[draft_class.pk])
    )
    assert response.url == reverse("planning:plan-detail", args=[draft_class.plan_id])
    assert not PlannedClass.objects.filter(pk=draft_class.pk).exists()


@pytest.mark.django_db
def test_the_edit_page_of_a_submitted_plan_says_why_and_changes_nothing(
    client, office, draft_class
):
    services.plan_submit(actor=office, plan=draft_class.plan)
    client.force_login(office)
    url = reverse("planning:planned-class-update", args=[draft_class.pk])
    page = client.get(url).content.decode()
    assert "chỉ sửa, xóa lớp khi kế hoạch còn là dự thảo" in page
    before = _state()
    response = client.post(
        reverse("planning:planned-class-delete", args=[draft_class.pk]), follow=True
    )
    assert "không sửa được nữa" in response.content.decode()
    assert _state() == before


@pytest.mark.django_db
def test_the_main_plan_shows_its_supplements(client, office, approved_plan):
    client.force_login(office)
    response = client.post(
        reverse("planning:plan-supplement", args=[approved_plan.pk]),
        {"title": ""},
    )
    supplement = TrainingPlan.objects.get(main_plan=approved_plan)
    assert response.url == reverse("planning:plan-detail", args=[supplement.pk])
    main_page = client.get(
        reverse("planning:plan-detail", args=[approved_plan.pk])
    ).content.decode()
    assert "Kế hoạch bổ sung số 1 năm 2027" in main_page
    assert reverse("planning:plan-detail", args=[supplement.pk]) in main_page
    own_page = client.get(
        reverse("planning:plan-detail", args=[supplement.pk])
    ).content.decode()
    assert "bổ sung cho" in own_page
    assert approved_plan.title in own_page
    listing = client.get(reverse("planning:plan-list")).content.decode()
    assert listing.index(approved_plan.title) < listing.index(supplement.title)


@pytest.mark.django_db
def test_the_plan_document_of_a_supplement_says_so(
    office, fresh, version, approved_plan
):
    from daotao.documents.tests.factories import (
        IssuerFactory,
        OutgoingDocumentFactory,
    )
    from daotao.org.tests.factories import UnitFactory

    UnitFactory(
        school=fresh.school, name="Phòng Đào tạo", abbreviation="ĐT", kind="office"
    )
    approved_plan.document = OutgoingDocumentFactory(
        issuer=IssuerFactory(school=fresh.school),
        status="signed",
        number=12,
        year=2027,
        symbol="12/KH-TrCT",
        issued_on=datetime.date(2027, 1, 10),
    )
    approved_plan.save(update_fields=["document"])
    supplement = services.plan_supplement_create(actor=office, main_plan=approved_plan)
    fresh.planned_class(
        version,
        code="BD-2027-05",
        name="Bồi dưỡng kiến thức quốc phòng",
        starts_on=datetime.date(2027, 10, 1),
        ends_on=datetime.date(2027, 12, 1),
        plan=supplement,
        planned_size=30,
    )
    document = services.plan_document_draft(actor=office, plan=supplement)
    text = str(document.generated)
    assert "Căn cứ Kế hoạch số 12/KH-TrCT ngày 10/01/2027" in text
    assert (
        "xây dựng Kế hoạch bổ sung số 1 về đào tạo, bồi dưỡng cán bộ năm 2027" in text
    )
    assert "Bổ sung 1 lớp với 30 học viên" in text
    assert document.summary == "Bổ sung số 1 về đào tạo, bồi dưỡng cán bộ năm 2027"

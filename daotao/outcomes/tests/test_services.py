"""The agency pages' writes: research task assignment and grading, placements."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.models import AuditEvent
from daotao.outcomes import services
from daotao.outcomes.models import Placement, ResearchTask

DUE = datetime.date(2027, 6, 30)


def assign(actor, enrollment, title="Nâng cao chất lượng sinh hoạt chi bộ"):
    return services.research_task_assign(
        actor=actor,
        enrollment=enrollment,
        title=title,
        description="Gắn với công tác tổ chức của huyện.",
        due_on=DUE,
    )


@pytest.mark.django_db
def test_coordinator_assigns_a_task_to_their_cadre(cadres, coordinator):
    task = assign(coordinator, cadres[0])

    task.refresh_from_db()
    assert (task.enrollment_id, task.title, task.due_on, task.status) == (
        cadres[0].pk,
        "Nâng cao chất lượng sinh hoạt chi bộ",
        DUE,
        "assigned",
    )
    assert task.assigned_by == coordinator
    event = AuditEvent.objects.get(action="learning.research_task_assign")
    assert (event.actor, event.object_id) == (coordinator, str(task.pk))
    assert event.school_id == task.enrollment.cohort.school_id is not None
    assert event.changes["title"] == "Nâng cao chất lượng sinh hoạt chi bộ"
    assert event.changes["due_on"] == "2027-06-30"


@pytest.mark.django_db
def test_coordinator_cannot_assign_to_another_agencys_cadre(cadres, coordinator):
    with pytest.raises(PermissionDenied):
        assign(coordinator, cadres[2])

    assert ResearchTask.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_a_second_task_is_refused_and_the_first_kept(cadres, office):
    assign(office, cadres[0])
    events = AuditEvent.objects.count()

    with pytest.raises(ValidationError):
        assign(office, cadres[0], title="Đề tài khác")

    assert list(ResearchTask.objects.values_list("title", flat=True)) == [
        "Nâng cao chất lượng sinh hoạt chi bộ"
    ]
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_lecturer_of_the_cohort_grades_on_the_rule_sets_step(
    cadres, office, teaching_lecturer, world
):
    task = assign(office, cadres[0])

    services.research_task_grade(
        actor=teaching_lecturer, task=task, grade=Decimal("8.5"), comment="Tốt."
    )

    task.refresh_from_db()
    assert (task.status, task.grade, task.grader_comment) == (
        "graded",
        Decimal("8.5"),
        "Tốt.",
    )
    assert task.grader == world["lecturers"][0]
    event = AuditEvent.objects.get(action="outcomes.research_task_grade")
    assert event.changes["grade"] == [None, "8.5"]
    assert event.changes["status"] == ["assigned", "graded"]
    assert event.school_id == task.enrollment.cohort.school_id is not None


@pytest.mark.django_db
@pytest.mark.parametrize("grade", ["8.25", "10.5", "-1"])
def test_grade_off_the_scale_or_step_changes_nothing(
    cadres, office, teaching_lecturer, grade
):
    task = assign(office, cadres[0])
    events = AuditEvent.objects.count()

    with pytest.raises(ValidationError):
        services.research_task_grade(
            actor=teaching_lecturer, task=task, grade=Decimal(grade), comment=""
        )

    task.refresh_from_db()
    assert (task.status, task.grade) == ("assigned", None)
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_lecturer_not_teaching_the_cohort_cannot_grade(
    cadres, office, make_user, world
):
    task = assign(office, cadres[0])
    stranger = make_user("lecturer")
    stranger.person = world["lecturers"][1].person
    stranger.save(update_fields=["person"])

    with pytest.raises(PermissionDenied):
        services.research_task_grade(
            actor=stranger, task=task, grade=Decimal("9.0"), comment=""
        )

    task.refresh_from_db()
    assert (task.status, task.grade) == ("assigned", None)


@pytest.mark.django_db
def test_coordinator_records_a_placement(cadres, coordinator):
    placement = services.placement_record(
        actor=coordinator,
        enrollment=cadres[1],
        kind="appointment",
        post="Phó Bí thư Huyện ủy",
        agency_name="Huyện ủy Đông Sơn",
        effective_on=datetime.date(2027, 10, 1),
        decision_number="125-QĐ/TU",
    )

    placement.refresh_from_db()
    assert (
        placement.enrollment_id,
        placement.kind,
        placement.post,
        placement.effective_on,
        placement.decision_number,
        placement.recorded_by,
    ) == (
        cadres[1].pk,
        "appointment",
        "Phó Bí thư Huyện ủy",
        datetime.date(2027, 10, 1),
        "125-QĐ/TU",
        coordinator,
    )
    event = AuditEvent.objects.get(action="learning.placement_record")
    assert event.changes["kind"] == "appointment"
    assert event.object_id == str(placement.pk)
    assert event.school_id == placement.enrollment.cohort.school_id is not None


@pytest.mark.django_db
def test_placement_refusals_change_nothing(cadres, coordinator):
    with pytest.raises(PermissionDenied):
        services.placement_record(
            actor=coordinator, enrollment=cadres[2], kind="rotation", post="",
            agency_name="", effective_on=datetime.date(2027, 10, 1),
            decision_number="",
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.placement_record(
            actor=coordinator, enrollment=cadres[0], kind="promotion", post="",
            agency_name="", effective_on=datetime.date(2020, 1, 1),
            decision_number="",
        )  # fmt: skip

    assert Placement.objects.count() == 0
    assert AuditEvent.objects.count() == 0

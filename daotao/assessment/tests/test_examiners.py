"""A lecturer creates exams and enters scores only for the modules they teach in
the cohort or are assigned to examine; the training office
assigns examiners from the cohort's assessment page."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from daotao.assessment import examiners, selectors, services
from daotao.assessment.models import Exam, Examiner, Score, ScoreSheet
from daotao.assessment.tests.conftest import EXAM_DAY, fill, teaches
from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.faculty.models import Lecturer


@pytest.fixture
def other_module_sheet(world, office):
    """The second module's first sitting, entered and locked by the office."""
    sheet = services.create_exam_with_sheet(
        actor=office,
        cohort=world["cohort"],
        module=world["modules"][1],
        held_on=EXAM_DAY,
    )
    fill(sheet, office, {"attendance": "2", "test": "2", "exam": "2"})
    services.score_sheet_submit(actor=office, sheet=sheet)
    services.score_sheet_lock(actor=office, sheet=sheet)
    return sheet


@pytest.fixture
def teacher(world, lecturer):
    """The lecturer teaches the first module of the cohort, not the second."""
    teaches(lecturer, world["cohort"], world["modules"][0])
    return lecturer


def written():
    return (
        Exam.objects.count(),
        ScoreSheet.objects.count(),
        sorted(Score.objects.values_list("pk", "exam", "version")),
        AuditEvent.objects.count(),
    )


def test_lecturer_cannot_create_a_retake_of_a_module_they_do_not_teach(
    client, world, teacher, other_module_sheet
):
    before = written()
    client.force_login(teacher)
    response = client.post(
        reverse("assessment:exam-create", args=[world["cohort"].pk]),
        {"module": world["modules"][1].pk, "held_on": "10/05/2027", "kind": "retake"},
    )
    assert response.status_code == 404
    assert written() == before


def test_service_refuses_the_exam_and_the_scores_too(
    world, teacher, other_module_sheet, office
):
    retake = services.create_exam_with_sheet(
        actor=office,
        cohort=world["cohort"],
        module=world["modules"][1],
        held_on=datetime.date(2027, 5, 10),
        kind=Exam.Kind.RETAKE,
    )
    before = written()
    with pytest.raises(PermissionDenied):
        services.create_exam_with_sheet(
            actor=teacher,
            cohort=world["cohort"],
            module=world["modules"][0].block.modules.last(),
            held_on=datetime.date(2027, 5, 11),
        )
    line = retake.scores.first()
    with pytest.raises(PermissionDenied):
        services.score_enter(
            actor=teacher,
            score=line,
            values={"attendance": "10", "test": "10", "exam": "10"},
            expected_version=line.version,
        )
    with pytest.raises(PermissionDenied):
        services.score_sheet_submit(actor=teacher, sheet=retake)
    assert written() == before


def test_lecturer_cannot_enter_or_submit_10_10_10_on_another_module(
    client, world, teacher, other_module_sheet, office
):
    retake = services.create_exam_with_sheet(
        actor=office,
        cohort=world["cohort"],
        module=world["modules"][1],
        held_on=datetime.date(2027, 5, 10),
        kind=Exam.Kind.RETAKE,
    )
    before = written()
    client.force_login(teacher)
    data = {"line": []}
    for line in retake.scores.all():
        data["line"].append(str(line.pk))
        data[f"s{line.pk}-version"] = str(line.version)
        for key in ("attendance", "test", "exam"):
            data[f"s{line.pk}-{key}"] = "10"
    page = client.get(reverse("assessment:sheet-detail", args=[retake.pk]))
    assert page.context["can_enter"] is False
    saved = client.post(reverse("assessment:sheet-save", args=[retake.pk]), data)
    submitted = client.post(reverse("assessment:sheet-submit", args=[retake.pk]))
    imported = client.get(reverse("assessment:sheet-import", args=[retake.pk]))
    assert (saved.status_code, submitted.status_code, imported.status_code) == (
        403,
        403,
        403,
    )
    assert written() == before


def test_lecturer_creates_and_enters_the_module_they_teach(client, world, teacher):
    client.force_login(teacher)
    page = client.get(reverse("assessment:cohort-detail", args=[world["cohort"].pk]))
    assert [label for _pk, label in page.context["form"].fields["module"].choices] == [
        "Triết học Mác - Lênin"
    ]
    response = client.post(
        reverse("assessment:exam-create", args=[world["cohort"].pk]),
        {"module": world["modules"][0].pk, "held_on": "10/04/2027", "kind": "regular"},
    )
    sheet = ScoreSheet.objects.get(exam__module=world["modules"][0])
    assert response.url == reverse("assessment:sheet-detail", args=[sheet.pk])
    fill(sheet, teacher)
    assert list(sheet.scores.values_list("result", flat=True)) == [Decimal("6.6")] * 3


def test_office_assigns_an_examiner_from_the_cohort_page(
    client, world, office, make_user, other_module_sheet
):
    examiner_user = make_user(Role.LECTURER)
    # An examiner who teaches nothing in this cohort.
    lecturer = Lecturer.objects.create(
        school=world["cohort"].school,
        person=world["enrollments"][0].person.__class__.objects.create(
            school=world["cohort"].school,
            family_name="Võ",
            middle_name="Thị",
            given_name="Sáu",
        ),
    )
    examiner_user.person = lecturer.person
    examiner_user.save(update_fields=["person"])
    client.force_login(office)
    cohort_page = client.get(
        reverse("assessment:cohort-detail", args=[world["cohort"].pk])
    )
    url = reverse("assessment:examiner-list", args=[world["cohort"].pk])
    assert url in cohort_page.content.decode()
    response = client.post(
        url, {"module": world["modules"][1].pk, "lecturer": lecturer.pk}
    )
    assert response.status_code == 302
    examiner = Examiner.objects.get()
    assert (
        examiner.cohort,
        examiner.module,
        examiner.lecturer,
        examiner.assigned_by,
    ) == (
        world["cohort"],
        world["modules"][1],
        lecturer,
        office,
    )
    assert AuditEvent.objects.filter(action="assessment.examiner_assign").count() == 1
    assert "Võ Thị Sáu" in client.get(url).content.decode()
    # The examiner now reaches the cohort and may set the retake of that module.
    assert list(selectors.cohort_list(actor=examiner_user)) == [world["cohort"]]
    sheet = services.create_exam_with_sheet(
        actor=examiner_user,
        cohort=world["cohort"],
        module=world["modules"][1],
        held_on=datetime.date(2027, 5, 10),
        kind=Exam.Kind.RETAKE,
    )
    fill(sheet, examiner_user)
    with pytest.raises(PermissionDenied):
        services.create_exam_with_sheet(
            actor=examiner_user,
            cohort=world["cohort"],
            module=world["modules"][0],
            held_on=datetime.date(2027, 5, 10),
        )


def test_examiner_assignment_refused_to_a_lecturer(client, world, teacher):
    client.force_login(teacher)
    response = client.post(
        reverse("assessment:examiner-list", args=[world["cohort"].pk]),
        {"module": world["modules"][1].pk, "lecturer": teacher.person.lecturer.pk},
    )
    assert response.status_code == 403
    assert not Examiner.objects.exists()


def test_office_removes_an_examiner(client, world, office, teacher):
    examiner = examiners.examiner_assign(
        actor=office,
        cohort=world["cohort"],
        module=world["modules"][1],
        lecturer=teacher.person.lecturer,
    )
    client.force_login(office)
    response = client.post(reverse("assessment:examiner-remove", args=[examiner.pk]))
    assert response.status_code == 302
    assert not Examiner.objects.exists()
    assert AuditEvent.objects.filter(action="assessment.examiner_remove").count() == 1


def test_the_cohort_page_links_each_sheets_candidates_and_the_import_it_may_fill(
    client, world, office, teacher, other_module_sheet
):
    open_sheet = services.create_exam_with_sheet(
        actor=office,
        cohort=world["cohort"],
        module=world["modules"][0],
        held_on=EXAM_DAY,
    )
    page = reverse("assessment:cohort-detail", args=[world["cohort"].pk])

    def links(user, route):
        client.force_login(user)
        content = client.get(page).content.decode()
        return [
            sheet.pk
            for sheet in (open_sheet, other_module_sheet)
            if reverse(route, args=[sheet.pk]) in content
        ]

    both = [open_sheet.pk, other_module_sheet.pk]
    assert links(teacher, "assessment:sheet-eligibility") == both
    assert links(office, "assessment:sheet-eligibility") == both
    # The locked sheet takes no import; the lecturer fills only their module's.
    assert links(teacher, "assessment:sheet-import") == [open_sheet.pk]
    assert links(office, "assessment:sheet-import") == [open_sheet.pk]

"""The demo's work in progress: a draft version of the chuyên viên programme copied
from the version in use, and a draft supplementary plan of 2027 with one class;
neither is referred to by anything else, and a second seed adds nothing."""

import pytest

from daotao.demo import drafts
from daotao.demo.data import PROVINCE_CODE
from daotao.planning.models import PlannedClass, TrainingPlan
from daotao.programs.models import ProgramVersion, Topic
from daotao.programs.services import version_is_referenced
from daotao.tests.support.demo_database import seed

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # seeds the whole demo


def _topics(version: ProgramVersion) -> list[tuple[str, str, str, int]]:
    return list(
        Topic.objects.filter(module__block__version=version)
        .order_by("module__block__position", "module__position", "position")
        .values_list("module__block__name", "module__code", "name", "lecture_periods")
    )


def test_the_draft_version_copies_the_version_in_use_and_is_editable(seeded_module):
    versions = ProgramVersion.objects.filter(
        program__school__province__code=PROVINCE_CODE,
        program__code=drafts.REVISED_PROGRAM,
    )
    in_use = versions.get(status=ProgramVersion.Status.IN_USE)
    draft = versions.get(label=drafts.DRAFT_LABEL)
    assert (draft.status, draft.copied_from, draft.is_confirmed) == (
        ProgramVersion.Status.DRAFT,
        in_use,
        False,
    )
    assert _topics(draft) == _topics(in_use) != []
    assert not version_is_referenced(draft)


def test_the_supplementary_plan_is_a_draft_with_one_class(seeded_module):
    main = TrainingPlan.objects.get(
        school__province__code=PROVINCE_CODE, year=2027, main_plan=None
    )
    supplement = TrainingPlan.objects.get(main_plan=main, supplement_number=1)
    assert supplement.status == TrainingPlan.Status.DRAFT
    planned = PlannedClass.objects.get(plan=supplement)
    assert (planned.code, planned.program_version.status, planned.quotas.count()) == (
        drafts.SUPPLEMENT_CLASS.code,
        ProgramVersion.Status.IN_USE,
        0,
    )


def test_the_second_supplement_waits_for_the_provinces_board(seeded_module):
    """Submitted, with one class: the board's to-do item and review panel."""
    main = TrainingPlan.objects.get(
        school__province__code=PROVINCE_CODE, year=2027, main_plan=None
    )
    waiting = TrainingPlan.objects.get(main_plan=main, supplement_number=2)
    assert waiting.status == TrainingPlan.Status.SUBMITTED
    assert waiting.school.plans_approved_by_province
    assert list(waiting.classes.values_list("code", "planned_size")) == [
        (drafts.SUBMITTED_CLASS.code, 45)
    ]
    assert [s.kind for s in waiting.review_steps.all()] == ["submitted"]
    assert sorted(
        waiting.classes.get().quotas.values_list("places", flat=True)
    ) == sorted(drafts.SUBMITTED_PLACES)
    assert list(main.supplements.values_list("supplement_number", flat=True)) == [
        1,
        2,
    ]


def test_a_second_seed_adds_no_draft(seeded_module):
    before = (ProgramVersion.objects.count(), TrainingPlan.objects.count())
    assert seed().startswith("Dữ liệu mẫu đã có đủ")
    assert (ProgramVersion.objects.count(), TrainingPlan.objects.count()) == before

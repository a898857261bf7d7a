"""Catalogue writes: copying, the draft-only rule, status changes, the seed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.programs import services
from daotao.programs.catalogue import CATALOGUE, program_catalogue_ensure
from daotao.programs.models import Block, Module, Program, ProgramVersion, Topic
from daotao.programs.selectors import version_tree
from daotao.programs.services import TopicData, VersionData
from daotao.programs.tests.factories import ProgramVersionFactory, draft_with_structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def draft(school):
    return draft_with_structure(program__school=school)


def _structure(version):
    return [
        (
            b.position,
            b.name,
            [
                (
                    m.position,
                    m.code,
                    m.name,
                    [
                        (
                            t.position,
                            t.name,
                            t.lecture_periods,
                            t.discussion_periods,
                            t.practice_periods,
                            t.field_study_periods,
                        )
                        for t in m.topics.all()
                    ],
                )
                for m in b.modules.all()
            ],
        )
        for b in version.blocks.all()
    ]


def _state(version):
    version.refresh_from_db()
    return (
        version.label,
        version.status,
        version.stated_total_periods,
        _structure(version),
        AuditEvent.objects.count(),
    )


def test_version_tree_totals_at_every_level(draft):
    tree = version_tree(version=draft)
    assert [b.periods.total for b in tree.blocks] == [26, 10]
    assert [m.periods.total for m in tree.blocks[0].modules] == [14, 12]
    assert tree.periods.total == 36
    assert tree.periods.lecture == 18
    assert tree.is_mismatch is False


def test_version_tree_flags_a_mismatch(draft):
    draft.stated_total_periods = 40
    draft.save()
    assert version_tree(version=draft).is_mismatch is True


def test_copy_is_deep_and_independent(draft, manager):
    copy = services.program_version_copy(actor=manager, version=draft, label="2026")
    assert copy.status == ProgramVersion.Status.DRAFT
    assert copy.copied_from == draft
    assert copy.is_confirmed is False
    assert _structure(copy) == _structure(draft)
    original_ids = set(
        Topic.objects.filter(module__block__version=draft).values_list("id", flat=True)
    )
    copied_ids = set(
        Topic.objects.filter(module__block__version=copy).values_list("id", flat=True)
    )
    assert original_ids.isdisjoint(copied_ids)
    assert len(copied_ids) == 4

    topic = Topic.objects.filter(module__block__version=copy).first()
    services.topic_update(
        actor=manager,
        topic=topic,
        data=TopicData(name="Chuyên đề mới", lecture_periods=20),
    )
    assert version_tree(version=copy).periods.total != 36
    assert version_tree(version=draft).periods.total == 36
    assert (
        AuditEvent.objects.filter(action="programs.program_version_copy").count() == 1
    )


def test_copy_refuses_a_label_already_used(draft, manager):
    before = ProgramVersion.objects.count()
    with pytest.raises(ValidationError):
        services.program_version_copy(actor=manager, version=draft, label=draft.label)
    assert ProgramVersion.objects.count() == before


def test_copy_needs_the_manage_permission(draft, make_user):
    lecturer = make_user(Role.LECTURER)
    with pytest.raises(PermissionDenied):
        services.program_version_copy(actor=lecturer, version=draft, label="2026")
    assert ProgramVersion.objects.count() == 1


def test_manager_of_another_school_is_refused(draft, make_user):
    from daotao.org.tests.factories import SchoolFactory

    other = make_user(Role.TRAINING_OFFICE, school=SchoolFactory())
    with pytest.raises(PermissionDenied):
        services.program_version_copy(actor=other, version=draft, label="2026")


def test_draft_structure_can_be_edited(draft, manager):
    block = services.block_add(actor=manager, version=draft, name="Phần III")
    module = services.module_add(actor=manager, block=block, name="Học phần mới")
    topic = services.topic_add(
        actor=manager,
        module=module,
        data=TopicData(name="Chuyên đề 1", lecture_periods=5, discussion_periods=3),
    )
    assert (block.position, module.position, topic.position) == (3, 1, 1)
    assert version_tree(version=draft).periods.total == 44
    services.structure_item_delete(actor=manager, item=block)
    assert version_tree(version=draft).periods.total == 36


@pytest.mark.parametrize("status", ["in_use", "retired"])
def test_version_not_in_draft_refuses_destructive_edits(draft, manager, status):
    draft.status = status
    draft.save()
    before = _state(draft)
    block = draft.blocks.first()
    module = block.modules.first()
    topic = module.topics.first()
    attempts = [
        lambda: services.block_add(actor=manager, version=draft, name="Phần mới"),
        lambda: services.module_add(actor=manager, block=block, name="HP mới"),
        lambda: services.topic_add(
            actor=manager, module=module, data=TopicData(name="Mới", lecture_periods=1)
        ),
        lambda: services.topic_update(
            actor=manager, topic=topic, data=TopicData(name="Đổi", lecture_periods=99)
        ),
        lambda: services.structure_item_delete(actor=manager, item=topic),
        lambda: services.structure_item_delete(actor=manager, item=block),
        lambda: services.program_version_update(
            actor=manager,
            version=draft,
            data=VersionData(label="Khác", mode="full_time", stated_total_periods=36),
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as raised:
            attempt()
        assert "không được sửa cấu trúc hay số tiết" in raised.value.messages[0]
    assert _state(draft) == before


def test_draft_referenced_by_another_app_refuses_edits(draft, manager, school):
    """A planned class naming the version freezes it even while it is a draft."""
    import datetime

    from daotao.tests.support.school_world import FreshSchool

    fresh = FreshSchool(school)
    fresh.planned_class(
        draft,
        plan=fresh.plan(2026, status="draft", title="Kế hoạch"),
        code="TC-01",
        name="Lớp TC",
        planned_size=40,
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 9, 2),
    )
    before = _state(draft)
    with pytest.raises(ValidationError) as raised:
        services.block_add(actor=manager, version=draft, name="Phần mới")
    assert "đã được dùng cho lớp" in raised.value.messages[0]
    assert _state(draft) == before


def test_version_in_use_may_still_be_confirmed_and_annotated(draft, manager):
    draft.status = ProgramVersion.Status.IN_USE
    draft.save()
    services.program_version_update(
        actor=manager,
        version=draft,
        data=VersionData(
            label=draft.label,
            mode=draft.mode,
            stated_total_periods=36,
            is_confirmed=True,
            notes="Đã đối chiếu quyết định gốc.",
        ),
    )
    draft.refresh_from_db()
    assert (draft.is_confirmed, draft.notes) == (True, "Đã đối chiếu quyết định gốc.")


def test_put_in_use_then_retire(draft, manager):
    services.program_version_put_in_use(actor=manager, version=draft)
    draft.refresh_from_db()
    assert draft.status == ProgramVersion.Status.IN_USE
    services.program_version_retire(actor=manager, version=draft)
    draft.refresh_from_db()
    assert draft.status == ProgramVersion.Status.RETIRED
    actions = list(
        AuditEvent.objects.filter(object_id=str(draft.pk))
        .order_by("id")
        .values_list("action", "changes")
    )
    assert actions == [
        ("programs.program_version_put_in_use", {"status": ["draft", "in_use"]}),
        ("programs.program_version_retire", {"status": ["in_use", "retired"]}),
    ]


def test_retire_refuses_a_draft_and_changes_nothing(draft, manager):
    before = _state(draft)
    with pytest.raises(ValidationError):
        services.program_version_retire(actor=manager, version=draft)
    assert _state(draft) == before


def test_an_empty_draft_cannot_be_put_in_use(school, manager):
    empty = ProgramVersionFactory(
        program__school=school, status=ProgramVersion.Status.DRAFT
    )
    with pytest.raises(ValidationError):
        services.program_version_put_in_use(actor=manager, version=empty)
    empty.refresh_from_db()
    assert empty.status == ProgramVersion.Status.DRAFT


def test_catalogue_ensure_is_idempotent(school):
    assert program_catalogue_ensure(school=school) == 4
    counts = (
        Program.objects.count(),
        ProgramVersion.objects.count(),
        Block.objects.count(),
        Module.objects.count(),
        Topic.objects.count(),
    )
    assert program_catalogue_ensure(school=school) == 0
    assert (
        Program.objects.count(),
        ProgramVersion.objects.count(),
        Block.objects.count(),
        Module.objects.count(),
        Topic.objects.count(),
    ) == counts
    assert counts[:2] == (4, 5)


def test_catalogue_tc_llct_structure_and_totals(school):
    program_catalogue_ensure(school=school)
    program = Program.objects.get(school=school, code="TCLLCT")
    assert program.is_degree is True
    versions = list(program.versions.order_by("mode"))
    assert [(v.mode, v.duration) for v in versions] == [
        ("full_time", "khoảng 6 tháng"),
        ("part_time", "khoảng 18 tháng"),
    ]
    for version in versions:
        tree = version_tree(version=version)
        assert version.stated_total_periods == 1056
        assert version.is_confirmed is False
        assert version.status == ProgramVersion.Status.IN_USE
        assert "Cần xác nhận" in version.notes
        assert len(tree.blocks) == 5
        assert [b.periods.total for b in tree.blocks] == [264, 244, 148, 204, 80]
        assert tree.periods.total == 940
        assert tree.is_mismatch is True


def test_catalogue_short_courses_are_unconfirmed_certificates(school):
    program_catalogue_ensure(school=school)
    short = Program.objects.exclude(code="TCLLCT").order_by("code")
    assert [(p.code, p.kind, p.is_degree) for p in short] == [
        ("BD-CV", "chuyen_vien", False),
        ("BD-CVC", "chuyen_vien_chinh", False),
        ("BD-LDP", "lanh_dao_phong", False),
    ]
    for program in short:
        version = program.versions.get()
        assert version.is_confirmed is False
        assert version.stated_total_periods is None
        assert version_tree(version=version).is_mismatch is False


def test_catalogue_is_per_school(school):
    from daotao.org.tests.factories import SchoolFactory

    program_catalogue_ensure(school=school)
    assert program_catalogue_ensure(school=SchoolFactory()) == len(CATALOGUE)

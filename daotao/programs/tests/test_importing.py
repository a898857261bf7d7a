"""A version's structure imported from a sheet: the template, the dry run that writes
nothing, all rows or none, the same file twice changing nothing, and a module's
summary topic giving way to the imported topics; the page reached from the version."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.programs.importing import structure_import_run, structure_template
from daotao.programs.models import Block, Module, ProgramVersion, Topic
from daotao.programs.tests.factories import (
    BlockFactory,
    ModuleFactory,
    ProgramVersionFactory,
    TopicFactory,
    draft_with_structure,
)

pytestmark = pytest.mark.django_db

HEADERS = [
    "STT",
    "Khối kiến thức",
    "Mã học phần",
    "Học phần",
    "Chuyên đề",
    "Lý thuyết",
    "Thảo luận",
    "Thực hành",
    "Thực tế",
]
PHILOSOPHY = ("Phần I. Lý luận", "I.1", "Triết học Mác - Lênin")
SKILLS = ("Phần III. Kỹ năng", "III.1", "Kỹ năng lãnh đạo")
FIELD = ("Phần III. Kỹ năng", "III.2", "Nghiên cứu thực tế")
ROWS = [
    [1, *PHILOSOPHY, "Phép biện chứng", 8, 4, 0, 0],
    [2, *PHILOSOPHY, "Chủ nghĩa duy vật", 6, 2, 0, 0],
    [3, *SKILLS, "Kỹ năng ra quyết định", 4, 0, 8, 0],
    [4, *FIELD, "Đi thực tế cơ sở", 0, 0, 0, 16],
]


def sheet(rows=ROWS, title="CẤU TRÚC CHƯƠNG TRÌNH") -> bytes:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.append([title])
    worksheet.append([])
    worksheet.append(HEADERS)
    for row in rows:
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def manager(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def draft(school):
    return draft_with_structure(program__school=school)


def _structure(version):
    return [
        (t.module.block.name, t.module.code, t.module.name, t.name, t.lecture_periods,
         t.discussion_periods, t.practice_periods, t.field_study_periods)
        for t in Topic.objects.filter(module__block__version=version).order_by(
            "module__block__position", "module__position", "position"
        ).select_related("module__block")
    ]  # fmt: skip


def _run(manager, version, data, *, dry_run):
    return structure_import_run(
        upload=data, filename="cau-truc.xlsx", actor=manager, version=version,
        dry_run=dry_run,
    )  # fmt: skip


def test_the_template_has_the_columns_the_import_reads():
    worksheet = load_workbook(io.BytesIO(structure_template())).active
    assert [c.value for c in worksheet[3]] == [
        "STT",
        "Khối kiến thức (*)",
        "Mã học phần",
        "Học phần (*)",
        "Chuyên đề (*)",
        "Lý thuyết",
        "Thảo luận",
        "Thực hành",
        "Thực tế",
    ]


def test_a_dry_run_checks_every_row_and_writes_nothing(manager, draft):
    before = _structure(draft)
    report = _run(manager, draft, sheet(), dry_run=True)
    assert report.counts == {"create": 4, "match": 0, "refuse": 0}
    assert report.is_importable
    assert _structure(draft) == before


def test_the_commit_adds_blocks_modules_and_topics_by_name(manager, draft):
    before = _structure(draft)
    report = _run(manager, draft, sheet(), dry_run=False)
    assert report.is_committed
    # The existing module keeps its own code; the new ones take the sheet's.
    philosophy = (PHILOSOPHY[0], before[0][1], PHILOSOPHY[2])
    assert _structure(draft) == [
        *before[:2],
        (*philosophy, "Phép biện chứng", 8, 4, 0, 0),
        (*philosophy, "Chủ nghĩa duy vật", 6, 2, 0, 0),
        *before[2:],
        (*SKILLS, "Kỹ năng ra quyết định", 4, 0, 8, 0),
        (*FIELD, "Đi thực tế cơ sở", 0, 0, 0, 16),
    ]
    assert [b.name for b in draft.blocks.order_by("position")] == [
        "Phần I. Lý luận",
        "Phần II. Thực tế",
        "Phần III. Kỹ năng",
    ]


def test_the_same_file_twice_changes_nothing(manager, draft):
    # One file's bytes, uploaded twice: openpyxl stamps each save with the time, so two
    # saves of the same rows are two files whenever a second ticks over between them.
    data = sheet()
    _run(manager, draft, data, dry_run=False)
    after = _structure(draft)
    events = list(AuditEvent.objects.values_list("pk", flat=True))
    again = _run(manager, draft, data, dry_run=False)
    other = _run(manager, draft, sheet(title="BẢN SAO"), dry_run=False)
    assert not again.is_committed
    assert again.already_imported_at is not None
    assert other.counts == {"create": 0, "match": 4, "refuse": 0}
    assert _structure(draft) == after
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == events


def test_a_corrected_sheet_keeps_the_rows_already_there(manager, draft):
    _run(manager, draft, sheet(), dry_run=False)
    more = [
        *ROWS,
        [
            5,
            "Phần III. Kỹ năng",
            "III.1",
            "Kỹ năng lãnh đạo",
            "Kỹ năng giao tiếp",
            4,
            4,
            0,
            0,
        ],
    ]
    report = _run(manager, draft, sheet(more, title="Bản sửa"), dry_run=False)
    assert report.counts == {"create": 1, "match": 4, "refuse": 0}
    assert Topic.objects.filter(module__block__version=draft).count() == 9


def test_one_bad_row_writes_nothing(manager, draft):
    before = _structure(draft)
    rows = [
        *ROWS,
        [5, *PHILOSOPHY, "Không tiết", 0, 0, 0, 0],
        [6, "Phần I. Lý luận", "", "", "Thiếu học phần", 2, 0, 0, 0],
        [7, *PHILOSOPHY, "Âm", -2, 0, 0, 0],
    ]
    report = _run(manager, draft, sheet(rows), dry_run=False)
    assert not report.is_committed
    assert report.counts["refuse"] == 3
    assert [str(m) for m in report.errors] == [
        "Dòng 8, cột “Lý thuyết”: chuyên đề chưa có số tiết nào.",
        "Dòng 9, cột “Học phần”: chưa có dữ liệu.",
        "Dòng 10, cột “Lý thuyết”: số tiết '-2' phải từ 0 đến 999.",
    ]
    assert _structure(draft) == before


def test_a_summary_topic_gives_way_to_the_imported_topics(manager, school):
    version = ProgramVersionFactory(
        program__school=school, status=ProgramVersion.Status.DRAFT
    )
    block = BlockFactory(version=version, position=1, name="Phần I. Lý luận")
    module = ModuleFactory(
        block=block, position=1, code="I.1", name="Triết học Mác - Lênin"
    )
    TopicFactory(
        module=module, position=1, name="Triết học Mác - Lênin", lecture_periods=60
    )
    report = _run(manager, version, sheet(ROWS[:2]), dry_run=False)
    assert report.counts == {"create": 2, "match": 0, "refuse": 0}
    assert [(t.name, t.position) for t in module.topics.order_by("position")] == [
        ("Phép biện chứng", 1),
        ("Chủ nghĩa duy vật", 2),
    ]


def test_a_version_in_use_refuses_the_import_and_keeps_its_structure(
    client, manager, school
):
    version = draft_with_structure(program__school=school)
    ProgramVersion.objects.filter(pk=version.pk).update(status="in_use")
    before = _structure(version)
    client.force_login(manager)
    url = reverse("programs:structure-import", args=[version.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Chỉ nhập cấu trúc vào phiên bản đang soạn" in page.content.decode()
    upload = io.BytesIO(sheet())
    upload.name = "cau-truc.xlsx"
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert _structure(version) == before


def test_the_page_is_reached_from_the_version_and_commits_the_checked_file(
    client, manager, draft
):
    client.force_login(manager)
    detail = client.get(reverse("programs:version-detail", args=[draft.pk]))
    url = reverse("programs:structure-import", args=[draft.pk])
    assert url in detail.content.decode()
    upload = io.BytesIO(sheet())
    upload.name = "cau-truc.xlsx"
    checked = client.post(url, {"file": upload})
    assert checked.status_code == 200
    assert Topic.objects.filter(module__block__version=draft).count() == 4
    token = checked.context["report"].sha256
    done = client.post(url, {"token": token})
    assert done.status_code == 302
    assert Topic.objects.filter(module__block__version=draft).count() == 8
    template = client.get(reverse("programs:structure-template", args=[draft.pk]))
    assert template.status_code == 200
    assert Block.objects.filter(version=draft).count() == 3
    assert Module.objects.filter(block__version=draft).count() == 5

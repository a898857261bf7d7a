"""The starting catalogue of a school: TC LLCT and three bồi dưỡng programmes.

Plain data, loaded by `program_catalogue_ensure`. What the sources give
(docs/domain.md §2): TC LLCT has 1,056 tiết in 5 khối kiến thức, 6 months
full-time, 18 months part-time. The HVCTQG decision that issues it, and the
names and tiết of each khối and học phần, are NOT confirmed: the blocks below
follow the content areas of the TC LLCT-HC programme and the tiết are working
figures. Every version is seeded with is_confirmed=False so the UI says
"cần xác nhận" until someone checks the original document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from daotao.core.history import audit_record
from daotao.programs.models import Block, Module, Program, ProgramVersion, Topic

UNCONFIRMED_ASSESSMENT = N_("Hình thức đánh giá: cần xác nhận")


@dataclass(frozen=True)
class TopicSpec:
    name: str
    lecture: int = 0
    discussion: int = 0
    practice: int = 0
    field_study: int = 0


@dataclass(frozen=True)
class ModuleSpec:
    code: str
    name: str
    topics: tuple[TopicSpec, ...]
    is_assessed: bool = True
    assessment_note: str = UNCONFIRMED_ASSESSMENT


@dataclass(frozen=True)
class BlockSpec:
    name: str
    modules: tuple[ModuleSpec, ...]


@dataclass(frozen=True)
class VersionSpec:
    label: str
    mode: str
    duration: str
    stated_total_periods: int | None
    notes: str


@dataclass(frozen=True)
class ProgramSpec:
    code: str
    name: str
    kind: str
    blocks: tuple[BlockSpec, ...]
    versions: tuple[VersionSpec, ...] = field(default_factory=tuple)


def _module(code: str, name: str, lecture: int, discussion: int, **extra: int):
    """A học phần whose chuyên đề list is not known yet: one summary topic named
    after the module, so a timetable or an attendance grid says what is taught
    (the version's notes and its unconfirmed flag say the list is to be checked)."""
    topic = TopicSpec(
        name,
        lecture=lecture,
        discussion=discussion,
        practice=extra.get("practice", 0),
        field_study=extra.get("field_study", 0),
    )
    return ModuleSpec(code=code, name=name, topics=(topic,))


TC_LLCT_NOTES = (
    "Cần xác nhận: số, ngày quyết định ban hành chương trình của Học viện Chính "
    "trị quốc gia Hồ Chí Minh; tên và số tiết từng khối kiến thức, học phần. "
    "Nguồn đã biết: 1.056 tiết, 5 khối kiến thức (Trường Chính trị Phạm Hùng, "
    "Vĩnh Long, 2023). Số tiết các học phần dưới đây là số liệu làm việc; phần "
    "chênh lệch với 1.056 tiết (ôn tập, thi tốt nghiệp, sinh hoạt lớp…) cần xác "
    "nhận. Thi tốt nghiệp: 3 khối kiến thức, mỗi bài 180 phút."
)

TC_LLCT = ProgramSpec(
    code="TCLLCT",
    name="Trung cấp lý luận chính trị",
    kind="tc_llct",
    blocks=(
        BlockSpec(
            "Phần I. Những vấn đề cơ bản của chủ nghĩa Mác - Lênin "
            "và tư tưởng Hồ Chí Minh",
            (
                _module("I.1", "Triết học Mác - Lênin", 60, 24),
                _module("I.2", "Kinh tế chính trị Mác - Lênin", 48, 20),
                _module("I.3", "Chủ nghĩa xã hội khoa học", 40, 16),
                _module("I.4", "Tư tưởng Hồ Chí Minh", 40, 16),
            ),
        ),
        BlockSpec(
            "Phần II. Những vấn đề cơ bản về Đảng Cộng sản Việt Nam, "
            "Nhà nước và hệ thống chính trị",
            (
                _module("II.1", "Lịch sử Đảng Cộng sản Việt Nam", 40, 16),
                _module("II.2", "Xây dựng Đảng", 48, 20),
                _module("II.3", "Hệ thống chính trị, Nhà nước và pháp luật", 52, 20),
                _module("II.4", "Quản lý hành chính nhà nước", 36, 12),
            ),
        ),
        BlockSpec(
            "Phần III. Đường lối, chính sách của Đảng, pháp luật của Nhà nước "
            "về các lĩnh vực của đời sống xã hội",
            (
                _module("III.1", "Đường lối, chính sách phát triển kinh tế", 40, 12),
                _module("III.2", "Đường lối, chính sách về văn hóa, xã hội", 40, 12),
                _module(
                    "III.3",
                    "Đường lối quốc phòng, an ninh và đối ngoại",
                    32,
                    12,
                ),
            ),
        ),
        BlockSpec(
            "Phần IV. Kỹ năng lãnh đạo, quản lý và nghiệp vụ công tác Đảng, "
            "chính quyền, Mặt trận và đoàn thể",
            (
                _module("IV.1", "Kỹ năng lãnh đạo, quản lý", 32, 8, practice=24),
                _module("IV.2", "Nghiệp vụ công tác Đảng", 28, 8, practice=16),
                _module("IV.3", "Nghiệp vụ công tác chính quyền", 24, 8, practice=12),
                _module(
                    "IV.4",
                    "Nghiệp vụ công tác Mặt trận Tổ quốc và các đoàn thể",
                    24,
                    8,
                    practice=12,
                ),
            ),
        ),
        BlockSpec(
            "Phần V. Tình hình, nhiệm vụ của địa phương và nghiên cứu thực tế",
            (
                _module("V.1", "Tình hình, nhiệm vụ của địa phương", 32, 8),
                ModuleSpec(
                    code="V.2",
                    name="Nghiên cứu thực tế cuối khóa",
                    topics=(TopicSpec("Nghiên cứu thực tế cuối khóa", field_study=40),),
                    assessment_note="Báo cáo thu hoạch thực tế: cần xác nhận",
                ),
            ),
        ),
    ),
    versions=(
        # Same curriculum, two modes: the length and the timetable differ, so a
        # planned class picks the version of its mode.
        VersionSpec(
            label="2025 - tập trung",
            mode="full_time",
            duration="khoảng 6 tháng",
            stated_total_periods=1056,
            notes=TC_LLCT_NOTES,
        ),
        VersionSpec(
            label="2025 - không tập trung",
            mode="part_time",
            duration="khoảng 18 tháng",
            stated_total_periods=1056,
            notes=TC_LLCT_NOTES,
        ),
    ),
)

SHORT_COURSE_NOTES = (
    "Cần xác nhận: văn bản ban hành chương trình, thời gian và số tiết. Cấu trúc "
    "dưới đây là khung làm việc để lập kế hoạch; hoàn thành khóa học được cấp "
    "chứng chỉ."
)


def _short_course(code: str, name: str, kind: str, modules: tuple) -> ProgramSpec:
    return ProgramSpec(
        code=code,
        name=name,
        kind=kind,
        blocks=(
            BlockSpec("Phần I. Kiến thức chung", modules[0]),
            BlockSpec("Phần II. Kiến thức và kỹ năng chuyên sâu", modules[1]),
            BlockSpec(
                "Phần III. Tìm hiểu thực tế và viết tiểu luận",
                (
                    ModuleSpec(
                        code="III.1",
                        name="Tìm hiểu thực tế, viết tiểu luận cuối khóa",
                        topics=(
                            TopicSpec(
                                "Tìm hiểu thực tế, viết tiểu luận cuối khóa",
                                field_study=16,
                            ),
                        ),
                        assessment_note="Tiểu luận cuối khóa: cần xác nhận",
                    ),
                ),
            ),
        ),
        versions=(
            VersionSpec(
                label="2025",
                mode="full_time",
                duration="cần xác nhận",
                stated_total_periods=None,
                notes=SHORT_COURSE_NOTES,
            ),
        ),
    )


CHUYEN_VIEN = _short_course(
    "BD-CV",
    "Bồi dưỡng quản lý nhà nước ngạch chuyên viên",
    "chuyen_vien",
    (
        (
            _module("I.1", "Nhà nước và hệ thống chính trị", 16, 4),
            _module("I.2", "Hành chính nhà nước và công vụ, công chức", 16, 4),
        ),
        (
            _module("II.1", "Kỹ năng soạn thảo văn bản hành chính", 8, 4, practice=8),
            _module("II.2", "Kỹ năng giao tiếp và làm việc nhóm", 8, 4, practice=8),
        ),
    ),
)

CHUYEN_VIEN_CHINH = _short_course(
    "BD-CVC",
    "Bồi dưỡng quản lý nhà nước ngạch chuyên viên chính",
    "chuyen_vien_chinh",
    (
        (
            _module("I.1", "Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam", 16, 4),
            _module("I.2", "Quản lý nhà nước đối với ngành, lĩnh vực", 20, 8),
        ),
        (
            _module(
                "II.1", "Kỹ năng hoạch định và thực thi chính sách", 12, 4, practice=8
            ),
            _module("II.2", "Kỹ năng tham mưu, tổ chức phối hợp", 8, 4, practice=8),
        ),
    ),
)

LANH_DAO_PHONG = _short_course(
    "BD-LDP",
    "Bồi dưỡng lãnh đạo cấp phòng",
    "lanh_dao_phong",
    (
        (
            _module("I.1", "Lãnh đạo, quản lý trong khu vực công", 12, 4),
            _module("I.2", "Vai trò, nhiệm vụ của lãnh đạo cấp phòng", 12, 4),
        ),
        (
            _module(
                "II.1", "Kỹ năng ra quyết định và tổ chức thực hiện", 8, 4, practice=8
            ),
            _module("II.2", "Kỹ năng quản lý nhân sự và động viên", 8, 4, practice=8),
        ),
    ),
)

CATALOGUE: tuple[ProgramSpec, ...] = (
    TC_LLCT,
    CHUYEN_VIEN,
    CHUYEN_VIEN_CHINH,
    LANH_DAO_PHONG,
)


def spec_total(spec: ProgramSpec) -> int:
    """The periods a programme's structure adds up to."""
    return sum(
        topic.lecture + topic.discussion + topic.practice + topic.field_study
        for block in spec.blocks
        for module in block.modules
        for topic in module.topics
    )


def program_catalogue_ensure(*, school: Any) -> int:
    """Create the catalogue's programmes missing from `school` (matched by code);
    returns how many were created. Existing programmes are left as they are."""
    created = 0
    with transaction.atomic():
        for spec in CATALOGUE:
            program, is_new = Program.objects.get_or_create(
                school=school,
                code=spec.code,
                defaults={"name": spec.name, "kind": spec.kind},
            )
            if not is_new:
                continue
            for version_spec in spec.versions:
                _create_version(program=program, spec=spec, version_spec=version_spec)
            audit_record(
                actor=None,
                action="programs.program_catalogue_ensure",
                instance=program,
                changes={"code": [None, spec.code], "name": [None, spec.name]},
            )
            created += 1
    return created


def _create_version(
    *, program: Program, spec: ProgramSpec, version_spec: VersionSpec
) -> None:
    version = ProgramVersion.objects.create(
        program=program,
        label=version_spec.label,
        mode=version_spec.mode,
        duration=version_spec.duration,
        stated_total_periods=version_spec.stated_total_periods,
        is_confirmed=False,
        notes=version_spec.notes,
        status=ProgramVersion.Status.IN_USE,
    )
    for block_position, block_spec in enumerate(spec.blocks, 1):
        block = Block.objects.create(
            version=version, position=block_position, name=block_spec.name
        )
        for module_position, module_spec in enumerate(block_spec.modules, 1):
            module = Module.objects.create(
                block=block,
                position=module_position,
                code=module_spec.code,
                name=module_spec.name,
                is_assessed=module_spec.is_assessed,
                assessment_note=module_spec.assessment_note,
            )
            Topic.objects.bulk_create(
                Topic(
                    module=module,
                    position=topic_position,
                    name=topic_spec.name,
                    lecture_periods=topic_spec.lecture,
                    discussion_periods=topic_spec.discussion,
                    practice_periods=topic_spec.practice,
                    field_study_periods=topic_spec.field_study,
                )
                for topic_position, topic_spec in enumerate(module_spec.topics, 1)
            )

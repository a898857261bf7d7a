"""A programme version's structure from an Excel/CSV sheet, the way the Academy's
programme reaches a school: one row per chuyên đề, naming its khối kiến thức and
học phần, with its tiết by kind. Through the core import framework: a template to
fill in, a dry run, all rows or none, the same file twice changes nothing.

Blocks and modules are matched by name within the version and added when new; a
topic already in its module with the same tiết is left as it is. A module that has
only its summary topic (named after the module, as the catalogue seeds it until
the real list is known) gets the imported topics instead."""

from __future__ import annotations

from typing import IO, Any

from django.utils.translation import gettext as _

from daotao.core.actors import Actor
from daotao.core.importing import (
    Column,
    ImportReport,
    ParsedRow,
    RowOutcome,
    Schema,
    parse_integer,
    run_import,
    template_workbook,
    text_column,
)
from daotao.core.importing.parsers import CellError, display_value
from daotao.core.text import search_key
from daotao.programs import services
from daotao.programs.models import ProgramVersion

KIND = "programs.structure"
BLOCK, CODE, MODULE, TOPIC = "block", "code", "module", "topic"
PERIODS = (
    "lecture_periods",
    "discussion_periods",
    "practice_periods",
    "field_study_periods",
)


def _period_headers() -> dict[str, tuple[str, tuple[str, ...]]]:
    """The tiết columns by kind: label and the headers they are found under."""
    return {
        "lecture_periods": (_("Lý thuyết"), (_("Lý thuyết"), _("Giảng lý thuyết"))),
        "discussion_periods": (
            _("Thảo luận"),
            (_("Thảo luận"), _("Thảo luận, xêmina"), _("Xêmina")),
        ),
        "practice_periods": (_("Thực hành"), (_("Thực hành"), _("Bài tập"))),
        "field_study_periods": (
            _("Thực tế"),
            (_("Thực tế"), _("Nghiên cứu thực tế"), _("Đi thực tế")),
        ),
    }


def parse_periods(value: Any) -> int | None:
    """A number of tiết: a whole number from 0 to 999."""
    number = parse_integer(value)
    if number is not None and not 0 <= number <= 999:
        raise CellError(_("số tiết '%s' phải từ 0 đến 999.") % display_value(value))
    return number


def structure_schema() -> Schema:
    return Schema(
        columns=(
            text_column(
                BLOCK,
                _("Khối kiến thức"),
                (_("Khối kiến thức"), _("Phần"), _("Khối")),
                max_length=255,
                required=True,
                example=_("Phần I. Những vấn đề cơ bản của chủ nghĩa Mác - Lênin"),
            ),
            text_column(
                CODE,
                _("Mã học phần"),
                (_("Mã học phần"), _("Mã HP")),
                max_length=32,
                example="I.1",
            ),
            text_column(
                MODULE,
                _("Học phần"),
                (_("Học phần"), _("Tên học phần"), _("Môn học")),
                max_length=255,
                required=True,
                example=_("Triết học Mác - Lênin"),
            ),
            text_column(
                TOPIC,
                _("Chuyên đề"),
                (_("Chuyên đề"), _("Tên chuyên đề"), _("Bài")),
                max_length=255,
                required=True,
                example=_("Chủ nghĩa duy vật biện chứng"),
            ),
            *(
                Column(
                    key=key,
                    label=label,
                    aliases=aliases,
                    parser=parse_periods,
                    required=False,
                    example="4",
                )
                for key, (label, aliases) in _period_headers().items()
            ),
        ),
        natural_key=(BLOCK, MODULE, TOPIC),
    )


def _periods(row: ParsedRow) -> dict[str, int]:
    return {key: row.get(key) or 0 for key in PERIODS}


class StructureHandler:
    """Decides each row against the version's blocks, modules and topics."""

    def __init__(self, *, actor: Actor, version: ProgramVersion) -> None:
        self.actor = actor
        self.version = version

    def prepare(self, rows: list[ParsedRow]) -> None:
        self.topics: dict[tuple[str, str, str], dict[str, int]] = {}
        self.summaries: set[tuple[str, str]] = set()
        for block in self.version.blocks.prefetch_related("modules__topics"):
            for module in block.modules.all():
                topics = list(module.topics.all())
                place = (search_key(block.name), search_key(module.name))
                if [t.name for t in topics] == [module.name]:
                    self.summaries.add(place)
                    continue
                for topic in topics:
                    self.topics[(*place, search_key(topic.name))] = {
                        key: getattr(topic, key) for key in PERIODS
                    }

    def check(self, row: ParsedRow) -> RowOutcome:
        if not any(_periods(row).values()):
            return RowOutcome.refuse(
                _("chuyên đề chưa có số tiết nào."), column="lecture_periods"
            )
        key = (search_key(row[BLOCK]), search_key(row[MODULE]), search_key(row[TOPIC]))
        existing = self.topics.get(key)
        if existing is None:
            return RowOutcome.create()
        if existing == _periods(row):
            return RowOutcome.match(_("đã có trong chương trình; giữ nguyên."))
        return RowOutcome.refuse(
            _(
                "chuyên đề đã có với số tiết khác; hãy sửa trên trang chương trình "
                "hoặc xóa chuyên đề trước khi nhập."
            ),
            column=TOPIC,
        )

    def commit(self, rows: list[ParsedRow]) -> None:
        services.version_structure_import(
            actor=self.actor,
            version=self.version,
            rows=[
                services.StructureRow(
                    block=row[BLOCK],
                    module=row[MODULE],
                    module_code=row.get(CODE) or "",
                    topic=services.TopicData(name=row[TOPIC], **_periods(row)),
                )
                for row in rows
                if row.outcome.action == "create"
            ],
        )


def structure_import_run(
    *,
    upload: bytes | IO[bytes],
    filename: str,
    actor: Actor,
    version: ProgramVersion,
    dry_run: bool,
) -> ImportReport:
    """Dry-run or commit a structure sheet into one draft version."""
    return run_import(
        upload=upload,
        filename=filename,
        schema=structure_schema(),
        handler=StructureHandler(actor=actor, version=version),
        actor=actor,
        kind=KIND,
        scope_key=f"version:{version.pk}",
        school=version.program.school,
        dry_run=dry_run,
    )


def structure_template() -> bytes:
    return template_workbook(
        structure_schema(), title=_("CẤU TRÚC CHƯƠNG TRÌNH ĐÀO TẠO, BỒI DƯỠNG")
    )

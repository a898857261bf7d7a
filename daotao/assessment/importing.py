"""A score sheet from an XLSX file, through the core import framework: each row
matched to a line of the open sheet by learner code, else by name and date of
birth, checked against the rule set (marks for a learner barred from the exam are
refused, as on the grid), then saved with the grid service all at once or not at
all (a refused row writes nothing)."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import IO, Any

from django.utils.translation import gettext as _

from daotao.assessment import bars, rules, selectors, services
from daotao.assessment.models import Score, ScoreSheet
from daotao.core.actors import Actor
from daotao.core.importing import (
    DATE_OF_BIRTH,
    FULL_NAME,
    CellError,
    Column,
    ImportReport,
    ParsedRow,
    RowOutcome,
    Schema,
    date_of_birth_column,
    full_name_column,
    run_import,
    text_column,
)
from daotao.core.text import search_key

KIND = "assessment.scores"
CODE = "learner_code"
LABELS = {"attendance": "Chuyên cần", "test": "Kiểm tra", "exam": "Thi"}


def parse_score(value: Any) -> Decimal | None:
    """A mark from a number cell, or from text in ASCII digits with "," or "."
    (the grid's rule: "٣" or "３" is not a mark)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            raise CellError(rules.not_a_score_message(value))
        return Decimal(str(value))
    number = rules.score_of_text(str(value))
    if number is None:
        raise CellError(rules.not_a_score_message(value))
    return number


def score_schema() -> Schema:
    return Schema(
        columns=(
            full_name_column(),
            date_of_birth_column(required=False),
            text_column(CODE, _("Mã học viên"), (_("Mã học viên"), _("Mã HV"))),
            *(
                Column(
                    key=key,
                    label=_(label),
                    aliases=(_(label), _("Điểm %s") % _(label).lower()),
                    parser=parse_score,
                    required=False,
                    example="8,5",
                )
                for key, label in LABELS.items()
            ),
        )
    )


class ScoreSheetHandler:
    """Matches rows to the sheet's lines; commits through `scores_enter_grid`."""

    def __init__(self, *, actor: Actor, sheet: ScoreSheet) -> None:
        self.actor = actor
        self.sheet = sheet
        self.parameters = sheet.exam.rule_set.parameters
        self.seen: set[int] = set()

    def prepare(self, rows: list[ParsedRow]) -> None:
        lines = list(
            Score.objects.filter(sheet=self.sheet).select_related("enrollment__person")
        )
        self.by_code = {line.enrollment.learner_code.upper(): line for line in lines}
        self.bars = selectors.barred_learners(exam=self.sheet.exam)
        self.by_name: dict[tuple[str, Any], list[Score]] = {}
        for line in lines:
            person = line.enrollment.person
            key = (search_key(person.full_name), person.date_of_birth)
            self.by_name.setdefault(key, []).append(line)

    def _line(self, row: ParsedRow) -> Score | RowOutcome:
        if row.get(CODE):
            line = self.by_code.get(row[CODE].strip().upper())
            if line is None:
                return RowOutcome.refuse(
                    _("không có học viên mã này trong bảng điểm."), column=CODE
                )
            if search_key(line.enrollment.person.full_name) != search_key(
                row[FULL_NAME]
            ):
                return RowOutcome.refuse(
                    _("mã học viên là của %(name)s, khác tên trong tệp.")
                    % {"name": line.enrollment.person.full_name},
                    column=CODE,
                )
            return line
        matches = self.by_name.get((search_key(row[FULL_NAME]), row.get(DATE_OF_BIRTH)))
        if not matches:
            return RowOutcome.refuse(
                _("không có học viên trùng họ tên và ngày sinh trong bảng điểm."),
                column=FULL_NAME,
            )
        if len(matches) > 1:
            return RowOutcome.refuse(
                _("có nhiều học viên trùng họ tên và ngày sinh; hãy ghi mã học viên."),
                column=FULL_NAME,
            )
        return matches[0]

    def check(self, row: ParsedRow) -> RowOutcome:
        line = self._line(row)
        if isinstance(line, RowOutcome):
            return line
        if line.pk in self.seen:
            return RowOutcome.refuse(
                _("học viên này đã có ở một dòng trước."), column=FULL_NAME
            )
        self.seen.add(line.pk)
        bar = self.bars.get(line.enrollment_id)
        marked = [key for key in rules.COMPONENTS if row.get(key) is not None]
        if bar is not None and marked:
            return RowOutcome.refuse(
                bars.bar_message(line.enrollment.person.full_name, bar),
                column=marked[0],
            )
        errors = rules.component_errors(
            {key: row.get(key) for key in rules.COMPONENTS}, self.parameters
        )
        for key, message in errors.items():
            return RowOutcome.refuse(message, column=key)
        row.values["score"] = line
        return RowOutcome.match()

    def commit(self, rows: list[ParsedRow]) -> None:
        services.scores_enter_grid(
            actor=self.actor,
            sheet=self.sheet,
            rows=[
                services.GridRow(
                    score_id=row["score"].pk,
                    values={key: row.get(key) for key in rules.COMPONENTS}
                    | {"is_absent": row["score"].is_absent},
                    expected_version=row["score"].version,
                )
                for row in rows
            ],
        )


def scores_import_run(
    *,
    upload: bytes | IO[bytes],
    filename: str,
    actor: Actor,
    sheet: ScoreSheet,
    dry_run: bool,
) -> ImportReport:
    """Check (dry run) or import the file into the open sheet, all or nothing."""
    return run_import(
        upload=upload,
        filename=filename,
        schema=score_schema(),
        handler=ScoreSheetHandler(actor=actor, sheet=sheet),
        actor=actor,
        kind=KIND,
        scope_key=f"sheet:{sheet.pk}:v{sheet.version}",
        school=sheet.exam.cohort.school,
        dry_run=dry_run,
    )

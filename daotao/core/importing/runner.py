"""Running an import: parse every row, let the domain handler decide, commit.

The domain app gives a `Schema` and a handler:

    class NominationHandler:
        def prepare(self, rows: list[ParsedRow]) -> None: ...   # optional bulk lookups
        def check(self, row: ParsedRow) -> RowOutcome: ...      # decide; no writes
        def commit(self, rows: list[ParsedRow]) -> None: ...    # write, via services

A dry run parses and checks and never writes (it runs in a transaction that is
rolled back). A commit does the same inside one `transaction.atomic()`, then calls
`handler.commit` and records an `ImportBatch` only if no row is refused: a refused
row or an exception leaves nothing behind. The same file (sha256) imported again
into the same (kind, scope_key) changes nothing and says when it was imported.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any, Protocol

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from daotao.core.actors import Actor
from daotao.core.text import format_date

from .parsers import CellError, WithWarnings
from .reading import ImportFileError, Table, TableRow, read_table, read_upload
from .schema import Schema

logger = logging.getLogger(__name__)

__all__ = [
    "CREATE",
    "ERROR",
    "MATCH",
    "REFUSE",
    "WARNING",
    "ImportHandler",
    "ImportReport",
    "ParsedRow",
    "ReportRow",
    "RowMessage",
    "RowOutcome",
    "run_import",
    "template_workbook",
]

CREATE, MATCH, REFUSE = "create", "match", "refuse"
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class RowMessage:
    """A message about one cell or row: "Dòng 12, cột “Ngày sinh”: …"."""

    row: int
    column: str | None
    text: str
    level: str = ERROR
    code: str = ""

    def __str__(self) -> str:
        if self.column:
            return _("Dòng %(row)d, cột “%(column)s”: %(text)s") % {
                "row": self.row,
                "column": self.column,
                "text": self.text,
            }
        return _("Dòng %(row)d: %(text)s") % {"row": self.row, "text": self.text}


@dataclass
class ParsedRow:
    """A data row with parsed values by schema key, and its messages."""

    number: int
    values: dict[str, Any]
    labels: dict[str, str]
    errors: list[RowMessage] = field(default_factory=list)
    warnings: list[RowMessage] = field(default_factory=list)
    outcome: RowOutcome | None = None

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def _message(self, key: str | None, text: str, level: str, code: str) -> RowMessage:
        label = self.labels.get(key, key) if key else None
        return RowMessage(
            row=self.number, column=label, text=text, level=level, code=code
        )

    def add_error(self, key: str | None, text: str, *, code: str = "") -> None:
        message = self._message(key, text, ERROR, code)
        if message not in self.errors:
            self.errors.append(message)

    def add_warning(self, key: str | None, text: str, *, code: str = "") -> None:
        message = self._message(key, text, WARNING, code)
        if message not in self.warnings:
            self.warnings.append(message)

    def has_warning(self, key: str, code: str) -> bool:
        label = self.labels.get(key, key)
        return any(w.column == label and w.code == code for w in self.warnings)

    def drop_warning(self, key: str, code: str) -> None:
        label = self.labels.get(key, key)
        self.warnings = [
            w for w in self.warnings if not (w.column == label and w.code == code)
        ]


@dataclass(frozen=True)
class RowOutcome:
    """The handler's decision on a row; `column` is the schema key messages refer to."""

    action: str
    messages: tuple[str, ...] = ()
    column: str | None = None

    def __post_init__(self) -> None:
        if self.action not in (CREATE, MATCH, REFUSE):
            raise ValueError(f"unknown action {self.action!r}")

    @classmethod
    def create(cls, *messages: str, column: str | None = None) -> RowOutcome:
        return cls(CREATE, messages, column)

    @classmethod
    def match(cls, *messages: str, column: str | None = None) -> RowOutcome:
        return cls(MATCH, messages, column)

    @classmethod
    def refuse(cls, *messages: str, column: str | None = None) -> RowOutcome:
        return cls(REFUSE, messages, column)


class ImportHandler(Protocol):
    """What a domain app provides; `prepare` is optional."""

    def check(self, row: ParsedRow) -> RowOutcome: ...

    def commit(self, rows: list[ParsedRow]) -> None: ...


@dataclass(frozen=True)
class ReportRow:
    """One data row in the report: Excel row number, action, messages, values."""

    number: int
    action: str
    messages: tuple[RowMessage, ...]
    values: dict[str, Any]


@dataclass
class ImportReport:
    """Everything the user sees after a dry run or a commit."""

    filename: str
    kind: str
    scope_key: str
    is_dry_run: bool
    sha256: str = ""
    sheet_name: str = ""
    header_row: int | None = None
    table_end_row: int | None = None
    ignored_headers: tuple[str, ...] = ()
    file_errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    rows: list[ReportRow] = field(default_factory=list)
    is_committed: bool = False
    already_imported_at: datetime | None = None
    batch: Any = None

    @property
    def counts(self) -> dict[str, int]:
        counts = {CREATE: 0, MATCH: 0, REFUSE: 0}
        for row in self.rows:
            counts[row.action] += 1
        return counts

    @property
    def messages(self) -> list[RowMessage]:
        return [message for row in self.rows for message in row.messages]

    @property
    def errors(self) -> list[RowMessage]:
        return [m for m in self.messages if m.level == ERROR]

    @property
    def warnings(self) -> list[RowMessage]:
        return [m for m in self.messages if m.level == WARNING]

    @property
    def is_importable(self) -> bool:
        """True when a commit of this file would write (no file error, no refusal)."""
        return (
            not self.file_errors
            and self.already_imported_at is None
            and bool(self.rows)
            and self.counts[REFUSE] == 0
        )


# --- Parsing rows ----------------------------------------------------------------


def _parse_row(source: TableRow, schema: Schema) -> ParsedRow:
    row = ParsedRow(
        number=source.number,
        values={},
        labels={
            column.key: source.cells[column.key].label
            if column.key in source.cells
            else column.label
            for column in schema.columns
        },
    )
    for column in schema.columns:
        cell = source.cells.get(column.key)
        row.values[column.key] = None
        if cell is not None and cell.error:
            row.add_error(column.key, cell.error)
        elif cell is None or cell.value is None:
            if column.required:
                row.add_error(column.key, _("chưa có dữ liệu."))
        else:
            _parse_cell(row, column.key, column.parser, cell.value)
    if not row.errors:
        for check in schema.all_row_checks:
            check(row)
    return row


def _parse_cell(row: ParsedRow, key: str, parser: Any, raw: Any) -> None:
    try:
        value = parser(raw)
    except CellError as error:
        row.add_error(key, error.message)
        return
    if isinstance(value, WithWarnings):
        for warning in value.warnings:
            row.add_warning(key, warning.message, code=warning.code)
        value = value.value
    row.values[key] = value


def _check_natural_key(rows: Sequence[ParsedRow], schema: Schema) -> None:
    if not schema.natural_key:
        return
    first_seen: dict[tuple[Any, ...], int] = {}
    labels = ", ".join(f"“{schema.column(k).label}”" for k in schema.natural_key)
    for row in rows:
        key = tuple(row.values.get(k) for k in schema.natural_key)
        if any(part is None for part in key):
            continue
        if key in first_seen:
            row.add_error(
                schema.natural_key[0],
                _("trùng %(columns)s với dòng %(row)d.")
                % {"columns": labels, "row": first_seen[key]},
                code="duplicate_in_file",
            )
        else:
            first_seen[key] = row.number


def _decide(rows: list[ParsedRow], handler: Any) -> None:
    valid = [row for row in rows if not row.errors]
    prepare = getattr(handler, "prepare", None)
    if prepare is not None:
        prepare(valid)
    for row in rows:
        if row.errors:
            row.outcome = RowOutcome.refuse()
            continue
        outcome = handler.check(row)
        row.outcome = outcome
        add = row.add_error if outcome.action == REFUSE else row.add_warning
        for text in outcome.messages:
            add(outcome.column, text)
        if outcome.action == REFUSE and not outcome.messages:
            row.add_error(None, _("không nhập được dòng này."))


def _report_rows(rows: list[ParsedRow]) -> list[ReportRow]:
    return [
        ReportRow(
            number=row.number,
            action=row.outcome.action if row.outcome else REFUSE,
            messages=(*row.errors, *row.warnings),
            values=dict(row.values),
        )
        for row in rows
    ]


# --- Running ---------------------------------------------------------------------


def _already_imported(kind: str, scope_key: str, sha256: str) -> Any:
    from daotao.core.models import ImportBatch

    return ImportBatch.objects.filter(
        kind=kind, scope_key=scope_key, sha256=sha256
    ).first()


def _say_already_imported(report: ImportReport, batch: Any) -> None:
    moment = timezone.localtime(batch.committed_at)
    report.already_imported_at = batch.committed_at
    report.batch = batch
    report.notices.append(
        _("Tệp này đã được nhập lúc %(time)s ngày %(date)s; không có gì thay đổi.")
        % {"time": moment.strftime("%H:%M"), "date": format_date(moment)}
    )


def run_import(
    *,
    upload: bytes | IO[bytes] | Any,
    filename: str,
    schema: Schema,
    handler: Any,
    actor: Actor,
    kind: str,
    scope_key: str,
    school: Any = None,
    dry_run: bool,
    sheet_name: str | None = None,
) -> ImportReport:
    """Parse, check and (unless `dry_run`) commit the file all-or-nothing.

    File problems come back in `report.file_errors`, row problems on the rows;
    only an exception from the handler's own code propagates (nothing written).
    """
    report = ImportReport(
        filename=filename, kind=kind, scope_key=scope_key, is_dry_run=dry_run
    )
    try:
        data = read_upload(upload, filename=filename)
        report.sha256 = hashlib.sha256(data).hexdigest()
        previous = _already_imported(kind, scope_key, report.sha256)
        if previous is not None:
            _say_already_imported(report, previous)
            return report
        table = _table_read_once(
            data,
            sha256=report.sha256,
            filename=filename,
            schema=schema,
            sheet_name=sheet_name,
            keep=dry_run,
        )
    except ImportFileError as error:
        report.file_errors.extend(error.messages)
        return report
    _describe_table(report, table)
    try:
        with transaction.atomic():
            rows = _parsed_rows(table, schema, handler)
            report.rows = _report_rows(rows)
            if dry_run or not report.is_importable:
                transaction.set_rollback(True)
            else:
                handler.commit([row for row in rows if row.outcome.action != REFUSE])
                report.batch = _record_batch(report, actor=actor, school=school)
                report.is_committed = True
    except ValidationError as error:
        report.is_committed, report.batch = False, None
        report.file_errors.extend(error.messages)
    except IntegrityError:
        # Another request committed the same file meanwhile; else a real conflict.
        report.is_committed, report.batch = False, None
        previous = _already_imported(kind, scope_key, report.sha256)
        if previous is None:
            raise
        _say_already_imported(report, previous)
    if not dry_run and not report.is_committed and report.counts[REFUSE]:
        report.notices.append(
            _("Chưa ghi dòng nào vì có %d dòng lỗi; hãy sửa tệp rồi nhập lại.")
            % report.counts[REFUSE]
        )
    return report


# The table a dry run read is kept this long for the commit that usually follows
# (the same file, checked again against the database as it is then).
TABLE_KEPT_SECONDS = 30 * 60
_TABLE_FORMAT = 1  # raise when Table, TableRow or SourceCell change shape


def _table_key(
    sha256: str, filename: str, schema: Schema, sheet_name: str | None
) -> str:
    columns = repr(
        [(c.key, c.label, c.aliases, c.required) for c in schema.columns]
    ).encode()
    return ":".join(
        (
            f"import-table-{_TABLE_FORMAT}",
            sha256,
            hashlib.sha256(columns).hexdigest()[:16],
            filename.rsplit(".", 1)[-1].lower(),
            sheet_name or "",
            get_language() or "",
        )
    )


def _table_read_once(
    data: bytes,
    *,
    sha256: str,
    filename: str,
    schema: Schema,
    sheet_name: str | None,
    keep: bool,
) -> Table:
    """The file's table: read from `data`, or the one a dry run of the same bytes
    read for the same columns, so a commit does not read a large sheet again.
    Only the reading is kept; the rows are parsed and checked on every run."""
    key = _table_key(sha256, filename, schema, sheet_name)
    try:
        kept = cache.get(key)
    except Exception:  # a cache that is down or holds an older shape: read the file
        logger.warning("import table cache unreadable", exc_info=True)
        kept = None
    if isinstance(kept, Table):
        if not keep:
            cache.delete(key)
        return kept
    table = read_table(data, filename=filename, schema=schema, sheet_name=sheet_name)
    if keep:
        try:
            cache.set(key, table, TABLE_KEPT_SECONDS)
        except Exception:  # keeping it only saves time
            logger.warning("import table not kept", exc_info=True)
    return table


def _describe_table(report: ImportReport, table: Table) -> None:
    report.sheet_name = table.sheet_name
    report.header_row = table.header_row
    report.ignored_headers = table.ignored_headers
    report.table_end_row = table.end_row
    if table.end_notice:
        report.notices.append(table.end_notice)


def _parsed_rows(table: Table, schema: Schema, handler: Any) -> list[ParsedRow]:
    rows = [_parse_row(source, schema) for source in table.rows]
    _check_natural_key(rows, schema)
    _decide(rows, handler)
    return rows


def _record_batch(report: ImportReport, *, actor: Actor, school: Any) -> Any:
    from daotao.core.models import ImportBatch

    counts = report.counts
    return ImportBatch.objects.create(
        school=school,
        kind=report.kind,
        sha256=report.sha256,
        filename=report.filename[:255],
        scope_key=report.scope_key,
        actor=actor,
        row_count=len(report.rows),
        created_count=counts[CREATE],
        matched_count=counts[MATCH],
        summary={
            "sheet": report.sheet_name,
            "header_row": report.header_row,
            "counts": counts,
            "warnings": len(report.warnings),
            "ignored_headers": list(report.ignored_headers),
        },
    )


# --- Template --------------------------------------------------------------------

_TEMPLATE_TEXT_ROWS = 500
_TITLE_ROW, _HEADER_ROW, _NUMBER_ROW = 1, 3, 4


def template_workbook(schema: Schema, *, title: str) -> bytes:
    """An .xlsx to fill in: title, bold headers (first alias, "(*)" if required),
    the "(1) (2) …" row, examples as header comments, text-formatted ID columns,
    and a "Hướng dẫn" sheet listing every column."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Danh sách")
    headers = [_("STT"), *(_template_header(c) for c in schema.columns)]
    sheet.cell(row=_TITLE_ROW, column=1, value=title).font = Font(bold=True, size=14)
    sheet.merge_cells(
        start_row=_TITLE_ROW,
        start_column=1,
        end_row=_TITLE_ROW,
        end_column=len(headers),
    )
    for index, text in enumerate(headers, start=1):
        cell = sheet.cell(row=_HEADER_ROW, column=index, value=text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(
            horizontal="center", vertical="center", wrap_text=True
        )
        number = sheet.cell(row=_NUMBER_ROW, column=index, value=f"({index})")
        number.font = Font(italic=True)
        number.alignment = Alignment(horizontal="center")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = (
            6 if index == 1 else max(14, len(text) + 4)
        )
    for index, column in enumerate(schema.columns, start=2):
        if column.example:
            note = _("Ví dụ: %s") % column.example
            sheet.cell(row=_HEADER_ROW, column=index).comment = Comment(note, "DaoTao")
        # Text format keeps leading zeros of CCCD and phone numbers and stops
        # Excel from turning dates or long numbers into something else.
        for row in range(_NUMBER_ROW + 1, _NUMBER_ROW + 1 + _TEMPLATE_TEXT_ROWS):
            sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = sheet.cell(row=_NUMBER_ROW + 1, column=1)
    _guide_sheet(workbook, schema)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _template_header(column: Any) -> str:
    return (
        f"{column.template_header} (*)" if column.required else column.template_header
    )


def _guide_sheet(workbook: Workbook, schema: Schema) -> None:
    guide = workbook.create_sheet(_("Hướng dẫn"))
    heading = (_("Cột"), _("Bắt buộc"), _("Ví dụ"), _("Tên cột khác được chấp nhận"))
    for index, text in enumerate(heading, start=1):
        guide.cell(row=1, column=index, value=text).font = Font(bold=True)
    for row, column in enumerate(schema.columns, start=2):
        guide.cell(row=row, column=1, value=column.template_header)
        guide.cell(row=row, column=2, value=_("Có") if column.required else _("Không"))
        guide.cell(row=row, column=3, value=column.example)
        guide.cell(row=row, column=4, value="; ".join(column.aliases[1:]))
    for letter, width in zip("ABCD", (28, 10, 20, 60), strict=True):
        guide.column_dimensions[letter].width = width

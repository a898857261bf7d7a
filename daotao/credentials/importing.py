"""The school's old registers (sổ gốc cấp văn bằng, chứng chỉ) as an Excel/CSV
sheet, through the core import framework: each row a credential issued before
DaoTao, entered as an issued credential of its year so the public look-up by số
hiệu and date of birth answers for it (docs/adr/0019). A row whose số hiệu is
already in the register for the same holder is left as it is."""

from __future__ import annotations

from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import home_school_id
from daotao.core.actors import Actor
from daotao.core.importing import (
    DATE_OF_BIRTH,
    FULL_NAME,
    SEX,
    CellError,
    Column,
    ImportReport,
    ParsedRow,
    RowOutcome,
    Schema,
    SchoolSheetHandler,
    date_of_birth_column,
    full_name_column,
    name_key,
    parse_date,
    parse_integer,
    parse_text,
    run_import,
    sex_column,
    template_workbook,
    text_column,
)
from daotao.core.importing.parsers import display_value, parse_choice
from daotao.core.text import format_date
from daotao.credentials import services
from daotao.credentials.models import Credential, Kind
from daotao.credentials.services.historical import IMPORT
from daotao.org.models import School

KIND = "credentials.historical"
CREDENTIAL_KIND, PROGRAMME, CLASS_NAME = "kind", "programme", "class_name"
CLASSIFICATION, SERIAL, ENTRY = "classification", "serial", "entry_number"
DECISION_NUMBER, DECISION_DATE = "decision_number", "decision_date"
ISSUED_ON, SIGNER = "issued_on", "signer"

_KIND_WORDS = {
    Kind.DIPLOMA: (
        "bang",
        "bang tot nghiep",
        "bang tot nghiep trung cap ly luan chinh tri",
        "bang tot nghiep trung cap llct",
        "bang trung cap",
        "van bang",
    ),
    Kind.CERTIFICATE: ("chung chi", "chung chi boi duong", "cc"),
    Kind.COMPLETION: ("giay chung nhan", "gcn", "chung nhan"),
}


def parse_kind(value: Any) -> str | None:
    return parse_choice(
        value,
        _KIND_WORDS,
        refusal=_(
            "không nhận ra loại văn bằng '%s'; hãy ghi: Bằng, Chứng chỉ hoặc "
            "Giấy chứng nhận."
        ),
    )


def parse_serial(value: Any) -> str | None:
    """The số hiệu as printed, without spaces, in capitals (as the look-up reads)."""
    text = parse_text(value)
    if text is None:
        return None
    serial = "".join(text.split()).upper()
    if len(serial) > 40:
        raise CellError(_("số hiệu dài quá 40 ký tự."))
    return serial


def parse_entry(value: Any) -> int | None:
    number = parse_integer(value)
    if number is not None and number <= 0:
        raise CellError(_("số vào sổ '%s' phải lớn hơn 0.") % display_value(value))
    return number


def _date_column(key: str, label: str, aliases: tuple[str, ...], **kw: Any) -> Column:
    return Column(
        key=key,
        label=label,
        aliases=aliases,
        parser=parse_date,
        example="15/06/2012",
        **kw,
    )


def historical_schema() -> Schema:
    return Schema(
        columns=(
            full_name_column(),
            date_of_birth_column(),
            sex_column(required=False),
            Column(
                key=CREDENTIAL_KIND,
                label=_("Loại văn bằng"),
                aliases=(_("Loại văn bằng"), _("Loại"), _("Văn bằng, chứng chỉ")),
                parser=parse_kind,
                example=_("Bằng"),
            ),
            text_column(
                PROGRAMME,
                _("Chương trình"),
                (
                    _("Chương trình"),
                    _("Chương trình đào tạo, bồi dưỡng"),
                    _("Chương trình đào tạo"),
                    _("Ngành học"),
                ),
                required=True,
                example=_("Trung cấp lý luận chính trị"),
            ),
            text_column(
                CLASS_NAME,
                _("Lớp"),
                (_("Lớp"), _("Tên lớp"), _("Khóa, lớp")),
                max_length=120,
                example="TC45-2012",
            ),
            text_column(
                CLASSIFICATION,
                _("Xếp loại"),
                (_("Xếp loại"), _("Xếp loại tốt nghiệp"), _("Loại tốt nghiệp")),
                max_length=80,
                example=_("Khá"),
            ),
            Column(
                key=SERIAL,
                label=_("Số hiệu"),
                aliases=(_("Số hiệu"), _("Số hiệu văn bằng"), _("Số hiệu bằng")),
                parser=parse_serial,
                example="A012345",
            ),
            Column(
                key=ENTRY,
                label=_("Số vào sổ"),
                aliases=(_("Số vào sổ"), _("Số vào sổ cấp bằng"), _("Vào sổ số")),
                parser=parse_entry,
                example="125",
            ),
            text_column(
                DECISION_NUMBER,
                _("Số quyết định"),
                (_("Số quyết định"), _("Quyết định số"), _("Số QĐ")),
                max_length=64,
                example="245/QĐ-TCT",
            ),
            _date_column(
                DECISION_DATE,
                _("Ngày quyết định"),
                (_("Ngày quyết định"), _("Ngày QĐ")),
                required=False,
            ),
            _date_column(ISSUED_ON, _("Ngày cấp"), (_("Ngày cấp"), _("Ngày ký"))),
            text_column(
                SIGNER,
                _("Người ký"),
                (_("Người ký"), _("Người ký bằng")),
                max_length=200,
                example="Nguyễn Văn B",
            ),
        ),
        natural_key=(CREDENTIAL_KIND, SERIAL),
    )


class HistoricalHandler(SchoolSheetHandler):
    """Decides each row against the school's register: a số hiệu already there is
    the same credential (same holder and date of birth) or a conflict."""

    def __init__(self, *, actor: Actor, school_id: int | None, filename: str) -> None:
        super().__init__(actor=actor, school_id=school_id)
        self.filename = filename
        self.created: list[Credential] = []

    def prepare(self, rows: list[ParsedRow]) -> None:
        serials = {row[SERIAL] for row in rows}
        years = {row[ISSUED_ON].year for row in rows}
        existing = Credential.objects.filter(school_id=self.school_id)
        self.serials = {
            (kind, serial): (key, born)
            for kind, serial, key, born in existing.filter(
                serial__in=serials
            ).values_list("kind", "serial", "holder_search_key", "holder_date_of_birth")
        }
        self.entries = set(
            existing.filter(register__year__in=years).values_list(
                "kind", "register__year", "entry_number"
            )
        )
        self.today = timezone.localdate()

    def check_row(self, row: ParsedRow) -> RowOutcome:
        kind, issued = row[CREDENTIAL_KIND], row[ISSUED_ON]
        held = self.serials.get((kind, row[SERIAL]))
        if held is not None:
            if held == (name_key(row[FULL_NAME]), row[DATE_OF_BIRTH]):
                return RowOutcome.match(_("đã có trong sổ gốc; giữ nguyên."))
            return RowOutcome.refuse(
                _("số hiệu %s đã cấp cho người khác.") % row[SERIAL], column=SERIAL
            )
        if issued > self.today:
            return RowOutcome.refuse(
                _("ngày cấp %s ở tương lai.") % format_date(issued), column=ISSUED_ON
            )
        if issued <= row[DATE_OF_BIRTH]:
            return RowOutcome.refuse(_("ngày cấp trước ngày sinh."), column=ISSUED_ON)
        decided = row.get(DECISION_DATE)
        if decided is not None and decided > issued:
            return RowOutcome.refuse(
                _("ngày quyết định %s sau ngày cấp.") % format_date(decided),
                column=DECISION_DATE,
            )
        entry = (kind, issued.year, row[ENTRY])
        if entry in self.entries:
            return RowOutcome.refuse(
                _("số vào sổ %(entry)d của sổ năm %(year)d đã có văn bằng khác.")
                % {"entry": row[ENTRY], "year": issued.year},
                column=ENTRY,
            )
        self.entries.add(entry)
        return RowOutcome.create()

    def commit(self, rows: list[ParsedRow]) -> None:
        new = [row for row in rows if row.outcome.action == "create"]
        self.created = services.historical_credentials_import(
            actor=self.actor,
            school_id=self.school_id,
            filename=self.filename,
            credentials=[self._line(row) for row in new],
        )

    def _line(self, row: ParsedRow) -> services.HistoricalCredential:
        return services.HistoricalCredential(
            kind=row[CREDENTIAL_KIND],
            holder_name=row[FULL_NAME],
            holder_date_of_birth=row[DATE_OF_BIRTH],
            holder_sex=row.get(SEX) or "",
            programme_name=row[PROGRAMME],
            class_name=row.get(CLASS_NAME) or "",
            classification_label=row.get(CLASSIFICATION) or "",
            serial=row[SERIAL],
            entry_number=row[ENTRY],
            decision_number=row.get(DECISION_NUMBER) or "",
            decision_date=row.get(DECISION_DATE),
            issued_on=row[ISSUED_ON],
            signer=row.get(SIGNER) or "",
        )


def historical_import_run(
    *,
    upload: bytes | IO[bytes],
    filename: str,
    actor: Actor,
    dry_run: bool,
) -> ImportReport:
    """Dry-run or commit an old register into the actor's school; the committed
    credentials point at the import's batch (file, importer, time)."""
    school_id = home_school_id(actor, IMPORT)
    handler = HistoricalHandler(actor=actor, school_id=school_id, filename=filename)
    with transaction.atomic():
        report = run_import(
            upload=upload,
            filename=filename,
            schema=historical_schema(),
            handler=handler,
            actor=actor,
            kind=KIND,
            scope_key=f"school:{school_id}",
            school=school_id and _school(school_id),
            dry_run=dry_run,
        )
        if report.is_committed and handler.created:
            Credential.objects.filter(
                school_id=school_id, imported_from=filename[:255], import_batch=None
            ).update(import_batch=report.batch)
    return report


def _school(school_id: int) -> Any:
    return School.objects.get(pk=school_id)


def historical_template() -> bytes:
    return template_workbook(
        historical_schema(), title=_("SỔ GỐC CẤP VĂN BẰNG, CHỨNG CHỈ (NHẬP TỪ SỔ CŨ)")
    )

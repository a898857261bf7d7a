"""The province's sending agencies as an Excel/CSV sheet, through the core import
framework. An agency already in the school's list (same name) is left as it is; a
new one is created with its parent, its commune or ward and the names it had
before the 2025 reorganisation, so old records written with those names map to
it. A predecessor name not yet in the list becomes a past (dissolved) agency."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.core.importing import (
    CellError,
    Column,
    ParsedRow,
    RowOutcome,
    Schema,
    SchoolSheetHandler,
    name_key,
    parse_date,
    parse_text,
    text_column,
)
from daotao.core.importing.parsers import parse_choice
from daotao.core.text import format_date, normalize
from daotao.org.models import Agency, Area
from daotao.org.school_import import SchoolImport

KIND = "org.agencies"
IMPORT = "org.import_agency"
NAME, SHORT_NAME, AGENCY_KIND, LEVEL = "name", "short_name", "kind", "level"
PARENT, AREA, PREDECESSORS = "parent", "area", "predecessors"
VALID_FROM, VALID_TO = "valid_from", "valid_to"

_KIND_WORDS = {
    Agency.Kind.PARTY: ("co quan dang", "dang", "khoi dang"),
    Agency.Kind.GOVERNMENT: (
        "co quan chinh quyen",
        "chinh quyen",
        "co quan nha nuoc",
        "khoi chinh quyen",
    ),
    Agency.Kind.FRONT: (
        "mat tran to quoc doan the",
        "mat tran",
        "doan the",
        "mttq",
        "mat tran doan the",
    ),
    Agency.Kind.PUBLIC_SERVICE: ("don vi su nghiep", "su nghiep"),
    Agency.Kind.ARMED_FORCES: ("luc luong vu trang", "vu trang", "llvt"),
    Agency.Kind.ENTERPRISE: ("doanh nghiep nha nuoc", "doanh nghiep"),
    Agency.Kind.OTHER: ("khac",),
}
_LEVEL_WORDS = {
    Agency.Level.PROVINCE: ("cap tinh", "tinh", "thanh pho", "tinh thanh pho"),
    Agency.Level.DISTRICT: ("cap huyen", "huyen", "quan", "thi xa"),
    Agency.Level.COMMUNE: ("cap xa", "xa", "phuong", "dac khu", "xa phuong"),
}


def parse_kind(value: Any) -> str | None:
    return parse_choice(
        value,
        _KIND_WORDS,
        refusal=_(
            "không nhận ra loại '%s'; hãy ghi: Cơ quan Đảng, Cơ quan chính quyền, "
            "Mặt trận, đoàn thể, Đơn vị sự nghiệp, Lực lượng vũ trang, Doanh "
            "nghiệp nhà nước hoặc Khác."
        ),
    )


def parse_level(value: Any) -> str | None:
    return parse_choice(
        value,
        _LEVEL_WORDS,
        refusal=_("không nhận ra cấp '%s'; hãy ghi: Cấp tỉnh, Cấp huyện hoặc Cấp xã."),
    )


def parse_names(value: Any) -> tuple[str, ...] | None:
    """Names separated by ";" or new lines (a name itself may hold commas)."""
    text = parse_text(value)
    if text is None:
        return None
    names = tuple(
        normalize(part) for part in text.replace("\n", ";").split(";") if part.strip()
    )
    if any(len(name) > 255 for name in names):
        raise CellError(_("có tên dài quá 255 ký tự."))
    return names


def agency_schema() -> Schema:
    return Schema(
        columns=(
            text_column(
                NAME,
                _("Tên cơ quan, đơn vị"),
                (_("Tên cơ quan, đơn vị"), _("Tên cơ quan"), _("Cơ quan, đơn vị")),
                required=True,
                example=_("Đảng ủy xã Đông Sơn"),
            ),
            text_column(
                SHORT_NAME,
                _("Tên viết tắt"),
                (_("Tên viết tắt"), _("Viết tắt")),
                max_length=64,
            ),
            Column(
                key=AGENCY_KIND,
                label=_("Loại"),
                aliases=(_("Loại"), _("Loại cơ quan"), _("Khối")),
                parser=parse_kind,
                example=_("Cơ quan Đảng"),
            ),
            Column(
                key=LEVEL,
                label=_("Cấp"),
                aliases=(_("Cấp"), _("Cấp hành chính")),
                parser=parse_level,
                example=_("Cấp xã"),
            ),
            text_column(
                PARENT,
                _("Cơ quan cấp trên"),
                (_("Cơ quan cấp trên"), _("Trực thuộc"), _("Cơ quan chủ quản")),
                example=_("Tỉnh ủy Thanh Hóa"),
            ),
            text_column(
                AREA,
                _("Xã, phường"),
                (
                    _("Xã, phường"),
                    _("Xã/phường"),
                    _("Địa bàn"),
                    _("Xã, phường, đặc khu"),
                ),
                max_length=120,
                example=_("Đông Sơn"),
            ),
            Column(
                key=PREDECESSORS,
                label=_("Tên cũ trước sắp xếp"),
                aliases=(
                    _("Tên cũ trước sắp xếp"),
                    _("Tên trước sắp xếp"),
                    _("Cơ quan trước sắp xếp"),
                    _("Tên cũ"),
                ),
                parser=parse_names,
                required=False,
                example=_("Huyện ủy Đông Sơn; Đảng ủy thị trấn Rừng Thông"),
            ),
            Column(
                key=VALID_FROM,
                label=_("Hiệu lực từ"),
                aliases=(_("Hiệu lực từ"), _("Thành lập ngày")),
                parser=parse_date,
                required=False,
                example="01/07/2025",
            ),
            Column(
                key=VALID_TO,
                label=_("Hiệu lực đến"),
                aliases=(_("Hiệu lực đến"), _("Giải thể ngày")),
                parser=parse_date,
                required=False,
            ),
        ),
        natural_key=(NAME,),
    )


class AgencyHandler(SchoolSheetHandler):
    """Decides each row against the school's agencies (matched by name)."""

    def prepare(self, rows: list[ParsedRow]) -> None:
        agencies = Agency.objects.filter(school=self.school) if self.school else []
        self.existing = {a.search_key: a.pk for a in agencies}
        self.in_file = {name_key(row[NAME]): row for row in rows}
        self.areas: dict[str, int] = {}
        if self.school is not None:
            for area in Area.objects.filter(parent_id=self.school.province_id):
                self.areas.setdefault(name_key(area.name), area.pk)
                self.areas.setdefault(name_key(f"{area.kind} {area.name}"), area.pk)

    def check_row(self, row: ParsedRow) -> RowOutcome:
        if name_key(row[NAME]) in self.existing:
            return RowOutcome.match(_("đã có trong danh sách; giữ nguyên."))
        parent = row.get(PARENT)
        if parent:
            if name_key(parent) == name_key(row[NAME]):
                return RowOutcome.refuse(
                    _("cơ quan không thể là cấp trên của chính nó."), column=PARENT
                )
            if (
                name_key(parent) not in self.existing
                and name_key(parent) not in self.in_file
            ):
                return RowOutcome.refuse(
                    _(
                        "không có cơ quan '%s' trong danh sách hay trong tệp; hãy "
                        "thêm dòng cho cơ quan cấp trên."
                    )
                    % parent,
                    column=PARENT,
                )
            if self._loops(row):
                return RowOutcome.refuse(
                    _("cơ quan cấp trên vòng lại chính cơ quan này."), column=PARENT
                )
        area = row.get(AREA)
        if area and name_key(area) not in self.areas:
            return RowOutcome.refuse(
                _("không có xã, phường '%s' trong tỉnh của trường.") % area,
                column=AREA,
            )
        start, end = row.get(VALID_FROM), row.get(VALID_TO)
        if start and end and end < start:
            return RowOutcome.refuse(
                _("hiệu lực đến %s trước hiệu lực từ.") % format_date(end),
                column=VALID_TO,
            )
        for old in row.get(PREDECESSORS) or ():
            if name_key(old) == name_key(row[NAME]):
                return RowOutcome.refuse(
                    _("tên cũ trùng tên hiện nay."), column=PREDECESSORS
                )
        return RowOutcome.create()

    def _loops(self, row: ParsedRow) -> bool:
        seen = {name_key(row[NAME])}
        current = row
        while current is not None and current.get(PARENT):
            parent = name_key(current[PARENT])
            if parent in seen:
                return True
            seen.add(parent)
            current = self.in_file.get(parent) if parent not in self.existing else None
        return False

    def commit(self, rows: list[ParsedRow]) -> None:
        from daotao.org import services

        services.agencies_import(
            actor=self.actor,
            school=self.school,
            agencies=[
                services.AgencyData(
                    name=row[NAME],
                    short_name=row.get(SHORT_NAME) or "",
                    kind=row[AGENCY_KIND],
                    level=row[LEVEL],
                    parent_name=row.get(PARENT) or "",
                    area_id=self.areas.get(name_key(row[AREA]))
                    if row.get(AREA)
                    else None,
                    predecessor_names=tuple(row.get(PREDECESSORS) or ()),
                    valid_from=row.get(VALID_FROM),
                    valid_to=row.get(VALID_TO),
                )
                for row in rows
                if row.outcome.action == "create"
            ],
        )


TITLE = gettext_lazy("DANH SÁCH CƠ QUAN CỬ ĐI HỌC")
AGENCIES = SchoolImport(IMPORT, KIND, agency_schema, AgencyHandler, TITLE)
agencies_import_run, agencies_template = AGENCIES.run, AGENCIES.template

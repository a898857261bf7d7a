"""The school's sites and rooms as one Excel/CSV sheet, through the core import
framework: one row per room, naming its site. A site not yet in the school's list
is created with the first address the sheet gives it, so a school with two or
three campuses fills in one sheet instead of two (a separate sites sheet would be
a second upload for three rows). A room already at its site (same name) with the
same kind and capacity is left as it is; one with another kind or capacity is
refused, since a change to a room goes through its page and the checks of the
apps that book it (org.rooms)."""

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
    parse_integer,
    text_column,
)
from daotao.core.importing.parsers import display_value, parse_choice
from daotao.org.models import Room, Site
from daotao.org.school_import import SchoolImport

KIND = "org.rooms"
IMPORT = "org.manage_room"
SITE, SITE_KIND, ADDRESS = "site", "site_kind", "address"
ROOM, ROOM_KIND, CAPACITY, NOTE = "room", "room_kind", "capacity", "note"

_ROOM_WORDS = {
    Room.Kind.CLASSROOM: ("phong hoc", "lop hoc", "phong"),
    Room.Kind.HALL: ("hoi truong", "giang duong"),
    Room.Kind.DISCUSSION: ("phong thao luan", "thao luan"),
    Room.Kind.COMPUTER: ("phong may tinh", "may tinh", "phong tin hoc"),
    Room.Kind.OTHER: ("khac",),
}
_SITE_WORDS = {
    Site.Kind.CAMPUS: ("co so cua truong", "co so", "trong truong", "truong"),
    Site.Kind.OFF_SITE: ("dia diem ngoai truong", "ngoai truong", "lien ket"),
}


def parse_room_kind(value: Any) -> str | None:
    return parse_choice(
        value,
        _ROOM_WORDS,
        refusal=_(
            "không nhận ra loại phòng '%s'; hãy ghi: Phòng học, Hội trường, Phòng "
            "thảo luận, Phòng máy tính hoặc Khác."
        ),
    )


def parse_site_kind(value: Any) -> str | None:
    return parse_choice(
        value,
        _SITE_WORDS,
        refusal=_(
            "không nhận ra loại địa điểm '%s'; hãy ghi: Cơ sở của Trường hoặc "
            "Địa điểm ngoài Trường."
        ),
    )


def parse_capacity(value: Any) -> int | None:
    """Seats: a whole number from 1 to 2,000."""
    number = parse_integer(value)
    if number is not None and not 1 <= number <= 2000:
        raise CellError(_("sức chứa '%s' phải từ 1 đến 2000.") % display_value(value))
    return number


def room_schema() -> Schema:
    return Schema(
        columns=(
            text_column(
                SITE,
                _("Địa điểm"),
                (_("Địa điểm"), _("Cơ sở"), _("Địa điểm học")),
                required=True,
                max_length=200,
                example=_("Cơ sở 1"),
            ),
            Column(
                key=SITE_KIND,
                label=_("Loại địa điểm"),
                aliases=(_("Loại địa điểm"),),
                parser=parse_site_kind,
                required=False,
                example=_("Cơ sở của Trường"),
            ),
            text_column(
                ADDRESS,
                _("Địa chỉ địa điểm"),
                (_("Địa chỉ địa điểm"), _("Địa chỉ")),
                max_length=300,
                example=_("Số 1 đường Lê Lợi, phường Hạc Thành"),
            ),
            text_column(
                ROOM,
                _("Tên phòng"),
                (_("Tên phòng"), _("Phòng"), _("Phòng học")),
                required=True,
                max_length=100,
                example=_("Phòng 201"),
            ),
            Column(
                key=ROOM_KIND,
                label=_("Loại phòng"),
                aliases=(_("Loại phòng"),),
                parser=parse_room_kind,
                required=False,
                example=_("Phòng học"),
            ),
            Column(
                key=CAPACITY,
                label=_("Sức chứa"),
                aliases=(_("Sức chứa"), _("Số chỗ ngồi"), _("Số chỗ")),
                parser=parse_capacity,
                example="60",
            ),
            text_column(
                NOTE,
                _("Trang thiết bị, ghi chú"),
                (_("Trang thiết bị, ghi chú"), _("Trang thiết bị"), _("Ghi chú")),
                example=_("Máy chiếu, âm thanh"),
            ),
        ),
        natural_key=(SITE, ROOM),
    )


def _room_kind(row: ParsedRow) -> str:
    return row.get(ROOM_KIND) or Room.Kind.CLASSROOM


class RoomHandler(SchoolSheetHandler):
    """Decides each row against the school's sites (by name) and their rooms."""

    def prepare(self, rows: list[ParsedRow]) -> None:
        sites = Site.objects.filter(school=self.school) if self.school else []
        self.sites = {name_key(site.name): site for site in sites}
        self.rooms = {
            (name_key(room.site.name), room.search_key): room
            for room in Room.objects.filter(site__in=list(self.sites.values()))
            .select_related("site")
            .only("site__name", "search_key", "kind", "capacity")
        }
        # A new site's address and kind: the first row that gives them.
        self.new_sites: dict[str, tuple[str, str]] = {}
        for row in rows:
            site = name_key(row[SITE])
            if site not in self.sites and site not in self.new_sites:
                self.new_sites[site] = (row.get(ADDRESS) or "", row.get(SITE_KIND))

    def check_row(self, row: ParsedRow) -> RowOutcome:
        site = name_key(row[SITE])
        if site in self.new_sites:
            address, kind = self.new_sites[site]
            if row.get(ADDRESS) and row[ADDRESS] != address:
                return RowOutcome.refuse(
                    _("địa điểm mới '%s' có hai địa chỉ khác nhau trong tệp.")
                    % row[SITE],
                    column=ADDRESS,
                )
            if row.get(SITE_KIND) and row[SITE_KIND] != kind:
                return RowOutcome.refuse(
                    _("địa điểm mới '%s' có hai loại khác nhau trong tệp.") % row[SITE],
                    column=SITE_KIND,
                )
        existing = self.rooms.get((site, name_key(row[ROOM])))
        if existing is None:
            return RowOutcome.create()
        if (existing.kind, existing.capacity) != (_room_kind(row), row[CAPACITY]):
            return RowOutcome.refuse(
                _(
                    "phòng đã có với sức chứa %(capacity)d, loại “%(kind)s”; hãy sửa "
                    "trên trang phòng học."
                )
                % {"capacity": existing.capacity, "kind": existing.get_kind_display()},
                column=CAPACITY,
            )
        return RowOutcome.match(_("đã có phòng này; giữ nguyên."))

    def commit(self, rows: list[ParsedRow]) -> None:
        from daotao.org import services

        services.rooms_import(
            actor=self.actor,
            school=self.school,
            rooms=[
                services.RoomData(
                    site_name=row[SITE],
                    site_kind=self.new_sites.get(name_key(row[SITE]), ("", None))[1]
                    or Site.Kind.CAMPUS,
                    site_address=self.new_sites.get(name_key(row[SITE]), ("", None))[0],
                    name=row[ROOM],
                    kind=_room_kind(row),
                    capacity=row[CAPACITY],
                    note=row.get(NOTE) or "",
                )
                for row in rows
                if row.outcome.action == "create"
            ],
        )


TITLE = gettext_lazy("DANH SÁCH ĐỊA ĐIỂM VÀ PHÒNG HỌC")
ROOMS = SchoolImport(IMPORT, KIND, room_schema, RoomHandler, TITLE)
rooms_import_run, rooms_template = ROOMS.run, ROOMS.template

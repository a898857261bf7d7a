"""A conference's delegate list as an Excel/CSV sheet, through the core import
framework: each row names its delegation (the invited organisation) and is added
all at once or not at all. A row already in the list (same name in the same
delegation) is reported and left as is, so a corrected sheet can be sent again."""

from __future__ import annotations

import datetime
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.actors import Actor
from daotao.core.importing import (
    EMAIL,
    FULL_NAME,
    PHONE,
    CellError,
    Column,
    ImportReport,
    ParsedRow,
    RowOutcome,
    Schema,
    email_column,
    full_name_column,
    parse_date,
    parse_integer,
    parse_text,
    phone_column,
    run_import,
    template_workbook,
    text_column,
)
from daotao.core.importing.parsers import display_value, parse_choice
from daotao.core.text import search_key
from daotao.research import services
from daotao.research.models import Conference, Delegate

KIND = "research.delegates"
POSITION, DELEGATION, ROLE = "position", "delegation", "role"
ARRIVES, DEPARTS, LODGING, MEALS = "arrives_at", "departs_at", "lodging", "meals"

_ROLE_WORDS = {
    Delegate.Role.LEADER: ("truong doan", "doan truong"),
    Delegate.Role.GUEST: ("khach moi", "khach"),
    Delegate.Role.SPEAKER: ("bao cao vien", "tham luan", "dien gia"),
    Delegate.Role.DELEGATE: ("dai bieu", "thanh vien"),
}


def parse_role(value: Any) -> str | None:
    return parse_choice(
        value,
        _ROLE_WORDS,
        refusal=_(
            "không nhận ra vai trò '%s'; hãy ghi: Trưởng đoàn, Khách mời, "
            "Báo cáo viên hoặc Đại biểu."
        ),
    )


def parse_moment(value: Any) -> datetime.datetime | None:
    """A date and time ("07/04/2014 07:30"), or a date alone (taken as 07:00)."""
    if isinstance(value, datetime.datetime):
        moment = value
    else:
        text = parse_text(value)
        if text is None:
            return None
        day, _sep, clock = text.partition(" ")
        date = parse_date(day)
        try:
            hour, minute = (
                (int(p) for p in clock.strip().lower().replace("h", ":").split(":"))
                if clock.strip()
                else (7, 0)
            )
            moment = datetime.datetime(date.year, date.month, date.day, hour, minute)
        except ValueError as error:
            raise CellError(
                _("không đọc được giờ '%s'; hãy ghi dạng dd/mm/yyyy hh:mm.")
                % display_value(value)
            ) from error
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def delegate_schema() -> Schema:
    return Schema(
        columns=(
            full_name_column(),
            text_column(
                POSITION,
                _("Chức danh, chức vụ"),
                (_("Chức danh, chức vụ"), _("Chức vụ"), _("Chức danh")),
                max_length=300,
                example=_("Phó Hiệu trưởng"),
            ),
            Column(
                key=DELEGATION,
                label=_("Đoàn"),
                aliases=(_("Đoàn"), _("Cơ quan, đơn vị"), _("Đơn vị"), _("Cơ quan")),
                parser=parse_text,
                required=True,
                example=_("Trường Chính trị tỉnh Nghệ An"),
            ),
            Column(
                key=ROLE,
                label=_("Vai trò"),
                aliases=(_("Vai trò"), _("Thành phần")),
                parser=parse_role,
                required=False,
                example=_("Đại biểu"),
            ),
            email_column(),
            phone_column(),
            Column(
                key=ARRIVES,
                label=_("Thời gian đến"),
                aliases=(_("Thời gian đến"), _("Ngày đến")),
                parser=parse_moment,
                required=False,
                example="06/04/2014 15:00",
            ),
            Column(
                key=DEPARTS,
                label=_("Thời gian về"),
                aliases=(_("Thời gian về"), _("Ngày về")),
                parser=parse_moment,
                required=False,
                example="07/04/2014 17:00",
            ),
            text_column(
                LODGING,
                _("Nơi nghỉ"),
                (_("Nơi nghỉ"), _("Lưu trú")),
                max_length=300,
                example=_("Nhà khách Trường"),
            ),
            Column(
                key=MEALS,
                label=_("Số suất ăn"),
                aliases=(_("Số suất ăn"), _("Suất ăn")),
                parser=parse_integer,
                required=False,
                example="2",
            ),
        ),
        natural_key=(FULL_NAME, DELEGATION),
    )


class DelegateHandler:
    """Decides each row against the conference's delegations and delegates."""

    def __init__(self, *, actor: Actor, conference: Conference) -> None:
        self.actor = actor
        self.conference = conference

    def prepare(self, rows: list[ParsedRow]) -> None:
        self.delegations = {
            search_key(d.organisation.name): d
            for d in self.conference.delegations.select_related("organisation")
        }
        self.existing = set(
            self.conference.delegates.values_list("delegation_id", "search_key")
        )
        self.leaders = set(
            self.conference.delegates.filter(role=Delegate.Role.LEADER).values_list(
                "delegation_id", flat=True
            )
        )

    def check(self, row: ParsedRow) -> RowOutcome:
        delegation = self.delegations.get(search_key(row[DELEGATION]))
        if delegation is None:
            return RowOutcome.refuse(
                _(
                    "không có đoàn '%s' trong hội thảo; hãy thêm đoàn trước hoặc "
                    "ghi đúng tên cơ quan."
                )
                % row[DELEGATION],
                column=DELEGATION,
            )
        if (delegation.pk, search_key(row[FULL_NAME])) in self.existing:
            return RowOutcome.match(_("đã có trong danh sách đại biểu; giữ nguyên."))
        if row.get(ROLE) == Delegate.Role.LEADER:
            if delegation.pk in self.leaders:
                return RowOutcome.refuse(
                    _("đoàn %s đã có trưởng đoàn.") % delegation.organisation.name,
                    column=ROLE,
                )
            self.leaders.add(delegation.pk)
        arrives, departs = row.get(ARRIVES), row.get(DEPARTS)
        if arrives and departs and departs < arrives:
            return RowOutcome.refuse(
                _("thời gian về trước thời gian đến."), column=DEPARTS
            )
        return RowOutcome.create()

    def commit(self, rows: list[ParsedRow]) -> None:
        new = [
            row
            for row in rows
            if (
                self.delegations[search_key(row[DELEGATION])].pk,
                search_key(row[FULL_NAME]),
            )
            not in self.existing
        ]
        services.delegates_import(
            actor=self.actor,
            conference=self.conference,
            rows=[self._data(row) for row in new],
        )

    def _data(self, row: ParsedRow) -> services.DelegateData:
        lodging = row.get(LODGING) or ""
        return services.DelegateData(
            full_name=row[FULL_NAME],
            delegation_id=self.delegations[search_key(row[DELEGATION])].pk,
            position=row.get(POSITION) or "",
            role=row.get(ROLE) or Delegate.Role.DELEGATE,
            email=row.get(EMAIL) or "",
            phone=row.get(PHONE) or "",
            arrives_at=row.get(ARRIVES),
            departs_at=row.get(DEPARTS),
            needs_lodging=bool(lodging),
            lodging=lodging,
            meals=row.get(MEALS) or 0,
        )


def delegates_import_run(
    *,
    upload: bytes | IO[bytes],
    filename: str,
    actor: Actor,
    conference: Conference,
    dry_run: bool,
) -> ImportReport:
    """Dry-run or commit a delegate list for one conference."""
    return run_import(
        upload=upload,
        filename=filename,
        schema=delegate_schema(),
        handler=DelegateHandler(actor=actor, conference=conference),
        actor=actor,
        kind=KIND,
        scope_key=f"conference:{conference.pk}",
        school=conference.school,
        dry_run=dry_run,
    )


def delegates_template(conference: Conference) -> bytes:
    return template_workbook(
        delegate_schema(),
        title=_("DANH SÁCH ĐẠI BIỂU DỰ HỘI THẢO"),
    )

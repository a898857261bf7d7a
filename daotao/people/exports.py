"""The person list as a spreadsheet (core.exporting): every person of the actor's
scope and filter, however many; over `SYNC_ROWS` the task worker writes it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.translation import gettext as _

from daotao.core.actors import Actor
from daotao.core.exporting import ExportTable
from daotao.core.text import format_date
from daotao.people import selectors
from daotao.people.forms import PersonFilterForm

PERSON_EXPORT = "people:person-export"


def person_filter(params: Mapping[str, Any]) -> selectors.PersonFilter:
    """The list's filter from its query parameters (a malformed filter: none)."""
    sort = params.get("sort") or "name"
    form = PersonFilterForm(params or None)
    if form.is_valid():
        data = form.cleaned_data
        return selectors.PersonFilter(
            query=data["q"], agency_id=data["agency"], sex=data["sex"], sort=sort
        )
    return selectors.PersonFilter(sort=sort)


def person_export_table(*, actor: Actor, params: Mapping[str, Any]) -> ExportTable:
    """Every person the actor may export under the list's filter, in its order."""
    people = selectors.person_list(
        actor=actor, filters=person_filter(params), permission="people.export_person"
    )
    return ExportTable(
        filename="danh-sach-can-bo",
        title=_("Danh sách cán bộ"),
        headers=[
            _("STT"),
            _("Họ"),
            _("Tên đệm"),
            _("Tên"),
            _("Giới tính"),
            _("Ngày sinh"),
            _("Dân tộc"),
            _("Số CCCD"),
            _("Điện thoại"),
            _("Chức vụ"),
            _("Cơ quan công tác"),
            _("Ngày vào Đảng"),
            _("Trình độ LLCT"),
        ],
        rows=_rows(people),
        count=people.count(),
    )


def _rows(people: Any) -> Iterator[tuple]:
    for index, p in enumerate(people.iterator(chunk_size=2000), 1):
        yield (
            index,
            p.family_name,
            p.middle_name,
            p.given_name,
            p.get_sex_display(),
            format_date(p.date_of_birth) if p.date_of_birth else "",
            p.ethnicity.name if p.ethnicity else "",
            p.citizen_id,
            p.phone,
            p.current_post,
            p.agency.name if p.agency else "",
            format_date(p.party_joined_on) if p.party_joined_on else "",
            p.theory_level.name if p.theory_level else "",
        )

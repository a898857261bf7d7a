"""The outgoing register (sổ đăng ký văn bản đi) as a spreadsheet (core.exporting):
every numbered document of the list's filter; over `SYNC_ROWS` the task worker
writes it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.translation import gettext as _

from daotao.core.actors import Actor
from daotao.core.exporting import ExportTable
from daotao.core.text import format_date
from daotao.documents import selectors
from daotao.documents.forms import RegisterFilterForm

REGISTER_EXPORT = "documents:register-export"


def register_filter(
    *, actor: Actor, params: Mapping[str, Any]
) -> tuple[RegisterFilterForm, selectors.RegisterFilter]:
    """The register list's filter form and filter from its query parameters."""
    form = RegisterFilterForm(
        params or None, years=selectors.register_years(actor=actor)
    )
    if form.is_valid():
        data = form.cleaned_data
        return form, selectors.RegisterFilter(
            query=data["q"],
            document_type_id=data["document_type"].pk
            if data["document_type"]
            else None,
            year=data["year"],
            status=data["status"],
        )
    return form, selectors.RegisterFilter()


def register_table(*, actor: Actor, params: Mapping[str, Any]) -> ExportTable:
    _form, filters = register_filter(actor=actor, params=params)
    filters = selectors.RegisterFilter(**{**filters.__dict__, "numbered_only": True})
    documents = selectors.document_register(
        actor=actor, filters=filters, permission="documents.export_register"
    )
    return ExportTable(
        filename="so-dang-ky-van-ban-di",
        title=_("Sổ đăng ký văn bản đi"),
        headers=[
            _("STT"),
            _("Số, ký hiệu"),
            _("Ngày tháng"),
            _("Tên loại"),
            _("Trích yếu nội dung"),
            _("Người ký"),
            _("Đơn vị soạn thảo"),
            _("Nơi nhận"),
            _("Trạng thái"),
        ],
        rows=_rows(documents),
        count=documents.count(),
    )


def _rows(documents: Any) -> Iterator[tuple]:
    for index, d in enumerate(documents.iterator(chunk_size=2000), 1):
        yield (
            index,
            d.symbol,
            format_date(d.issued_on) if d.issued_on else "",
            d.document_type.name if d.document_type else _("Công văn"),
            d.summary,
            d.signer_name,
            d.drafting_unit.abbreviation,
            "; ".join(d.recipients),
            d.get_status_display(),
        )

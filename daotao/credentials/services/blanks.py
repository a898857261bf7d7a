"""Blank forms (phôi): receiving ranges, spoiling one, taking the next unused ones."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, snapshot
from daotao.credentials.models import (
    BlankStock,
    Credential,
    Kind,
    SpoiledBlank,
)

ISSUE = "credentials.issue_credential"
MAX_STOCK_SIZE = 100_000


@dataclass(frozen=True)
class BlankStockData:
    """A range of blanks as written on the delivery note."""

    kind: str
    first_number: int
    last_number: int
    received_on: datetime.date
    serial_prefix: str = ""
    number_width: int = 6
    note: str = ""


def _clean_stock(data: BlankStockData) -> None:
    errors: dict[str, list[str]] = {}
    if data.kind not in Kind.values:
        errors["kind"] = [_("Loại phôi không hợp lệ.")]
    if data.first_number < 1:
        errors["first_number"] = [_("Số đầu phải từ 1 trở lên.")]
    if data.last_number < data.first_number:
        errors["last_number"] = [_("Số cuối phải lớn hơn hoặc bằng số đầu.")]
    elif data.last_number - data.first_number + 1 > MAX_STOCK_SIZE:
        errors["last_number"] = [_("Một lô không quá 100.000 phôi.")]
    elif len(str(data.last_number)) > data.number_width:
        errors["number_width"] = [_("Số chữ số không đủ để ghi số cuối.")]
    if errors:
        raise ValidationError(errors)


def blank_stock_receive(
    *, actor: Actor, school_id: int, data: BlankStockData
) -> BlankStock:
    """Record a range of blanks received; refused if it overlaps a range already
    received with the same prefix."""
    require_scope(actor, ISSUE, school_id=school_id)
    _clean_stock(data)
    with transaction.atomic():
        overlapping = BlankStock.objects.select_for_update().filter(
            school_id=school_id,
            kind=data.kind,
            serial_prefix=data.serial_prefix,
            first_number__lte=data.last_number,
            last_number__gte=data.first_number,
        )
        if overlapping.exists():
            raise ValidationError(
                {"first_number": [_("Dải số này trùng với một lô phôi đã nhận.")]}
            )
        stock = BlankStock.objects.create(
            school_id=school_id, received_by=actor, **asdict(data)
        )
        audit_record(
            actor=actor,
            action="credentials.blank_stock_receive",
            instance=stock,
            changes=snapshot(stock, ["kind", "first_serial", "last_serial"]),
        )
    return stock


def blank_spoil(
    *, actor: Actor, stock: BlankStock, serial_number: int, reason: str
) -> SpoiledBlank:
    """Mark one unused blank of the stock as spoiled, with the reason."""
    require_scope(actor, ISSUE, school_id=stock.school_id)
    if not reason.strip():
        raise ValidationError({"reason": [_("Hãy ghi lý do phôi hỏng.")]})
    if not stock.first_number <= serial_number <= stock.last_number:
        raise ValidationError({"serial_number": [_("Số này không thuộc lô phôi.")]})
    with transaction.atomic():
        stock = BlankStock.objects.select_for_update().get(pk=stock.pk)
        if stock.credentials.filter(serial_number=serial_number).exists():
            raise ValidationError(
                {
                    "serial_number": [
                        _(
                            "Phôi này đã dùng cho một văn bằng; "
                            "hãy thu hồi hoặc cấp lại."
                        )
                    ]
                }
            )
        if stock.spoiled.filter(serial_number=serial_number).exists():
            raise ValidationError({"serial_number": [_("Phôi này đã ghi hỏng.")]})
        spoiled = SpoiledBlank.objects.create(
            stock=stock, serial_number=serial_number, reason=reason, spoiled_by=actor
        )
        audit_record(
            actor=actor,
            action="credentials.blank_spoil",
            instance=stock,
            changes={"spoiled": str(spoiled)},
            reason=reason,
        )
    return spoiled


def take_unused_blanks(
    *, school_id: int, kind: str, count: int
) -> list[tuple[Any, int]]:
    """The next `count` unused blanks (stock, number), oldest stock first; the
    stocks stay locked until the caller's transaction ends."""
    stocks = list(
        BlankStock.objects.select_for_update()
        .filter(school_id=school_id, kind=kind)
        .order_by("received_on", "id")
    )
    taken = set(
        Credential.objects.filter(stock__in=stocks).values_list(
            "stock_id", "serial_number"
        )
    ) | set(
        SpoiledBlank.objects.filter(stock__in=stocks).values_list(
            "stock_id", "serial_number"
        )
    )
    used = {stock.pk: 0 for stock in stocks}
    for stock_id, _number in taken:
        used[stock_id] += 1
    picked: list[tuple[Any, int]] = []
    for stock in stocks:
        if used[stock.pk] >= stock.size:
            continue
        for number in range(stock.first_number, stock.last_number + 1):
            if len(picked) == count:
                return picked
            if (stock.pk, number) not in taken:
                picked.append((stock, number))
    if len(picked) == count:
        return picked
    raise ValidationError(
        _(
            "Không đủ phôi %(kind)s: cần %(needed)d, chỉ còn %(left)d. "
            "Chưa cấp văn bằng nào; hãy nhập thêm lô phôi."
        )
        % {
            "kind": Kind(kind).label.lower(),
            "needed": count,
            "left": len(picked),
        },
        code="not_enough_blanks",
    )

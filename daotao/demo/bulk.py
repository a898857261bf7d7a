"""Loading many rows at once for the scale data set: COPY on PostgreSQL, one
`executemany` per batch elsewhere, with primary keys chosen here so that rows can
refer to each other without reading anything back.

Bypasses `save()` and the services on purpose: the rows are generated data, every
derived column (name keys, timestamps) is computed by the caller or filled here
from the field's default.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

from daotao.core.bulk import copy_rows

BATCH = 20_000


class Table:
    """One model's table: `add(**values)` rows keyed by attname; missing columns
    take the field's default (timestamps: now); `id` is allocated here."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.attname for f in self.fields]
        self.json = {f.attname for f in self.fields if isinstance(f, models.JSONField)}
        now = timezone.now()
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
            elif not f.primary_key:  # "" for text, None for nullable, or the default
                self.defaults[f.attname] = f.get_default()
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
        self.next_id = (last or 0) + 1
        self.count = 0
        self._pending: list[tuple] = []

    def add(self, **values: Any) -> int:
        """Queue one row; returns its id."""
        pk = values.setdefault("id", self.next_id)
        self.next_id = max(self.next_id, pk + 1)
        row = {**self.defaults, **values}
        self._pending.append(
            tuple(
                json.dumps(row[c], ensure_ascii=False) if c in self.json else row[c]
                for c in self.columns
            )
        )
        self.count += 1
        if len(self._pending) >= BATCH:
            self.flush()
        return pk

    def flush(self) -> None:
        if self._pending:
            write_rows(self.model._meta.db_table, self.columns, self._pending)
            self._pending = []


def write_rows(table: str, columns: list[str], rows: Iterable[tuple]) -> None:
    """COPY on PostgreSQL, INSERTs in one statement's batch on SQLite."""
    if connection.vendor == "postgresql":
        copy_rows(table, columns, rows)
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})",  # noqa: S608
            [tuple(_sqlite_value(v) for v in row) for row in rows],
        )


def _sqlite_value(value: Any) -> Any:
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def reset_sequences(models_: Iterable[type[models.Model]]) -> None:
    """Move PostgreSQL's id sequences past the ids chosen here."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)

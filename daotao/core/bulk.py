"""Inserting many new rows of one model at once, for imports: COPY on PostgreSQL
(docs/adr/0029), one prepared INSERT run for every row (`executemany`) on SQLite.

Django 5.2's `bulk_create` on PostgreSQL sends the rows as `UNNEST` arrays, each
value first prepared field by field in Python; COPY hands psycopg the plain values
to write in one stream. The primary keys are taken from the table's sequence
first (`nextval`, as an INSERT would), so the objects come back with their ids, as
from `bulk_create`. Like `bulk_create`: no `save()`, no signals; `auto_now` and
`auto_now_add` fields are filled; the database checks constraints as usual.

On SQLite, `bulk_create` builds its SQL value by value (a third of a 10,000-row
import's commit); the prepared statement is built once instead. SQLite lets one
connection write at a time, and from the first row the transaction holds that
lock, so the table's last ids are the rows just written, in their order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models

from daotao.core import page_cache

# Fields whose Python value psycopg writes as it is; any other field's value goes
# through the field's own preparation (JSON, for instance).
_PLAIN = (
    models.AutoField,
    models.BigAutoField,
    models.BooleanField,
    models.CharField,
    models.DateField,
    models.DecimalField,
    models.ForeignKey,
    models.IntegerField,
    models.TextField,
)


def insert_many(objects: list[models.Model], *, batch_size: int = 1000) -> list[Any]:
    """Insert `objects` (new instances of one model); returns them with their ids."""
    if not objects:
        return objects
    model = type(objects[0])
    if connection.vendor == "sqlite" and _sqlite_may_insert(model, objects):
        return _insert_sqlite(model, objects, batch_size=batch_size)
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objects, batch_size=batch_size)
    opts = model._meta
    pk = opts.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
            "FROM generate_series(1, %s)",
            [opts.db_table, pk.column, len(objects)],
        )
        for obj, (pk_value,) in zip(objects, cursor.fetchall(), strict=True):
            setattr(obj, pk.attname, pk_value)
    fields = list(opts.concrete_fields)
    row = _row_maker(fields, plain=_PLAIN)
    copy_rows(opts.db_table, [f.column for f in fields], (row(o) for o in objects))
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objects


def _row_maker(
    fields: list[models.Field], *, plain: tuple[type, ...]
) -> Callable[[models.Model], list[Any]]:
    """A function giving an object's values for `fields`, in order: `auto_now`
    fields stamped, the values of fields not `plain` prepared by the field."""
    stamped = [
        f
        for f in fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    prepared = [i for i, f in enumerate(fields) if not isinstance(f, plain)]

    def row(obj: models.Model) -> list[Any]:
        for field in stamped:
            field.pre_save(obj, add=True)
        values = [getattr(obj, f.attname) for f in fields]
        for index in prepared:
            values[index] = fields[index].get_db_prep_save(values[index], connection)
        return values

    return row


def copy_rows(table: str, columns: list[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write `rows` (values in the order of `columns`) into `table` in one COPY
    stream (PostgreSQL only)."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    statement = f"COPY {quote(table)} ({names}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
    # COPY goes past the connection's statement watchers: kept pages learn it here.
    page_cache.tables_written(connection, [table])


# Fields whose Python value the sqlite3 module stores as Django would; others
# (dates, times, decimals, JSON…) go through the field's own preparation.
_SQLITE_PLAIN = (
    models.BooleanField,
    models.CharField,
    models.ForeignKey,
    models.IntegerField,
    models.TextField,
)


def _sqlite_may_insert(model: type[models.Model], objects: list[models.Model]) -> bool:
    """New rows of a model with an automatic id, none set yet, written inside a
    transaction (which holds the write lock from the first row to the ids read)."""
    auto = isinstance(model._meta.pk, models.fields.AutoFieldMixin)
    new = all(obj.pk is None for obj in objects)
    return auto and new and connection.in_atomic_block


def _insert_sqlite(
    model: type[models.Model], objects: list[models.Model], *, batch_size: int
) -> list[Any]:
    opts = model._meta
    fields = [f for f in opts.concrete_fields if f is not opts.pk]
    row = _row_maker(fields, plain=_SQLITE_PLAIN)

    quote = connection.ops.quote_name
    table, pk = quote(opts.db_table), quote(opts.pk.column)
    names = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    statement = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(objects), batch_size):
            batch = objects[start : start + batch_size]
            cursor.executemany(statement, [row(obj) for obj in batch])
        cursor.execute(
            f"SELECT {pk} FROM {table} ORDER BY {pk} DESC LIMIT %s",  # noqa: S608
            [len(objects)],
        )
        ids = [value for (value,) in reversed(cursor.fetchall())]
    for obj, pk_value in zip(objects, ids, strict=True):
        setattr(obj, opts.pk.attname, pk_value)
        obj._state.adding = False
        obj._state.db = connection.alias
    return objects

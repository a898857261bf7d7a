"""Inserting many new rows of one model at once, for imports: `bulk_create` on
SQLite, COPY on PostgreSQL (docs/adr/0029).

Django 5.2's `bulk_create` on PostgreSQL sends the rows as `UNNEST` arrays, each
value first prepared field by field in Python; COPY hands psycopg the plain values
to write in one stream. The primary keys are taken from the table's sequence
first (`nextval`, as an INSERT would), so the objects come back with their ids, as
from `bulk_create`. Like `bulk_create`: no `save()`, no signals; `auto_now` and
`auto_now_add` fields are filled; the database checks constraints as usual.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, models

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
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objects, batch_size=batch_size)
    opts = model._meta
    pk = opts.pk
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
            "FROM generate_series(1, %s)",
            [opts.db_table, pk.column, len(objects)],
        )
        for obj, (pk_value,) in zip(objects, cursor.fetchall(), strict=True):
            setattr(obj, pk.attname, pk_value)
        fields = list(opts.concrete_fields)
        stamped = [
            f
            for f in fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        prepared = {i for i, f in enumerate(fields) if not isinstance(f, _PLAIN)}
        names = ", ".join(quote(f.column) for f in fields)
        raw = cursor.cursor
        with raw.copy(f"COPY {quote(opts.db_table)} ({names}) FROM STDIN") as copy:
            for obj in objects:
                for field in stamped:
                    field.pre_save(obj, add=True)
                row = [getattr(obj, f.attname) for f in fields]
                for index in prepared:
                    row[index] = fields[index].get_db_prep_save(row[index], connection)
                copy.write_row(row)
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objects

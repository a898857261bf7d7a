"""The demo seeded once per test run into a template database that the tests
needing it clone.

`seed_demo` runs the schedule engine (CP-SAT), so seeding costs tens of seconds;
the suite pays it once. `DemoTemplate.build()` seeds a copy of the freshly
migrated test database and keeps it as the template; `DemoTemplate.cloned()`
makes the test connection see a copy of it and, on leaving, the database as it
was before. Tests inside still run in their own transactions (rolled back) or,
for transactional tests, commit into the clone only.

- SQLite (the suite's in-memory database): the template is a second in-memory
  database filled with SQLite's online backup API; cloning copies it page by page
  into the test database, and leaving copies back a snapshot taken on entry.
- PostgreSQL: the template is a database of its own (`CREATE DATABASE … TEMPLATE
  <test database>`, then seeded); cloning is `CREATE DATABASE … TEMPLATE <demo>`,
  and the connection points at the clone until it is dropped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test import override_settings


def seed(media_root: Path | None = None) -> str:
    """Run `seed_demo` on the current database; its output."""
    out = StringIO()
    if media_root is None:
        call_command("seed_demo", stdout=out)
    else:
        with override_settings(MEDIA_ROOT=media_root):
            call_command("seed_demo", stdout=out)
    return out.getvalue()


def _sqlite_copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target)


@dataclass
class Migrated:
    """The test database as the migrations left it (their reference data: areas,
    ethnicities, rule sets), kept aside when the run's database is set up.

    A transactional test ends by flushing every table, data migrations' rows
    included, so the demo is seeded from this copy, not from whatever the test
    database holds when the first test needing the demo comes (under xdist, a
    worker may have run a browser walk before)."""

    _sqlite: sqlite3.Connection | None = None
    _pg_name: str = ""

    @classmethod
    def take(cls) -> Migrated:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            copy = sqlite3.connect(":memory:", check_same_thread=False)
            _sqlite_copy(connection.connection, copy)
            return cls(_sqlite=copy)
        name = f"{connection.settings_dict['NAME']}_migrated"
        _pg_drop(name)
        _pg_create(name, template=connection.settings_dict["NAME"])
        return cls(_pg_name=name)

    def drop(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        if self._pg_name:
            _pg_drop(self._pg_name)
            self._pg_name = ""


@dataclass
class DemoTemplate:
    """The seeded demo, kept aside; `output` is what `seed_demo` printed."""

    media_root: Path
    migrated: Migrated | None = None
    output: str = ""
    _sqlite: sqlite3.Connection | None = None
    _pg_name: str = ""
    _clones: int = field(default=0)

    # --- building and dropping -------------------------------------------------

    def build(self) -> DemoTemplate:
        if connection.vendor == "sqlite":
            self._build_sqlite()
        else:
            self._build_postgresql()
        return self

    def drop(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        if self._pg_name:
            _pg_drop(self._pg_name)
            self._pg_name = ""

    def _build_sqlite(self) -> None:
        connection.ensure_connection()
        live = connection.connection
        before = sqlite3.connect(":memory:")
        _sqlite_copy(live, before)
        try:
            if self.migrated is not None and self.migrated._sqlite is not None:
                _sqlite_copy(self.migrated._sqlite, live)
            self.output = seed(self.media_root)
            self._sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            _sqlite_copy(live, self._sqlite)
        finally:
            _sqlite_copy(before, live)
            before.close()

    def _build_postgresql(self) -> None:
        test_name = connection.settings_dict["NAME"]
        self._pg_name = f"{test_name}_demo"
        _pg_drop(self._pg_name)
        source = self.migrated._pg_name if self.migrated else ""
        _pg_create(self._pg_name, template=source or test_name)
        with _pg_pointed_at(self._pg_name):
            self.output = seed(self.media_root)

    # --- cloning ----------------------------------------------------------------

    @contextmanager
    def cloned(self) -> Iterator[str]:
        """The test connection sees a fresh copy of the seeded demo inside; the
        database as it was before, after. Yields `seed_demo`'s output."""
        if connection.vendor == "sqlite":
            with self._sqlite_clone():
                yield self.output
        else:
            with self._pg_clone():
                yield self.output

    @contextmanager
    def _sqlite_clone(self) -> Iterator[None]:
        assert self._sqlite is not None, "build() first"
        connection.ensure_connection()
        live = connection.connection
        before = sqlite3.connect(":memory:")
        _sqlite_copy(live, before)
        try:
            _sqlite_copy(self._sqlite, live)
            yield
        finally:
            _sqlite_copy(before, live)
            before.close()

    @contextmanager
    def _pg_clone(self) -> Iterator[None]:
        self._clones += 1
        name = f"{self._pg_name}_{self._clones}"
        _pg_drop(name)
        _pg_create(name, template=self._pg_name)
        try:
            with _pg_pointed_at(name):
                yield
        finally:
            _pg_drop(name)


# --- PostgreSQL helpers -----------------------------------------------------------


def _pg_execute(sql: str) -> None:
    # CREATE/DROP DATABASE run outside a transaction, from the maintenance
    # database, while no connection holds the source database open.
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql)


def _pg_create(name: str, *, template: str) -> None:
    quote = connection.ops.quote_name
    _pg_execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")


def _pg_drop(name: str) -> None:
    # FORCE: a live server's request thread may not have let go of it yet.
    quoted = connection.ops.quote_name(name)
    _pg_execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


@contextmanager
def _pg_pointed_at(name: str) -> Iterator[None]:
    # The settings dict is shared by every thread's connection (the live server's
    # too), so changing it in place points them all at `name`.
    settings_dict = connection.settings_dict
    original = settings_dict["NAME"]
    connection.close()
    settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        settings_dict["NAME"] = original

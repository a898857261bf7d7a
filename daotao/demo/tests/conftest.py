"""The demo seeded once per test module: seed_demo runs the schedule engine (about
twenty seconds), so a module's tests share one seeded database, rolled back after
its last test; each test still runs in its own savepoint."""

from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded_module(django_db_setup, django_db_blocker) -> Iterator[str]:
    """seed_demo's output; its data stays until the module's tests are done."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed()
        transaction.set_rollback(True)

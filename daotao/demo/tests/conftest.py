"""The demo seeded once per test run (daotao/tests/support/demo_database.py): each
module that needs it works on its own clone of the seeded template, dropped after
its last test; each test still runs in its own savepoint."""

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="module")
def seeded_module(demo_template, django_db_blocker) -> Iterator[str]:
    """seed_demo's output; its data stays until the module's tests are done."""
    with django_db_blocker.unblock(), demo_template.cloned() as output:
        yield output

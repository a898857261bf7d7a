"""A pytest plugin loaded with `-p` (before pytest-django reads the settings): the
environment the test suite runs in. Nothing here is a secret. Also the option
`--database-tests-only` (CI's PostgreSQL suite, .ci/run): the tests that cannot
open the database give the same result on every database, so CI runs them once."""

import os
from typing import Any

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-" + "t" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_STATIC_MANIFEST", "false")
os.environ.setdefault("DJANGO_TASKS_BACKEND", "immediate")
# The second factor is on in the suite as in production, whatever DJANGO_DEBUG a
# developer's environment (or .env) sets: tests assert the gate.
os.environ["DJANGO_TWO_FACTOR_REQUIRED"] = "true"
# The page cache is on in the suite, on either cache (one process: the local-memory
# cache is shared by everything a test runs), so every page test goes through it.
os.environ.setdefault("DAOTAO_PAGE_CACHE", "true")


def _worker_redis_url(url: str, worker: str) -> str:
    """Under pytest-xdist each worker gets a Redis database of its own: the base
    database less the worker's index (db 15 → gw0 on 15, gw1 on 14), because the
    suite flushes its database (`cache.clear()`) and keeps sessions in it."""
    index = int(worker.removeprefix("gw"))
    base, _, db = url.rstrip("/").rpartition("/")
    if not db.isdigit():
        base, db = url.rstrip("/"), "0"
    number = int(db) - index
    if number < 0:
        raise RuntimeError(f"Redis database {db} leaves none for worker {worker}")
    return f"{base}/{number}"


_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER and os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = _worker_redis_url(os.environ["REDIS_URL"], _WORKER)


# Fixtures through which a test reaches the database. pytest-django refuses the
# database to every other test, so such a test does the same on every database.
_DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
    }
)


def opens_the_database(item: Any) -> bool:
    """Whether `item` may open the database (marked `django_db`, or asking, itself
    or through its fixtures, for a database fixture) or is marked `every_database`."""
    if item.get_closest_marker("django_db") is not None:
        return True
    if item.get_closest_marker("every_database") is not None:
        return True  # it reads the database's settings in another way
    return bool(_DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_addoption(parser: Any) -> None:
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help=(
            "run only the tests that open the database (CI's PostgreSQL suite: the "
            "others cannot reach it and already ran in the SQLite suite)"
        ),
    )


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    if not config.getoption("--database-tests-only"):
        return
    kept = [item for item in items if opens_the_database(item)]
    left = [item for item in items if not opens_the_database(item)]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept

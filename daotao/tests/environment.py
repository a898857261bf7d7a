"""A pytest plugin loaded with `-p` (before pytest-django reads the settings): the
environment the test suite runs in. Nothing here is a secret."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-" + "t" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_STATIC_MANIFEST", "false")
os.environ.setdefault("DJANGO_TASKS_BACKEND", "immediate")
# The second factor is on in the suite as in production, whatever DJANGO_DEBUG a
# developer's environment (or .env) sets: tests assert the gate.
os.environ["DJANGO_TWO_FACTOR_REQUIRED"] = "true"


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

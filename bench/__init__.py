"""Benchmarks (docs quality.md, P1-P9): every module here exposes `run() -> list[dict]`.

`configure()` starts Django with production-like settings for timing; each benchmark
then works inside `throwaway_database()`, never on a developer's database.
"""

from __future__ import annotations

import logging
import os
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_scratch = Path(tempfile.mkdtemp(prefix="daotao-bench-"))


def configure() -> None:
    """Start Django as in production (DEBUG off) on the benchmark database."""
    import django

    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "daotao.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECURE_SSL_REDIRECT": "false",  # the test client speaks HTTP
            "DJANGO_STATIC_MANIFEST": "false",  # no collectstatic for a benchmark
            "DJANGO_ALLOWED_HOSTS": "testserver",
        }
    )
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret-" + "b" * 40)
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{_scratch / 'bench.sqlite3'}"
    )
    django.setup()
    # Quiet for timing: no staticfiles directory is needed, and the security log's
    # info lines (the bench user's login) are not figures.
    warnings.filterwarnings("ignore", message="No directory at")
    logging.getLogger("daotao.security").setLevel(logging.WARNING)


@contextmanager
def throwaway_database() -> Iterator[str]:
    """A freshly migrated database, dropped afterwards; yields its vendor.

    SQLite: a temporary file. PostgreSQL (BENCH_DATABASE_URL): a `test_<name>`
    database created beside the named one, as the test runner does.
    """
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(_scratch / "bench.sqlite3")
    # create_test_db returns the test database's name; the named one is put back
    # afterwards so that a benchmark may go on with it (staff_pages does).
    named = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield connection.vendor
    finally:
        connection.creation.destroy_test_db(named, verbosity=0)


def percentile(samples: list[float], fraction: float) -> float:
    """The `fraction` quantile (inclusive method) of `samples`."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[round(fraction * 100) - 1]


def time_calls(
    call: Callable[[], Any], *, repeat: int, warmup: int
) -> tuple[float, float]:
    """(p50, p95) in milliseconds of `repeat` calls after `warmup` untimed ones."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return percentile(samples, 0.50), percentile(samples, 0.95)


def figure(name: str, value: float, unit: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "value": round(value, 3), "unit": unit, **extra}

"""Run every benchmark module in bench/, print one line per figure, and merge the
figures into bench/results/latest.json by name: a figure measured now replaces
the one of the same name, every other figure stays (with the date it was
measured). Usage: `make bench` (or `.venv/bin/python bench/run.py [name ...]` for
some of them)."""

from __future__ import annotations

import datetime
import importlib
import json
import platform
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bench  # noqa: E402  (needs the repository on sys.path)

NOT_BENCHMARKS = {"__init__", "run", "urls"}


def benchmark_names() -> list[str]:
    return sorted(
        path.stem
        for path in (ROOT / "bench").glob("*.py")
        if path.stem not in NOT_BENCHMARKS
    )


def main(argv: list[str]) -> int:
    bench.configure()
    from django.db import connection

    names = argv or benchmark_names()
    figures, failed = [], []
    started = time.perf_counter()
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        print(f"# {name}", flush=True)
        try:
            rows = module.run()
        except Exception:  # one broken benchmark must not lose the others' figures
            traceback.print_exc()
            failed.append(name)
            continue
        for row in rows:
            row = {"benchmark": name, **row, "measured_at": _now()}
            figures.append(row)
            print(f"{row['name']:<44} {row['value']:>12,.2f} {row['unit']}", flush=True)
    total = time.perf_counter() - started
    print(f"{'total time':<44} {total:>12,.2f} s")
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    latest = results / "latest.json"
    earlier = json.loads(latest.read_text(encoding="utf-8")) if latest.exists() else {}
    report = {
        "finished_at": _now(),
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {platform.system()} {platform.release()}",
        "database": connection.vendor,
        "total_seconds": round(total, 1),
        "figures": merge(earlier.get("figures", []), figures),
    }
    latest.write_text(
        json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def merge(earlier: list[dict], measured: list[dict]) -> list[dict]:
    """`earlier` with each figure of the same name replaced by the one measured
    now (in place), then the new names; no earlier figure is dropped."""
    by_name = {row["name"]: row for row in measured}
    merged = [by_name.pop(row["name"], row) for row in earlier]
    return merged + [row for row in measured if row["name"] in by_name]


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

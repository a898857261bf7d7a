"""Rendering of outgoing documents: the seed report (docs/examples) to DOCX and PDF.

Times `render_docx` (median of 20 after 2 warm-up calls; goal ≤ 0.5 s) and
`docx_to_pdf` through LibreOffice (median of 3, each with a fresh private profile,
as in production). No database. Run alone: `.venv/bin/python bench/documents_render.py`.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "docs" / "examples" / "bao-cao-104-BC-TrCT-2014.json"
DOCX_RUNS = 20
DOCX_WARMUP = 2
PDF_RUNS = 3
DOCX_GOAL_SECONDS = 0.5


def _median_seconds(call: Callable[[], Any], *, runs: int, warmup: int = 0) -> float:
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _figure(metric: str, value: float, unit: str) -> dict[str, Any]:
    return {
        "benchmark": "documents_render",
        "metric": metric,
        "name": f"documents_render.{metric}",
        "value": round(value, 4),
        "unit": unit,
    }


def run() -> list[dict[str, Any]]:
    from daotao.documents.rendering import DocumentSpec, docx_to_pdf, render_docx

    spec = DocumentSpec.from_dict(json.loads(SEED.read_text(encoding="utf-8")))
    docx = render_docx(spec)
    docx_seconds = _median_seconds(
        lambda: render_docx(spec), runs=DOCX_RUNS, warmup=DOCX_WARMUP
    )
    pdf_seconds = _median_seconds(lambda: docx_to_pdf(docx), runs=PDF_RUNS)
    return [
        _figure("render_docx.median", docx_seconds, "s"),
        _figure("render_docx.goal", DOCX_GOAL_SECONDS, "s"),
        _figure("docx_to_pdf.median", pdf_seconds, "s"),
        _figure("docx.size", len(docx) / 1024, "KiB"),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for row in run():
        print(f"{row['name']:<44} {row['value']:>12,.4f} {row['unit']}")

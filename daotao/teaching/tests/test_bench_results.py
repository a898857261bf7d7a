"""bench/run.py merges figures by name into bench/results/latest.json: a bench
run replaces its own figures and never drops another bench's."""

import importlib.util
from pathlib import Path

RUN = Path(__file__).resolve().parents[3] / "bench" / "run.py"


def _merge():
    spec = importlib.util.spec_from_file_location("bench_run_for_test", RUN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.merge


def test_figures_are_merged_by_name_and_none_is_dropped():
    earlier = [
        {"name": "people_list.persons", "value": 100000},
        {"name": "schedule_30_penalty", "value": 6887},
        {"name": "schedule.violations", "value": 0},
    ]
    measured = [
        {"name": "schedule_30_penalty", "value": 2490},
        {"name": "schedule_60_penalty", "value": 3600},
    ]
    assert _merge()(earlier, measured) == [
        {"name": "people_list.persons", "value": 100000},
        {"name": "schedule_30_penalty", "value": 2490},
        {"name": "schedule.violations", "value": 0},
        {"name": "schedule_60_penalty", "value": 3600},
    ]

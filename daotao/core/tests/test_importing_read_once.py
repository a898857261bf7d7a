"""A commit takes the table its dry run read from the same bytes (the runner keeps
it in the cache for a while); the rows are still parsed and checked again."""

import hashlib

import pytest
from django.core.cache import cache

from daotao.core.importing import runner
from daotao.core.importing.reading import Table
from daotao.core.models import AuditEvent, ImportBatch
from daotao.core.tests import importing_samples as samples
from daotao.core.tests.test_importing import SCHEMA, AuditHandler, people_schema, run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _refuse_reading(monkeypatch):
    def refused(*args, **kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(runner, "read_table", refused)


def test_the_commit_takes_the_table_the_dry_run_read(monkeypatch):
    data = samples.official_list()
    dry = run(data, dry_run=True)
    assert dry.is_importable and not dry.is_committed
    _refuse_reading(monkeypatch)
    report = run(data)
    assert report.is_committed
    assert [row.number for row in report.rows] == [row.number for row in dry.rows]
    assert AuditEvent.objects.filter(action="test_import").count() == len(dry.rows)
    assert ImportBatch.objects.count() == 1


def test_the_commit_checks_the_rows_again_against_the_database():
    data = samples.official_list()
    run(data, dry_run=True)
    # Between the dry run and the commit, the position of the first person is
    # refused: the kept table changes nothing of the checks.
    position = samples.PEOPLE[0][-1]
    report = run(data, handler=AuditHandler(refuse_position=position))
    assert not report.is_committed
    assert report.counts["refuse"] >= 1
    assert AuditEvent.objects.filter(action="test_import").count() == 0


def test_the_kept_table_goes_with_the_commit():
    data = samples.official_list()
    key = runner._table_key(
        hashlib.sha256(data).hexdigest(), "danh-sach.xlsx", SCHEMA, None
    )
    run(data, dry_run=True)
    kept = cache.get(key)
    assert isinstance(kept, Table)
    assert len(kept.rows) == len(samples.PEOPLE)
    run(data)
    assert cache.get(key) is None


def test_other_bytes_or_other_columns_are_read_anew(monkeypatch):
    data = samples.official_list()
    run(data, dry_run=True)
    calls = []
    original = runner.read_table

    def counted(*args, **kwargs):
        calls.append(kwargs["schema"])
        return original(*args, **kwargs)

    monkeypatch.setattr(runner, "read_table", counted)
    other = samples.official_list(samples.PEOPLE[:2])
    assert run(other, dry_run=True).is_importable
    relaxed = people_schema(sex_required=False)
    run(data, dry_run=True, schema=relaxed)
    run(data, dry_run=True, schema=SCHEMA)
    assert calls == [SCHEMA, relaxed]


def test_a_cache_that_is_down_only_costs_the_reading(monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    data = samples.official_list()
    assert run(data, dry_run=True).is_importable
    assert run(data).is_committed

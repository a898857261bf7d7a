"""CI's PostgreSQL suite runs only the tests that can open the database
(`--database-tests-only`, .ci/run): the others are refused the database by
pytest-django and give the same result on SQLite, where CI runs every test."""

from types import SimpleNamespace

import pytest

from daotao.tests.environment import opens_the_database, pytest_collection_modifyitems


def test_a_test_without_the_database_is_left_to_the_sqlite_suite(request):
    assert not opens_the_database(request.node)


@pytest.mark.django_db
def test_a_test_marked_django_db_is_kept(request):
    assert opens_the_database(request.node)


def test_a_test_reaching_the_database_through_a_fixture_is_kept(request, school):
    assert "db" in request.node.fixturenames
    assert opens_the_database(request.node)


def test_a_live_server_test_is_kept(request, live_server):
    assert opens_the_database(request.node)


@pytest.mark.every_database
def test_a_test_marked_every_database_is_kept(request):
    assert opens_the_database(request.node)


def _item(name, fixtures=(), marker=None):
    return SimpleNamespace(
        name=name,
        fixturenames=list(fixtures),
        get_closest_marker=lambda wanted: object() if wanted == marker else None,
    )


def _config(only):
    deselected = []
    return SimpleNamespace(
        getoption=lambda name: only if name == "--database-tests-only" else None,
        hook=SimpleNamespace(pytest_deselected=lambda items: deselected.extend(items)),
        deselected=deselected,
    )


def test_the_option_deselects_exactly_the_tests_without_the_database():
    items = [
        _item("pure"),
        _item("marked", marker="django_db"),
        _item("fixture", fixtures=("settings", "db")),
        _item("settings only", fixtures=("settings", "tmp_path")),
        _item("subprocess", marker="every_database"),
    ]
    config = _config(only=True)
    pytest_collection_modifyitems(config, items)
    assert [item.name for item in items] == ["marked", "fixture", "subprocess"]
    assert [item.name for item in config.deselected] == ["pure", "settings only"]


def test_without_the_option_every_test_runs():
    items = [_item("pure"), _item("marked", marker="django_db")]
    config = _config(only=False)
    pytest_collection_modifyitems(config, items)
    assert [item.name for item in items] == ["pure", "marked"]
    assert config.deselected == []

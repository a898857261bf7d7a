"""The public site's tests: each starts with an empty cache (counters, page cache,
rate limits live there)."""

import pytest
from django.core.cache import cache

from daotao.core.access import Role


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(make_user):
    return make_user(Role.COMMUNICATIONS)

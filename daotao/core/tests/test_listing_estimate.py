"""The estimated total of huge lists, and lists whose filter can match nothing."""

import pytest
from django.db import connection
from django.test import RequestFactory

from daotao.core.listing import paginate, planner_estimate
from daotao.core.models import AuditEvent


@pytest.mark.django_db
def test_a_filter_that_matches_nothing_is_estimated_as_empty():
    AuditEvent.objects.create(action="core.test_write", object_type="x", object_id="1")
    nothing = AuditEvent.objects.filter(pk__in=[])

    expected = 0 if connection.vendor == "postgresql" else None
    assert planner_estimate(nothing) == expected
    page = paginate(RequestFactory().get("/"), nothing)
    assert (page.paginator.count, list(page.object_list)) == (0, [])

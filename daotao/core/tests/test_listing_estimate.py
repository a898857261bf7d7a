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


@pytest.mark.django_db
def test_the_estimate_plans_only_the_filters_of_an_annotated_list():
    """The select list's subqueries and the order do not change how many rows a
    list has, so the estimate leaves them out; a grouped list is kept whole."""
    from django.db.models import Count, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    from daotao.core.listing import _rows_only

    for n in range(3):
        AuditEvent.objects.create(
            action="core.test_write", object_type="x", object_id=str(n)
        )
    annotated = (
        AuditEvent.objects.filter(object_type="x")
        .annotate(
            same=Coalesce(
                Subquery(
                    AuditEvent.objects.filter(object_id=OuterRef("object_id"))
                    .values("object_id")
                    .annotate(n=Count("pk"))
                    .values("n")[:1]
                ),
                Value(0),
            )
        )
        .order_by("-occurred_at")
    )

    plain = _rows_only(annotated)
    sql = str(plain.query)
    assert "ORDER BY" not in sql and "COUNT(" not in sql
    assert sorted(plain.values_list("pk", flat=True)) == sorted(
        annotated.values_list("pk", flat=True)
    )
    grouped = AuditEvent.objects.values("object_type").annotate(n=Count("pk"))
    assert _rows_only(grouped) is grouped
    assert _rows_only(annotated[:2]).query.is_sliced
    if connection.vendor == "postgresql":
        assert planner_estimate(annotated) == planner_estimate(plain)


@pytest.mark.django_db
@pytest.mark.parametrize(("threshold", "estimated"), [(10**9, False), (0, True)])
def test_a_list_is_counted_in_one_statement_whatever_its_size(
    monkeypatch, threshold, estimated
):
    """Below the threshold the exact count, from it the planner's estimate: on
    PostgreSQL one statement either way (a database function), so a list's
    queries do not change with its size; SQLite always counts."""
    from django.test.utils import CaptureQueriesContext

    from daotao.core import listing

    monkeypatch.setattr(listing, "ESTIMATE_FROM", threshold)
    for n in range(3):
        AuditEvent.objects.create(
            action="core.test_write", object_type="x", object_id=str(n)
        )
    events = AuditEvent.objects.filter(object_type="x").order_by("pk")
    paginator = listing.ListPaginator(events, 2)
    with CaptureQueriesContext(connection) as queries:
        total = paginator.count
    assert len(queries) == 1
    if connection.vendor == "postgresql":
        assert "daotao_count_or_estimate" in queries[0]["sql"]
        assert paginator.is_estimate is estimated
        assert total == (planner_estimate(events) if estimated else 3)
    else:
        assert (paginator.is_estimate, total) == (False, 3)

"""Issue 13's chain on a fresh school (not the demo), through the services: two
plans a year apart; the first plan's class is admitted and its term scheduled and
published; then the next year's class, sharing the one room and the lecturers, is
admitted, its term scheduled beside the running one and published with no
conflict, and its timetable shows its sessions."""

import datetime

import pytest
from django.urls import reverse

from daotao.teaching import scheduling as engine
from daotao.teaching.models import TeachingSession
from daotao.teaching.services import scheduling
from daotao.teaching.tests.second_class import admitted_class, scheduled_and_published

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_second_class_gets_a_published_timetable_beside_the_first(
    fresh_school, client, django_capture_on_commit_callbacks
):
    world = fresh_school
    first = admitted_class(
        world,
        year=2027,
        code="K63A",
        starts_on=D(2027, 9, 6),
        ends_on=D(2028, 6, 30),
        learners=3,
    )
    scheduled_and_published(
        world, first, "K63A tháng 3/2028", django_capture_on_commit_callbacks
    )
    second = admitted_class(
        world,
        year=2028,
        code="K64A",
        starts_on=D(2028, 3, 6),
        ends_on=D(2028, 12, 29),
        learners=4,
    )
    term = scheduled_and_published(
        world, second, "K64A tháng 3/2028", django_capture_on_commit_callbacks
    )

    published = TeachingSession.objects.filter(run=None)
    assert published.filter(cohort=first).count() == 7
    assert published.filter(cohort=second).count() == 7
    # Zero conflicts: one room and the lecturers, shared, never twice a half-day.
    for field in ("room_id", "lecturer_id", "cohort_id"):
        slots = list(published.values_list(field, "date", "half_day"))
        assert len(slots) == len(set(slots)), field
    assert set(published.values_list("room_id", flat=True)) == {world["room"].pk}
    problem = scheduling.problem_for_term(term)
    mine = [scheduling.engine_session(s) for s in published.filter(cohort=second)]
    assert engine.validate(problem, mine) == []

    client.force_login(world["office"])
    day = published.filter(cohort=second).order_by("date").first().date
    page = client.get(
        reverse("teaching:cohort-timetable", args=[second.pk]), {"tuan": day}
    )
    shown = page.context["grid"].sessions
    assert shown and {s.cohort_id for s in shown} == {second.pk}
    assert "Chủ nghĩa duy vật biện chứng" in page.content.decode()

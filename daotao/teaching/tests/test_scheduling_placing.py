"""What the engine could not place: listed on the run with the reason, placed by
hand on the draft's week grid with the move's conflict check, then published."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.teaching.models import ScheduleRun, TeachingSession
from daotao.teaching.services import scheduling as services

pytestmark = pytest.mark.django_db
Status = ScheduleRun.Status
REASON = "Không còn giảng viên nào rảnh để dạy chuyên đề này trong đợt."


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def partial_run(world, office, django_capture_on_commit_callbacks):
    """A done run whose engine left the last session of the third topic unplaced
    (the run records what the engine reports, as `schedule_run_execute` does)."""
    with django_capture_on_commit_callbacks(execute=True):
        run = services.schedule_run_start(
            actor=office, term=world["term"], time_limit_seconds=10
        )
    run.refresh_from_db()
    third = world["topics"][2]
    run.sessions.get(topic=third, index=3).delete()
    item = SimpleNamespace(
        cohort_id=world["cohort"].pk, topic_id=third.pk, sessions=1, reason=REASON
    )
    run.unplaced = services.unplaced_rows(services.problem_for_term(run.term), [item])
    run.save()
    return run


def _free_placement(run, world):
    """The first half-day of the term where the lecturer, room and cohort are
    free in the draft (by the same check the page uses)."""
    candidate = services.draft_session_candidate(
        run, cohort_id=world["cohort"].pk, topic_id=world["topics"][2].pk
    )
    day = world["term"].starts_on
    while day <= world["term"].ends_on:
        for half in (0, 1):
            placement = {
                "date": day,
                "half_day": half,
                "lecturer": world["lecturers"][0],
                "room": world["rooms"][0],
            }
            if not services.placement_conflicts(run, candidate, **placement):
                return placement
        day += datetime.timedelta(days=1)
    raise AssertionError("no free half-day")


def test_the_run_records_what_is_left_with_the_reason(world, partial_run):
    assert partial_run.unplaced == [
        {
            "cohort_id": world["cohort"].pk,
            "cohort": "K63A",
            "topic_id": world["topics"][2].pk,
            "topic": "Công tác tổ chức, cán bộ",
            "module": "Xây dựng Đảng",
            "count": 1,
            "reason": REASON,
        }
    ]


def test_the_run_page_lists_what_is_left_and_links_to_the_grid(
    client, office, world, partial_run
):
    client.force_login(office)
    page = client.get(reverse("teaching:run-detail", args=[partial_run.pk]))
    html = page.content.decode()
    assert "Buổi chưa xếp được" in html
    assert REASON in html
    link = (
        f"{reverse('teaching:run-place', args=[partial_run.pk])}"
        f"?lop={world['cohort'].pk}&amp;chuyen-de={world['topics'][2].pk}"
    )
    assert link in html


def test_placing_by_hand_adds_the_session_and_the_draft_publishes_whole(
    world, office, partial_run
):
    placement = _free_placement(partial_run, world)
    placed = services.draft_session_place(
        actor=office,
        run=partial_run,
        cohort_id=world["cohort"].pk,
        topic_id=world["topics"][2].pk,
        **placement,
    )
    partial_run.refresh_from_db()
    assert (placed.run_id, placed.index, placed.kind, placed.periods) == (
        partial_run.pk,
        3,
        "discussion",
        5,
    )
    assert (placed.date, placed.half_day) == (placement["date"], placement["half_day"])
    assert services.unplaced_left(partial_run) == []
    assert AuditEvent.objects.filter(action="teaching.draft_session_place").count() == 1
    services.schedule_publish(actor=office, run=partial_run)
    published = TeachingSession.objects.filter(term=world["term"], run=None)
    assert published.count() == 7
    assert published.filter(topic=world["topics"][2]).count() == 3


def test_a_conflicting_placement_is_refused_and_nothing_is_written(
    world, office, partial_run
):
    taken = partial_run.sessions.order_by("date", "half_day").first()
    before = partial_run.sessions.count()
    with pytest.raises(ValidationError) as refused:
        services.draft_session_place(
            actor=office,
            run=partial_run,
            cohort_id=world["cohort"].pk,
            topic_id=world["topics"][2].pk,
            date=taken.date,
            half_day=taken.half_day,
            lecturer=taken.lecturer,
            room=taken.room,
        )
    half = "sáng" if taken.half_day == 0 else "chiều"
    slot = f"{half} {taken.date:%d/%m/%Y}"
    assert refused.value.messages[:2] == [
        f"Lớp K63A đã có buổi học chuyên đề {taken.topic.name} {slot}",
        f"Giảng viên {taken.lecturer.person.full_name} đã có buổi dạy lớp K63A {slot}",
    ]
    partial_run.refresh_from_db()
    assert partial_run.sessions.count() == before
    assert partial_run.unplaced[0]["count"] == 1
    assert not AuditEvent.objects.filter(action="teaching.draft_session_place").exists()


def test_a_partial_draft_can_be_published_so_a_term_is_never_stuck(
    world, office, partial_run
):
    services.schedule_publish(actor=office, run=partial_run)
    published = TeachingSession.objects.filter(term=world["term"], run=None)
    assert published.count() == 6


def test_nothing_more_is_placed_than_was_left(world, office, partial_run):
    placement = _free_placement(partial_run, world)
    services.draft_session_place(
        actor=office,
        run=partial_run,
        cohort_id=world["cohort"].pk,
        topic_id=world["topics"][2].pk,
        **placement,
    )
    with pytest.raises(ValidationError) as refused:
        services.draft_session_place(
            actor=office,
            run=partial_run,
            cohort_id=world["cohort"].pk,
            topic_id=world["topics"][2].pk,
            **{**placement, "half_day": 1 - placement["half_day"]},
        )
    assert refused.value.messages == [
        "Chuyên đề này của lớp không còn buổi nào chờ xếp."
    ]
    assert partial_run.sessions.count() == 7


def test_the_week_grid_offers_free_half_days_and_places_from_the_page(
    client, office, world, partial_run
):
    client.force_login(office)
    url = reverse("teaching:run-place", args=[partial_run.pk])
    query = f"?lop={world['cohort'].pk}&chuyen-de={world['topics'][2].pk}"
    grid = client.get(url + query)
    assert grid.status_code == 200
    assert "Chọn buổi này" in grid.content.decode()
    placement = _free_placement(partial_run, world)
    check = client.post(
        reverse("teaching:run-place-check", args=[partial_run.pk]) + query,
        {
            "date": placement["date"].isoformat(),
            "half_day": placement["half_day"],
            "lecturer": placement["lecturer"].pk,
            "room": placement["room"].pk,
        },
    )
    assert "Không có xung đột. Có thể lưu." in check.content.decode()
    response = client.post(
        url + query + f"&ngay={placement['date']}&buoi={placement['half_day']}",
        {
            "date": placement["date"].isoformat(),
            "half_day": placement["half_day"],
            "lecturer": placement["lecturer"].pk,
            "room": placement["room"].pk,
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("teaching:run-detail", args=[partial_run.pk])
    partial_run.refresh_from_db()
    assert partial_run.sessions.count() == 7
    assert services.unplaced_left(partial_run) == []

"""A lecturer on rotation (luân chuyển) or field practice is unavailable to the
scheduler and to a hand move from the first to the last day, and only then."""

import datetime

import pytest

from daotao.core.access import Role
from daotao.faculty.development import services as development
from daotao.teaching.scheduling import HalfDay, Slot
from daotao.teaching.services.scheduling import problem_for_term
from daotao.teaching.tests.test_editing_services import move, publish, refused

pytestmark = pytest.mark.django_db
D = datetime.date
BOTH = (HalfDay.MORNING, HalfDay.AFTERNOON)


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


def _rotate(office, lecturer, first, last):
    return development.rotation_create(
        actor=office,
        lecturer=lecturer,
        data=development.RotationData(
            post="Phó Chủ tịch UBND xã",
            host="UBND xã Thọ Xuân",
            level="commune",
            starts_on=first,
            ends_on=last,
        ),
    )


def _unavailable(world, lecturer):
    problem = problem_for_term(world["term"])
    return next(x for x in problem.lecturers if x.id == lecturer.pk).unavailable


def test_the_engine_leaves_a_rotated_lecturer_out_first_to_last_day(office, world):
    ha = world["lecturers"][0]
    # the term runs 1–12/3/2027; the rotation 3–5/3
    _rotate(office, ha, D(2027, 3, 3), D(2027, 3, 5))
    assert _unavailable(world, ha) == {
        Slot(day, half)
        for day in (D(2027, 3, 3), D(2027, 3, 4), D(2027, 3, 5))
        for half in BOTH
    }
    assert Slot(D(2027, 3, 2), HalfDay.AFTERNOON) not in _unavailable(world, ha)
    assert Slot(D(2027, 3, 8), HalfDay.MORNING) not in _unavailable(world, ha)
    # the others are not touched
    assert _unavailable(world, world["lecturers"][1]) == frozenset()


def test_a_rotation_across_the_term_blocks_up_to_the_term_end(office, world):
    ha = world["lecturers"][0]
    _rotate(office, ha, D(2027, 3, 12), D(2027, 9, 30))
    assert _unavailable(world, ha) == {Slot(D(2027, 3, 12), half) for half in BOTH}


def test_a_field_practice_keeps_the_lecturer_out_too(office, world):
    nam = world["lecturers"][1]
    development.field_practice_plan(
        actor=office,
        lecturer=nam,
        data=development.FieldPracticeData(
            place="Xã Bá Thước",
            topic="Kinh tế tập thể",
            starts_on=D(2027, 3, 1),
            ends_on=D(2027, 3, 1),
        ),
    )
    assert _unavailable(world, nam) == {Slot(D(2027, 3, 1), half) for half in BOTH}


def test_a_hand_move_onto_the_first_or_last_day_is_refused(office, world):
    session = publish(world)  # Thursday 4/3, lecturer Hà
    _rotate(office, world["lecturers"][0], D(2027, 3, 5), D(2027, 3, 8))
    assert len(refused(office, session, world, date=D(2027, 3, 5))) == 1
    assert len(refused(office, session, world, date=D(2027, 3, 8))) == 1
    move(office, session, world, date=D(2027, 3, 9))
    session.refresh_from_db()
    assert session.date == D(2027, 3, 9)


def test_days_already_taught_are_refused_and_nothing_changes(office, world):
    from django.core.exceptions import ValidationError

    from daotao.faculty.models import FieldPractice, Rotation, Unavailability

    session = publish(world)  # Thursday 4/3, lecturer Hà
    ha = world["lecturers"][0]
    with pytest.raises(ValidationError) as refusal:
        _rotate(office, ha, D(2027, 3, 4), D(2027, 3, 4))
    assert "Sáng 04/03/2027, lớp K63A" in refusal.value.messages
    with pytest.raises(ValidationError):
        development.field_practice_plan(
            actor=office,
            lecturer=ha,
            data=development.FieldPracticeData(
                place="Xã",
                topic="Thực tế",
                starts_on=D(2027, 3, 1),
                ends_on=D(2027, 3, 4),
            ),
        )
    assert not Rotation.objects.exists()
    assert not FieldPractice.objects.exists()
    assert not Unavailability.objects.filter(lecturer=ha).exists()
    # from the day after the session the lecturer may go
    _rotate(office, ha, D(2027, 3, 5), D(2027, 3, 12))
    session.refresh_from_db()
    assert session.lecturer_id == ha.pk

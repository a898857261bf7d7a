"""The move of the lecturer's topics from `faculty.Lecturer` to `programs.Topic`
keeps every row, backwards and forwards."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from daotao.faculty.tests.factories import LecturerFactory
from daotao.programs.tests.factories import ProgramVersionFactory, TopicFactory

BEFORE = [
    ("programs", "0003_placeholder_topics_named_after_module"),
    ("faculty", "0001_initial"),
]
AFTER = [
    ("programs", "0005_lecturer_topic_accessors"),
    ("faculty", "0002_lecturer_topics_moved_to_programs"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def back_to_the_latest_schema():
    """Going back to faculty 0001 also unapplies every later migration that depends
    on it (faculty 0003 on, teaching 0007, standards 0004…); AFTER reaches only the
    move's own targets, so the rest is applied again here, or every later test of
    the session would find those tables missing."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _pairs(model):
    return sorted(model.objects.values_list("lecturer_id", "topic_id"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_topics_and_preferences_survive_the_move_both_ways(
    school, back_to_the_latest_schema
):
    version = ProgramVersionFactory(program__school=school)
    first, second, third = (
        TopicFactory(module__block__version=version, name=f"Chuyên đề {n}")
        for n in range(3)
    )
    nam, lan = LecturerFactory(school=school), LecturerFactory(school=school)
    nam.topics.set([first, second])
    nam.preferred_topics.set([second])
    lan.topics.set([third])
    topics = [(nam.pk, first.pk), (nam.pk, second.pk), (lan.pk, third.pk)]
    preferred = [(nam.pk, second.pk)]

    old = _migrate(BEFORE)
    assert _pairs(old.get_model("faculty", "Lecturer_topics")) == sorted(topics)
    assert _pairs(old.get_model("faculty", "Lecturer_preferred_topics")) == preferred
    assert "programs_topic_lecturers" not in connection.introspection.table_names()

    new = _migrate(AFTER)
    assert _pairs(new.get_model("programs", "Topic_lecturers")) == sorted(topics)
    assert _pairs(new.get_model("programs", "Topic_preferred_by")) == preferred
    assert "faculty_lecturer_topics" not in connection.introspection.table_names()
    assert sorted(nam.topics.values_list("pk", flat=True)) == [first.pk, second.pk]
    assert list(nam.preferred_topics.all()) == [second]
    assert list(lan.topics.all()) == [third]

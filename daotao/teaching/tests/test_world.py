"""The shared test world is what the teaching tests assume."""

import pytest


@pytest.mark.django_db
def test_the_world_has_a_cohort_in_its_term_and_qualified_lecturers(world):
    term, cohort = world["term"], world["cohort"]
    assert list(term.cohorts.all()) == [cohort]
    assert [t.lecture_periods + t.discussion_periods for t in world["topics"]] == [
        10,
        10,
        15,
    ]
    assert sorted(lecturer.person.given_name for lecturer in world["lecturers"]) == [
        "Hà",
        "Nam",
        "Tuấn",
    ]
    assert all(lecturer.topics.count() == 3 for lecturer in world["lecturers"])

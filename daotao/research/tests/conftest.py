import pytest

from daotao.faculty.tests.factories import LecturerFactory
from daotao.research.tests.conference_fixtures import make_conference


@pytest.fixture
def conference(school):
    """A conference open for registration, with three invited delegations."""
    return make_conference(school)


@pytest.fixture
def lecturers(school):
    return [LecturerFactory(school=school) for _ in range(3)]

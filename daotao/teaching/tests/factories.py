"""Builders for terms and sessions of the published schedule (the fresh-school
builder in daotao/tests/support/school_world.py puts them together)."""

import datetime

import factory

from daotao.enrolment.tests.factories import CohortFactory
from daotao.faculty.tests.factories import LecturerFactory
from daotao.org.tests.factories import RoomFactory, SchoolFactory
from daotao.programs.tests.factories import TopicFactory
from daotao.teaching.models import TeachingSession, Term


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Đợt {n + 1}")
    starts_on = datetime.date(2027, 3, 1)
    ends_on = datetime.date(2027, 3, 12)

    @factory.post_generation
    def cohorts(term, create, extracted, **kwargs):
        if create and extracted:
            term.cohorts.add(*extracted)


class TeachingSessionFactory(factory.django.DjangoModelFactory):
    """A session of the published schedule (no run), morning by default."""

    class Meta:
        model = TeachingSession

    cohort = factory.SubFactory(CohortFactory)
    school = factory.SelfAttribute("cohort.school")
    term = factory.SubFactory(
        TermFactory,
        school=factory.SelfAttribute("..school"),
        starts_on=factory.SelfAttribute("..cohort.starts_on"),
        ends_on=factory.SelfAttribute("..cohort.ends_on"),
    )
    topic = factory.SubFactory(
        TopicFactory,
        module__block__version=factory.SelfAttribute("....cohort.program_version"),
    )
    date = factory.SelfAttribute("cohort.starts_on")
    half_day = TeachingSession.HalfDay.MORNING
    lecturer = factory.SubFactory(
        LecturerFactory, school=factory.SelfAttribute("..school")
    )
    room = factory.SubFactory(RoomFactory, site=factory.SelfAttribute("..cohort.site"))

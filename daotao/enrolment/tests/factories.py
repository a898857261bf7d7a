"""Builders for nominations, cohorts and roster lines (the fresh-school builder in
daotao/tests/support/school_world.py puts them together)."""

import factory

from daotao.accounts.tests.factories import UserFactory
from daotao.enrolment.models import Cohort, Enrollment, Nomination
from daotao.org.tests.factories import AgencyFactory
from daotao.people.tests.factories import PersonFactory
from daotao.planning.tests.factories import PlannedClassFactory


class CohortFactory(factory.django.DjangoModelFactory):
    """A cohort opened from its planned class, whose name, programme, mode, site
    and dates it takes."""

    class Meta:
        model = Cohort

    planned_class = factory.SubFactory(PlannedClassFactory)
    school = factory.SelfAttribute("planned_class.school")
    code = factory.Sequence(lambda n: f"K{60 + n}A")
    name = factory.SelfAttribute("planned_class.name")
    program_version = factory.SelfAttribute("planned_class.program_version")
    mode = factory.SelfAttribute("planned_class.mode")
    site = factory.SelfAttribute("planned_class.site")
    starts_on = factory.SelfAttribute("planned_class.starts_on")
    ends_on = factory.SelfAttribute("planned_class.ends_on")


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    planned_class = factory.SubFactory(PlannedClassFactory)
    school = factory.SelfAttribute("planned_class.school")
    agency = factory.SubFactory(AgencyFactory, school=factory.SelfAttribute("..school"))
    person = factory.SubFactory(
        PersonFactory,
        school=factory.SelfAttribute("..school"),
        agency=factory.SelfAttribute("..agency"),
    )
    created_by = factory.SubFactory(UserFactory)
    status = Nomination.Status.SUBMITTED


class EnrollmentFactory(factory.django.DjangoModelFactory):
    """A roster line with the admitted nomination behind it."""

    class Meta:
        model = Enrollment

    cohort = factory.SubFactory(CohortFactory)
    position = factory.Sequence(lambda n: n + 1)
    nomination = factory.SubFactory(
        NominationFactory,
        planned_class=factory.SelfAttribute("..cohort.planned_class"),
        status=Nomination.Status.ADMITTED,
    )
    person = factory.SelfAttribute("nomination.person")
    agency = factory.SelfAttribute("nomination.agency")
    learner_code = factory.LazyAttribute(
        lambda line: f"{line.cohort.code}-{line.position:03d}"
    )

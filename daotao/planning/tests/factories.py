"""Builders for training plans, their classes and quotas (the fresh-school
builder in daotao/tests/support/school_world.py puts them together)."""

import datetime

import factory

from daotao.org.tests.factories import AgencyFactory, SchoolFactory, SiteFactory
from daotao.planning.models import PlannedClass, Quota, TrainingPlan
from daotao.programs.tests.factories import ProgramVersionFactory


class TrainingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingPlan

    school = factory.SubFactory(SchoolFactory)
    year = 2027
    title = factory.LazyAttribute(lambda plan: f"Kế hoạch {plan.year}")
    status = TrainingPlan.Status.APPROVED


class PlannedClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedClass

    school = factory.SubFactory(SchoolFactory)
    plan = factory.SubFactory(
        TrainingPlanFactory, school=factory.SelfAttribute("..school")
    )
    code = factory.Sequence(lambda n: f"TC-{n + 1:02d}")
    name = factory.Sequence(lambda n: f"Trung cấp lý luận chính trị K{60 + n}")
    program_version = factory.SubFactory(
        ProgramVersionFactory, program__school=factory.SelfAttribute("...school")
    )
    mode = PlannedClass.Mode.FULL_TIME
    site = factory.SubFactory(SiteFactory, school=factory.SelfAttribute("..school"))
    planned_size = 45
    starts_on = datetime.date(2027, 3, 1)
    ends_on = datetime.date(2027, 8, 31)


class QuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quota

    planned_class = factory.SubFactory(PlannedClassFactory)
    agency = factory.SubFactory(
        AgencyFactory, school=factory.SelfAttribute("..planned_class.school")
    )
    places = 3

import factory

from daotao.faculty.models import Lecturer, Unavailability
from daotao.org.tests.factories import SchoolFactory, UnitFactory
from daotao.people.tests.factories import PersonFactory


class LecturerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lecturer

    school = factory.SubFactory(SchoolFactory)
    person = factory.SubFactory(PersonFactory, school=factory.SelfAttribute("..school"))
    unit = factory.SubFactory(UnitFactory, school=factory.SelfAttribute("..school"))
    title = Lecturer.Title.LECTURER


class UnavailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unavailability

    lecturer = factory.SubFactory(LecturerFactory)
    kind = Unavailability.Kind.TRIP

import datetime

import factory

from daotao.org.tests.factories import SchoolFactory
from daotao.people.models import Person, Sex


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    school = factory.SubFactory(SchoolFactory)
    family_name = "Nguyễn"
    middle_name = "Văn"
    given_name = factory.Sequence(
        lambda n: ["An", "Bình", "Cường", "Dũng", "Đức"][n % 5]
    )
    sex = Sex.MALE
    date_of_birth = datetime.date(1985, 5, 17)

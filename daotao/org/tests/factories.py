import factory

from daotao.org.models import Agency, Area, School, Unit


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Tỉnh thử {n}")
    kind = "tỉnh"
    level = Area.Level.PROVINCE


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Trường Chính trị tỉnh Thử {n}")
    short_name = "TRƯỜNG CHÍNH TRỊ"
    abbreviation = "TrCT"
    governing_body = "TỈNH ỦY THỬ"
    province = factory.SubFactory(AreaFactory)
    place_name = "Thanh Hóa"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Khoa thử {n}")
    abbreviation = factory.Sequence(lambda n: f"K{n}")
    kind = Unit.Kind.FACULTY
    is_teaching = True


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Đảng ủy xã Thử {n}")
    kind = Agency.Kind.PARTY
    level = Agency.Level.COMMUNE

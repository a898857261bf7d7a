import factory

from daotao.org.models import Agency, Area, Room, School, Site, Unit


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


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site
        django_get_or_create = ("school", "name")

    school = factory.SubFactory(SchoolFactory)
    name = "Cơ sở chính"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room
        django_get_or_create = ("site", "name")

    site = factory.SubFactory(SiteFactory)
    name = factory.Sequence(lambda n: f"Phòng {101 + n}")
    capacity = 50

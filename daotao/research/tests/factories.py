"""Builders for research topics and outputs (conferences: conference_fixtures.py)."""

import datetime

import factory

from daotao.faculty.tests.factories import LecturerFactory
from daotao.org.tests.factories import SchoolFactory
from daotao.research.models import ResearchOutput, ResearchTopic


class ResearchTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchTopic

    school = factory.SubFactory(SchoolFactory)
    code = factory.Sequence(lambda n: f"ĐT-2027-{n + 1:02d}")
    title = factory.Sequence(
        lambda n: f"Nâng cao chất lượng bồi dưỡng cán bộ cơ sở (giai đoạn {n + 1})"
    )
    level = ResearchTopic.Level.SCHOOL
    leader = factory.SubFactory(
        LecturerFactory, school=factory.SelfAttribute("..school")
    )
    starts_on = datetime.date(2027, 1, 1)
    ends_on = datetime.date(2027, 12, 31)


class ResearchOutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchOutput
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    kind = ResearchOutput.Kind.ARTICLE
    title = factory.Sequence(
        lambda n: f"Đổi mới phương pháp giảng dạy lý luận ({n + 1})"
    )
    venue = "Tạp chí Lý luận chính trị"
    year = 2027

    @factory.post_generation
    def authors(output, create, extracted, **kwargs):
        if create:
            output.authors.add(*(extracted or [LecturerFactory(school=output.school)]))

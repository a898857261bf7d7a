import factory

from daotao.org.tests.factories import SchoolFactory
from daotao.programs.models import Block, Module, Program, ProgramVersion, Topic


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    school = factory.SubFactory(SchoolFactory)
    code = factory.Sequence(lambda n: f"TC{n}")
    name = "Trung cấp lý luận chính trị"
    kind = Program.Kind.TC_LLCT


class ProgramVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramVersion

    program = factory.SubFactory(ProgramFactory)
    label = factory.Sequence(lambda n: f"2025.{n}")
    stated_total_periods = 1056
    status = ProgramVersion.Status.IN_USE


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    version = factory.SubFactory(ProgramVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Phần {n + 1}")


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    block = factory.SubFactory(BlockFactory)
    position = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: f"HP{n + 1}")
    name = factory.Sequence(lambda n: f"Học phần {n + 1}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    module = factory.SubFactory(ModuleFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Chuyên đề {n + 1}")
    lecture_periods = 4
    discussion_periods = 2


def draft_with_structure(**version_kwargs) -> ProgramVersion:
    """A draft version: 2 blocks; block 1 has 2 modules (topics 4+2, 6+0+2+0 and
    8+4), block 2 one module (0+0+0+10). Total 36 (lecture 18)."""
    version = ProgramVersionFactory(
        status=ProgramVersion.Status.DRAFT,
        stated_total_periods=36,
        **version_kwargs,
    )
    first = BlockFactory(version=version, position=1, name="Phần I. Lý luận")
    second = BlockFactory(version=version, position=2, name="Phần II. Thực tế")
    module_a = ModuleFactory(block=first, position=1, name="Triết học Mác - Lênin")
    module_b = ModuleFactory(block=first, position=2, name="Xây dựng Đảng")
    module_c = ModuleFactory(block=second, position=1, name="Nghiên cứu thực tế")
    TopicFactory(module=module_a, position=1, lecture_periods=4, discussion_periods=2)
    TopicFactory(
        module=module_a,
        position=2,
        lecture_periods=6,
        discussion_periods=0,
        practice_periods=2,
    )
    TopicFactory(module=module_b, position=1, lecture_periods=8, discussion_periods=4)
    TopicFactory(
        module=module_c,
        position=1,
        lecture_periods=0,
        discussion_periods=0,
        field_study_periods=10,
    )
    return version

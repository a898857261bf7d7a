"""Until a module's real chuyên đề are entered or imported, its one summary topic is
named after the module, so timetables, attendance grids and prints say what is
taught; topics that carried the old placeholder are renamed by a migration."""

import importlib

import pytest
from django.apps import apps

from daotao.programs.catalogue import program_catalogue_ensure
from daotao.programs.models import Topic
from daotao.programs.tests.factories import ModuleFactory, TopicFactory

pytestmark = pytest.mark.django_db

PLACEHOLDER = "Các chuyên đề của học phần (danh mục chi tiết cần xác nhận)"


def test_the_catalogue_names_each_summary_topic_after_its_module(school):
    program_catalogue_ensure(school=school)
    topics = Topic.objects.filter(module__block__version__program__school=school)
    assert topics.count() > 20
    assert not topics.filter(name__contains="danh mục chi tiết").exists()
    assert [t.name for t in topics if t.name != t.module.name] == []
    philosophy = topics.get(
        module__code="I.1", module__block__version__label="2025 - tập trung"
    )
    assert philosophy.name == "Triết học Mác - Lênin"
    assert (philosophy.lecture_periods, philosophy.discussion_periods) == (60, 24)


def test_the_migration_renames_the_placeholder_after_the_module():
    module = ModuleFactory(name="Xây dựng Đảng")
    placeholder = TopicFactory(module=module, position=1, name=PLACEHOLDER)
    real = TopicFactory(module=ModuleFactory(), position=1, name="Công tác cán bộ")
    migration = importlib.import_module(
        "daotao.programs.migrations.0003_placeholder_topics_named_after_module"
    )
    migration.name_after_module(apps, None)
    placeholder.refresh_from_db()
    real.refresh_from_db()
    assert (placeholder.name, real.name) == ("Xây dựng Đảng", "Công tác cán bộ")

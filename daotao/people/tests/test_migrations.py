"""The data migration that puts stored names in one tone placement: names typed
"Hoà" or "Thuý" before it come out as the model writes them now, with their keys."""

import importlib

import pytest
from django.apps import apps

from daotao.people.models import Person
from daotao.people.tests.factories import PersonFactory

MIGRATION = importlib.import_module(
    "daotao.people.migrations.0003_person_names_in_one_tone_placement"
)


@pytest.mark.django_db
def test_stored_names_and_keys_are_rewritten_in_the_traditional_placement(school):
    typed_new = PersonFactory(school=school, given_name="Hòa")
    untouched = PersonFactory(
        school=school, family_name="Lê", middle_name="Văn", given_name="Hoàng"
    )
    # As the rows were stored before the names were normalised on save.
    Person.objects.filter(pk=typed_new.pk).update(
        family_name="Đoàn",
        middle_name="Thị Thuý",
        given_name="Hoà",
        full_name="Đoàn Thị Thuý Hoà",
        sort_key="stale",
        search_key="stale",
    )
    before = Person.objects.values_list("pk", "updated_at").order_by("pk")
    before = dict(before)

    MIGRATION.forward(apps, None)

    typed_new.refresh_from_db()
    assert (typed_new.middle_name, typed_new.given_name) == ("Thị Thúy", "Hòa")
    assert typed_new.full_name == "Đoàn Thị Thúy Hòa"
    expected = PersonFactory.build(
        family_name="Đoàn", middle_name="Thị Thúy", given_name="Hòa"
    )
    expected.derive_keys()
    assert (typed_new.sort_key, typed_new.search_key) == (
        expected.sort_key,
        expected.search_key,
    )
    assert typed_new.search_key == "doan thi thuy hoa"
    untouched_after = Person.objects.get(pk=untouched.pk)
    assert untouched_after.full_name == "Lê Văn Hoàng"
    assert untouched_after.updated_at == before[untouched.pk]


@pytest.mark.django_db
def test_the_frozen_copy_keys_names_like_the_model(school):
    """The migration carries its own copy of the key functions (it may import
    nothing from daotao); on names of every shape it agrees with the model."""
    names = [
        ("Nguyễn", "Thị Thuý", "Hoà"),
        ("Trần", "", "Khoẻ"),
        ("Đặng", "Quý", "Quỳnh"),
        ("H'Hen", "", "Niê"),
        ("Lê", "Văn 2", "Ðức"),
        ("NGUYỄN", "THỊ", "ÁNH"),
    ]
    for family_name, middle_name, given_name in names:
        person = Person(
            family_name=family_name, middle_name=middle_name, given_name=given_name
        )
        person.derive_keys()
        assert MIGRATION.derived(family_name, middle_name, given_name) == (
            person.family_name,
            person.middle_name,
            person.given_name,
            person.full_name,
            person.sort_key,
            person.search_key,
        )

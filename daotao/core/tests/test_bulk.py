"""core.bulk.insert_many: new rows written at once (COPY on PostgreSQL), coming back
with their ids, timestamps filled and values stored as given."""

import datetime

import pytest

from daotao.core.bulk import insert_many
from daotao.core.models import AuditEvent


@pytest.mark.django_db
def test_rows_come_back_with_ids_and_stored_values(school):
    before = datetime.datetime.now(datetime.UTC)
    events = insert_many(
        [
            AuditEvent(
                school=school,
                action="org.school_update",
                object_type="org.school",
                object_id=str(n),
                changes={"name": [None, f"Trường “{n}”\t\\ 'x'"], "n": [None, n]},
                reason="" if n % 2 else "Nhập từ tệp Excel",
            )
            for n in range(3)
        ]
    )

    assert all(event.pk for event in events)
    assert len({event.pk for event in events}) == 3
    stored = {event.pk: event for event in AuditEvent.objects.all()}
    assert sorted(stored) == sorted(event.pk for event in events)
    for n, event in enumerate(events):
        row = stored[event.pk]
        assert (row.school_id, row.object_id, row.reason) == (
            school.pk,
            str(n),
            "" if n % 2 else "Nhập từ tệp Excel",
        )
        assert row.changes == {"name": [None, f"Trường “{n}”\t\\ 'x'"], "n": [None, n]}
        assert row.occurred_at >= before - datetime.timedelta(seconds=1)
    # The sequence moved past them: an ordinary insert takes a new id.
    later = AuditEvent.objects.create(
        action="org.school_update", object_type="org.school", object_id="x"
    )
    assert later.pk not in stored


@pytest.mark.django_db
def test_nothing_to_insert_writes_nothing():
    assert insert_many([]) == []
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_dates_and_order_are_kept_and_the_ids_follow_the_rows(school):
    from daotao.people.models import Person

    persons = [
        Person(
            school=school,
            family_name="Lê",
            middle_name="Thị",
            given_name=f"Người {n}",
            sex="female",
            date_of_birth=datetime.date(1980 + n, 2, 28),
            citizen_id=f"03818000{n:04d}",
        )
        for n in range(5)
    ]
    for person in persons:
        person.derive_keys()
    earlier = Person.objects.create(school=school, family_name="Trần", given_name="A")
    insert_many(persons, batch_size=2)
    ids = [person.pk for person in persons]
    assert ids == sorted(ids) and ids[0] > earlier.pk
    for n, person in enumerate(persons):
        stored = Person.objects.get(pk=person.pk)
        assert (stored.given_name, stored.date_of_birth, stored.citizen_id) == (
            f"Người {n}",
            datetime.date(1980 + n, 2, 28),
            f"03818000{n:04d}",
        )

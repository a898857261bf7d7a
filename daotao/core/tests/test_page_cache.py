"""Kept staff pages (core/page_cache.py): served again only while nothing they
read has changed, to the same session, after the permission check."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from daotao.accounts.models import Membership
from daotao.core import page_cache
from daotao.core.access import Role
from daotao.org.tests.factories import AgencyFactory
from daotao.people.models import Person
from daotao.people.tests.factories import PersonFactory

LIST = "/can-bo/"


@pytest.fixture
def office(client, make_user):
    client.session_user = make_user(Role.TRAINING_OFFICE)
    client.force_login(client.session_user)
    client.get(LIST)  # the CSRF cookie a browser holds after its first page
    return client


def _queries(client, path=LIST):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.django_db
def test_the_same_session_gets_the_page_again_without_the_view(office, agency):
    PersonFactory(
        school=agency.school, agency=agency, given_name="Ánh", family_name="Trần"
    )
    first, built = _queries(office)
    again, kept = _queries(office)
    assert again == first
    assert "Trần" in again
    # Only the session's user and the permission check: the list is not read.
    assert kept < built
    assert kept <= 3


@pytest.mark.django_db
def test_a_row_saved_through_the_orm_shows_on_the_next_request(office, agency):
    _queries(office)
    PersonFactory(
        school=agency.school, agency=agency, given_name="Bình", family_name="Lê"
    )
    body, _count = _queries(office)
    assert "Bình" in body


@pytest.mark.django_db
def test_an_update_of_many_rows_shows_on_the_next_request(office, agency):
    PersonFactory(
        school=agency.school, agency=agency, given_name="Cúc", family_name="Phạm"
    )
    assert "Cúc" in _queries(office)[0]
    Person.objects.filter(given_name="Cúc").update(
        given_name="Dung", full_name="Phạm Văn Dung"
    )
    body, _count = _queries(office)
    assert "Dung" in body
    assert "Cúc" not in body


@pytest.mark.django_db
def test_a_row_deleted_goes_from_the_next_request(office, agency):
    person = PersonFactory(
        school=agency.school, agency=agency, given_name="Giang", family_name="Võ"
    )
    assert "Giang" in _queries(office)[0]
    Person.objects.filter(pk=person.pk).delete()
    assert "Giang" not in _queries(office)[0]


@pytest.mark.django_db
def test_another_session_of_the_same_user_builds_its_own(office):
    _body, built = _queries(office)  # the first page with the CSRF cookie: built
    _body, kept = _queries(office)
    other = Client()
    other.force_login(office.session_user)
    other.get(LIST)
    _body, other_first = _queries(other)
    _body, other_again = _queries(other)
    assert (other_first, other_again) == (built, kept)
    assert kept < built


@pytest.mark.django_db
def test_a_withdrawn_role_is_refused_though_the_page_was_kept(office):
    _queries(office)
    user_id = office.session["_auth_user_id"]
    Membership.objects.filter(user_id=user_id).delete()
    response = office.get(LIST)
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_waiting_message_is_shown_not_a_kept_page(office, agency):
    _queries(office)
    response = office.post(
        "/can-bo/them/",
        {
            "family_name": "Đỗ",
            "middle_name": "Thu",
            "given_name": "Hà",
            "sex": "female",
            "date_of_birth": "1990-01-02",
            "citizen_id": "038190001234",
            "phone": "0912345678",
            "current_post": "Chuyên viên",
            "agency": agency.pk,
        },
    )
    assert response.status_code == 302
    body, _count = _queries(office)
    assert "Hà" in body
    assert '<ul class="messages">' in body


@pytest.mark.django_db
def test_a_write_the_watcher_cannot_see_forgets_every_kept_page(office):
    """A restored backup or a migration says so (`everything_written`)."""
    _body, built = _queries(office)
    _body, kept = _queries(office)
    page_cache.everything_written()
    _body, after = _queries(office)
    assert (kept < built, after) == (True, built)


@pytest.mark.django_db
def test_off_the_view_runs_every_time(office, settings):
    settings.PAGE_CACHE = False
    _body, built = _queries(office)
    _body, again = _queries(office)
    assert again == built


@pytest.mark.django_db
def test_a_page_that_wrote_while_it_was_built_is_not_kept(rf, make_user, agency):
    from django.contrib.sessions.backends.db import SessionStore

    calls = []

    @page_cache.cached_page
    def view(request):
        calls.append(1)
        AgencyFactory(school=agency.school)  # a write while the page is built
        from django.http import HttpResponse

        return HttpResponse("trang")

    session = SessionStore()
    session.create()
    user = make_user(Role.TRAINING_OFFICE)

    def ask():
        request = rf.get(LIST)
        request.COOKIES = {"sessionid": session.session_key, "csrftoken": "t" * 32}
        request.session = session
        request.user = user
        middleware = page_cache.PageCacheMiddleware(view)
        return middleware(request)

    assert ask().content == b"trang"
    assert ask().content == b"trang"
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("sql", "tables"),
    [
        ('SELECT "a"."id" FROM "people_person" a', frozenset()),
        ('INSERT INTO "people_person" ("id") VALUES (%s)', {"people_person"}),
        ('INSERT OR IGNORE INTO "org_agency" ("id") VALUES (1)', {"org_agency"}),
        ('UPDATE "learning_attendance" SET "status" = %s', {"learning_attendance"}),
        ('DELETE FROM "core_auditevent" WHERE "id" IN (1)', {"core_auditevent"}),
        (
            'TRUNCATE "org_agency", "people_person" RESTART IDENTITY',
            {"org_agency", "people_person"},
        ),
        ("SAVEPOINT s1", frozenset()),
        ('WITH x AS (SELECT 1) SELECT * FROM "people_person"', frozenset()),
        ('WITH x AS (SELECT 1) UPDATE "people_person" SET "id" = 1', None),
        ('ALTER TABLE "people_person" ADD COLUMN "x" int', None),
    ],
)
def test_what_a_statement_writes(sql, tables):
    written = page_cache.tables_of_write(sql)
    assert written == (None if tables is None else frozenset(tables))


def test_what_a_statement_reads():
    sql = (
        'SELECT "a"."id" FROM "people_person" INNER JOIN "org_agency" ON (1) '
        'WHERE EXISTS(SELECT 1 FROM "enrolment_enrollment" U0)'
    )
    assert page_cache.tables_read(sql) == {
        "people_person",
        "org_agency",
        "enrolment_enrollment",
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_transaction_raises_its_tables_at_the_write_and_again_at_commit(school):
    table = AgencyFactory._meta.model._meta.db_table
    before = page_cache.versions([table])[0]
    with transaction.atomic():
        AgencyFactory(school=school)
        at_write = page_cache.versions([table])[0]
        AgencyFactory(school=school)  # the same table again: raised once
        assert page_cache.versions([table])[0] == at_write
    after_commit = page_cache.versions([table])[0]
    assert len({before, at_write, after_commit}) == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_a_rollback_the_next_transaction_raises_again(school):
    table = AgencyFactory._meta.model._meta.db_table
    with pytest.raises(RuntimeError), transaction.atomic():
        AgencyFactory(school=school)
        raise RuntimeError
    rolled_back = page_cache.versions([table])[0]
    with transaction.atomic():
        AgencyFactory(school=school)
        assert page_cache.versions([table])[0] != rolled_back

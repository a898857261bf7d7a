"""One deployment, many schools (issue 20): a staff member of school A never reaches
school B's records.

The world: two schools, each with the role matrix's walked records (one of every
kind a staff member opens by id). For every route the URL walk knows that takes a
record id, every role with a membership in A that may use the route asks for
B's record: the answer is 404, and a POST changes none of B's rows. (A role that
may not use the route, or may not write through it, is answered 403 before any
record is looked at, whichever school's: the role matrix asserts those.) Every
page and workbook without an id (lists, exports) shows none of B's text: each
free-text field of B's rows carries a marker that no answer to A may contain.
"""

import io

import pytest
from django.apps import apps

from daotao.core.access import (
    PERMISSIONS,
    WRITES_ONLY_THROUGH,
    Role,
    ScopePath,
    declared_access_of,
)
from daotao.core.exporting import XLSX_CONTENT_TYPE
from daotao.core.models import AuditEvent
from daotao.people.tests.factories import PersonFactory
from daotao.tests.test_export_walk import _free_text_fields
from daotao.tests.test_role_matrix import _objects, _url, _user_for
from daotao.tests.urlwalk import walk

pytestmark = pytest.mark.django_db

# Written into every free-text field of school B's rows.
MARKER = "Ngàn Phố"
# School B's rows are numbered from here in every table.
B_IDS = 1_000_000

SCHOOL_ROLES = [role for role in Role if role != Role.SUPERVISOR]
STAFF_ROUTES = [
    r
    for r in walk()
    if r.namespace not in ("admin", "api")
    and declared_access_of(r.callback).kind not in ("public", "own_account")
]
# The walked record of these routes is the same row for every school: the rule
# sets of a regulation, the holidays of the country, the document templates.
SHARED_RECORD_ROUTES = {
    "ledger:hour-rule-set-update",
    "faculty:development-rule-update",
    "learning:support-rate-update",
    "learning:conduct-rule-update",
    "teaching:holiday-update",
    "reports:rule-set-confirm",
    "teaching:holiday-confirm",
    "teaching:holiday-delete",
    "standards:indicator-update",  # the indicator catalogue of the standard
}
BY_ID = [
    r
    for r in STAFF_ROUTES
    if "<int:pk>" in r.route and r.qualified_name not in SHARED_RECORD_ROUTES
]
WITHOUT_ID = [r for r in STAFF_ROUTES if "<" not in r.route and r.name != "logout"]
SCOPED = sorted(
    (
        model
        for model in apps.get_models()
        if isinstance(getattr(model, "scope_path", None), ScopePath)
    ),
    key=lambda model: model._meta.label,
)


def _all_pks() -> dict[type, set[int]]:
    return {m: set(m._base_manager.values_list("pk", flat=True)) for m in SCOPED}


def _mark(rows: dict[type, set[int]]) -> None:
    """MARKER in every free-text field of `rows` that holds some text (an empty
    field stays empty: a check may require it, as a plan review step's approval
    reference outside an approval)."""
    for model, pks in rows.items():
        if not pks:
            continue
        for field in _free_text_fields(model):
            model._base_manager.filter(pk__in=pks).exclude(**{field.name: ""}).update(
                **{field.name: MARKER}
            )


def _ids_from(start: int) -> None:
    """Every table numbers its next rows from `start`: school B's ids are no id of
    any row of A in any table, so a route walked with an id of another kind (an
    action's namespace default) never lands on a row of A."""
    from django.db import connection

    tables = [
        (m._meta.db_table, m._meta.pk.column)
        for m in apps.get_models()
        if m._meta.managed and m._meta.pk.get_internal_type().endswith("AutoField")
    ]
    with connection.cursor() as cursor:
        for table, column in tables:
            if connection.vendor == "sqlite":
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                    [table, start],
                )
            else:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                    [table, column, start],
                )


def _unwalked(objects, school) -> dict[str, int]:
    """The records of the routes the role matrix walks with no record of its own."""
    from daotao.ledger.models import LedgerEntry
    from daotao.teaching.models import CalendarFeed

    return {
        "ledger:ledger-norm-set": objects["faculty"],
        "ledger:ledger-entry-add": objects["faculty"],
        "ledger:ledger-entry-delete": LedgerEntry.objects.get(period__school=school).pk,
        "teaching:cohort-feed-create": objects["teaching:cohort-timetable"],
        "teaching:lecturer-feed-create": objects["teaching:lecturer-timetable"],
        "teaching:feed-revoke": CalendarFeed.objects.get(school=school).pk,
        "teaching:session-check": objects["teaching:session-move"],
    }


@pytest.fixture(scope="module")
def _world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("cross-school") / "media"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, _world_media):
    """Schools A and B with the walked records; built once, rolled back after."""
    from django.db import transaction
    from django.test import override_settings

    from daotao.accounts.tests.factories import UserFactory
    from daotao.enrolment.models import Cohort
    from daotao.org.tests.factories import AgencyFactory, SchoolFactory
    from daotao.tests.test_row_scope import _cadre, _rows_the_walk_lacks

    def records(school):
        """The walked records, a second cadre and the kinds the walk lacks."""
        agency = AgencyFactory(school=school)
        person = PersonFactory(school=school, agency=agency)
        objects = _objects(person, school)
        by = UserFactory()
        cohort = Cohort.objects.get(school=school)
        _cadre(school, agency, cohort, position=2, by=by)
        _rows_the_walk_lacks(school, by)
        return person, objects | _unwalked(objects, school)

    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=_world_media),
        transaction.atomic(),
    ):
        first = SchoolFactory()
        person, objects = records(first)
        before = _all_pks()
        _ids_from(B_IDS)
        second = SchoolFactory()
        _other, other_objects = records(second)
        in_second = {m: pks - before[m] for m, pks in _all_pks().items()}
        _mark(in_second)
        walked = {
            "school": first,
            "person": person,
            "objects": objects,
            "second": second,
            "other_objects": other_objects,
            "in_second": in_second,
        }
        # B's rows as every test starts with them (each test's writes are rolled
        # back): a POST's test reads them once, after the request.
        walked["rows_of_second"] = _rows_of(walked)
        yield walked
        transaction.set_rollback(True)


@pytest.fixture
def _media_root(settings, _world_media):
    settings.MEDIA_ROOT = _world_media


@pytest.fixture
def school(db, world):
    return world["school"]


def _permitted(route, role) -> bool:
    access = declared_access_of(route.callback)
    return access.kind == "login" or role in PERMISSIONS[access.permission]


def _write_refused(route, role) -> bool:
    """A role whose writes are limited (the province's board) is refused a POST
    through any other permission before any record is read: the same 403 for
    its own school's records."""
    limited = WRITES_ONLY_THROUGH.get(role)
    access = declared_access_of(route.callback)
    return (
        limited is not None
        and access.kind != "own_account"
        and access.permission not in limited
    )


def _rows_of(world) -> dict[str, list]:
    """Every row of school B, as stored."""
    return {
        model._meta.label: list(
            model._base_manager.filter(pk__in=pks).order_by("pk").values()
        )
        for model, pks in world["in_second"].items()
        if pks
    }


def test_every_scoped_kind_the_walk_opens_has_rows_in_both_schools(world):
    empty = [m._meta.label for m, pks in world["in_second"].items() if not pks]
    assert empty == []
    assert min(min(pks) for pks in world["in_second"].values()) > B_IDS
    other = world["other_objects"]
    low = [
        r.qualified_name
        for r in BY_ID
        if other.get(r.qualified_name, other.get(r.namespace, 0)) <= B_IDS
    ]
    assert low == []
    assert world["school"].pk != world["second"].pk
    # The snapshot the POST tests compare with is B as a test starts with it.
    assert _rows_of(world) == world["rows_of_second"]


def test_only_the_shared_routes_walk_the_same_record_in_both_schools(world):
    by_id = [r for r in STAFF_ROUTES if "<int:pk>" in r.route]
    same = {
        r.qualified_name
        for r in by_id
        if _url(r, world["objects"]) == _url(r, world["other_objects"])
    }
    assert same == SHARED_RECORD_ROUTES, " ".join(sorted(same ^ SHARED_RECORD_ROUTES))


def _pairs(routes, *, writing: bool = False) -> list:
    """(route, role) for every school role that may use the route. A role that
    may not is answered 403 by the view's declaration before any record is read,
    the same for its own school's records (the role matrix asserts those), so
    walking it here would say nothing about another school."""
    return [
        pytest.param(route, role, id=f"{route.qualified_name}-{role}")
        for route in routes
        for role in SCHOOL_ROLES
        if _permitted(route, role) and not (writing and _write_refused(route, role))
    ]


@pytest.mark.parametrize(("route", "role"), _pairs(BY_ID))
def test_another_schools_record_is_not_found(client, make_user, world, role, route):
    client.force_login(_user_for(role, make_user, world["person"], world["objects"]))
    url = _url(route, world["other_objects"])
    access = declared_access_of(route.callback)
    response = client.get(url)
    if access.methods is not None and "GET" not in access.methods:
        assert response.status_code == 405
    elif response.status_code == 405:  # a view that takes POST only
        assert "GET" not in response["Allow"], url
    else:
        assert response.status_code == 404, url
    assert MARKER not in response.content.decode(errors="replace")


@pytest.mark.parametrize(("route", "role"), _pairs(BY_ID, writing=True))
def test_a_post_on_another_schools_record_changes_nothing(
    client, make_user, world, role, route
):
    client.force_login(_user_for(role, make_user, world["person"], world["objects"]))
    url = _url(route, world["other_objects"])
    access = declared_access_of(route.callback)
    before = world["rows_of_second"], AuditEvent.objects.count()
    response = client.post(url, {"version": 1, "reason": "Thử"})
    if access.methods is not None and "POST" in access.methods:
        assert response.status_code == 404, url
    else:
        # A page that takes no POST may say so; one that does finds no record.
        assert response.status_code in (404, 405), url
    assert (_rows_of(world), AuditEvent.objects.count()) == before


def _text_of(response) -> str:
    if response.get("Content-Type") == XLSX_CONTENT_TYPE:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(response.content))
        return " ".join(
            str(cell.value)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        )
    if response.streaming:
        return ""
    return response.content.decode(errors="replace")


@pytest.mark.parametrize(("route", "role"), _pairs(WITHOUT_ID))
def test_no_list_or_export_shows_another_schools_rows(
    client, make_user, world, role, route
):
    client.force_login(_user_for(role, make_user, world["person"], world["objects"]))
    response = client.get(route.url())
    assert MARKER not in _text_of(response), route.url()

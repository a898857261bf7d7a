"""The person export: every person of the filter (no cut), small ones at once,
large ones built by the task worker and downloaded by the same user."""

import io

import pytest
from openpyxl import load_workbook

from daotao.core import exporting
from daotao.core.access import Role
from daotao.core.models import GeneratedFile
from daotao.people.tests.factories import PersonFactory


def _rows(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


def test_a_small_export_is_answered_at_once(client, office, school, agency):
    PersonFactory(school=school, agency=agency, current_post="=1+2")
    client.force_login(office)
    response = client.get("/can-bo/xuat-excel/")
    assert response["Content-Type"] == exporting.XLSX_CONTENT_TYPE
    [row] = _rows(response.content)
    assert row[0] == 1 and row[9] == "=1+2"
    assert GeneratedFile.objects.count() == 0


def test_an_export_over_the_threshold_goes_to_the_worker_whole(
    client, office, school, agency, monkeypatch, django_capture_on_commit_callbacks
):
    """The cut at 100,000 rows is gone: with the threshold and the old cut both
    below the list's size, every row is still written."""
    monkeypatch.setattr("daotao.core.listing.SYNC_ROWS", 3)
    monkeypatch.setattr(exporting, "PROGRESS_EVERY", 2)
    PersonFactory.create_batch(7, school=school, agency=agency)
    client.force_login(office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/can-bo/xuat-excel/?sex=male")
    job = GeneratedFile.objects.get()
    assert response.status_code == 302
    assert response.url == f"/tep-tao-nen/{job.pk}/"
    assert job.kind == "people:person-export"
    assert job.params == {"sex": "male"}
    assert (job.status, job.row_count, job.requested_by) == ("done", 7, office)
    download = client.get(f"/tep-tao-nen/{job.pk}/tai-ve/")
    rows = _rows(b"".join(download.streaming_content))
    assert [row[0] for row in rows] == [1, 2, 3, 4, 5, 6, 7]


def test_the_worker_writes_only_the_requesters_scope(
    client, make_user, school, agency, monkeypatch, django_capture_on_commit_callbacks
):
    """A coordinator's file holds their agency's people only, as their list does."""
    from daotao.org.tests.factories import AgencyFactory

    monkeypatch.setattr("daotao.core.listing.SYNC_ROWS", 1)
    PersonFactory.create_batch(2, school=school, agency=agency, family_name="Trần")
    PersonFactory.create_batch(3, school=school, agency=AgencyFactory(school=school))
    coordinator = make_user(Role.AGENCY_COORDINATOR, agency=agency)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/can-bo/xuat-excel/")
    job = GeneratedFile.objects.get()
    download = client.get(f"/tep-tao-nen/{job.pk}/tai-ve/")
    rows = _rows(b"".join(download.streaming_content))
    assert [row[1] for row in rows] == ["Trần", "Trần"]
    client.force_login(make_user(Role.TRAINING_OFFICE))
    assert client.get(f"/tep-tao-nen/{job.pk}/tai-ve/").status_code == 404

"""Sending agencies by sheet: matched by name, parents and communes
resolved, pre-2025 names kept as past agencies linked as predecessors; a bad row
writes nothing and the same file twice changes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.importing import CREATE, MATCH, REFUSE
from daotao.core.models import AuditEvent, ImportBatch
from daotao.org.importing import agencies_import_run
from daotao.org.models import Agency, Area
from daotao.org.tests.factories import AgencyFactory

HEADER = "Tên cơ quan,Loại,Cấp,Cơ quan cấp trên,Xã/phường,Tên cũ trước sắp xếp"
ROWS = [
    "Đảng ủy xã Đông Sơn,Cơ quan Đảng,Cấp xã,Tỉnh ủy Thử,Xã Đông Sơn,"
    '"Huyện ủy Đông Sơn; Đảng ủy thị trấn Rừng Thông"',
    "Tỉnh ủy Thử,Cơ quan Đảng,Cấp tỉnh,,,",
    "UBND xã Đông Sơn,Cơ quan chính quyền,Xã,,Đông Sơn,UBND huyện Đông Sơn",
]


def sheet(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def commune(school):
    return Area.objects.create(
        name="Đông Sơn", kind="xã", level=Area.Level.COMMUNE, parent=school.province
    )


def run(office, data, *, dry_run, filename="co-quan.csv"):
    return agencies_import_run(
        upload=data, filename=filename, actor=office, dry_run=dry_run
    )


def test_dry_run_writes_nothing(office, commune):
    report = run(office, sheet(*ROWS), dry_run=True)

    assert report.counts == {CREATE: 3, MATCH: 0, REFUSE: 0}
    assert Agency.objects.count() == 0


def test_commit_creates_with_parent_area_and_predecessors(office, school, commune):
    report = run(office, sheet(*ROWS), dry_run=False)

    assert report.is_committed
    party = Agency.objects.get(name="Đảng ủy xã Đông Sơn")
    assert party.school == school
    assert (party.kind, party.level) == (Agency.Kind.PARTY, Agency.Level.COMMUNE)
    assert party.parent.name == "Tỉnh ủy Thử"
    assert party.area == commune
    assert party.search_key == "dang uy xa dong son"
    assert sorted(party.predecessors.values_list("name", flat=True)) == [
        "Huyện ủy Đông Sơn",
        "Đảng ủy thị trấn Rừng Thông",
    ]
    old = Agency.objects.get(name="Huyện ủy Đông Sơn")
    assert old.valid_to == datetime.date(2025, 6, 30)
    assert list(old.successors.all()) == [party]
    assert Agency.objects.get(name="UBND xã Đông Sơn").area == commune
    assert Agency.objects.count() == 6
    assert AuditEvent.objects.filter(action="org.agency_import").count() == 3


def test_existing_agency_matched_by_name_and_predecessor_linked(
    office, school, commune
):
    existing = AgencyFactory(school=school, name="Tỉnh ủy Thử")
    old = AgencyFactory(school=school, name="UBND huyện Đông Sơn")

    report = run(office, sheet(*ROWS), dry_run=False)

    assert report.counts == {CREATE: 2, MATCH: 1, REFUSE: 0}
    assert Agency.objects.get(name="Đảng ủy xã Đông Sơn").parent == existing
    ubnd = Agency.objects.get(name="UBND xã Đông Sơn")
    assert list(ubnd.predecessors.all()) == [old]
    assert Agency.objects.filter(name="Tỉnh ủy Thử").count() == 1


def test_a_bad_row_writes_nothing_and_is_named(office, commune):
    bad = "Sở Nội vụ,Cơ quan chính quyền,Cấp tỉnh,Bộ Nội vụ,,"
    unknown_level = "Sở Tài chính,Cơ quan chính quyền,Cấp trung ương,,,"
    report = run(office, sheet(*ROWS, bad, unknown_level), dry_run=False)

    assert not report.is_committed
    assert [str(m) for m in report.errors] == [
        "Dòng 5, cột “Cơ quan cấp trên”: không có cơ quan 'Bộ Nội vụ' trong danh "
        "sách hay trong tệp; hãy thêm dòng cho cơ quan cấp trên.",
        "Dòng 6, cột “Cấp”: không nhận ra cấp 'Cấp trung ương'; hãy ghi: Cấp tỉnh, "
        "Cấp huyện hoặc Cấp xã.",
    ]
    assert Agency.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_parents_in_a_loop_are_refused(office):
    rows = ["A,Khác,Cấp tỉnh,B,,", "B,Khác,Cấp tỉnh,A,,"]
    report = run(office, sheet(*rows), dry_run=True)

    assert report.counts[REFUSE] == 2
    assert report.errors[0].text == "cơ quan cấp trên vòng lại chính cơ quan này."


def test_same_file_twice_and_same_rows_again_change_nothing(office, commune):
    data = sheet(*ROWS)
    run(office, data, dry_run=False)
    before = sorted(
        Agency.objects.values_list("pk", "name", "kind", "level", "parent_id", "area")
    )
    events = list(AuditEvent.objects.values_list("pk", flat=True))

    again = run(office, data, dry_run=False)
    other = run(office, sheet(*reversed(ROWS)), dry_run=False, filename="b.csv")

    assert again.already_imported_at is not None and not again.is_committed
    assert other.counts == {CREATE: 0, MATCH: 3, REFUSE: 0}
    assert (
        sorted(
            Agency.objects.values_list(
                "pk", "name", "kind", "level", "parent_id", "area"
            )
        )
        == before
    )
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == events
    # The second file's batch is the record that it was read and changed nothing.
    assert list(ImportBatch.objects.values_list("created_count", "matched_count")) == [
        (3, 0),
        (0, 3),
    ]


def test_pages(office, client, commune):
    client.force_login(office)
    listing = client.get(reverse("org:agency-list"))
    assert reverse("org:agency-import") in listing.content.decode()
    assert client.get(reverse("org:agency-template")).content[:2] == b"PK"
    upload = SimpleUploadedFile("co-quan.csv", sheet(*ROWS), content_type="text/csv")
    checked = client.post(reverse("org:agency-import"), {"file": upload})
    assert checked.status_code == 200
    assert Agency.objects.count() == 0

    done = client.post(
        reverse("org:agency-import"), {"token": checked.context["report"].sha256}
    )

    assert done.status_code == 302
    assert Agency.objects.count() == 6


def test_a_coordinator_may_not_import(make_user, client):
    client.force_login(make_user(Role.AGENCY_COORDINATOR))
    assert client.get(reverse("org:agency-import")).status_code == 403

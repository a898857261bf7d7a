"""Sites and rooms by sheet: one row per room, a new site created with
the first address given, an existing room matched by site and name; a bad row
writes nothing and the same file twice changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.importing import CREATE, MATCH, REFUSE
from daotao.core.models import AuditEvent, ImportBatch
from daotao.org.models import Room, Site
from daotao.org.room_importing import rooms_import_run

pytestmark = pytest.mark.django_db

HEADER = "Địa điểm,Địa chỉ,Tên phòng,Loại phòng,Sức chứa,Trang thiết bị"
ROWS = [
    "Cơ sở 1,Số 1 Lê Lợi,Phòng 201,Phòng học,60,Máy chiếu",
    "Cơ sở 1,,Hội trường A,Hội trường,250,Âm thanh",
    "Cơ sở 2,Xã Đông Sơn,Phòng 101,Phòng thảo luận,30,",
]


def sheet(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


def run(office, data, *, dry_run, filename="phong.csv"):
    return rooms_import_run(
        upload=data, filename=filename, actor=office, dry_run=dry_run
    )


def test_dry_run_writes_nothing(office):
    report = run(office, sheet(*ROWS), dry_run=True)

    assert report.counts == {CREATE: 3, MATCH: 0, REFUSE: 0}
    assert (Site.objects.count(), Room.objects.count()) == (0, 0)


def test_commit_creates_sites_and_rooms(office, school):
    report = run(office, sheet(*ROWS), dry_run=False)

    assert report.is_committed
    first = Site.objects.get(name="Cơ sở 1")
    assert (first.school, first.kind, first.address) == (
        school,
        Site.Kind.CAMPUS,
        "Số 1 Lê Lợi",
    )
    assert sorted(
        first.rooms.values_list("name", "kind", "capacity", "note", "search_key")
    ) == [
        ("Hội trường A", Room.Kind.HALL, 250, "Âm thanh", "hoi truong a"),
        ("Phòng 201", Room.Kind.CLASSROOM, 60, "Máy chiếu", "phong 201"),
    ]
    second = Room.objects.get(site__name="Cơ sở 2")
    assert (second.name, second.kind, second.capacity) == (
        "Phòng 101",
        Room.Kind.DISCUSSION,
        30,
    )
    assert AuditEvent.objects.filter(action="org.site_import").count() == 2
    rooms = AuditEvent.objects.filter(action="org.room_import")
    assert sorted(rooms.values_list("school_id", flat=True)) == [school.pk] * 3


def test_an_existing_site_and_room_are_kept(office, school):
    site = Site.objects.create(school=school, name="Cơ sở 1", address="Cũ")
    Room.objects.create(site=site, name="phòng 201", capacity=60)

    report = run(office, sheet(*ROWS), dry_run=False)

    assert report.counts == {CREATE: 2, MATCH: 1, REFUSE: 0}
    assert Site.objects.get(name="Cơ sở 1").address == "Cũ"
    assert Room.objects.filter(site=site).count() == 2


def test_bad_rows_write_nothing_and_are_named(office, school):
    site = Site.objects.create(school=school, name="Cơ sở 1")
    Room.objects.create(site=site, name="Phòng 201", capacity=40)
    bad = [
        "Cơ sở 2,,Phòng 102,Nhà kho,30,",
        "Cơ sở 2,,Phòng 103,Phòng học,ba mươi,",
        "Cơ sở 2,Xã khác,Phòng 104,,20,",
    ]

    report = run(office, sheet(*ROWS, *bad), dry_run=False)

    assert not report.is_committed
    assert [str(m) for m in report.errors] == [
        "Dòng 2, cột “Sức chứa”: phòng đã có với sức chứa 40, loại “Phòng học”; "
        "hãy sửa trên trang phòng học.",
        "Dòng 5, cột “Loại phòng”: không nhận ra loại phòng 'Nhà kho'; hãy ghi: "
        "Phòng học, Hội trường, Phòng thảo luận, Phòng máy tính hoặc Khác.",
        "Dòng 6, cột “Sức chứa”: 'ba mươi' không phải là số nguyên.",
        "Dòng 7, cột “Địa chỉ địa điểm”: địa điểm mới 'Cơ sở 2' có hai địa chỉ "
        "khác nhau trong tệp.",
    ]
    assert (Site.objects.count(), Room.objects.count()) == (1, 1)
    assert ImportBatch.objects.count() == 0
    assert not AuditEvent.objects.exists()


def test_same_file_twice_and_same_rows_again_change_nothing(office):
    data = sheet(*ROWS)
    run(office, data, dry_run=False)
    rooms = sorted(Room.objects.values_list("pk", "site_id", "name", "capacity"))
    sites = sorted(Site.objects.values_list("pk", "name", "address"))
    events = AuditEvent.objects.count()

    again = run(office, data, dry_run=False)
    other = run(office, sheet(*reversed(ROWS)), dry_run=False, filename="b.csv")

    assert again.already_imported_at is not None and not again.is_committed
    assert other.counts == {CREATE: 0, MATCH: 3, REFUSE: 0}
    assert sorted(Room.objects.values_list("pk", "site_id", "name", "capacity")) == (
        rooms
    )
    assert sorted(Site.objects.values_list("pk", "name", "address")) == sites
    assert AuditEvent.objects.count() == events


def test_pages(office, client):
    client.force_login(office)
    listing = client.get(reverse("org:room-list"))
    assert reverse("org:room-import") in listing.content.decode()
    assert client.get(reverse("org:room-template")).content[:2] == b"PK"
    upload = SimpleUploadedFile("phong.csv", sheet(*ROWS), content_type="text/csv")
    checked = client.post(reverse("org:room-import"), {"file": upload})
    assert checked.status_code == 200
    assert Room.objects.count() == 0

    done = client.post(
        reverse("org:room-import"), {"token": checked.context["report"].sha256}
    )

    assert done.status_code == 302
    assert Room.objects.count() == 3


def test_a_faculty_head_may_not_import(make_user, client):
    client.force_login(make_user(Role.FACULTY_HEAD))
    assert client.get(reverse("org:room-import")).status_code == 403

"""The cadres' registry by sheet: HR offices' headers, matched by CCCD,
an agency written with its pre-2025 name maps to its successor; a bad row writes
nothing and the same file twice changes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.importing import CREATE, MATCH, REFUSE
from daotao.core.models import AuditEvent, ImportBatch
from daotao.org.tests.factories import AgencyFactory
from daotao.people.importing import cadres_import_run
from daotao.people.models import Person, PostHistory
from daotao.people.tests.factories import PersonFactory

# Headers as an HR office writes them, not as the template does.
HEADER = (
    "Họ tên,Ngày tháng năm sinh,Nam/Nữ,Số CCCD/CMND,Dân tộc,Trình độ chuyên môn,"
    "Lý luận chính trị,Ngày kết nạp Đảng,Ngày chính thức,Chức vụ,Đơn vị công tác"
)
ROWS = [
    "Lê Văn An,12/04/1980,Nam,038080001234,Kinh,Đại học Luật,Trung cấp LLCT,"
    "19/05/2008,19/05/2009,Phó Chủ tịch UBND xã,UBND xã Đông Sơn",
    "Hà Thị Bình,03/09/1985,Nữ,038185004321,Mường,Thạc sĩ,Cao cấp,,,"
    "Chuyên viên,Huyện ủy Đông Sơn",
]


def sheet(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8")


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def agencies(school):
    current = AgencyFactory(school=school, name="UBND xã Đông Sơn")
    party = AgencyFactory(school=school, name="Đảng ủy xã Đông Sơn")
    old = AgencyFactory(
        school=school, name="Huyện ủy Đông Sơn", valid_to=datetime.date(2025, 6, 30)
    )
    party.predecessors.add(old)
    return current, party


def run(office, data, *, dry_run, filename="can-bo.csv"):
    return cadres_import_run(
        upload=data, filename=filename, actor=office, dry_run=dry_run
    )


def test_dry_run_writes_nothing_and_notes_the_former_name(office, agencies):
    report = run(office, sheet(*ROWS), dry_run=True)

    assert report.counts == {CREATE: 2, MATCH: 0, REFUSE: 0}
    assert [str(m) for m in report.warnings] == [
        "Dòng 3, cột “Cơ quan công tác”: “Huyện ủy Đông Sơn” là tên cũ; đã ghi vào "
        "“Đảng ủy xã Đông Sơn”."
    ]
    assert Person.objects.count() == 0


def test_commit_creates_the_registry_rows(office, school, agencies):
    current, party = agencies
    report = run(office, sheet(*ROWS), dry_run=False)

    assert report.is_committed
    an = Person.objects.get(citizen_id="038080001234")
    assert an.school == school
    assert an.full_name == "Lê Văn An"
    assert (an.sex, an.date_of_birth) == ("male", datetime.date(1980, 4, 12))
    assert an.ethnicity.name == "Kinh"
    assert an.education_level.code == "DH"
    assert an.theory_level.code == "TC"
    assert an.party_joined_on == datetime.date(2008, 5, 19)
    assert an.party_official_on == datetime.date(2009, 5, 19)
    assert an.current_post == "Phó Chủ tịch UBND xã"
    assert an.agency == current
    binh = Person.objects.get(citizen_id="038185004321")
    assert binh.agency == party
    assert binh.theory_level.code == "CC"
    assert PostHistory.objects.filter(person=an).count() == 1


def test_a_bad_row_writes_nothing_and_is_named(office, agencies):
    bad = ROWS[1].replace("038185004321", "038085004321")
    unknown = (
        ROWS[0]
        .replace("038080001234", "038080005678")
        .replace("UBND xã Đông Sơn", "Sở Ngoại vụ")
        .replace("Lê Văn An", "Lê Văn Ba")
    )
    report = run(office, sheet(ROWS[0], bad, unknown), dry_run=False)

    assert not report.is_committed
    assert [str(m) for m in report.errors] == [
        "Dòng 3, cột “Số CCCD”: chữ số thứ 4 của số CCCD (0) là mã của nam, "
        "nhưng giới tính đã khai là nữ.",
        "Dòng 4, cột “Cơ quan công tác”: không có cơ quan 'Sở Ngoại vụ' trong danh "
        "sách cơ quan cử đi học; hãy nhập cơ quan trước.",
    ]
    assert Person.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_matched_by_citizen_id_and_a_different_name_refused(office, school, agencies):
    PersonFactory(
        school=school,
        family_name="Lê",
        middle_name="Văn",
        given_name="An",
        citizen_id="038080001234",
        date_of_birth=datetime.date(1980, 4, 12),
        sex="male",
    )
    other = ROWS[1].replace("Hà Thị Bình", "Hà Thị Bích")
    PersonFactory(
        school=school,
        family_name="Hà",
        middle_name="Thị",
        given_name="Bình",
        citizen_id="038185004321",
        date_of_birth=datetime.date(1985, 9, 3),
        sex="female",
    )

    report = run(office, sheet(ROWS[0], other), dry_run=True)

    assert report.counts == {CREATE: 0, MATCH: 1, REFUSE: 1}
    assert [m.text for m in report.errors] == [
        "số CCCD này đã có trong hồ sơ của một người tên khác."
    ]


def test_same_file_twice_changes_nothing(office, agencies):
    data = sheet(*ROWS)
    run(office, data, dry_run=False)
    fields = ("pk", "citizen_id", "version", "search_key", "agency_id", "sex")
    before = sorted(Person.objects.values_list(*fields))
    events = list(AuditEvent.objects.values_list("pk", flat=True))

    again = run(office, data, dry_run=False)
    other = run(office, sheet(*reversed(ROWS)), dry_run=False, filename="b.csv")

    assert again.already_imported_at is not None and not again.is_committed
    assert other.counts == {CREATE: 0, MATCH: 2, REFUSE: 0}
    assert sorted(Person.objects.values_list(*fields)) == before
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == events
    assert ImportBatch.objects.count() == 2


def test_pages(office, client, agencies):
    client.force_login(office)
    listing = client.get(reverse("people:person-list"))
    assert reverse("people:person-import") in listing.content.decode()
    assert client.get(reverse("people:person-template")).content[:2] == b"PK"
    upload = SimpleUploadedFile("can-bo.csv", sheet(*ROWS), content_type="text/csv")
    checked = client.post(reverse("people:person-import"), {"file": upload})
    assert Person.objects.count() == 0

    done = client.post(
        reverse("people:person-import"), {"token": checked.context["report"].sha256}
    )

    assert done.status_code == 302
    assert Person.objects.count() == 2


def test_an_agency_coordinator_may_not_import(make_user, client):
    client.force_login(make_user(Role.AGENCY_COORDINATOR))
    assert client.get(reverse("people:person-import")).status_code == 403

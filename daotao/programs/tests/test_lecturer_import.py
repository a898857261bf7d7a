"""Lecturers by sheet: the person matched by CCCD or by name and date of
birth (created when new), the khoa, the title and the chuyên đề by name or module
code; a bad row writes nothing and the same file twice changes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.importing import CREATE, MATCH, REFUSE
from daotao.core.models import AuditEvent, ImportBatch
from daotao.faculty.models import Lecturer
from daotao.org.tests.factories import UnitFactory
from daotao.people.models import Person
from daotao.people.tests.factories import PersonFactory
from daotao.programs.lecturer_importing import lecturers_import_run
from daotao.programs.tests.factories import (
    ModuleFactory,
    ProgramFactory,
    ProgramVersionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

HEADER = "Họ và tên,Ngày sinh,Giới tính,Số CCCD,Khoa,Chức danh,Chuyên đề được giảng"
ROWS = [
    "Lê Thị Hoa,05/03/1980,Nữ,038180001234,Khoa Lý luận cơ sở,Giảng viên chính,"
    '"Phép biện chứng; I.2"',
    "Trần Văn Nam,12/11/1975,Nam,,Khoa Xây dựng Đảng,GVCC,",
    "Nguyễn Văn An,17/05/1985,Nam,,Khoa Lý luận cơ sở,,Phép biện chứng",
]


def sheet(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def places(school):
    """Two khoa; "Phép biện chứng" in two programmes, module I.2 with two topics."""
    theory = UnitFactory(school=school, name="Khoa Lý luận cơ sở")
    party = UnitFactory(school=school, name="Khoa Xây dựng Đảng")
    topics = []
    for kind in ("Cao cấp", "Trung cấp"):
        version = ProgramVersionFactory(
            program=ProgramFactory(school=school, name=kind)
        )
        module = ModuleFactory(block__version=version, code="I.1")
        topics.append(TopicFactory(module=module, name="Phép biện chứng"))
    second = ModuleFactory(block__version=version, code="I.2")
    topics += [TopicFactory(module=second), TopicFactory(module=second)]
    return {"theory": theory, "party": party, "topics": topics}


def run(office, data, *, dry_run, filename="giang-vien.csv"):
    return lecturers_import_run(
        upload=data, filename=filename, actor=office, dry_run=dry_run
    )


def test_dry_run_writes_nothing(office, places):
    report = run(office, sheet(*ROWS), dry_run=True)

    assert report.counts == {CREATE: 3, MATCH: 0, REFUSE: 0}
    assert (Person.objects.count(), Lecturer.objects.count()) == (0, 0)


def test_commit_creates_persons_lecturers_and_topics(office, school, places):
    known = PersonFactory(
        school=school,
        family_name="Nguyễn",
        middle_name="Văn",
        given_name="An",
        date_of_birth=datetime.date(1985, 5, 17),
    )

    report = run(office, sheet(*ROWS), dry_run=False)

    assert report.is_committed
    assert report.counts == {CREATE: 3, MATCH: 0, REFUSE: 0}
    hoa = Lecturer.objects.get(person__citizen_id="038180001234")
    assert (hoa.person.full_name, hoa.person.sex, hoa.person.date_of_birth) == (
        "Lê Thị Hoa",
        "female",
        datetime.date(1980, 3, 5),
    )
    assert (hoa.school, hoa.unit, hoa.title) == (
        school,
        places["theory"],
        Lecturer.Title.PRINCIPAL,
    )
    assert set(hoa.topics.all()) == set(places["topics"])
    nam = Lecturer.objects.get(person__given_name="Nam")
    assert (nam.unit, nam.title, nam.topics.count()) == (
        places["party"],
        Lecturer.Title.SENIOR,
        0,
    )
    an = Lecturer.objects.get(person=known)
    assert an.title == Lecturer.Title.LECTURER
    assert set(an.topics.all()) == set(places["topics"][:2])
    assert Person.objects.count() == 3
    assert AuditEvent.objects.filter(action="faculty.lecturer_create").count() == 3
    assert (
        AuditEvent.objects.filter(action="programs.lecturer_topics_import").count() == 2
    )


def test_bad_rows_write_nothing_and_are_named(office, school, places):
    PersonFactory(school=school, citizen_id="038180001234", given_name="Khác")
    bad = [
        "Phạm Thu,01/01/1990,Nữ,,Khoa Kinh tế,,",
        "Vũ Hà,01/01/1991,Nữ,,Khoa Xây dựng Đảng,Trợ giảng,",
        "Đỗ Minh,01/01/1992,Nam,,Khoa Xây dựng Đảng,,Triết học cổ đại",
    ]
    report = run(office, sheet(*ROWS, *bad), dry_run=False)

    assert not report.is_committed
    assert [str(m) for m in report.errors] == [
        "Dòng 2, cột “Số CCCD”: số CCCD này đã có trong hồ sơ của một người tên khác.",
        "Dòng 5, cột “Khoa, phòng”: không có khoa, phòng 'Khoa Kinh tế' của trường.",
        "Dòng 6, cột “Chức danh”: không nhận ra chức danh 'Trợ giảng'; hãy ghi: "
        "Giảng viên tập sự, Giảng viên, Giảng viên chính hoặc Giảng viên cao cấp.",
        "Dòng 7, cột “Chuyên đề được giảng”: không có chuyên đề hay mã học phần "
        "'Triết học cổ đại' trong các chương trình của trường.",
    ]
    assert (Person.objects.count(), Lecturer.objects.count()) == (1, 0)
    assert not AuditEvent.objects.exists()
    assert ImportBatch.objects.count() == 0


def test_same_file_twice_and_same_rows_again_change_nothing(office, places):
    data = sheet(*ROWS)
    run(office, data, dry_run=False)

    def state():
        return sorted(
            (
                lecturer.pk,
                lecturer.person_id,
                lecturer.unit_id,
                lecturer.title,
                sorted(lecturer.topics.values_list("pk", flat=True)),
            )
            for lecturer in Lecturer.objects.all()
        )

    before, persons, events = (
        state(),
        Person.objects.count(),
        AuditEvent.objects.count(),
    )

    again = run(office, data, dry_run=False)
    other = run(office, sheet(*reversed(ROWS)), dry_run=False, filename="b.csv")

    assert again.already_imported_at is not None and not again.is_committed
    assert other.counts == {CREATE: 0, MATCH: 3, REFUSE: 0}
    assert state() == before
    assert Person.objects.count() == persons
    assert AuditEvent.objects.count() == events


def test_pages(office, client, places):
    client.force_login(office)
    listing = client.get(reverse("faculty:lecturer-list"))
    assert reverse("programs:lecturer-import") in listing.content.decode()
    assert client.get(reverse("programs:lecturer-template")).content[:2] == b"PK"
    upload = SimpleUploadedFile("gv.csv", sheet(*ROWS), content_type="text/csv")
    checked = client.post(reverse("programs:lecturer-import"), {"file": upload})
    assert checked.status_code == 200
    assert Lecturer.objects.count() == 0

    done = client.post(
        reverse("programs:lecturer-import"),
        {"token": checked.context["report"].sha256},
    )

    assert done.status_code == 302
    assert Lecturer.objects.count() == 3


def test_a_faculty_head_may_not_import(make_user, client):
    client.force_login(make_user(Role.FACULTY_HEAD))
    assert client.get(reverse("programs:lecturer-import")).status_code == 403

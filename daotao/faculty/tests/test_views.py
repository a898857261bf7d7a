"""The lecturer pages as each role meets them: who may, what they see, what is saved."""

import datetime
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from daotao.core.access import PERMISSIONS, Role
from daotao.core.models import AuditEvent
from daotao.faculty.models import Lecturer, Unavailability
from daotao.faculty.tests.factories import LecturerFactory, UnavailabilityFactory
from daotao.org.tests.factories import SchoolFactory, UnitFactory
from daotao.people.tests.factories import PersonFactory
from daotao.programs.tests.factories import ProgramVersionFactory, TopicFactory

pytestmark = pytest.mark.django_db

VIEWERS = PERMISSIONS["faculty.view_lecturer"]
MANAGERS = PERMISSIONS["faculty.manage_lecturer"]


@pytest.fixture
def office(client, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    return client


def _lecturer(school, family, middle, given, **kwargs):
    return LecturerFactory(
        school=school,
        person=PersonFactory(
            school=school, family_name=family, middle_name=middle, given_name=given
        ),
        **kwargs,
    )


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_list_and_detail_answer_each_role_by_the_table(client, make_user, role):
    user = make_user(role)
    lecturer = LecturerFactory(school=user.memberships.get().school or SchoolFactory())
    client.force_login(user)
    expected = 200 if role in VIEWERS else 403
    assert client.get("/giang-vien/").status_code == expected
    assert client.get(f"/giang-vien/{lecturer.pk}/").status_code == expected
    assert client.get("/giang-vien/xuat-excel/").status_code == expected


@pytest.mark.parametrize("role", sorted(VIEWERS), ids=str)
def test_detail_links_the_learners_feedback_for_those_who_may_open_it(
    client, make_user, role
):
    user = make_user(role)
    lecturer = LecturerFactory(school=user.memberships.get().school or SchoolFactory())
    client.force_login(user)
    feedback = f"/hoc-vien/phan-hoi/giang-vien/{lecturer.pk}/"
    page = client.get(f"/giang-vien/{lecturer.pk}/").content.decode()
    may_open = role in PERMISSIONS["teaching.view_schedule"]
    assert (f'href="{feedback}"' in page) == may_open
    assert client.get(feedback).status_code == (200 if may_open else 403)


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_edit_is_for_managers_only_and_refusal_changes_nothing(
    client, make_user, school, role
):
    lecturer = LecturerFactory(school=school, title=Lecturer.Title.TRAINEE)
    client.force_login(make_user(role))
    response = client.post(
        f"/giang-vien/{lecturer.pk}/sua/",
        {"title": "senior", "unit": lecturer.unit_id, "is_active": "on"},
    )
    lecturer.refresh_from_db()
    if role in MANAGERS:
        assert response.status_code == 302
        assert lecturer.title == "senior"
    else:
        assert response.status_code == 403
        assert lecturer.title == "trainee"
        assert AuditEvent.objects.count() == 0


def test_lecturer_of_another_school_is_404_everywhere(office):
    elsewhere = LecturerFactory(school=SchoolFactory())
    absence = UnavailabilityFactory(
        lecturer=elsewhere,
        starts_on=datetime.date(2027, 4, 5),
        ends_on=datetime.date(2027, 4, 5),
    )
    assert office.get(f"/giang-vien/{elsewhere.pk}/").status_code == 404
    assert office.get(f"/giang-vien/{elsewhere.pk}/sua/").status_code == 404
    response = office.post(
        f"/giang-vien/{elsewhere.pk}/lich-ban/them/",
        {"starts_on": "05/04/2027", "ends_on": "06/04/2027", "kind": "trip"},
    )
    assert response.status_code == 404
    assert office.post(f"/giang-vien/lich-ban/{absence.pk}/xoa/").status_code == 404
    assert Unavailability.objects.count() == 1
    assert office.get("/giang-vien/").context["page"].paginator.count == 0


@pytest.mark.parametrize("query", ["tuan", "Tuấn", "PHAM MINH TUAN", "phạm minh"])
def test_search_ignores_diacritics(office, school, query):
    _lecturer(school, "Phạm", "Minh", "Tuấn")
    _lecturer(school, "Lê", "Thị", "Hoa")
    page = office.get("/giang-vien/", {"q": query}).context["page"]
    assert [lecturer.person.full_name for lecturer in page.object_list] == [
        "Phạm Minh Tuấn"
    ]


def test_list_is_in_vietnamese_name_order(office, school):
    for family, middle, given in [
        ("Trần", "Thị", "Ánh"),
        ("Lê", "Đức", "Anh"),
        ("Nguyễn", "Văn", "An"),
        ("Phạm", "Văn", "Đào"),
        ("Vũ", "Thị", "Dung"),
    ]:
        _lecturer(school, family, middle, given)
    page = office.get("/giang-vien/").context["page"]
    assert [lecturer.person.full_name for lecturer in page.object_list] == [
        "Nguyễn Văn An",
        "Lê Đức Anh",
        "Trần Thị Ánh",
        "Vũ Thị Dung",
        "Phạm Văn Đào",
    ]


def test_filters_by_unit_title_and_activity(office, school):
    party = UnitFactory(school=school, name="Khoa Xây dựng Đảng")
    theory = UnitFactory(school=school, name="Khoa Lý luận cơ sở")
    _lecturer(school, "Lê", "Văn", "An", unit=party, title="principal")
    _lecturer(school, "Hà", "Thị", "Bình", unit=party, title="lecturer")
    _lecturer(school, "Đỗ", "Văn", "Cường", unit=theory, title="principal")
    _lecturer(school, "Mai", "Thị", "Dung", unit=party, is_active=False)

    def names(**params):
        page = office.get("/giang-vien/", params).context["page"]
        return [lecturer.person.given_name for lecturer in page.object_list]

    assert names(unit=party.pk) == ["An", "Bình", "Dung"]
    assert names(unit=party.pk, title="principal") == ["An"]
    assert names(title="principal") == ["An", "Cường"]
    assert names(active="0") == ["Dung"]
    assert names(active="1", unit=party.pk) == ["An", "Bình"]


def test_export_lists_the_filtered_lecturers(office, school):
    unit = UnitFactory(school=school, name="Khoa Xây dựng Đảng")
    tuan = _lecturer(school, "Phạm", "Minh", "Tuấn", unit=unit, title="senior")
    tuan.person.phone = "0912345678"
    tuan.person.save()
    tuan.topics.set(TopicFactory.create_batch(2))
    _lecturer(school, "Lê", "Thị", "Hoa", unit=unit, is_visiting=True)
    _lecturer(school, "Vũ", "Văn", "Khoa", unit=UnitFactory(school=school))
    response = office.get("/giang-vien/xuat-excel/", {"unit": unit.pk})
    assert response["Content-Disposition"].startswith(
        'attachment; filename="danh-sach-giang-vien-'
    )
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][0] == "Danh sách giảng viên"
    assert rows[1] == (
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Khoa, phòng",
        "Chức danh",
        "Thỉnh giảng",
        "Kiêm chức",
        "Số chuyên đề được giảng",
        "Tình trạng",
        "Điện thoại",
        "Thư điện tử",
    )
    assert [row[:10] for row in rows[2:]] == [
        (
            1,
            "Lê Thị Hoa",
            "17/05/1985",
            "Khoa Xây dựng Đảng",
            "Giảng viên",
            "Có",
            None,
            0,
            "Đang giảng dạy",
            None,
        ),
        (
            2,
            "Phạm Minh Tuấn",
            "17/05/1985",
            "Khoa Xây dựng Đảng",
            "Giảng viên cao cấp",
            None,
            None,
            2,
            "Đang giảng dạy",
            "0912345678",
        ),
    ]


def test_list_query_count_does_not_grow_with_rows(office, school, settings):
    settings.PAGE_SIZE = 100
    topic = TopicFactory(
        module__block__version=ProgramVersionFactory(program__school=school)
    )

    def count_for(total: int) -> int:
        while Lecturer.objects.count() < total:
            LecturerFactory(school=school).topics.add(topic)
        office.get("/giang-vien/")
        with CaptureQueriesContext(connection) as queries:
            response = office.get("/giang-vien/")
        assert len(response.context["page"].object_list) == total
        return len(queries)

    assert count_for(2) == count_for(30)


def test_create_from_a_person_of_the_school(office, school, unit):
    version = ProgramVersionFactory(
        program__school=school, program__name="Trung cấp lý luận chính trị"
    )
    topic = TopicFactory(
        module__block__version=version,
        module__code="II.2",
        module__name="Xây dựng Đảng",
    )
    person = PersonFactory(
        school=school, family_name="Phạm", middle_name="Minh", given_name="Tuấn"
    )
    already = LecturerFactory(school=school)
    page = office.get("/giang-vien/them/")
    choices = dict(page.context["form"].fields["person"].choices)
    assert person.pk in choices
    assert already.person_id not in choices
    assert "II.2 Xây dựng Đảng" in page.content.decode()

    response = office.post(
        "/giang-vien/them/",
        {
            "person": person.pk,
            "title": "principal",
            "unit": unit.pk,
            "is_active": "on",
            "topics": [topic.pk],
            "preferred_topics": [topic.pk],
        },
    )
    lecturer = Lecturer.objects.get(person=person)
    assert response["Location"] == f"/giang-vien/{lecturer.pk}/"
    assert (lecturer.title, lecturer.unit_id, lecturer.school_id) == (
        "principal",
        unit.pk,
        school.pk,
    )
    assert list(lecturer.topics.all()) == [topic]
    detail = office.get(response["Location"]).content.decode()
    assert "Phạm Minh Tuấn" in detail
    assert "II.2 Xây dựng Đảng" in detail
    assert "muốn giảng" in detail


def test_create_search_finds_people_without_diacritics(office, school):
    PersonFactory(
        school=school, family_name="Đặng", middle_name="Thị", given_name="Ánh"
    )
    PersonFactory(school=school, family_name="Lê", middle_name="Văn", given_name="An")
    form = office.get("/giang-vien/them/", {"q": "dang thi anh"}).context["form"]
    labels = [label for pk, label in form.fields["person"].choices if pk]
    assert labels == ["Đặng Thị Ánh — 17/05/1985"]


def test_create_refuses_a_person_of_another_school(office, school):
    stranger = PersonFactory(school=SchoolFactory())
    response = office.post(
        "/giang-vien/them/", {"person": stranger.pk, "title": "lecturer"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["person"]
    assert "Chưa lưu được" in response.content.decode()
    assert Lecturer.objects.count() == 0


def test_preferred_topic_outside_qualified_is_shown_on_the_field(office, school):
    version = ProgramVersionFactory(program__school=school)
    first, second = TopicFactory.create_batch(2, module__block__version=version)
    lecturer = LecturerFactory(school=school)
    response = office.post(
        f"/giang-vien/{lecturer.pk}/sua/",
        {
            "title": "lecturer",
            "is_active": "on",
            "topics": [first.pk],
            "preferred_topics": [second.pk],
        },
    )
    assert response.context["form"].errors["preferred_topics"] == [
        "Chuyên đề muốn giảng phải nằm trong các chuyên đề được giảng."
    ]
    assert "Chưa lưu được" in response.content.decode()
    assert lecturer.topics.count() == 0
    assert AuditEvent.objects.count() == 0


def test_unavailability_added_and_deleted_from_the_detail_page(office, school):
    lecturer = LecturerFactory(school=school)
    response = office.post(
        f"/giang-vien/{lecturer.pk}/lich-ban/them/",
        {
            "starts_on": "05/04/2027",
            "ends_on": "09/04/2027",
            "part": "all",
            "kind": "field_practice",
            "note": "Đi thực tế tại xã Thọ Xuân",
        },
    )
    assert response["Location"] == f"/giang-vien/{lecturer.pk}/"
    item = Unavailability.objects.get()
    assert (item.lecturer_id, item.starts_on, item.ends_on, item.kind) == (
        lecturer.pk,
        datetime.date(2027, 4, 5),
        datetime.date(2027, 4, 9),
        "field_practice",
    )
    page = office.get(f"/giang-vien/{lecturer.pk}/").content.decode()
    assert "05/04/2027" in page
    assert "Đi thực tế tại xã Thọ Xuân" in page

    response = office.post(f"/giang-vien/lich-ban/{item.pk}/xoa/")
    assert response["Location"] == f"/giang-vien/{lecturer.pk}/"
    assert Unavailability.objects.count() == 0


def test_unavailability_with_dates_reversed_shows_the_error(office, school):
    lecturer = LecturerFactory(school=school)
    response = office.post(
        f"/giang-vien/{lecturer.pk}/lich-ban/them/",
        {
            "starts_on": "09/04/2027",
            "ends_on": "05/04/2027",
            "part": "morning",
            "kind": "trip",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == [
        "Ngày kết thúc phải từ ngày bắt đầu trở đi."
    ]
    assert Unavailability.objects.count() == 0


def test_unavailability_actions_answer_post_only(office, school):
    lecturer = LecturerFactory(school=school)
    assert office.get(f"/giang-vien/{lecturer.pk}/lich-ban/them/").status_code == 405


def test_faculty_head_sees_detail_without_edit_controls(client, make_user, school):
    lecturer = LecturerFactory(school=school)
    client.force_login(make_user(Role.FACULTY_HEAD))
    response = client.get(f"/giang-vien/{lecturer.pk}/")
    assert response.status_code == 200
    assert response.context["can_manage"] is False
    assert response.context["form"] is None
    assert f"/giang-vien/{lecturer.pk}/sua/" not in response.content.decode()

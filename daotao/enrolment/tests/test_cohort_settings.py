"""A cohort's teaching settings: homeroom lecturer, study days and status, set by
the training office through one audited service and the cohort page."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.enrolment.models import Cohort
from daotao.enrolment.services import cohort_teaching_update, cohort_version
from daotao.faculty.tests.factories import LecturerFactory
from daotao.org.tests.factories import SchoolFactory
from daotao.people.tests.factories import PersonFactory
from daotao.tests.support.school_world import FreshSchool

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(school, planned_class):
    return FreshSchool(school).cohort_of(planned_class, code="K60A")


def _lecturer(school, family, middle, given, **kwargs):
    person = PersonFactory(
        school=school, family_name=family, middle_name=middle, given_name=given
    )
    return LecturerFactory(school=school, person=person, **kwargs)


@pytest.fixture
def lecturer(school):
    return _lecturer(school, "Nguyễn", "Thị", "Hồng")


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


def _state(cohort):
    cohort.refresh_from_db()
    return (
        cohort.homeroom_lecturer_id,
        cohort.study_weekdays,
        cohort.status,
        AuditEvent.objects.filter(action="enrolment.cohort_teaching_update").count(),
    )


def _update(actor, cohort, **changes):
    """Change some settings, keeping the others as they are in the database."""
    cohort.refresh_from_db()
    values = {
        "homeroom_lecturer": cohort.homeroom_lecturer,
        "study_weekdays": cohort.study_weekdays,
        "status": cohort.status,
    }
    values.update(changes)
    return cohort_teaching_update(actor=actor, cohort=cohort, **values)


# --- Service ---------------------------------------------------------------------


def test_update_sets_the_values_and_records_old_and_new(office, cohort, lecturer):
    _update(
        office,
        cohort,
        homeroom_lecturer=lecturer,
        study_weekdays=[6, 5, 5],
        status="studying",
    )
    cohort.refresh_from_db()
    assert cohort.homeroom_lecturer_id == lecturer.pk
    assert cohort.study_weekdays == [5, 6]
    assert cohort.status == "studying"
    event = AuditEvent.objects.get(action="enrolment.cohort_teaching_update")
    assert event.actor == office
    assert event.school_id == cohort.school_id
    assert event.object_type == "enrolment.cohort"
    assert event.object_id == str(cohort.pk)
    assert event.changes == {
        "homeroom_lecturer": [None, lecturer.pk],
        "study_weekdays": [[0, 1, 2, 3, 4], [5, 6]],
        "status": ["open", "studying"],
    }


def test_saving_unchanged_settings_writes_no_audit_row(office, cohort):
    _update(office, cohort)
    assert (
        AuditEvent.objects.filter(action="enrolment.cohort_teaching_update").count()
        == 0
    )


def test_status_moves_forward_one_step_at_a_time(office, cohort):
    _update(office, cohort, status="studying")
    _update(office, cohort, status="finished")
    cohort.refresh_from_db()
    assert cohort.status == "finished"
    assert (
        AuditEvent.objects.filter(action="enrolment.cohort_teaching_update").count()
        == 2
    )


def test_open_to_finished_is_refused_in_vietnamese(office, cohort):
    before = _state(cohort)
    with pytest.raises(ValidationError) as caught:
        _update(office, cohort, status="finished")
    assert caught.value.message_dict == {
        "status": [
            "Lớp chưa học không thể chuyển thẳng sang «Đã kết thúc»; "
            "hãy chuyển sang «Đang học» trước."
        ]
    }
    assert _state(cohort) == before


def test_going_back_is_refused(office, cohort):
    _update(office, cohort, status="studying")
    before = _state(cohort)
    with pytest.raises(ValidationError) as caught:
        _update(office, cohort, status="open")
    assert caught.value.message_dict == {
        "status": ["Không thể chuyển tình trạng lớp từ «Đang học» về «Đã lập lớp»."]
    }
    assert _state(cohort) == before


def test_lecturer_of_another_school_is_refused(office, cohort):
    stranger = _lecturer(SchoolFactory(), "Lê", "Văn", "Khách")
    before = _state(cohort)
    with pytest.raises(ValidationError) as caught:
        _update(office, cohort, homeroom_lecturer=stranger)
    assert caught.value.message_dict == {
        "homeroom_lecturer": ["Giảng viên Lê Văn Khách không thuộc trường của lớp."]
    }
    assert _state(cohort) == before


def test_inactive_lecturer_is_refused_but_a_current_one_may_stay(
    office, cohort, school, lecturer
):
    retired = _lecturer(school, "Trần", "Văn", "Hưu", is_active=False)
    before = _state(cohort)
    with pytest.raises(ValidationError) as caught:
        _update(office, cohort, homeroom_lecturer=retired)
    assert caught.value.message_dict == {
        "homeroom_lecturer": ["Giảng viên Trần Văn Hưu đã thôi giảng dạy."]
    }
    assert _state(cohort) == before

    _update(office, cohort, homeroom_lecturer=lecturer)
    lecturer.is_active = False
    lecturer.save()
    _update(office, cohort, status="studying")
    cohort.refresh_from_db()
    assert (cohort.homeroom_lecturer_id, cohort.status) == (lecturer.pk, "studying")


@pytest.mark.parametrize(
    ("weekdays", "message"),
    [
        ([], "Chọn ít nhất một ngày học trong tuần."),
        ([5, 7], "Ngày học trong tuần phải là các ngày từ Thứ Hai đến Chủ nhật."),
        ([-1], "Ngày học trong tuần phải là các ngày từ Thứ Hai đến Chủ nhật."),
        (["5"], "Ngày học trong tuần phải là các ngày từ Thứ Hai đến Chủ nhật."),
    ],
)
def test_weekdays_must_be_a_non_empty_subset_of_the_week(
    office, cohort, weekdays, message
):
    before = _state(cohort)
    with pytest.raises(ValidationError) as caught:
        _update(office, cohort, study_weekdays=weekdays)
    assert caught.value.message_dict == {"study_weekdays": [message]}
    assert _state(cohort) == before


def test_all_errors_are_reported_at_once(office, cohort):
    stranger = _lecturer(SchoolFactory(), "Lê", "Văn", "Khách")
    with pytest.raises(ValidationError) as caught:
        _update(
            office,
            cohort,
            homeroom_lecturer=stranger,
            study_weekdays=[],
            status="finished",
        )
    assert set(caught.value.message_dict) == {
        "homeroom_lecturer",
        "study_weekdays",
        "status",
    }


@pytest.mark.parametrize(
    "role", [Role.LEADERSHIP, Role.FACULTY_HEAD, Role.LECTURER, Role.SUPERVISOR]
)
def test_roles_without_admit_are_refused(make_user, cohort, lecturer, role):
    before = _state(cohort)
    with pytest.raises(PermissionDenied):
        _update(make_user(role), cohort, homeroom_lecturer=lecturer)
    assert _state(cohort) == before


def test_training_office_of_another_school_is_refused(make_user, cohort, lecturer):
    other = make_user(Role.TRAINING_OFFICE, school=SchoolFactory())
    before = _state(cohort)
    with pytest.raises(PermissionDenied):
        _update(other, cohort, homeroom_lecturer=lecturer)
    assert _state(cohort) == before


def test_a_stale_version_is_refused(office, cohort, lecturer):
    stale = cohort_version(cohort)
    Cohort.objects.filter(pk=cohort.pk).update(
        updated_at=cohort.updated_at + datetime.timedelta(seconds=1)
    )
    before = _state(cohort)
    with pytest.raises(ValidationError) as caught:
        cohort_teaching_update(
            actor=office,
            cohort=cohort,
            homeroom_lecturer=lecturer,
            study_weekdays=[5, 6],
            status="open",
            expected_version=stale,
        )
    assert caught.value.messages == [
        "Lớp vừa được người khác cập nhật; hãy tải lại trang và thử lại."
    ]
    assert _state(cohort) == before


# --- Page ------------------------------------------------------------------------


def _url(cohort):
    return f"/tuyen-sinh/lop-hoc/{cohort.pk}/"


def _post(client, cohort, **changes):
    data = {
        "homeroom_lecturer": "",
        "study_weekdays": ["0", "1", "2", "3", "4"],
        "status": "open",
        "version": cohort_version(cohort),
    }
    data.update(changes)
    return client.post(f"{_url(cohort)}cai-dat/", data)


def test_office_sees_the_form_with_the_schools_active_lecturers_in_order(
    client, office, cohort, school, lecturer
):
    _lecturer(school, "An", "Văn", "Bình")
    _lecturer(school, "Đỗ", "Thị", "Cúc", is_active=False)
    _lecturer(SchoolFactory(), "Bùi", "Văn", "Xa")
    client.force_login(office)
    response = client.get(_url(cohort))
    form = response.context["settings_form"]
    names = [
        label for value, label in form.fields["homeroom_lecturer"].choices if value
    ]
    assert names == ["An Văn Bình", "Nguyễn Thị Hồng"]
    page = response.content.decode()
    assert f'action="{_url(cohort)}cai-dat/#cai-dat"' in page
    for day in ("Thứ Hai", "Thứ Bảy", "Chủ nhật"):
        assert day in page
    timetable = reverse("teaching:cohort-timetable", args=[cohort.pk])
    assert f'href="{timetable}"' in page


def test_office_saves_the_settings(client, office, cohort, lecturer):
    client.force_login(office)
    response = _post(
        client,
        cohort,
        homeroom_lecturer=str(lecturer.pk),
        study_weekdays=["5", "6"],
        status="studying",
    )
    assert response.status_code == 302
    assert response["Location"] == _url(cohort)
    cohort.refresh_from_db()
    assert (cohort.homeroom_lecturer_id, cohort.study_weekdays, cohort.status) == (
        lecturer.pk,
        [5, 6],
        "studying",
    )
    page = client.get(_url(cohort)).content.decode()
    assert "Nguyễn Thị Hồng" in page
    assert "Thứ Bảy, Chủ nhật" in page
    assert "Đang học" in page


def test_page_shows_the_errors_in_vietnamese_and_saves_nothing(client, office, cohort):
    client.force_login(office)
    before = _state(cohort)
    response = _post(client, cohort, study_weekdays=[], status="finished")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chưa lưu được. Hãy sửa các mục sau:" in page
    assert "Chọn ít nhất một ngày học trong tuần." in page
    assert "hãy chuyển sang «Đang học» trước." in page
    assert _state(cohort) == before


def test_reader_without_admit_sees_the_settings_but_no_form(
    client, make_user, office, cohort, lecturer
):
    _update(office, cohort, homeroom_lecturer=lecturer, study_weekdays=[5, 6])
    client.force_login(make_user(Role.LEADERSHIP))
    response = client.get(_url(cohort))
    assert response.context["settings_form"] is None
    page = response.content.decode()
    assert "Nguyễn Thị Hồng" in page
    assert "Thứ Bảy, Chủ nhật" in page
    assert "Đã lập lớp" in page
    assert "cai-dat" not in page


@pytest.mark.parametrize(
    "role", [Role.LEADERSHIP, Role.FACULTY_HEAD, Role.SUPERVISOR, Role.LECTURER]
)
def test_post_without_admit_is_403_and_changes_nothing(
    client, make_user, cohort, lecturer, role
):
    client.force_login(make_user(role))
    before = _state(cohort)
    response = _post(client, cohort, homeroom_lecturer=str(lecturer.pk))
    assert response.status_code == 403
    assert _state(cohort) == before


def test_settings_route_answers_post_only(client, office, cohort):
    client.force_login(office)
    assert client.get(f"{_url(cohort)}cai-dat/").status_code == 405


def test_tuyen_sinh_links_each_class_timetable_for_those_who_may_open_it(
    client, office, cohort, make_user
):
    timetable = reverse("teaching:cohort-timetable", args=[cohort.pk])
    url = f"{reverse('enrolment:class-list')}?nam={cohort.starts_on.year}"
    client.force_login(office)
    page = client.get(url).content.decode()
    assert reverse("enrolment:cohort-detail", args=[cohort.pk]) in page
    assert f'href="{timetable}"' in page
    # A supervisor reads the classes and their timetables too.
    client.force_login(make_user(Role.SUPERVISOR))
    assert f'href="{timetable}"' in client.get(url).content.decode()
    assert client.get(timetable).status_code == 200

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from daotao.accounts.models import Role
from daotao.core.models import AuditEvent
from daotao.faculty.tests.factories import LecturerFactory
from daotao.research import services
from daotao.research.models import ResearchOutput, ResearchTopic
from daotao.research.selectors import topics as selectors

Status = ResearchTopic.Status


@pytest.fixture
def office(make_user):
    return make_user(Role.RESEARCH_OFFICE)


@pytest.fixture
def leader(school):
    return LecturerFactory(school=school)


def _data(leader, **changes):
    values = {
        "code": "ĐT-2026-01",
        "title": "Đổi mới quản lý học viên ở trường chính trị tỉnh",
        "level": ResearchTopic.Level.PROVINCE,
        "leader_id": leader.pk,
        "starts_on": datetime.date(2026, 1, 1),
        "ends_on": datetime.date(2026, 12, 31),
        "budget": 150_000_000,
    }
    values.update(changes)
    return services.TopicData(**values)


def test_topic_goes_registered_approved_in_progress_accepted(school, office, leader):
    topic = services.topic_create(actor=office, school_id=school.pk, data=_data(leader))
    assert topic.status == Status.REGISTERED
    services.topic_transition(actor=office, topic=topic, status=Status.APPROVED)
    services.topic_transition(actor=office, topic=topic, status=Status.IN_PROGRESS)
    topic = services.topic_accept(
        actor=office,
        topic=topic,
        result=ResearchTopic.Result.GOOD,
        accepted_on=datetime.date(2026, 12, 20),
    )
    topic.refresh_from_db()
    assert (topic.status, topic.result, topic.accepted_on) == (
        Status.ACCEPTED,
        "good",
        datetime.date(2026, 12, 20),
    )
    actions = list(
        AuditEvent.objects.filter(object_id=str(topic.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == [
        "research.topic_create",
        "research.topic_transition",
        "research.topic_transition",
        "research.topic_accept",
    ]


def test_a_wrong_step_is_refused_and_changes_nothing(school, office, leader):
    topic = services.topic_create(actor=office, school_id=school.pk, data=_data(leader))
    with pytest.raises(ValidationError) as error:
        services.topic_transition(actor=office, topic=topic, status=Status.IN_PROGRESS)
    assert "từ “Đã đăng ký” sang “Đang thực hiện”" in error.value.messages[0]
    with pytest.raises(ValidationError):
        services.topic_accept(
            actor=office,
            topic=topic,
            result="good",
            accepted_on=datetime.date(2026, 12, 1),
        )
    topic.refresh_from_db()
    assert (topic.status, topic.result, topic.accepted_on) == (
        Status.REGISTERED,
        "",
        None,
    )
    assert AuditEvent.objects.filter(object_id=str(topic.pk)).count() == 1


def test_history_names_each_step(client, school, office, leader):
    topic = services.topic_create(actor=office, school_id=school.pk, data=_data(leader))
    services.topic_transition(actor=office, topic=topic, status=Status.APPROVED)
    client.force_login(office)
    response = client.get(reverse("research:topic-detail", args=[topic.pk]))
    assert [event.label for event in response.context["history"]] == [
        "Đăng ký đề tài",
        "Chuyển trạng thái: Đã đăng ký → Đã phê duyệt",
    ]


def test_a_duplicate_code_is_refused(school, office, leader):
    services.topic_create(actor=office, school_id=school.pk, data=_data(leader))
    with pytest.raises(ValidationError) as error:
        services.topic_create(actor=office, school_id=school.pk, data=_data(leader))
    assert error.value.message_dict["code"] == [
        "Mã đề tài ĐT-2026-01 đã có trong trường."
    ]
    assert ResearchTopic.objects.count() == 1


def test_a_lecturer_may_not_register_a_topic(school, make_user, leader):
    with pytest.raises(PermissionDenied):
        services.topic_create(
            actor=make_user(Role.LECTURER), school_id=school.pk, data=_data(leader)
        )
    assert ResearchTopic.objects.count() == 0


def test_outputs_count_in_the_lecturer_profile(client, school, office, leader):
    member = LecturerFactory(school=school)
    topic = services.topic_create(
        actor=office,
        school_id=school.pk,
        data=_data(leader, member_ids=(member.pk,)),
    )
    services.output_add(
        actor=office,
        school_id=school.pk,
        topic=topic,
        data=services.OutputData(
            kind=ResearchOutput.Kind.ARTICLE,
            title="Quản lý học viên theo hướng tự chủ",
            venue="Tạp chí Lý luận chính trị",
            year=2026,
            author_ids=(member.pk,),
        ),
    )
    profile = selectors.lecturer_research(lecturer=member)
    assert (profile["topic_count"], profile["output_count"]) == (1, 1)
    client.force_login(office)
    staff = client  # the research office does not read lecturer profiles
    response = staff.get(reverse("faculty:lecturer-detail", args=[member.pk]))
    assert response.status_code == 403


def test_lecturer_page_shows_the_research_section(client, school, make_user, leader):
    office = make_user(Role.RESEARCH_OFFICE)
    topic = services.topic_create(actor=office, school_id=school.pk, data=_data(leader))
    client.force_login(make_user(Role.TRAINING_OFFICE))
    response = client.get(reverse("faculty:lecturer-detail", args=[leader.pk]))
    body = response.content.decode()
    assert "Đề tài, công trình khoa học" in body
    assert "1 đề tài, 0 công trình." in body
    assert topic.title in body


def test_list_search_ignores_diacritics_and_exports(client, school, office, leader):
    services.topic_create(actor=office, school_id=school.pk, data=_data(leader))
    services.topic_create(
        actor=office,
        school_id=school.pk,
        data=_data(leader, code="ĐT-2026-02", title="Công tác tổng kết thực tiễn"),
    )
    client.force_login(office)
    response = client.get(reverse("research:topic-list"), {"q": "quan ly hoc vien"})
    assert [t.code for t in response.context["page"].object_list] == ["ĐT-2026-01"]
    export = client.get(reverse("research:topic-export"), {"q": "tong ket"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_transition_button_refuses_a_wrong_step_with_a_message(
    client, school, office, leader
):
    topic = services.topic_create(actor=office, school_id=school.pk, data=_data(leader))
    client.force_login(office)
    response = client.post(
        reverse("research:topic-transition", args=[topic.pk]),
        {"status": Status.ACCEPTED},
        follow=True,
    )
    assert "Không thể chuyển đề tài ĐT-2026-01" in response.content.decode()
    topic.refresh_from_db()
    assert topic.status == Status.REGISTERED


def test_supervisor_reads_but_may_not_change(client, school, make_user, office, leader):
    topic = services.topic_create(actor=office, school_id=school.pk, data=_data(leader))
    client.force_login(make_user(Role.SUPERVISOR))
    assert (
        client.get(reverse("research:topic-detail", args=[topic.pk])).status_code == 200
    )
    response = client.post(
        reverse("research:topic-transition", args=[topic.pk]),
        {"status": Status.APPROVED},
    )
    assert response.status_code == 403
    topic.refresh_from_db()
    assert topic.status == Status.REGISTERED

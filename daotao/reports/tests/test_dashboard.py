"""The role dashboards and the menu: each role sees its own areas and next steps."""

import pytest

from daotao.core.access import Role
from daotao.people.tests.factories import PersonFactory

MENU = {
    Role.ADMINISTRATOR: [
        "Tổng quan",
        "Số liệu",
        "So sánh các trường",
        "Trường chính trị chuẩn",
        "Cán bộ",
        "Chương trình",
        "Cơ quan cử đi học",
        "Khoa, phòng",
        "Phòng học",
        "Giảng viên",
        "Phát triển giảng viên",
        "Kế hoạch",
        "Tuyển sinh",
        "Cán bộ đi học",
        "Xếp lịch giảng",
        "Điểm danh",
        "Lớp chủ nhiệm",
        "Hỗ trợ học viên",
        "Khen thưởng, rèn luyện",
        "Đánh giá",
        "Văn bản đi",
        "Giờ chuẩn",
        "Văn bằng",
        "Đề tài khoa học",
        "Hội thảo khoa học",
        "Phân quyền",
        "Quản trị",
    ],
    Role.TRAINING_OFFICE: [
        "Tổng quan",
        "Số liệu",
        "Trường chính trị chuẩn",
        "Cán bộ",
        "Chương trình",
        "Cơ quan cử đi học",
        "Khoa, phòng",
        "Phòng học",
        "Giảng viên",
        "Phát triển giảng viên",
        "Kế hoạch",
        "Tuyển sinh",
        "Cán bộ đi học",
        "Xếp lịch giảng",
        "Điểm danh",
        "Lớp chủ nhiệm",
        "Hỗ trợ học viên",
        "Khen thưởng, rèn luyện",
        "Đánh giá",
        "Chấm nghiên cứu",
        "Văn bản đi",
        "Giờ chuẩn",
        "Văn bằng",
        "Đề tài khoa học",
        "Hội thảo khoa học",
    ],
    Role.AGENCY_COORDINATOR: [
        "Tổng quan",
        "Cán bộ",
        "Cơ quan cử đi học",
        "Tuyển sinh",
        "Cán bộ đi học",
    ],
    Role.RESEARCH_OFFICE: [
        "Tổng quan",
        "Cán bộ",
        "Chương trình",
        "Cơ quan cử đi học",
        "Khoa, phòng",
        "Kế hoạch",
        "Văn bản đi",
        "Đề tài khoa học",
        "Hội thảo khoa học",
    ],
    Role.COMMUNICATIONS: [
        "Tổng quan",
        "Cổng thông tin",
    ],
    Role.LEARNER: [
        "Tổng quan",
        "Lịch của tôi",
        "Học tập của tôi",
        "Điểm của tôi",
    ],
    Role.LECTURER: [
        "Tổng quan",
        "Lịch của tôi",
        "Chương trình",
        "Điểm danh",
        "Đánh giá",
        "Chấm nghiên cứu",
        "Giờ chuẩn của tôi",
        "Phản hồi của học viên",
        "Bài cần phản biện",
        "Hồ sơ phát triển của tôi",
    ],
    Role.PROVINCIAL_BOARD: [
        "Tổng quan",
        "Cơ quan cử đi học",
        "Kế hoạch",
        "Cán bộ đi học",
    ],
    Role.SUPERVISOR: [
        "Tổng quan",
        "Số liệu",
        "So sánh các trường",
        "Trường chính trị chuẩn",
        "Cán bộ",
        "Chương trình",
        "Cơ quan cử đi học",
        "Khoa, phòng",
        "Phòng học",
        "Giảng viên",
        "Phát triển giảng viên",
        "Kế hoạch",
        "Tuyển sinh",
        "Cán bộ đi học",
        "Xếp lịch giảng",
        "Điểm danh",
        "Hỗ trợ học viên",
        "Khen thưởng, rèn luyện",
        "Đánh giá",
        "Văn bản đi",
        "Giờ chuẩn",
        "Văn bằng",
        "Đề tài khoa học",
        "Hội thảo khoa học",
    ],
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(MENU), ids=str)
def test_menu_by_role(client, make_user, role):
    client.force_login(make_user(role))
    response = client.get("/quan-ly/")
    assert [str(item["label"]) for item in response.context["menu"]] == MENU[role]
    assert response.context["menu"][0]["is_current"] is True


@pytest.mark.django_db
def test_empty_school_tells_the_office_what_to_do(client, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    body = client.get("/quan-ly/").content.decode()
    assert "Chưa có hồ sơ cán bộ nào trong phạm vi của bạn." in body
    assert 'href="/can-bo/them/"' in body


@pytest.mark.django_db
def test_learner_and_lecturer_empty_states(client, make_user):
    client.force_login(make_user(Role.LEARNER))
    assert "Bạn chưa có lớp học nào." in client.get("/quan-ly/").content.decode()
    client.force_login(make_user(Role.LECTURER))
    assert (
        "Bạn chưa được phân công giảng dạy lớp nào."
        in client.get("/quan-ly/").content.decode()
    )


@pytest.mark.django_db
def test_figures_count_only_the_scope(client, make_user, school, agency):
    PersonFactory(school=school, agency=agency, party_joined_on="2010-05-19")
    PersonFactory(school=school, agency=agency)
    PersonFactory(school=school)
    client.force_login(make_user(Role.AGENCY_COORDINATOR, agency=agency))
    figures = client.get("/quan-ly/").context["figures"]
    assert (figures.people, figures.party_members, figures.agencies, figures.units) == (
        2,
        1,
        1,
        None,
    )

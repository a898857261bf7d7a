"""Editing a draft's structure from its page: add blocks, modules and topics, edit a
topic, delete with a confirmation; refused for other roles and for a version in use."""

import datetime

import pytest

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.org.tests.factories import SchoolFactory
from daotao.programs.models import Module, ProgramVersion, Topic
from daotao.programs.tests.factories import draft_with_structure
from daotao.tests.support.school_world import FreshSchool

pytestmark = pytest.mark.django_db

IN_USE_MESSAGE = (
    "Phiên bản “{label}” đang ở trạng thái “Đang áp dụng”: không được sửa cấu trúc "
    "hay số tiết. Hãy sao chép thành phiên bản mới để sửa."
)


@pytest.fixture
def office(client, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    return client


@pytest.fixture
def draft(school):
    return draft_with_structure(program__school=school)


def _parts(version):
    """The first block, its first module and that module's first topic."""
    block = version.blocks.get(position=1)
    module = block.modules.get(position=1)
    return block, module, module.topics.get(position=1)


def _state(version):
    """Everything a structure edit could change, to compare before and after."""
    version.refresh_from_db()
    topics = Topic.objects.filter(module__block__version=version).order_by("pk")
    return (
        version.status,
        list(version.blocks.order_by("pk").values_list("pk", "position", "name")),
        list(
            Module.objects.filter(block__version=version)
            .order_by("pk")
            .values_list("pk", "block_id", "position", "code", "name", "is_assessed")
        ),
        list(
            topics.values_list(
                "pk",
                "module_id",
                "position",
                "name",
                "lecture_periods",
                "discussion_periods",
                "practice_periods",
                "field_study_periods",
            )
        ),
        AuditEvent.objects.count(),
    )


def _requests(version):
    """(url, valid POST data) of every structure route, on `version`'s first parts."""
    block, module, topic = _parts(version)
    topic_data = {
        "name": "Chuyên đề mới",
        "lecture_periods": "3",
        "discussion_periods": "1",
        "practice_periods": "",
        "field_study_periods": "",
    }
    return [
        (f"/chuong-trinh/phien-ban/{version.pk}/them-khoi/", {"name": "Phần III"}),
        (f"/chuong-trinh/khoi/{block.pk}/them-hoc-phan/", {"name": "Học phần mới"}),
        (f"/chuong-trinh/hoc-phan/{module.pk}/them-chuyen-de/", topic_data),
        (f"/chuong-trinh/chuyen-de/{topic.pk}/sua/", topic_data),
        (f"/chuong-trinh/chuyen-de/{topic.pk}/xoa/", {}),
        (f"/chuong-trinh/hoc-phan/{module.pk}/xoa/", {}),
        (f"/chuong-trinh/khoi/{block.pk}/xoa/", {}),
    ]


def _detail(client, version):
    return client.get(f"/chuong-trinh/phien-ban/{version.pk}/").content.decode()


# --- The training office edits a draft -----------------------------------------------


def test_block_add_appends_a_block_and_returns_to_it(office, draft):
    response = office.post(
        f"/chuong-trinh/phien-ban/{draft.pk}/them-khoi/",
        {"name": "  Phần III.   Kiến thức bổ trợ "},
    )
    block = draft.blocks.get(position=3)
    assert block.name == "Phần III. Kiến thức bổ trợ"
    assert response.status_code == 302
    assert response["Location"] == (
        f"/chuong-trinh/phien-ban/{draft.pk}/#block-{block.pk}"
    )
    assert draft.blocks.count() == 3
    event = AuditEvent.objects.get(action="programs.program_block_add")
    assert event.changes == {"block": [None, "Phần III. Kiến thức bổ trợ"]}
    page = _detail(office, draft)
    assert "Đã thêm khối kiến thức “Phần III. Kiến thức bổ trợ”." in page
    assert f'id="block-{block.pk}"' in page


def test_module_add_appends_a_module_with_its_assessed_flag(office, draft):
    block, _module, _topic = _parts(draft)
    url = f"/chuong-trinh/khoi/{block.pk}/them-hoc-phan/"
    office.post(
        url,
        {
            "code": "HP09",
            "name": "Lịch sử Đảng Cộng sản Việt Nam",
            "is_assessed": "on",
            "assessment_note": "Thi viết 180 phút",
        },
    )
    # An unticked box is not sent: the module is not assessed.
    response = office.post(url, {"name": "Sinh hoạt chuyên đề"})
    assert response.status_code == 302
    assert list(
        block.modules.filter(position__gte=3)
        .order_by("position")
        .values_list("position", "code", "name", "is_assessed", "assessment_note")
    ) == [
        (3, "HP09", "Lịch sử Đảng Cộng sản Việt Nam", True, "Thi viết 180 phút"),
        (4, "", "Sinh hoạt chuyên đề", False, ""),
    ]
    page = _detail(office, draft)
    assert "HP09. Lịch sử Đảng Cộng sản Việt Nam" in page
    assert "không đánh giá" in page


def test_module_form_starts_with_assessed_ticked(office, draft):
    block, _module, _topic = _parts(draft)
    response = office.get(f"/chuong-trinh/khoi/{block.pk}/them-hoc-phan/")
    assert response.status_code == 200
    assert response.context["form"]["is_assessed"].value() is True
    assert "Thêm học phần vào “Phần I. Lý luận”" in response.content.decode()


def test_topic_add_stores_hours_by_kind_and_flags_the_new_total(office, draft):
    _block, module, _topic = _parts(draft)
    response = office.post(
        f"/chuong-trinh/hoc-phan/{module.pk}/them-chuyen-de/",
        {
            "name": "Chủ nghĩa duy vật biện chứng",
            "lecture_periods": "4",
            "discussion_periods": "2",
            "practice_periods": "",
            "field_study_periods": "1",
        },
    )
    topic = module.topics.get(position=3)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#topic-{topic.pk}")
    assert (
        topic.name,
        topic.lecture_periods,
        topic.discussion_periods,
        topic.practice_periods,
        topic.field_study_periods,
    ) == ("Chủ nghĩa duy vật biện chứng", 4, 2, 0, 1)
    # 36 stated, 36 + 7 computed: the page says so.
    page = _detail(office, draft)
    assert "Tổng số tiết tính được 43 khác số tiết quy định 36." in page


def test_topic_update_changes_the_hours_and_the_flag_follows(office, draft):
    _block, _module, topic = _parts(draft)
    url = f"/chuong-trinh/chuyen-de/{topic.pk}/sua/"
    form = office.get(url).context["form"]
    assert [form[name].value() for name in form.fields] == [topic.name, 4, 2, 0, 0]
    office.post(
        url,
        {
            "name": "Triết học và vai trò của triết học",
            "lecture_periods": "10",
            "discussion_periods": "2",
            "practice_periods": "0",
            "field_study_periods": "0",
        },
    )
    topic.refresh_from_db()
    assert (topic.name, topic.lecture_periods, topic.discussion_periods) == (
        "Triết học và vai trò của triết học",
        10,
        2,
    )
    assert "Tổng số tiết tính được 42 khác số tiết quy định 36." in _detail(
        office, draft
    )
    # Back to 4 + 2: totals agree again and the banner goes.
    office.post(
        url,
        {"name": topic.name, "lecture_periods": "4", "discussion_periods": "2"},
    )
    assert "khác số tiết quy định" not in _detail(office, draft)


def test_delete_asks_first_and_deletes_only_on_post(office, draft):
    block, _module, _topic = _parts(draft)
    url = f"/chuong-trinh/khoi/{block.pk}/xoa/"
    before = _state(draft)
    page = office.get(url).content.decode()
    assert "Xóa khối kiến thức “Phần I. Lý luận”" in page
    assert "Cùng bị xóa: 2 học phần, 3 chuyên đề (26 tiết)." in page
    assert _state(draft) == before

    response = office.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/chuong-trinh/phien-ban/{draft.pk}/"
    assert list(draft.blocks.values_list("name", flat=True)) == ["Phần II. Thực tế"]
    assert Module.objects.filter(block__version=draft).count() == 1
    assert Topic.objects.filter(module__block__version=draft).count() == 1
    page = _detail(office, draft)
    assert "Đã xóa khối kiến thức “Phần I. Lý luận”." in page
    assert "Tổng số tiết tính được 10 khác số tiết quy định 36." in page


def test_module_and_topic_delete(office, draft):
    _block, module, topic = _parts(draft)
    page = office.get(f"/chuong-trinh/hoc-phan/{module.pk}/xoa/").content.decode()
    assert "Cùng bị xóa: 2 chuyên đề (14 tiết)." in page
    office.post(f"/chuong-trinh/chuyen-de/{topic.pk}/xoa/")
    assert list(module.topics.values_list("position", flat=True)) == [2]
    office.post(f"/chuong-trinh/hoc-phan/{module.pk}/xoa/")
    assert not Module.objects.filter(pk=module.pk).exists()
    assert Topic.objects.filter(module__block__version=draft).count() == 2
    assert list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        "programs.program_structure_delete",
        "programs.program_structure_delete",
    ]


def test_detail_shows_edit_controls_only_to_editors_of_a_draft(
    office, client, make_user, draft, school
):
    block, module, topic = _parts(draft)
    controls = [
        f"/chuong-trinh/phien-ban/{draft.pk}/them-khoi/",
        f"/chuong-trinh/khoi/{block.pk}/them-hoc-phan/",
        f"/chuong-trinh/hoc-phan/{module.pk}/them-chuyen-de/",
        f"/chuong-trinh/chuyen-de/{topic.pk}/sua/",
        f"/chuong-trinh/chuyen-de/{topic.pk}/xoa/",
    ]
    page = _detail(office, draft)
    assert all(url in page for url in controls)

    in_use = draft_with_structure(program__school=school)
    in_use.status = ProgramVersion.Status.IN_USE
    in_use.save()
    page = _detail(office, in_use)
    assert "Thao tác" not in page
    assert "/xoa/" not in page
    assert "cấu trúc và số tiết không sửa được" in page

    client.force_login(make_user(Role.LECTURER))
    page = _detail(client, draft)
    assert "Thao tác" not in page
    assert not any(url in page for url in controls)


# --- Refusals: nothing changes ------------------------------------------------------


@pytest.mark.parametrize("index", range(7))
def test_lecturer_is_refused_and_nothing_changes(client, make_user, draft, index):
    client.force_login(make_user(Role.LECTURER))
    url, data = _requests(draft)[index]
    before = _state(draft)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    assert _state(draft) == before


@pytest.mark.parametrize("index", range(7))
def test_manager_of_another_school_gets_404_and_nothing_changes(
    client, make_user, index
):
    other = draft_with_structure(program__school=SchoolFactory())
    client.force_login(make_user(Role.TRAINING_OFFICE))
    url, data = _requests(other)[index]
    before = _state(other)
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    assert _state(other) == before


@pytest.mark.parametrize("index", range(7))
def test_version_in_use_refuses_with_the_service_message(office, draft, index):
    draft.status = ProgramVersion.Status.IN_USE
    draft.save()
    url, data = _requests(draft)[index]
    before = _state(draft)
    page = office.get(url).content.decode()
    assert "cấu trúc và số tiết không sửa được" in page
    assert 'type="submit" class="primary"' not in page
    response = office.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count(IN_USE_MESSAGE.format(label=draft.label)) == 1
    # The service's reason replaces the general notice rather than repeating it.
    assert "cấu trúc và số tiết không sửa được" not in page
    assert _state(draft) == before


def test_draft_used_by_a_planned_class_refuses(office, draft, school):
    fresh = FreshSchool(school)
    fresh.planned_class(
        draft,
        plan=fresh.plan(2026, status="draft", title="Kế hoạch"),
        code="TC-01",
        name="Lớp TC",
        planned_size=40,
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 9, 2),
    )
    before = _state(draft)
    for url, data in _requests(draft):
        response = office.post(url, data)
        assert response.status_code == 200, url
        assert (
            f"Phiên bản “{draft.label}” đã được dùng cho lớp trong kế hoạch"
            in response.content.decode()
        ), url
    assert _state(draft) == before
    assert "Thao tác" not in _detail(office, draft)


# --- Form validation ---------------------------------------------------------------


def _field_errors(response, name):
    return response.context["form"].errors.get(name, [])


def test_block_without_name_shows_the_error_and_saves_nothing(office, draft):
    before = _state(draft)
    response = office.post(
        f"/chuong-trinh/phien-ban/{draft.pk}/them-khoi/", {"name": "   "}
    )
    assert response.status_code == 200
    assert _field_errors(response, "name") == ["Chưa nhập tên khối kiến thức."]
    page = response.content.decode()
    assert "Chưa lưu được. Hãy sửa các mục sau:" in page
    assert 'href="#id_name">Tên khối kiến thức</a>: Chưa nhập tên khối kiến thức.' in (
        page
    )
    assert '<p class="error">Chưa nhập tên khối kiến thức.</p>' in page
    assert _state(draft) == before


def test_module_without_name_is_refused(office, draft):
    block, _module, _topic = _parts(draft)
    before = _state(draft)
    response = office.post(
        f"/chuong-trinh/khoi/{block.pk}/them-hoc-phan/", {"code": "HP9"}
    )
    assert _field_errors(response, "name") == ["Chưa nhập tên học phần."]
    assert _state(draft) == before


def test_topic_hours_must_be_whole_and_not_negative(office, draft):
    _block, module, topic = _parts(draft)
    before = _state(draft)
    data = {
        "name": "",
        "lecture_periods": "-2",
        "discussion_periods": "1,5",
        "practice_periods": "20000",
        "field_study_periods": "0",
    }
    for url in (
        f"/chuong-trinh/hoc-phan/{module.pk}/them-chuyen-de/",
        f"/chuong-trinh/chuyen-de/{topic.pk}/sua/",
    ):
        response = office.post(url, data)
        assert response.status_code == 200
        assert _field_errors(response, "name") == ["Chưa nhập tên chuyên đề."]
        assert _field_errors(response, "lecture_periods") == ["Số tiết không được âm."]
        assert _field_errors(response, "discussion_periods") == [
            "Số tiết phải là số nguyên."
        ]
        assert _field_errors(response, "practice_periods") == [
            "Số tiết không được quá 10.000."
        ]
        assert "Lý thuyết</a>: Số tiết không được âm." in response.content.decode()
    assert _state(draft) == before


def test_structure_form_pages_declare_no_inline_script(office, draft):
    for url, _data in _requests(draft):
        assert "<script>" not in office.get(url).content.decode(), url

"""Programme pages: list and search, the tree with its warnings, export, actions."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.org.tests.factories import SchoolFactory
from daotao.programs.catalogue import program_catalogue_ensure
from daotao.programs.models import ProgramVersion
from daotao.programs.tests.factories import (
    ProgramFactory,
    ProgramVersionFactory,
    draft_with_structure,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    return client


@pytest.fixture
def lecturer(client, make_user):
    client.force_login(make_user(Role.LECTURER))
    return client


def _labels(response):
    return [(v.program.code, v.label) for v in response.context["page"].object_list]


def test_list_searches_without_accents(staff, school):
    ProgramVersionFactory(
        program=ProgramFactory(
            school=school, code="BD-CV", name="Bồi dưỡng ngạch chuyên viên"
        ),
        label="2025",
    )
    ProgramVersionFactory(
        program=ProgramFactory(
            school=school, code="TCLLCT", name="Trung cấp lý luận chính trị"
        ),
        label="2025",
    )
    response = staff.get("/chuong-trinh/", {"q": "ly luan chinh tri"})
    assert _labels(response) == [("TCLLCT", "2025")]
    response = staff.get("/chuong-trinh/", {"q": "BOI DUONG"})
    assert _labels(response) == [("BD-CV", "2025")]


def test_list_filters_by_kind_and_status_in_vietnamese_order(staff, school):
    program_catalogue_ensure(school=school)
    response = staff.get("/chuong-trinh/")
    # "Bồi dưỡng lãnh đạo…" sorts before "Bồi dưỡng quản lý…", both before "Trung cấp".
    assert [code for code, _label in _labels(response)] == [
        "BD-LDP",
        "BD-CV",
        "BD-CVC",
        "TCLLCT",
        "TCLLCT",
    ]
    response = staff.get("/chuong-trinh/", {"kind": "tc_llct", "status": "in_use"})
    assert _labels(response) == [
        ("TCLLCT", "2025 - không tập trung"),
        ("TCLLCT", "2025 - tập trung"),
    ]
    response = staff.get("/chuong-trinh/", {"status": "draft"})
    assert _labels(response) == []


def test_list_shows_only_the_users_school(staff, school):
    ProgramVersionFactory(program__school=SchoolFactory(), label="Khác")
    mine = ProgramVersionFactory(program__school=school, label="Của trường")
    response = staff.get("/chuong-trinh/")
    assert [v.pk for v in response.context["page"].object_list] == [mine.pk]


def test_program_of_another_school_answers_404(staff):
    other = draft_with_structure(program__school=SchoolFactory())
    for url in (
        f"/chuong-trinh/phien-ban/{other.pk}/",
        f"/chuong-trinh/phien-ban/{other.pk}/xuat-excel/",
        f"/chuong-trinh/phien-ban/{other.pk}/sao-chep/",
    ):
        assert staff.get(url).status_code == 404, url
    before = AuditEvent.objects.count()
    response = staff.post(f"/chuong-trinh/phien-ban/{other.pk}/ap-dung/")
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == ProgramVersion.Status.DRAFT
    assert AuditEvent.objects.count() == before


def test_detail_shows_totals_mismatch_banner_and_unconfirmed_badge(lecturer, school):
    program_catalogue_ensure(school=school)
    version = ProgramVersion.objects.get(
        program__code="TCLLCT", program__school=school, mode="full_time"
    )
    response = lecturer.get(f"/chuong-trinh/phien-ban/{version.pk}/")
    page = response.content.decode()
    assert "Tổng số tiết tính được 940 khác số tiết quy định 1.056." in page
    assert "cần xác nhận" in page
    assert "Triết học Mác - Lênin" in page
    # A lecturer reads; the management buttons are not there.
    assert "Sao chép thành phiên bản mới" not in page


def test_detail_without_mismatch_has_no_banner(staff, school):
    version = draft_with_structure(program__school=school)
    page = staff.get(f"/chuong-trinh/phien-ban/{version.pk}/").content.decode()
    assert "khác số tiết quy định" not in page
    assert "Đưa vào áp dụng" in page


def test_structure_export_columns_and_rows(staff, school):
    version = draft_with_structure(program__school=school)
    response = staff.get(f"/chuong-trinh/phien-ban/{version.pk}/xuat-excel/")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[1] == [
        "STT",
        "Khối kiến thức",
        "Học phần",
        "Chuyên đề",
        "Lý thuyết",
        "Thảo luận",
        "Thực hành",
        "Thực tế",
        "Tổng số tiết",
    ]
    body = rows[2:]
    assert len(body) == 5
    assert body[0][0] == 1
    assert body[0][1] == "Phần I. Lý luận"
    assert body[0][4:] == [4, 2, 0, 0, 6]
    assert body[-1][1] == "Tổng cộng"
    assert body[-1][4:] == [18, 6, 2, 10, 36]


def test_copy_form_creates_a_draft(staff, school):
    version = draft_with_structure(program__school=school)
    response = staff.post(
        f"/chuong-trinh/phien-ban/{version.pk}/sao-chep/", {"label": "2026"}
    )
    copy = ProgramVersion.objects.get(label="2026")
    assert response.status_code == 302
    assert response["Location"] == f"/chuong-trinh/phien-ban/{copy.pk}/"
    assert copy.copied_from_id == version.pk


def test_put_in_use_and_retire_are_post_only(staff, school):
    version = draft_with_structure(program__school=school)
    url = f"/chuong-trinh/phien-ban/{version.pk}/ap-dung/"
    assert staff.get(url).status_code == 405
    assert staff.post(url).status_code == 302
    version.refresh_from_db()
    assert version.status == ProgramVersion.Status.IN_USE
    staff.post(f"/chuong-trinh/phien-ban/{version.pk}/ngung-ap-dung/")
    version.refresh_from_db()
    assert version.status == ProgramVersion.Status.RETIRED


def test_lecturer_may_not_copy_and_nothing_changes(lecturer, school):
    version = draft_with_structure(program__school=school)
    response = lecturer.post(
        f"/chuong-trinh/phien-ban/{version.pk}/sao-chep/", {"label": "2026"}
    )
    assert response.status_code == 403
    assert ProgramVersion.objects.count() == 1


def test_update_of_version_in_use_shows_the_refusal(staff, school):
    version = draft_with_structure(program__school=school)
    version.status = ProgramVersion.Status.IN_USE
    version.save()
    response = staff.post(
        f"/chuong-trinh/phien-ban/{version.pk}/sua/",
        {"label": "Đổi tên", "mode": "full_time", "stated_total_periods": "36"},
    )
    assert response.status_code == 200
    assert "không được sửa cấu trúc hay số tiết" in response.content.decode()
    version.refresh_from_db()
    assert version.label != "Đổi tên"

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook

from daotao.accounts.models import Role
from daotao.core.models import AuditEvent
from daotao.research import services
from daotao.research.importing import delegates_import_run
from daotao.research.models import Delegate, Liaison
from daotao.research.tests.conference_fixtures import (
    add_delegate,
    delegation,
)

NGHE_AN = "Trường Chính trị tỉnh Nghệ An"


@pytest.fixture
def office(make_user):
    return make_user(Role.RESEARCH_OFFICE)


def _sheet(rows, tail=()):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH ĐẠI BIỂU"])
    sheet.append(["STT", "Họ và tên", "Chức vụ", "Đoàn", "Vai trò", "Điện thoại"])
    for number, row in enumerate(rows, 1):
        sheet.append([number, *row])
    for row in tail:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD_ROWS = [
    ("Nguyễn Văn Bình", "Hiệu trưởng", NGHE_AN, "Trưởng đoàn", "0912345678"),
    ("trần thị cúc", "Giảng viên", "truong chinh tri tinh nghe an", "Đại biểu", ""),
    ("Lê Văn Dũng", "Phó Hiệu trưởng", "Trường Chính trị tỉnh Ninh Bình", "", ""),
]


def test_import_adds_every_row_once(conference, office):
    data = _sheet(GOOD_ROWS)
    dry = delegates_import_run(
        upload=data,
        filename="ds.xlsx",
        actor=office,
        conference=conference,
        dry_run=True,
    )
    assert dry.counts == {"create": 3, "match": 0, "refuse": 0}
    assert Delegate.objects.count() == 0
    report = delegates_import_run(
        upload=data,
        filename="ds.xlsx",
        actor=office,
        conference=conference,
        dry_run=False,
    )
    assert report.is_committed
    rows = list(
        Delegate.objects.order_by("sort_key").values_list(
            "full_name", "delegation__organisation__name", "role", "phone", "source"
        )
    )
    assert rows == [
        ("Nguyễn Văn Bình", NGHE_AN, "leader", "0912345678", "import"),
        ("Trần Thị Cúc", NGHE_AN, "delegate", "", "import"),
        ("Lê Văn Dũng", "Trường Chính trị tỉnh Ninh Bình", "delegate", "", "import"),
    ]
    assert AuditEvent.objects.filter(action="research.delegate_import").count() == 3


def test_import_stops_at_the_total_line_and_says_where(conference, office):
    """Issue 14, finding 7: the shared reader ends the table for delegates too."""
    tail = [[None, "Tổng cộng: 03 đại biểu"], [4, "Đỗ Văn Thừa", "", NGHE_AN]]
    report = delegates_import_run(
        upload=_sheet(GOOD_ROWS, tail),
        filename="ds.xlsx",
        actor=office,
        conference=conference,
        dry_run=False,
    )
    assert report.is_committed
    assert report.table_end_row == 6
    assert report.notices[0].startswith(
        "Bảng danh sách kết thúc ở dòng 6 (“Tổng cộng: 03 đại biểu”)"
    )
    assert Delegate.objects.count() == 3


def test_import_with_a_bad_row_writes_nothing(conference, office):
    rows = [
        *GOOD_ROWS,
        ("Phạm Văn Em", "Chuyên viên", "Sở Không Có Thật", "Đại biểu", ""),
        ("Hoàng Thị Gấm", "Chuyên viên", NGHE_AN, "Trưởng đoàn", ""),
    ]
    report = delegates_import_run(
        upload=_sheet(rows),
        filename="ds.xlsx",
        actor=office,
        conference=conference,
        dry_run=False,
    )
    assert not report.is_committed
    assert report.counts == {"create": 3, "match": 0, "refuse": 2}
    messages = [m.text for row in report.rows for m in row.messages]
    assert any("không có đoàn 'Sở Không Có Thật'" in m for m in messages)
    assert any("đã có trưởng đoàn" in m for m in messages)
    assert Delegate.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_import_pages_dry_run_then_commit(client, conference, office):
    client.force_login(office)
    url = reverse("research:delegate-import", args=[conference.pk])
    upload = io.BytesIO(_sheet(GOOD_ROWS))
    upload.name = "ds.xlsx"
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert Delegate.objects.count() == 0
    token = response.context["report"].sha256
    response = client.post(url, {"token": token})
    assert response.status_code == 302
    assert Delegate.objects.count() == 3
    template = client.get(reverse("research:delegate-template", args=[conference.pk]))
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")


def test_one_leader_per_delegation(conference, office):
    add_delegate(conference, NGHE_AN, "Nguyễn Văn Bình", role="leader")
    data = services.DelegateData(
        full_name="Hoàng Thị Gấm",
        delegation_id=delegation(conference, NGHE_AN).pk,
        role=Delegate.Role.LEADER,
    )
    with pytest.raises(ValidationError) as error:
        services.delegate_create(actor=office, conference=conference, data=data)
    assert error.value.message_dict["role"] == [
        f"Đoàn {NGHE_AN} đã có trưởng đoàn là Nguyễn Văn Bình."
    ]
    assert Delegate.objects.count() == 1


def test_check_in_is_idempotent(client, conference, make_user):
    delegate = add_delegate(conference, NGHE_AN, "Nguyễn Văn Bình")
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    url = reverse("research:check-in") + f"?ma={delegate.badge_token}"
    first = client.get(url)
    assert "Đã điểm danh ✓" in first.content.decode()
    delegate.refresh_from_db()
    arrived = delegate.checked_in_at
    assert arrived is not None
    second = client.get(url)
    body = second.content.decode()
    assert "Đại biểu đã điểm danh trước đó" in body
    delegate.refresh_from_db()
    assert delegate.checked_in_at == arrived
    assert AuditEvent.objects.filter(action="research.delegate_check_in").count() == 1


def test_check_in_with_an_unknown_code_changes_nothing(client, conference, make_user):
    delegate = add_delegate(conference, NGHE_AN, "Nguyễn Văn Bình")
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    response = client.get(reverse("research:check-in") + "?ma=khong-co")
    assert response.status_code == 404
    assert "Mã thẻ không đúng" in response.content.decode()
    delegate.refresh_from_db()
    assert delegate.checked_in_at is None


def test_a_lecturer_may_not_check_in(client, conference, make_user):
    delegate = add_delegate(conference, NGHE_AN, "Nguyễn Văn Bình")
    client.force_login(make_user(Role.LECTURER))
    url = reverse("research:check-in") + f"?ma={delegate.badge_token}"
    assert client.get(url).status_code == 403
    delegate.refresh_from_db()
    assert delegate.checked_in_at is None


def test_attendance_counts_by_group(client, conference, make_user):
    add_delegate(conference, NGHE_AN, "Nguyễn Văn Bình")
    add_delegate(conference, NGHE_AN, "Trần Thị Cúc")
    present = add_delegate(conference, "Trường Chính trị tỉnh Ninh", "Lê Văn Dũng")
    present.checked_in_at = present.created_at
    present.save(update_fields=["checked_in_at"])
    client.force_login(make_user(Role.LEADERSHIP))
    response = client.get(
        reverse("research:attendance", args=[conference.pk]), HTTP_HX_REQUEST="true"
    )
    rows = [
        (r["label"], r["expected"], r["present"])
        for r in response.context["attendance"]
    ]
    assert rows == [
        ("Trường chính trị trong khu vực", 2, 0),
        ("Trường bạn", 1, 1),
    ]
    assert 'hx-trigger="every 10s"' in response.content.decode()


def test_liaisons_and_contact_sheet(client, conference, lecturers, office):
    target = delegation(conference, NGHE_AN)
    leader = add_delegate(
        conference, NGHE_AN, "Nguyễn Văn Bình", role="leader", phone="0912345678"
    )
    client.force_login(office)
    response = client.post(
        reverse("research:liaison-edit", args=[target.pk]),
        {"lecturers": [lecturers[0].pk, lecturers[1].pk]},
    )
    assert response.status_code == 302
    assert set(Liaison.objects.values_list("lecturer_id", flat=True)) == {
        lecturers[0].pk,
        lecturers[1].pk,
    }
    sheet = client.get(reverse("research:contact-sheet", args=[conference.pk]))
    row = next(r for r in sheet.context["rows"] if r["delegation"] == target)
    assert row["leader"] == leader
    assert {lecturer.pk for lecturer in row["liaisons"]} == {
        lecturers[0].pk,
        lecturers[1].pk,
    }
    assert "0912345678" in sheet.content.decode()
    export = client.get(reverse("research:contact-sheet-export", args=[conference.pk]))
    assert export.status_code == 200


def test_delegate_list_search_and_export(client, conference, make_user):
    add_delegate(conference, NGHE_AN, "Nguyễn Văn Bình")
    add_delegate(conference, NGHE_AN, "Trần Thị Cúc")
    client.force_login(make_user(Role.TRAINING_OFFICE))
    url = reverse("research:delegate-list", args=[conference.pk])
    response = client.get(url, {"q": "cuc"})
    assert [d.full_name for d in response.context["page"].object_list] == [
        "Trần Thị Cúc"
    ]
    export = client.get(reverse("research:delegate-export", args=[conference.pk]))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")

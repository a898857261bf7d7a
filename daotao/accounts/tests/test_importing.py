"""Users with roles from a sheet: dry run, row/column messages, all-or-nothing,
a password-setting e-mail for each new user, the same file twice a no-op."""

import io
import re

import pytest
from django.core import mail
from openpyxl import Workbook

from daotao.accounts.importing import users_import_run
from daotao.accounts.models import Membership, User
from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.org.tests.factories import AgencyFactory, UnitFactory

HEADER = [
    "STT",
    "Tên đăng nhập",
    "Họ và tên",
    "Thư điện tử",
    "Vai trò",
    "Khoa, phòng",
    "Cơ quan",
]
GOOD = [
    [1, "daotao", "Lê Thị Hoa", "hoa@tct.vn", "Phòng Quản lý đào tạo", "QLĐT", ""],
    [
        2,
        "truongkhoa",
        "Trần Văn Nam",
        "nam@tct.vn",
        "Trưởng khoa",
        "Khoa Xây dựng Đảng",
        "",
    ],
    [
        3,
        "coquan",
        "Phạm Thu",
        "thu@tct.vn",
        "Cán bộ tổ chức cơ quan cử",
        "",
        "Đảng ủy xã Thọ Xuân",
    ],
    [4, "truongkhoa", "Trần Văn Nam", "nam@tct.vn", "Giảng viên", "XDĐ", ""],
]


def sheet(rows, title: str = "DANH SÁCH NGƯỜI DÙNG") -> bytes:
    book = Workbook()
    ws = book.active
    ws.append([title])
    ws.append([])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def setup(school, make_user):
    UnitFactory(school=school, name="Phòng Quản lý đào tạo", abbreviation="QLĐT")
    UnitFactory(school=school, name="Khoa Xây dựng Đảng", abbreviation="XDĐ")
    AgencyFactory(school=school, name="Đảng ủy xã Thọ Xuân")
    return make_user(Role.ADMINISTRATOR)


def run(data, *, actor, school, dry_run):
    return users_import_run(
        upload=data,
        filename="nguoi-dung.xlsx",
        actor=actor,
        school=school,
        base_url="https://daotao.example.vn/",
        dry_run=dry_run,
    )


def state():
    return (
        User.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_dry_run_checks_every_row_and_writes_nothing(setup, school):
    before = state()
    report = run(sheet(GOOD), actor=setup, school=school, dry_run=True)
    assert report.counts == {"create": 4, "match": 0, "refuse": 0}
    assert report.is_importable
    assert state() == before
    assert mail.outbox == []


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_written(setup, school):
    rows = [
        *GOOD[:2],
        [3, "coquan", "Phạm Thu", "thu@tct.vn", "Cán bộ tổ chức cơ quan cử", "", ""],
        [4, "lan", "Ngô Lan", "lan@tct", "Giảng viên", "Khoa Lịch sử", ""],
        [5, "x y", "Hà", "ha@tct.vn", "Thủ quỹ", "", ""],
    ]
    before = state()
    report = run(sheet(rows), actor=setup, school=school, dry_run=False)
    assert not report.is_committed
    assert [str(m) for m in report.errors] == [
        "Dòng 6, cột “Cơ quan”: vai trò này cần ghi cơ quan.",
        "Dòng 7, cột “Thư điện tử”: thư điện tử 'lan@tct' không hợp lệ.",
        "Dòng 8, cột “Tên đăng nhập”: tên đăng nhập 'x y' chỉ được gồm chữ không "
        "dấu, chữ số và . _ - @ +.",
        "Dòng 8, cột “Vai trò”: không nhận ra vai trò 'Thủ quỹ'; hãy ghi một "
        "trong: Ban Giám hiệu, Phòng Quản lý đào tạo, Trưởng khoa, Giảng viên, "
        "Giảng viên chủ nhiệm, Học viên, Cán bộ tổ chức cơ quan cử, Phòng Nghiên "
        "cứu khoa học, Biên tập viên, Ban Tổ chức Tỉnh ủy, Quản trị hệ thống.",
    ]
    assert report.notices == [
        "Chưa ghi dòng nào vì có 3 dòng lỗi; hãy sửa tệp rồi nhập lại."
    ]
    assert state() == before


def test_an_unknown_unit_is_refused(setup, school):
    rows = [[1, "lan", "Ngô Lan", "lan@tct.vn", "Giảng viên", "Khoa Lịch sử", ""]]
    report = run(sheet(rows), actor=setup, school=school, dry_run=True)
    assert [str(m) for m in report.errors] == [
        "Dòng 4, cột “Khoa, phòng”: trường không có khoa, phòng “Khoa Lịch sử”."
    ]


def test_commit_creates_users_without_password_and_mails_each_a_link(
    setup, school, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = run(sheet(GOOD), actor=setup, school=school, dry_run=False)
    assert report.is_committed
    created = User.objects.filter(username__in=["daotao", "truongkhoa", "coquan"])
    assert sorted(created.values_list("username", "display_name", "email")) == [
        ("coquan", "Phạm Thu", "thu@tct.vn"),
        ("daotao", "Lê Thị Hoa", "hoa@tct.vn"),
        ("truongkhoa", "Trần Văn Nam", "nam@tct.vn"),
    ]
    assert not any(user.has_usable_password() for user in created)
    assert sorted(
        Membership.objects.filter(user__in=created).values_list(
            "user__username", "role", "unit__abbreviation", "agency__name"
        )
    ) == [
        ("coquan", Role.AGENCY_COORDINATOR, None, "Đảng ủy xã Thọ Xuân"),
        ("daotao", Role.TRAINING_OFFICE, "QLĐT", None),
        ("truongkhoa", Role.FACULTY_HEAD, "XDĐ", None),
        ("truongkhoa", Role.LECTURER, "XDĐ", None),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "hoa@tct.vn",
        "nam@tct.vn",
        "thu@tct.vn",
    ]
    message = next(m for m in mail.outbox if m.to == ["hoa@tct.vn"])
    assert message.subject == "Tài khoản DaoTao của bạn"
    path = re.search(
        r"https://daotao\.example\.vn(/dat-lai-mat-khau/\S+/)", message.body
    )
    page = client.get(path.group(1), follow=True)
    assert page.context["validlink"] is True


def test_the_same_file_twice_changes_nothing(
    setup, school, django_capture_on_commit_callbacks
):
    data = sheet(GOOD)
    with django_capture_on_commit_callbacks(execute=True):
        run(data, actor=setup, school=school, dry_run=False)
    before, sent = state(), len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = run(data, actor=setup, school=school, dry_run=False)
    assert not again.is_committed
    assert again.already_imported_at is not None
    assert state() == before
    assert len(mail.outbox) == sent
    values = sorted(
        Membership.objects.values_list(
            "user__username", "user__email", "role", "unit_id", "agency_id"
        )
    )
    # A copy of the rows in another file finds every row already there.
    with django_capture_on_commit_callbacks(execute=True):
        third = run(
            sheet(GOOD, title="DANH SÁCH NGƯỜI DÙNG (bản sửa)"),
            actor=setup,
            school=school,
            dry_run=False,
        )
    assert third.counts == {"create": 0, "match": 4, "refuse": 0}
    assert state() == before
    assert len(mail.outbox) == sent
    assert (
        sorted(
            Membership.objects.values_list(
                "user__username", "user__email", "role", "unit_id", "agency_id"
            )
        )
        == values
    )


def test_an_existing_username_with_another_email_is_refused(setup, school):
    User.objects.create_user(username="daotao", email="khac@tct.vn", password="x" * 12)
    report = run(sheet(GOOD[:1]), actor=setup, school=school, dry_run=True)
    assert [str(m) for m in report.errors] == [
        "Dòng 4, cột “Tên đăng nhập”: tên đăng nhập “daotao” đã là của một người "
        "dùng khác (khác thư điện tử)."
    ]


def test_the_page_checks_then_commits_the_kept_file(setup, client, school):
    client.force_login(setup)
    page = client.get("/nguoi-dung/nhap/")
    assert page.status_code == 200
    upload = io.BytesIO(sheet(GOOD))
    upload.name = "nguoi-dung.xlsx"
    checked = client.post("/nguoi-dung/nhap/", {"file": upload})
    report = checked.context["report"]
    assert report.counts == {"create": 4, "match": 0, "refuse": 0}
    assert not User.objects.filter(username="daotao").exists()
    done = client.post("/nguoi-dung/nhap/", {"token": report.sha256})
    assert done.status_code == 302
    assert User.objects.filter(username="daotao").exists()
    template = client.get("/nguoi-dung/nhap/tep-mau/")
    assert (
        template["Content-Disposition"] == 'attachment; filename="mau-nguoi-dung.xlsx"'
    )
    assert "/nguoi-dung/nhap/" in client.get("/phan-quyen/").content.decode()

"""Issue 21's day one for a real school, in a real browser (Debian's Chromium driven
by Playwright), from an empty database: the school is created (the service behind
`manage.py school_create`), its first administrator sets a password through the
one-time link and signs in, follows the setup checklist (a khoa; then agencies,
cadres, lecturers, rooms and the old diploma register, each sheet first with one
bad row that the dry run names by row and column, then the corrected sheet
committed), and drafts the year's training plan; a logged-out visitor then
verifies an old diploma by số hiệu and date of birth.

Screenshots of the key steps go to $ARTIFACTS_DIR/day-one (default: artifacts/).
"""

import datetime
import os
from pathlib import Path

import pytest
from django.db.models import Q
from django.utils import timezone
from playwright.sync_api import expect

from daotao.accounts.tests.second_factor import enrol_second_factor_in_browser
from daotao.credentials.models import Credential
from daotao.faculty.models import Lecturer
from daotao.org.models import Agency, Room
from daotao.people.models import Person
from daotao.planning.models import PlannedClass, TrainingPlan
from daotao.programs.models import Topic
from daotao.reports.services import AdministratorData, SchoolData, school_start
from daotao.tests.support.browser import leave, screenshot

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

SHOTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "day-one"
PASSWORD = "Mật-khẩu-Nghệ-An-2026"

AGENCIES = (
    "Tên cơ quan,Loại,Cấp,Cơ quan cấp trên,Tên cũ trước sắp xếp",
    "Tỉnh ủy Nghệ An,Cơ quan Đảng,Cấp tỉnh,,",
    "Đảng ủy xã Nghi Lộc,Cơ quan Đảng,Cấp xã,Tỉnh ủy Nghệ An,Huyện ủy Nghi Lộc",
    "UBND xã Nghi Lộc,Cơ quan chính quyền,Cấp xã,Ủy ban nhân dân tỉnh,",
)
AGENCY_FIX = (3, "UBND xã Nghi Lộc,Cơ quan chính quyền,Cấp xã,Tỉnh ủy Nghệ An,")
CADRES = (
    "Họ tên,Ngày sinh,Giới tính,Số CCCD,Dân tộc,Chức vụ,Đơn vị công tác",
    "Lê Văn An,12/04/1980,Nam,040080001234,Kinh,Phó Bí thư,Đảng ủy xã Nghi Lộc",
    "Hà Thị Bình,03/09/1985,Nữ,040185004321,Kinh,Chuyên viên,Sở Nội vụ",
)
CADRE_FIX = (
    2,
    "Hà Thị Bình,03/09/1985,Nữ,040185004321,Kinh,Chuyên viên,Tỉnh ủy Nghệ An",
)
LECTURERS = (
    "Họ và tên,Ngày sinh,Giới tính,Khoa,Chức danh,Chuyên đề được giảng",
    "Phan Thị Hoa,05/03/1978,Nữ,Khoa Lý luận cơ sở,Giảng viên chính,"
    '"Triết học Mác - Lênin; I.2"',
    "Trần Văn Nam,12/11/1975,Nam,Khoa Kinh tế,Giảng viên,II.2",
)
LECTURER_FIX = (2, "Trần Văn Nam,12/11/1975,Nam,Khoa Lý luận cơ sở,Giảng viên,II.2")
ROOMS = (
    "Địa điểm,Địa chỉ,Tên phòng,Loại phòng,Sức chứa,Trang thiết bị",
    "Cơ sở 1,Số 1 Lê Hồng Phong,Phòng 201,Phòng học,60,Máy chiếu",
    "Cơ sở 1,,Hội trường A,Hội trường,ba trăm,Âm thanh",
)
ROOM_FIX = (2, "Cơ sở 1,,Hội trường A,Hội trường,300,Âm thanh")
CREDENTIALS = (
    "Họ và tên,Ngày sinh,Giới tính,Loại văn bằng,Chương trình,Lớp,Xếp loại,"
    "Số hiệu,Số vào sổ,Số quyết định,Ngày quyết định,Ngày cấp,Người ký",
    "Nguyễn Thị Lan,05/03/1975,Nữ,Bằng,Trung cấp lý luận chính trị,TC45,Khá,"
    "A 012345,125,245/QĐ-TCT,10/06/2012,15/06/2012,Lê Văn Bình",
    "Trần Văn Hùng,20/11/1990,Nam,Bằng,Trung cấp lý luận chính trị,TC45,Giỏi,"
    "A012346,126,245/QĐ-TCT,10/06/2012,15/06/1989,Lê Văn Bình",
)
CREDENTIAL_FIX = (
    2,
    "Trần Văn Hùng,20/11/1970,Nam,Bằng,Trung cấp lý luận chính trị,TC45,Giỏi,"
    "A012346,126,245/QĐ-TCT,10/06/2012,15/06/2012,Lê Văn Bình",
)


def csv(lines: tuple[str, ...], fix: tuple[int, str] | None = None) -> bytes:
    rows = list(lines)
    if fix is not None:
        rows[fix[0]] = fix[1]
    return ("\n".join(rows) + "\n").encode("utf-8")


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    screenshot(page, SHOTS / f"{name}.png", full_page=True)


def step_link(page, step: str, label: str | None = None) -> None:
    """From the start page, follow a checklist step (or one of its further links)."""
    page.click("header a.brand")
    item = page.locator(f"li[data-step={step}]")
    (
        item.locator(f"a:has-text('{label}')") if label else item.locator("a").first
    ).click()


def import_sheet(page, name: str, bad: bytes, good: bytes, row: int, text: str) -> None:
    """On an import page: the bad sheet's dry run names `row` with `text` and
    offers no commit; the corrected sheet is checked and committed."""
    page.set_input_files(
        "#id_file",
        files=[{"name": f"{name}.csv", "mimeType": "text/csv", "buffer": bad}],
    )
    page.click("button:has-text('Kiểm tra tệp')")
    refused = page.locator("tbody tr").filter(
        has=page.locator(f"td.num:text-is('{row}')")
    )
    expect(refused.locator("div.error")).to_have_text(text)
    expect(page.locator("button:has-text('vào hệ thống')")).to_have_count(0)
    shoot(page, f"{name}-bad-row")
    page.set_input_files(
        "#id_file",
        files=[{"name": f"{name}-sua.csv", "mimeType": "text/csv", "buffer": good}],
    )
    page.click("button:has-text('Kiểm tra tệp')")
    expect(page.locator("span.badge.error")).to_have_count(0)
    page.click("button:has-text('vào hệ thống')")
    expect(page.locator(".messages, .message, [role=status]").first).to_contain_text(
        "Đã nhập"
    )


def test_day_one_from_an_empty_database(browser, live_server):
    start = school_start(
        school=SchoolData(
            name="Trường Chính trị tỉnh Nghệ An",
            province="Nghệ An",
            abbreviation="TrCT",
            governing_body="TỈNH ỦY NGHỆ AN",
        ),
        administrator=AdministratorData(username="quantri", display_name="Quản trị"),
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    # The one-time link: set a password, then sign in with it.
    page.goto(f"{live_server.url}{start.sign_in_path}")
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    page.click("button:has-text('Lưu mật khẩu mới')")
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", "quantri")
    page.fill("#id_password", PASSWORD)
    page.click("form:has(#id_username) button[type=submit]")
    enrol_second_factor_in_browser(page)  # the administrator's second factor
    page.wait_for_url("**/quan-ly/")
    expect(page.locator("li[data-step=agencies]")).to_contain_text(
        "chưa có cơ quan cử đi học nào"
    )
    shoot(page, "checklist-empty")

    step_link(page, "units", "Thêm khoa, phòng")
    page.fill("#id_name", "Khoa Lý luận cơ sở")
    page.fill("#id_abbreviation", "K.LLCS")
    page.select_option("#id_kind", "faculty")
    page.check("#id_is_teaching")
    page.click("button:has-text('Lưu')")
    expect(page.locator("table")).to_contain_text("Khoa Lý luận cơ sở")

    step_link(page, "agencies", "Nhập từ Excel")
    import_sheet(
        page,
        "co-quan",
        csv(AGENCIES),
        csv(AGENCIES, AGENCY_FIX),
        4,
        "“Cơ quan cấp trên”: không có cơ quan 'Ủy ban nhân dân tỉnh' trong danh sách "
        "hay trong tệp; hãy thêm dòng cho cơ quan cấp trên.",
    )
    assert Agency.objects.filter(valid_to__isnull=True).count() == 3

    page.goto(f"{live_server.url}/can-bo/")
    page.click("a:has-text('Nhập từ Excel')")
    import_sheet(
        page,
        "can-bo",
        csv(CADRES),
        csv(CADRES, CADRE_FIX),
        3,
        "“Cơ quan công tác”: không có cơ quan 'Sở Nội vụ' trong danh sách cơ quan cử "
        "đi học; hãy nhập cơ quan trước.",
    )
    assert Person.objects.count() == 2

    step_link(page, "lecturers", "Nhập từ Excel")
    import_sheet(
        page,
        "giang-vien",
        csv(LECTURERS),
        csv(LECTURERS, LECTURER_FIX),
        3,
        "“Khoa, phòng”: không có khoa, phòng 'Khoa Kinh tế' của trường.",
    )
    hoa = Lecturer.objects.get(person__given_name="Hoa")
    named = Topic.objects.filter(
        Q(name="Triết học Mác - Lênin") | Q(module__code="I.2")
    )
    assert set(hoa.topics.all()) == set(named) and named.count() >= 2

    step_link(page, "sites", "Nhập từ Excel")
    import_sheet(
        page,
        "phong-hoc",
        csv(ROOMS),
        csv(ROOMS, ROOM_FIX),
        3,
        "“Sức chứa”: 'ba trăm' không phải là số nguyên.",
    )
    assert sorted(Room.objects.values_list("name", "capacity")) == [
        ("Hội trường A", 300),
        ("Phòng 201", 60),
    ]

    page.goto(f"{live_server.url}/van-bang/")
    page.click("a:has-text('Nhập từ sổ gốc cũ')")
    import_sheet(
        page,
        "so-goc",
        csv(CREDENTIALS),
        csv(CREDENTIALS, CREDENTIAL_FIX),
        3,
        "“Ngày cấp”: ngày cấp trước ngày sinh.",
    )
    assert Credential.objects.count() == 2
    page.click("header a.brand")
    for step in ("agencies", "lecturers", "sites"):
        expect(page.locator(f"li[data-step={step}]")).to_contain_text("Đã xong")
    shoot(page, "checklist-after-imports")

    # The year's plan, with a first class at the imported site.
    year = timezone.localdate().year + 1
    page.goto(f"{live_server.url}/ke-hoach/")
    page.fill("#id_year", str(year))
    page.fill("#id_title", f"Kế hoạch đào tạo, bồi dưỡng năm {year}")
    page.click("button:has-text('Tạo kế hoạch')")
    page.wait_for_url("**/ke-hoach/*/")
    page.fill("#id_code", f"TC-{year}-01")
    page.fill("#id_name", f"Trung cấp lý luận chính trị K1 năm {year}")
    page.select_option("#id_program_version", label=_version_label(page))
    page.select_option("#id_site", label="Cơ sở 1")
    page.fill("#id_planned_size", "60")
    page.fill("#id_starts_on", f"09/03/{year}")
    page.fill("#id_ends_on", f"30/10/{year}")
    page.click("button:has-text('Thêm lớp')")
    expect(page.locator("table").first).to_contain_text(f"TC-{year}-01")
    shoot(page, "plan-drafted")
    plan = TrainingPlan.objects.get(year=year)
    assert plan.status == TrainingPlan.Status.DRAFT
    assert PlannedClass.objects.filter(plan=plan, site__name="Cơ sở 1").count() == 1
    leave(page)
    context.close()

    # A visitor, signed in nowhere, verifies the old diploma by số hiệu.
    visitor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    visitor.goto(f"{live_server.url}/xac-minh/")
    visitor.fill("main #id_so_hieu", "a012345")
    visitor.fill("main #id_ngay_sinh", "05/03/1975")
    visitor.click("main button:has-text('Tra cứu')")
    expect(visitor.locator("#holder")).to_have_text("Nguyễn Thị Lan")
    expect(visitor.locator("#status")).to_have_text("Còn hiệu lực")
    shoot(visitor, "visitor-verifies-old-diploma")
    assert Credential.objects.get(serial="A012345").issued_on == datetime.date(
        2012, 6, 15
    )
    leave(visitor)


def _version_label(page) -> str:
    """The option of the Trung cấp programme in the class form's list."""
    options = page.locator("#id_program_version option").all_inner_texts()
    return next(text for text in options if text.startswith("Trung cấp lý luận"))

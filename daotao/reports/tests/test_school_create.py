"""`manage.py school_create`: an empty start, a first administrator who sets their
own password through a one-time link, and a second run that changes nothing."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from daotao.accounts.models import Membership, User
from daotao.accounts.tests.second_factor import verify_second_factor
from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.credentials.models import CredentialTemplate
from daotao.documents.models import Issuer
from daotao.org.models import School
from daotao.programs.models import Program

FLAGS = [
    "--name",
    "Trường Chính trị tỉnh Nghệ An",
    "--province",
    "nghe an",
    "--governing-body",
    "TỈNH ỦY NGHỆ AN",
    "--abbreviation",
    "TrCT",
    "--admin-username",
    "quantri",
    "--admin-name",
    "Nguyễn Văn An",
    "--base-url",
    "https://daotao.truongchinhtri.vn/",
]
NEW_PASSWORD = "Mật-khẩu-riêng-2026"
LINK = re.compile(r"https://daotao\.truongchinhtri\.vn(/dat-lai-mat-khau/\S+/)")


class NoTerminal(io.StringIO):
    def isatty(self) -> bool:
        return False


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(*args: str, monkeypatch, stdin=None) -> str:
    monkeypatch.setattr("sys.stdin", stdin or NoTerminal())
    out = io.StringIO()
    call_command("school_create", *args, stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return (
        School.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Program.objects.count(),
        Issuer.objects.count(),
        CredentialTemplate.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
def test_school_create_on_an_empty_database_then_sign_in_through_the_link(
    client, monkeypatch
):
    """The printed link sets the administrator's password once; after signing in,
    the start page lists every setup step as still to do."""
    output = run(*FLAGS, monkeypatch=monkeypatch)
    school = School.objects.get()
    assert (school.name, school.province.name, school.place_name) == (
        "Trường Chính trị tỉnh Nghệ An",
        "Nghệ An",
        "Nghệ An",
    )
    assert (school.short_name, school.governing_body, school.abbreviation) == (
        "TRƯỜNG CHÍNH TRỊ",
        "TỈNH ỦY NGHỆ AN",
        "TrCT",
    )
    admin = User.objects.get()
    assert (admin.username, admin.display_name, admin.is_staff) == (
        "quantri",
        "Nguyễn Văn An",
        True,
    )
    assert not admin.has_usable_password()
    assert list(admin.memberships.values_list("role", "school_id", "unit_id")) == [
        (Role.ADMINISTRATOR, school.pk, None)
    ]
    assert Program.objects.filter(school=school).count() == 4
    assert Issuer.objects.filter(school=school, abbreviation="TrCT").count() == 1
    assert CredentialTemplate.objects.filter(school=school).count() == 3
    lines = output.splitlines()
    assert lines[0] == (
        "Đã tạo Trường Chính trị tỉnh Nghệ An (Nghệ An) với 4 chương trình "
        "của Học viện."
    )
    assert lines[1] == (
        "Quản trị viên quantri đặt mật khẩu tại (dùng được một lần, trong 72 giờ):"
    )
    path = LINK.fullmatch(lines[2]).group(1)

    # The link leads to the set-password form (Django moves the token to the
    # session and redirects).
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    assert done.url == "/dat-lai-mat-khau/xong/"
    admin.refresh_from_db()
    assert admin.check_password(NEW_PASSWORD)
    # Used once: the same link no longer opens the form.
    again = client.get(path, follow=True)
    assert again.context["validlink"] is False

    signed_in = client.post(
        "/dang-nhap/", {"username": "quantri", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302
    # The administrator is asked to enrol a second factor first (accounts tests).
    assert client.get("/quan-ly/")["Location"].startswith("/xac-thuc-hai-buoc/")
    verify_second_factor(client, admin)
    page = client.get("/quan-ly/")
    assert page.status_code == 200
    steps = page.context["setup_steps"]
    assert [(s.key, s.missing) for s in steps] == [
        ("identity", ("chưa có địa chỉ, điện thoại, thư điện tử",)),
        ("units", ("chưa có khoa, phòng nào",)),
        ("sites", ("chưa có địa điểm học nào", "chưa có phòng học nào")),
        ("agencies", ("chưa có cơ quan cử đi học nào",)),
        (
            "users",
            (
                "chưa có tài khoản Ban Giám hiệu",
                "chưa có tài khoản Phòng Quản lý đào tạo",
            ),
        ),
        ("lecturers", ("chưa có giảng viên nào",)),
        ("programmes", ("5 phiên bản chương trình chưa đối chiếu văn bản gốc",)),
        ("rule_sets", ("17 bộ quy định chưa xác nhận",)),
        ("blanks", ("chưa nhập lô phôi nào",)),
    ]
    html = page.content.decode()
    assert "Thiết lập trường" in html
    assert "chưa có phòng học nào" in html
    assert "Đã xong" not in html


@pytest.mark.django_db
def test_a_second_school_create_with_the_same_abbreviation_refuses_and_changes_nothing(
    monkeypatch,
):
    run(*FLAGS, monkeypatch=monkeypatch)
    before = counts()
    second = [*FLAGS]
    second[second.index("quantri")] = "quantri2"
    with pytest.raises(CommandError) as refused:
        run(*second, monkeypatch=monkeypatch)
    assert str(refused.value) == (
        "Nghệ An đã có trường viết tắt “TrCT”; không tạo lại, không thay đổi gì."
    )
    assert counts() == before
    assert not User.objects.filter(username="quantri2").exists()


@pytest.mark.django_db
def test_a_third_school_beside_two_gets_its_own_catalogue_issuer_and_wording(
    monkeypatch,
):
    """Schools of other provinces may share the abbreviation TrCT; the third one
    gets everything a school needs, and the first two keep theirs unchanged."""

    def flags(province: str, governing_body: str, username: str) -> list[str]:
        values = [*FLAGS]
        values[values.index("nghe an")] = province
        values[values.index("TỈNH ỦY NGHỆ AN")] = governing_body
        values[values.index("quantri")] = username
        values[values.index("Trường Chính trị tỉnh Nghệ An")] = (
            f"Trường Chính trị tỉnh {province}"
        )
        return values

    run(
        *flags("Thanh Hóa", "TỈNH ỦY THANH HÓA", "quantri.thanhhoa"),
        monkeypatch=monkeypatch,
    )
    run(*flags("Hà Tĩnh", "TỈNH ỦY HÀ TĨNH", "quantri.hatinh"), monkeypatch=monkeypatch)
    first_two = list(School.objects.order_by("pk"))
    kept = [
        (
            list(Program.objects.filter(school=s).values_list("pk", flat=True)),
            list(Issuer.objects.filter(school=s).values_list("pk", flat=True)),
        )
        for s in first_two
    ]
    output = run(*FLAGS, monkeypatch=monkeypatch)

    third = School.objects.get(province__name="Nghệ An")
    assert School.objects.count() == 3
    assert sorted(School.objects.values_list("province__name", flat=True)) == [
        "Hà Tĩnh",
        "Nghệ An",
        "Thanh Hóa",
    ]
    assert set(School.objects.values_list("abbreviation", flat=True)) == {"TrCT"}
    assert Program.objects.filter(school=third).count() == 4
    assert Issuer.objects.filter(school=third, abbreviation="TrCT").count() == 1
    assert CredentialTemplate.objects.filter(school=third).count() == 3
    admin = User.objects.get(username="quantri")
    assert list(admin.memberships.values_list("role", "school_id")) == [
        (Role.ADMINISTRATOR, third.pk)
    ]
    assert output.startswith("Đã tạo Trường Chính trị tỉnh Nghệ An (Nghệ An)")
    assert [
        (
            list(Program.objects.filter(school=s).values_list("pk", flat=True)),
            list(Issuer.objects.filter(school=s).values_list("pk", flat=True)),
        )
        for s in first_two
    ] == kept


@pytest.mark.django_db
def test_an_existing_username_or_unknown_province_refuses_and_changes_nothing(
    monkeypatch,
):
    User.objects.create_user(username="quantri", password="x" * 12)
    before = counts()
    flags = [*FLAGS]
    flags[flags.index("nghe an")] = "Hà Tây"
    with pytest.raises(CommandError) as refused:
        run(*flags, monkeypatch=monkeypatch)
    assert str(refused.value) == (
        "Không có tỉnh, thành phố “Hà Tây” trong danh mục từ 01/7/2025. "
        "Tên đăng nhập “quantri” đã có người dùng."
    )
    assert counts() == before


@pytest.mark.django_db
def test_missing_flags_without_a_terminal_are_named_and_nothing_is_asked(
    monkeypatch,
):
    def no_prompt(prompt: str) -> str:
        raise AssertionError(prompt)

    monkeypatch.setattr("builtins.input", no_prompt)
    with pytest.raises(CommandError) as refused:
        run("--name", "Trường Chính trị tỉnh Nghệ An", monkeypatch=monkeypatch)
    first_line = str(refused.value).splitlines()[0]
    assert first_line == (
        "Thiếu --province, --governing-body, --abbreviation, --admin-username, "
        "--admin-name. Ví dụ:"
    )
    assert School.objects.count() == 0


@pytest.mark.django_db
def test_missing_flags_are_asked_for_on_a_terminal(monkeypatch):
    answers = iter(["Nghệ An", "TỈNH ỦY NGHỆ AN", "TrCT", "", "", "", "", "", ""])
    asked = []

    def prompt(text: str) -> str:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr("builtins.input", prompt)
    run(
        "--name",
        "Trường Chính trị tỉnh Nghệ An",
        "--admin-username",
        "quantri",
        "--admin-name",
        "Nguyễn Văn An",
        monkeypatch=monkeypatch,
        stdin=Terminal(),
    )
    assert asked[:3] == [
        "Tỉnh, thành phố (tên sau 01/7/2025): ",
        "Cơ quan chủ quản (TỈNH ỦY NGHỆ AN): ",
        "Chữ viết tắt trong ký hiệu văn bản: ",
    ]
    assert len(asked) == 9  # the six optional school fields and the admin e-mail
    school = School.objects.get()
    # An empty answer to an optional question keeps its default.
    assert (school.governing_body, school.short_name, school.place_name) == (
        "TỈNH ỦY NGHỆ AN",
        "TRƯỜNG CHÍNH TRỊ",
        "Nghệ An",
    )


@pytest.mark.django_db
def test_check_prints_the_command_while_no_school_exists(monkeypatch):
    empty = run("--check", monkeypatch=monkeypatch)
    assert empty.splitlines() == [
        "Chưa có trường nào. Tạo trường của bạn và quản trị viên đầu tiên bằng "
        "lệnh (thay các giá trị cho đúng):",
        "DJANGO_DEBUG=true .venv/bin/python manage.py school_create "
        "--name 'Trường Chính trị tỉnh Nghệ An' --province 'Nghệ An' "
        "--governing-body 'TỈNH ỦY NGHỆ AN' --abbreviation TrCT "
        "--admin-username quantri --admin-name 'Nguyễn Văn A'",
    ]
    run(*FLAGS, monkeypatch=monkeypatch)
    assert run("--check", monkeypatch=monkeypatch) == (
        "Trường đã có: Trường Chính trị tỉnh Nghệ An.\n"
    )

"""The "Nhập danh sách từ Excel" page and `manage.py import_nominations`."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from daotao.core.access import Role
from daotao.core.models import ImportBatch
from daotao.core.tests import importing_samples as samples
from daotao.enrolment.models import Nomination
from daotao.people.models import Person
from daotao.planning.models import Quota

pytestmark = pytest.mark.django_db


def upload(data=None, name="danh-sach.xlsx"):
    return SimpleUploadedFile(name, data or samples.official_list())


def import_url(planned_class):
    return f"/tuyen-sinh/lop/{planned_class.pk}/nhap-excel/"


@pytest.fixture
def three_places(planned_class, agencies):
    Quota.objects.filter(planned_class=planned_class, agency=agencies[0]).update(
        places=3
    )


def test_coordinator_checks_then_commits_the_same_file(
    client, coordinator, planned_class, agencies, three_places
):
    client.force_login(coordinator)
    page = client.get(import_url(planned_class))
    assert page.status_code == 200
    assert page.context["form"].fields["agency"].initial == agencies[0]

    checked = client.post(
        import_url(planned_class),
        {
            "agency": agencies[0].pk,
            "file": upload(),
            "sending_document_number": "25-CV/ĐU",
            "sending_document_date": "10/01/2026",
        },
    )

    report = checked.context["report"]
    assert report.is_dry_run and report.is_importable
    assert checked.context["counts"] == {"create": 3, "match": 0, "refuse": 0}
    assert "Ghi 3 dòng vào hệ thống" in checked.content.decode()
    assert Nomination.objects.count() == 0

    committed = client.post(import_url(planned_class), {"token": report.sha256})

    assert committed.status_code == 302
    assert committed["Location"] == f"/tuyen-sinh/lop/{planned_class.pk}/"
    nominations = Nomination.objects.order_by("person__sort_key")
    assert [n.person.full_name for n in nominations] == [
        "Nguyễn Văn An",
        "Lê Thị Bình",
        "Trần Đức Cường",
    ]
    assert {n.sending_document_number for n in nominations} == {"25-CV/ĐU"}
    assert {n.created_by for n in nominations} == {coordinator}
    assert ImportBatch.objects.get().actor == coordinator
    # the token is spent: sending it again does nothing
    again = client.post(import_url(planned_class), {"token": report.sha256})
    assert again.status_code == 302
    assert Nomination.objects.count() == 3


def test_a_list_with_a_bad_row_shows_where_and_offers_no_commit(
    client, coordinator, planned_class, agencies, three_places
):
    people = [list(p) for p in samples.PEOPLE]
    people[1][2] = "Không rõ"
    client.force_login(coordinator)

    checked = client.post(
        import_url(planned_class),
        {"agency": agencies[0].pk, "file": upload(samples.official_list(people))},
    )

    html = checked.content.decode()
    assert "không đọc được giới tính" in html
    assert "Ghi 3 dòng" not in html
    assert "Chưa ghi dòng nào" in html
    assert checked.context["counts"] == {"create": 2, "match": 0, "refuse": 1}
    # a token forged from the report is refused: nothing was kept for commit
    forged = client.post(
        import_url(planned_class), {"token": checked.context["report"].sha256}
    )
    assert forged.status_code == 302
    assert Person.objects.count() == 0
    assert Nomination.objects.count() == 0


def test_a_coordinator_cannot_import_for_another_agency(
    client, coordinator, planned_class, agencies
):
    client.force_login(coordinator)

    response = client.post(
        import_url(planned_class), {"agency": agencies[1].pk, "file": upload()}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["agency"]
    assert response.context["report"] is None
    assert Nomination.objects.count() == 0


def test_the_office_picks_the_agency(client, office, planned_class, agencies):
    client.force_login(office)

    page = client.get(import_url(planned_class))

    choices = list(page.context["form"].fields["agency"].queryset)
    assert sorted(a.pk for a in choices) == sorted(a.pk for a in agencies)


def test_roles_without_the_permission_are_refused(
    client, make_user, planned_class, agencies
):
    client.force_login(make_user(Role.LECTURER))
    assert client.get(import_url(planned_class)).status_code == 403
    response = client.post(
        import_url(planned_class), {"agency": agencies[0].pk, "file": upload()}
    )
    assert response.status_code == 403
    assert Nomination.objects.count() == 0


def test_the_template_downloads_as_a_workbook(client, coordinator, planned_class):
    client.force_login(coordinator)

    response = client.get(f"/tuyen-sinh/lop/{planned_class.pk}/mau-excel/")

    assert response.status_code == 200
    assert "mau-danh-sach-cu-di-hoc-TC-2026-01.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B3"].value == "Họ và tên (*)"


def test_the_class_page_links_to_the_import(client, coordinator, planned_class):
    client.force_login(coordinator)

    html = client.get(f"/tuyen-sinh/lop/{planned_class.pk}/").content.decode()

    assert import_url(planned_class) in html


# --- manage.py import_nominations ------------------------------------------------


@pytest.fixture
def sheet(tmp_path):
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(samples.official_list())
    return path


def command(*args):
    out = io.StringIO()
    call_command("import_nominations", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_command_dry_runs_then_commits(
    sheet, planned_class, agencies, office, three_places
):
    out = command(
        sheet,
        "--planned-class",
        "TC-2026-01",
        "--agency",
        agencies[0].name,
        "--user",
        office.username,
        "--dry-run",
    )
    assert "Dòng 9: tạo mới" in out
    assert "Tổng: 3 dòng — tạo mới 3, khớp hồ sơ 0, không nhận 0." in out
    assert Nomination.objects.count() == 0

    out = command(
        sheet,
        "--planned-class",
        "TC-2026-01",
        "--agency",
        str(agencies[0].pk),
        "--user",
        office.username,
        "--document-number",
        "25-CV/ĐU",
        "--document-date",
        "10/01/2026",
    )
    assert "Đã ghi vào hệ thống." in out
    assert Nomination.objects.filter(sending_document_number="25-CV/ĐU").count() == 3


def test_the_command_refuses_a_sheet_with_errors(
    tmp_path, planned_class, agencies, office
):
    path = tmp_path / "loi.xlsx"
    path.write_bytes(samples.official_list())  # 3 rows, 2 places
    with pytest.raises(CommandError, match="tệp có lỗi"):
        command(
            path,
            "--planned-class",
            "TC-2026-01",
            "--agency",
            agencies[0].name,
            "--user",
            office.username,
        )
    assert Nomination.objects.count() == 0


def test_the_command_acts_as_the_only_administrator(
    sheet, planned_class, agencies, make_user, three_places
):
    admin = make_user(Role.ADMINISTRATOR)

    command(sheet, "--planned-class", "TC-2026-01", "--agency", agencies[0].name)

    assert {n.created_by for n in Nomination.objects.all()} == {admin}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--planned-class", "KHONG-CO", "--agency", "x"], "Không có lớp mã"),
        (["--planned-class", "TC-2026-01", "--agency", "Không có"], "Không tìm thấy"),
        (
            ["--planned-class", "TC-2026-01", "--agency", "{agency}", "--user", "ai"],
            "Không có tài khoản",
        ),
    ],
)
def test_the_command_says_what_is_wrong(sheet, planned_class, agencies, args, message):
    args = [a.replace("{agency}", str(agencies[0].pk)) for a in args]
    with pytest.raises(CommandError, match=message):
        command(sheet, *args)
    assert Nomination.objects.count() == 0


def test_the_dry_run_page_says_where_the_table_ended(
    client, coordinator, planned_class, agencies, three_places
):
    """Issue 14, finding 7: a "Tổng số" line ends the table and the page says so."""
    rows, merges = samples.title_rows(len(samples.HEADERS))
    rows += [list(samples.HEADERS), [f"({n})" for n in range(1, 8)]]
    rows += [[n, *person] for n, person in enumerate(samples.PEOPLE, start=1)]
    rows += [[None, "Tổng số: 03 đồng chí"], *samples.signature_rows()]
    client.force_login(coordinator)

    checked = client.post(
        import_url(planned_class),
        {
            "agency": agencies[0].pk,
            "file": upload(samples.workbook_bytes(rows, merges=merges)),
            "sending_document_number": "25-CV/ĐU",
            "sending_document_date": "10/01/2026",
        },
    )

    assert checked.context["counts"] == {"create": 3, "match": 0, "refuse": 0}
    assert (
        "Bảng danh sách kết thúc ở dòng 12 (“Tổng số: 03 đồng chí”); không nhập "
        "các dòng từ dòng này trở xuống."
    ) in checked.content.decode()
    assert Nomination.objects.count() == 0

"""Old registers brought in through the import framework: a dry run
writes nothing, a bad row writes nothing, the same file twice changes nothing, and
an imported credential verifies publicly by số hiệu and date of birth."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.importing import CREATE, MATCH, REFUSE
from daotao.core.models import AuditEvent, ImportBatch
from daotao.credentials.importing import historical_import_run
from daotao.credentials.models import Credential, CredentialEvent, Kind, Register

HEADER = (
    "Họ và tên,Ngày sinh,Giới tính,Loại văn bằng,Chương trình,Lớp,Xếp loại,"
    "Số hiệu,Số vào sổ,Số quyết định,Ngày quyết định,Ngày cấp,Người ký"
)
ROWS = [
    "Nguyễn Thị Lan,05/03/1975,Nữ,Bằng,Trung cấp lý luận chính trị,TC45,Khá,"
    "a 012345,125,245/QĐ-TCT,10/06/2012,15/06/2012,Lê Văn Bình",
    "Trần Văn Hùng,20/11/1970,Nam,Chứng chỉ,Bồi dưỡng ngạch chuyên viên,CV12,"
    "Giỏi,CC000777,8,12/QĐ-TCT,01/04/2015,05/04/2015,Lê Văn Bình",
]


def sheet(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


def run(office, data: bytes, *, dry_run: bool, filename: str = "so-goc-cu.csv"):
    return historical_import_run(
        upload=data, filename=filename, actor=office, dry_run=dry_run
    )


def test_dry_run_reports_rows_and_writes_nothing(office):
    report = run(office, sheet(*ROWS), dry_run=True)

    assert report.counts == {CREATE: 2, MATCH: 0, REFUSE: 0}
    assert report.is_importable
    assert Credential.objects.count() == 0
    assert Register.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_commit_keeps_them_as_issued_credentials_of_their_year(office, school):
    report = run(office, sheet(*ROWS), dry_run=False)

    assert report.is_committed
    lan = Credential.objects.get(serial="A012345")
    assert lan.school == school
    assert lan.kind == Kind.DIPLOMA
    assert lan.register.year == 2012
    assert lan.register.last_entry_number == 125
    assert lan.entry_number == 125
    assert lan.holder_name == "Nguyễn Thị Lan"
    assert lan.holder_date_of_birth == datetime.date(1975, 3, 5)
    assert lan.holder_sex == "female"
    assert lan.class_name == "TC45"
    assert lan.classification_label == "Khá"
    assert lan.decision_number == "245/QĐ-TCT"
    assert lan.decision_date == datetime.date(2012, 6, 10)
    assert lan.issued_on == datetime.date(2012, 6, 15)
    assert lan.status == Credential.Status.VALID
    assert lan.enrollment is None and lan.stock is None
    assert lan.is_imported and lan.imported_from == "so-goc-cu.csv"
    assert lan.issued_by == office
    assert lan.import_batch == report.batch
    assert report.batch.actor == office
    assert report.batch.created_count == 2
    hung = Credential.objects.get(serial="CC000777")
    assert (hung.kind, hung.register.year) == (Kind.CERTIFICATE, 2015)
    assert hung.import_batch == report.batch
    assert CredentialEvent.objects.filter(action="issue").count() == 2
    # One audit row for the import, with its counts; the history is per credential.
    audit = AuditEvent.objects.get(action="credentials.credential_import")
    assert (audit.actor, audit.school_id, audit.reason) == (
        office,
        lan.school_id,
        "Nhập từ sổ gốc cũ: so-goc-cu.csv",
    )
    assert audit.changes == {
        "file": [None, "so-goc-cu.csv"],
        "count": [None, 2],
        "by_kind_and_year": [None, {"certificate 2015": 1, "diploma 2012": 1}],
    }


def test_an_imported_credential_verifies_publicly(office, client):
    run(office, sheet(*ROWS), dry_run=False)

    response = client.get(
        reverse("credential-lookup"), {"so_hieu": "a012345", "ngay_sinh": "05/03/1975"}
    )
    assert response.status_code == 200
    assert "Nguyễn Thị Lan" in response.content.decode()
    wrong = client.get(
        reverse("credential-lookup"), {"so_hieu": "A012345", "ngay_sinh": "06/03/1975"}
    )
    assert wrong.status_code == 404
    code = Credential.objects.get(serial="A012345").verification_code
    by_code = client.get(reverse("credential-verify", args=[code]))
    assert by_code.status_code == 200
    assert "Nguyễn Thị Lan" in by_code.content.decode()


def test_a_bad_row_writes_nothing_and_is_named(office):
    bad = ROWS[1].replace("20/11/1970", "31/02/1970")
    report = run(office, sheet(ROWS[0], bad), dry_run=False)

    assert not report.is_committed
    assert report.counts == {CREATE: 1, MATCH: 0, REFUSE: 1}
    assert [str(m) for m in report.errors] == [
        "Dòng 3, cột “Ngày sinh”: không đọc được ngày '31/02/1970': "
        "tháng 2 năm 1970 chỉ có 28 ngày."
    ]
    assert Credential.objects.count() == 0
    assert Register.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_unknown_kind_and_taken_entry_are_refused(office):
    run(office, sheet(ROWS[0]), dry_run=False)
    kind = ROWS[1].replace("Chứng chỉ", "Bằng khen")
    taken = (
        "Phạm Văn Nam,01/01/1980,Nam,Bằng,Trung cấp lý luận chính trị,TC45,Khá,"
        "A099999,125,,,20/06/2012,"
    )
    report = run(office, sheet(kind, taken), dry_run=True)

    assert [str(m) for m in report.errors] == [
        "Dòng 2, cột “Loại văn bằng”: không nhận ra loại văn bằng 'Bằng khen'; "
        "hãy ghi: Bằng, Chứng chỉ hoặc Giấy chứng nhận.",
        "Dòng 3, cột “Số vào sổ”: số vào sổ 125 của sổ năm 2012 đã có văn bằng khác.",
    ]
    assert Credential.objects.count() == 1


def test_same_file_twice_changes_nothing(office):
    data = sheet(*ROWS)
    run(office, data, dry_run=False)
    fields = ("pk", "serial", "entry_number", "holder_name", "import_batch_id")
    before = list(Credential.objects.order_by("pk").values_list(*fields))
    events = list(AuditEvent.objects.values_list("pk", flat=True))

    again = run(office, data, dry_run=False)
    other = run(office, sheet(*reversed(ROWS)), dry_run=False, filename="b.csv")

    assert not again.is_committed
    assert again.already_imported_at is not None
    assert other.counts == {CREATE: 0, MATCH: 2, REFUSE: 0}
    assert list(Credential.objects.order_by("pk").values_list(*fields)) == before
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == events
    assert ImportBatch.objects.count() == 2


def test_the_same_lines_in_another_file_match_and_a_taken_serial_is_refused(office):
    run(office, sheet(*ROWS), dry_run=False)
    other = ROWS[0].replace("Nguyễn Thị Lan", "Nguyễn Thị Mai")

    report = run(office, sheet(ROWS[1], other), dry_run=False, filename="b.csv")

    assert report.counts == {CREATE: 0, MATCH: 1, REFUSE: 1}
    assert [str(m) for m in report.errors] == [
        "Dòng 3, cột “Số hiệu”: số hiệu A012345 đã cấp cho người khác."
    ]
    assert Credential.objects.count() == 2
    assert ImportBatch.objects.count() == 1


def test_an_imported_credential_can_be_reissued_on_a_blank(office, school):
    from daotao.credentials import services
    from daotao.credentials.tests.factories import blank_stock

    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    run(office, sheet(*ROWS), dry_run=False)
    old = Credential.objects.get(serial="A012345")

    new = services.credential_reissue(
        actor=office,
        credential=old,
        issued_on=datetime.date(2026, 9, 1),
        signer="Lê Văn Bình",
        reason="Mất bản gốc",
    )

    old.refresh_from_db()
    assert old.status == Credential.Status.REPLACED and old.replaced_by == new
    assert new.enrollment is None and new.stock is not None
    assert (new.holder_sex, new.class_name) == ("female", "TC45")
    assert new.imported_from == "so-goc-cu.csv" and new.import_batch is None
    assert new.register.year == 2026


def test_pages_template_dry_run_and_commit(office, client):
    client.force_login(office)
    listing = client.get(reverse("credentials:register-list"))
    assert reverse("credentials:historical-import") in listing.content.decode()
    template = client.get(reverse("credentials:historical-template"))
    assert template.status_code == 200
    assert template.content[:2] == b"PK"

    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("so-goc.csv", sheet(*ROWS), content_type="text/csv")
    checked = client.post(reverse("credentials:historical-import"), {"file": upload})
    assert checked.status_code == 200
    token = checked.context["report"].sha256
    assert Credential.objects.count() == 0

    done = client.post(reverse("credentials:historical-import"), {"token": token})

    assert done.status_code == 302
    assert Credential.objects.count() == 2
    assert ImportBatch.objects.get().filename == "so-goc.csv"


def test_a_lecturer_may_not_import(make_user, client):
    client.force_login(make_user(Role.LECTURER))
    assert client.get(reverse("credentials:historical-import")).status_code == 403
    assert client.get(reverse("credentials:historical-template")).status_code == 403

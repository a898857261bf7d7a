"""Nominating by sheet: agencies' lists as they come, all-or-nothing, idempotent."""

import datetime
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daotao.core.importing import CREATE, MATCH, MAX_UPLOAD_BYTES, REFUSE
from daotao.core.models import AuditEvent, ImportBatch
from daotao.core.tests import importing_samples as samples
from daotao.enrolment.importing import (
    SendingDocument,
    nominations_import_run,
    nominations_template,
)
from daotao.enrolment.models import Nomination
from daotao.enrolment.selectors import nomination_history
from daotao.faculty.tests.factories import LecturerFactory
from daotao.people.models import Person, PostHistory
from daotao.planning.models import Quota

DOCUMENT = SendingDocument(number="25-CV/ĐU", date=datetime.date(2026, 1, 10))


@pytest.fixture
def run(planned_class, agencies, office):
    """Import `data` for agencies[0] as the training office (or `actor`)."""

    def run_it(data, *, dry_run, actor=None, agency=None, filename="danh-sach.xlsx"):
        return nominations_import_run(
            upload=data,
            filename=filename,
            actor=actor or office,
            planned_class=planned_class,
            agency=agency or agencies[0],
            document=DOCUMENT,
            dry_run=dry_run,
        )

    return run_it


@pytest.fixture
def places(planned_class, agencies):
    def set_places(count, agency=None):
        Quota.objects.filter(
            planned_class=planned_class, agency=agency or agencies[0]
        ).update(places=count)

    return set_places


def snapshot_counts():
    return (
        Person.objects.count(),
        Nomination.objects.count(),
        PostHistory.objects.count(),
        AuditEvent.objects.count(),
        ImportBatch.objects.count(),
    )


def nominee_rows(people, headers=samples.HEADERS):
    return samples.official_list(people, headers=headers)


def test_an_official_list_is_dry_run_then_committed_whole(run, places, agencies):
    places(3)
    data = samples.official_list()
    before = snapshot_counts()

    report = run(data, dry_run=True)

    assert report.file_errors == []
    assert report.header_row == samples.HEADER_ROW
    assert [r.number for r in report.rows] == [9, 10, 11]
    assert [r.action for r in report.rows] == [CREATE, CREATE, CREATE]
    assert report.is_importable
    assert snapshot_counts() == before

    report = run(data, dry_run=False)

    assert report.is_committed
    persons = Person.objects.order_by("sort_key")
    assert [(p.family_name, p.middle_name, p.given_name) for p in persons] == [
        ("Nguyễn", "Văn", "An"),
        ("Lê", "Thị", "Bình"),
        ("Trần", "Đức", "Cường"),
    ]
    an = Person.objects.get(citizen_id="038085001234")
    assert (an.sex, an.date_of_birth, an.phone, an.agency) == (
        "male",
        datetime.date(1985, 3, 5),
        "0912345678",
        agencies[0],
    )
    assert an.current_post == "Phó Chủ tịch UBND xã"
    nominations = Nomination.objects.order_by("person__sort_key")
    assert [n.person.given_name for n in nominations] == ["An", "Bình", "Cường"]
    first = nominations[0]
    assert (first.source, first.status, first.agency) == (
        Nomination.Source.SHEET,
        Nomination.Status.SUBMITTED,
        agencies[0],
    )
    assert (first.sending_document_number, first.sending_document_date) == (
        "25-CV/ĐU",
        datetime.date(2026, 1, 10),
    )
    assert first.post == "Phó Chủ tịch UBND xã"
    assert first.rule_set is not None
    assert [r["rule"] for r in first.eligibility] == [
        "party_member",
        "education",
        "rating",
        "age",
        "post",
        "theory_level",
        "retirement",
    ]
    # One audit event for the sheet (not one per nomination and per person), shown
    # in each imported nomination's history.
    assert not AuditEvent.objects.filter(
        action__in=["enrolment.nomination_submit", "people.person_create"]
    ).exists()
    event = AuditEvent.objects.get(action="enrolment.nomination_import")
    assert (event.action, event.object_type, event.object_id) == (
        "enrolment.nomination_import",
        "planning.plannedclass",
        str(first.planned_class_id),
    )
    assert event.changes["agency"] == [None, agencies[0].pk]
    assert event.changes["count"] == [None, 3]
    assert sorted(event.changes["persons_created"][1]) == sorted(p.pk for p in persons)
    assert sorted(event.changes["nominations"][1]) == sorted(n.pk for n in nominations)
    assert nomination_history(nomination=first) == [event]
    assert PostHistory.objects.filter(person=an).count() == 1
    batch = ImportBatch.objects.get()
    assert (batch.row_count, batch.created_count, batch.matched_count) == (3, 3, 0)


def test_an_agency_list_with_a_total_line_imports_the_rows_above_it(run, places):
    """Issue 14, finding 7: "Tổng số: 03 đồng chí" and a note under the table end it."""
    places(3)
    rows, merges = samples.title_rows(len(samples.HEADERS))
    rows += [list(samples.HEADERS), [f"({n})" for n in range(1, 8)]]
    rows += [[n, *person] for n, person in enumerate(samples.PEOPLE, start=1)]
    rows += [[None, "Tổng số: 03 đồng chí"], ["Ghi chú: (*) đương chức."]]
    rows += samples.signature_rows()
    data = samples.workbook_bytes(rows, merges=merges)

    dry = run(data, dry_run=True)

    assert dry.file_errors == []
    assert [(r.number, r.action) for r in dry.rows] == [
        (9, CREATE), (10, CREATE), (11, CREATE),
    ]  # fmt: skip
    assert dry.notices == [
        "Bảng danh sách kết thúc ở dòng 12 (“Tổng số: 03 đồng chí”); không nhập "
        "các dòng từ dòng này trở xuống."
    ]
    report = run(data, dry_run=False)
    assert report.is_committed
    assert Nomination.objects.count() == 3


def test_the_same_file_twice_changes_nothing(run, places):
    places(3)
    data = samples.official_list()
    run(data, dry_run=False)
    before = snapshot_counts()

    report = run(data, dry_run=False)

    assert not report.is_committed
    assert report.already_imported_at is not None
    assert "đã được nhập lúc" in report.notices[0]
    assert snapshot_counts() == before


@pytest.mark.parametrize("position", [0, 1, 2], ids=["first", "middle", "last"])
def test_one_bad_row_anywhere_writes_nothing(run, places, position):
    places(3)
    people = [list(person) for person in samples.PEOPLE]
    people[position][1] = "31/02/1985"
    before = snapshot_counts()

    report = run(nominee_rows(people), dry_run=False)

    assert not report.is_committed
    assert snapshot_counts() == before
    refused = [r for r in report.rows if r.action == REFUSE]
    assert [r.number for r in refused] == [9 + position]
    assert str(refused[0].messages[0]) == (
        f"Dòng {9 + position}, cột “Ngày sinh”: không đọc được ngày '31/02/1985': "
        "tháng 2 năm 1985 chỉ có 28 ngày."
    )
    assert "Chưa ghi dòng nào vì có 1 dòng lỗi" in report.notices[-1]


def test_header_variants_and_the_rating_years_of_the_class(run, places):
    places(1)
    headers = (
        "TT",
        "Họ tên",
        "Ngày, tháng, năm sinh",
        "Nam/Nữ",
        "Số định danh cá nhân",
        "Trình độ đào tạo",
        "Ngày kết nạp Đảng",
        "Chức vụ, chức danh",
        "Thuộc diện quy hoạch",
        "Đánh giá, xếp loại năm 2025",
        "Xếp loại năm 2024",
    )
    row = (
        "Lê Thị Bình",
        "20/11/1990",
        "nữ",
        "038190004321",
        "Cử nhân Luật",
        "19/5/2015",
        "Chuyên viên",
        "x",
        "HTXSNV",
        "Hoàn thành tốt nhiệm vụ",
    )

    report = run(nominee_rows([row], headers=headers), dry_run=False)

    assert report.is_committed, [str(m) for m in report.messages]
    person = Person.objects.get()
    assert person.education_level.code == "DH"
    assert person.party_joined_on == datetime.date(2015, 5, 19)
    nomination = Nomination.objects.get()
    assert (nomination.rating_previous_year, nomination.rating_year_before) == (
        "excellent",
        "good",
    )
    assert nomination.is_post_qualifying is True
    assert all(r["passed"] for r in nomination.eligibility)


def test_serial_and_text_dates(run, places):
    places(3)
    people = [list(person) for person in samples.PEOPLE]
    people[0][1] = 31111  # Excel serial of 05/03/1985
    people[1][1] = "20/11/90"
    people[2][1] = "1978-01-31"

    report = run(nominee_rows(people), dry_run=False)

    assert report.is_committed
    assert sorted(Person.objects.values_list("date_of_birth", flat=True)) == [
        datetime.date(1978, 1, 31),
        datetime.date(1985, 3, 5),
        datetime.date(1990, 11, 20),
    ]


def test_a_numeric_citizen_id_gets_its_leading_zero_back(run, places):
    places(1)
    person = list(samples.PEOPLE[0])
    person[3] = 38085001234  # typed as a number: the leading 0 is gone

    report = run(nominee_rows([person]), dry_run=False)

    assert report.is_committed
    assert Person.objects.get().citizen_id == "038085001234"


def test_a_citizen_id_that_cannot_be_restored_is_refused(run, places):
    places(1)
    person = list(samples.PEOPLE[0])
    person[3] = 38090001234  # restored to 038090…: born 1990, not 1985
    before = snapshot_counts()

    report = run(nominee_rows([person]), dry_run=False)

    assert report.rows[0].action == REFUSE
    assert "“Số CCCD”" in str(report.rows[0].messages[0])
    assert snapshot_counts() == before


def test_decomposed_names_are_stored_composed(run, places):
    places(1)
    person = list(samples.PEOPLE[1])
    person[0] = unicodedata.normalize("NFD", "  lê   thị  bình ")

    report = run(nominee_rows([person]), dry_run=False)

    assert report.is_committed
    stored = Person.objects.get()
    assert stored.full_name == "Lê Thị Bình"
    assert unicodedata.is_normalized("NFC", stored.full_name)


def test_the_split_sex_layout_is_read(run, places):
    places(3)

    report = run(samples.split_sex_list(), dry_run=False)

    assert report.is_committed
    assert dict(Person.objects.values_list("given_name", "sex")) == {
        "An": "male",
        "Bình": "female",
        "Cường": "male",
    }


def test_a_person_already_in_the_registry_is_matched_by_citizen_id(
    run, places, eligible_person, agencies
):
    places(3)
    known = eligible_person(
        family_name="Nguyễn",
        middle_name="Văn",
        given_name="An",
        sex="male",
        date_of_birth=datetime.date(1985, 3, 5),
        citizen_id="038085001234",
    )

    report = run(samples.official_list(), dry_run=False)

    assert report.is_committed
    assert [r.action for r in report.rows] == [MATCH, CREATE, CREATE]
    assert Person.objects.count() == 3
    assert Nomination.objects.get(person=known).agency == agencies[0]


def test_a_citizen_id_on_someone_else_is_refused(run, places, eligible_person):
    places(3)
    eligible_person(
        family_name="Phạm",
        middle_name="Văn",
        given_name="Khác",
        sex="male",
        date_of_birth=datetime.date(1985, 3, 5),
        citizen_id="038085001234",
    )
    before = snapshot_counts()

    report = run(samples.official_list(), dry_run=False)

    assert [r.action for r in report.rows] == [REFUSE, CREATE, CREATE]
    assert str(report.rows[0].messages[0]) == (
        "Dòng 9, cột “Số CCCD”: số CCCD đã có trong hồ sơ của Phạm Văn Khác, "
        "khác tên trong tệp."
    )
    assert snapshot_counts() == before


OUTSIDE_AGENCY = (
    "Dòng 9, cột “Số CCCD”: số CCCD này cần Phòng Quản lý đào tạo đối chiếu hồ sơ "
    "trước khi cơ quan cử đi học; hãy gửi Phòng bản sao CCCD của cán bộ."
)


@pytest.mark.parametrize(
    "holder",
    [
        "other agency, other name",
        "other agency, same name",
        "no agency",
        "lecturer of the school",
        "lecturer listed under the own agency",
    ],
)
def test_a_coordinator_gets_one_message_for_a_number_held_outside_the_agency(
    run, places, eligible_person, coordinator, agencies, holder
):
    """Issue 14, finding 6: whoever holds the number outside the coordinator's
    agency, the row says the same, names no one, shows no eligibility detail of
    the holder and nothing is written."""
    places(3)
    same_name = "other name" not in holder
    held = eligible_person(
        agency={
            "other agency, other name": agencies[1],
            "other agency, same name": agencies[1],
            "no agency": None,
            "lecturer of the school": None,
            "lecturer listed under the own agency": agencies[0],
        }[holder],
        family_name="Nguyễn" if same_name else "Lê",
        middle_name="Văn" if same_name else "Hồng",
        given_name="An" if same_name else "Anh",
        sex="male",
        date_of_birth=datetime.date(1985, 3, 5),
        party_joined_on=None,  # would show as a failed rule if the holder were read
        citizen_id="038085001234",
    )
    if holder in ("no agency", "lecturer of the school"):
        Person.objects.filter(pk=held.pk).update(agency=None)  # the fixture's default
    if holder.startswith("lecturer"):
        LecturerFactory(school=held.school, person=held)
    before = snapshot_counts()

    dry = run(samples.official_list(), dry_run=True, actor=coordinator)
    report = run(samples.official_list(), dry_run=False, actor=coordinator)

    for result in (dry, report):
        assert result.rows[0].action == REFUSE
        assert [str(m) for m in result.rows[0].messages] == [OUTSIDE_AGENCY]
    assert snapshot_counts() == before


def test_the_office_attaches_a_nomination_to_a_person_without_agency(
    run, places, eligible_person, agencies
):
    places(3)
    staff = eligible_person(
        agency=None,
        family_name="Nguyễn",
        middle_name="Văn",
        given_name="An",
        sex="male",
        date_of_birth=datetime.date(1985, 3, 5),
        citizen_id="038085001234",
    )
    Person.objects.filter(pk=staff.pk).update(agency=None)

    report = run(samples.official_list(), dry_run=False)

    assert [r.action for r in report.rows] == [MATCH, CREATE, CREATE]
    assert Nomination.objects.get(person=staff).agency == agencies[0]


def test_rows_beyond_the_quota_are_refused_and_nothing_is_written(run, places):
    places(2)
    before = snapshot_counts()

    report = run(samples.official_list(), dry_run=False)

    assert [r.action for r in report.rows] == [CREATE, CREATE, REFUSE]
    assert str(report.rows[2].messages[0]) == (
        "Dòng 11: vượt chỉ tiêu: cơ quan được 2 chỗ trong lớp TC-2026-01."
    )
    assert snapshot_counts() == before


def test_a_corrected_list_sent_again_keeps_who_is_already_nominated(run, places):
    places(3)
    run(samples.official_list(samples.PEOPLE[:2]), dry_run=False)
    nominated = set(Nomination.objects.values_list("pk", flat=True))

    report = run(samples.official_list(), dry_run=False)

    assert report.is_committed
    assert [r.action for r in report.rows] == [MATCH, MATCH, CREATE]
    assert "giữ nguyên" in str(report.rows[0].messages[0])
    assert Nomination.objects.count() == 3
    assert nominated < set(Nomination.objects.values_list("pk", flat=True))


def test_the_dry_run_shows_each_failed_eligibility_rule(run, places):
    places(1)
    person = list(samples.PEOPLE[1])

    report = run(nominee_rows([person]), dry_run=True)

    texts = [m.text for m in report.rows[0].messages]
    assert texts == [
        "chưa đạt tiêu chuẩn “Là đảng viên”: chưa có ngày vào Đảng.",
        "chưa đạt tiêu chuẩn “Trình độ chuyên môn”: trình độ chưa đạt mức tối "
        "thiểu (CD).",
        "chưa đạt tiêu chuẩn “Xếp loại chất lượng”: cần 2 năm liền kề xếp loại "
        "từ “hoàn thành tốt nhiệm vụ” trở lên.",
        "chưa đạt tiêu chuẩn “Đương chức hoặc trong quy hoạch chức danh thuộc "
        "đối tượng”: cơ quan cử chưa xác nhận chức vụ hoặc quy hoạch.",
    ]
    assert report.rows[0].action == CREATE


def test_an_unknown_education_wording_is_refused_with_the_accepted_words(run, places):
    places(1)
    headers = (*samples.HEADERS, "Trình độ chuyên môn")
    person = (*samples.PEOPLE[0], "Giỏi")

    report = run(nominee_rows([person], headers=headers), dry_run=True)

    assert report.rows[0].action == REFUSE
    assert str(report.rows[0].messages[0]) == (
        "Dòng 9, cột “Trình độ chuyên môn”: không nhận ra trình độ 'Giỏi'; hãy ghi "
        "một trong: Tiến sĩ, Thạc sĩ, Đại học, Cao đẳng, Trung cấp, THPT."
    )


def test_a_six_megabyte_file_is_refused(run):
    rows = [["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"]]
    rows += [["Nguyễn Văn An", "05/03/1985", "Nam", "038085001234"]] * 140_000
    data = samples.csv_bytes(rows)
    assert len(data) > 6 * 1024 * 1024
    before = snapshot_counts()

    report = run(data, dry_run=False, filename="lon.csv")

    assert report.rows == []
    assert MAX_UPLOAD_BYTES == 5 * 1024 * 1024
    assert report.file_errors == [
        "Tệp “lon.csv” lớn hơn giới hạn 5,0 MB; hãy chia thành nhiều tệp."
    ]
    assert snapshot_counts() == before


def test_a_zip_bomb_is_refused(run, tmp_path):
    before = snapshot_counts()

    report = run(samples.zip_bomb(tmp_path / "bom.xlsx"), dry_run=False)

    assert report.rows == []
    assert report.file_errors
    assert snapshot_counts() == before


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(min_size=0, max_size=4096))
def test_random_bytes_give_a_file_error_and_write_nothing(run, data):
    before = snapshot_counts()

    report = run(data, dry_run=False)

    assert not report.is_committed
    assert report.file_errors or all(r.action == REFUSE for r in report.rows)
    assert snapshot_counts() == before


def test_the_template_has_the_headers_the_import_reads(planned_class):
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(nominations_template(planned_class))).active
    headers = [cell.value for cell in sheet[3]]
    assert headers[:5] == [
        "STT",
        "Họ và tên (*)",
        "Ngày sinh (*)",
        "Giới tính (*)",
        "Số CCCD (*)",
    ]
    assert "Xếp loại năm 2025" in headers
    assert "Xếp loại năm 2024" in headers
    assert sheet["A1"].value == (
        "DANH SÁCH CÁN BỘ CỬ ĐI HỌC LỚP TRUNG CẤP LÝ LUẬN CHÍNH TRỊ K60A"
    )


# --- Political-theory level and the office's decision ------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Trình độ LLCT",
        "Lý luận chính trị",
        "Trình độ lý luận chính trị",
        "Trình độ chính trị",
        "LLCT",
    ],
)
def test_the_theory_level_column_is_read_under_its_usual_headers(run, places, header):
    places(1)
    headers = (*samples.HEADERS, header)
    person = (*samples.PEOPLE[0], "Cao cấp")

    report = run(nominee_rows([person], headers=headers), dry_run=False)

    assert report.is_committed, [str(m) for m in report.messages]
    assert Person.objects.get().theory_level.code == "CC"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Cao cấp LLCT", "CC"),
        ("CC", "CC"),
        ("Cử nhân chính trị", "CN"),
        ("Cử nhân", "CN"),
        ("Trung cấp", "TC"),
        ("TC LLCT", "TC"),
        ("Sơ cấp", "SC"),
        ("Chưa qua đào tạo", "CHUA"),
        ("Chưa", "CHUA"),
    ],
)
def test_the_usual_wordings_of_a_theory_level(run, places, written, code):
    places(1)
    headers = (*samples.HEADERS, "Trình độ LLCT")
    person = (*samples.PEOPLE[0], written)

    report = run(nominee_rows([person], headers=headers), dry_run=False)

    assert report.is_committed, [str(m) for m in report.messages]
    assert Person.objects.get().theory_level.code == code


def test_an_unknown_theory_level_is_refused_with_the_accepted_words(run, places):
    places(1)
    headers = (*samples.HEADERS, "Trình độ LLCT")
    person = (*samples.PEOPLE[0], "Khá")

    report = run(nominee_rows([person], headers=headers), dry_run=True)

    assert report.rows[0].action == REFUSE
    assert str(report.rows[0].messages[0]) == (
        "Dòng 9, cột “Trình độ lý luận chính trị”: không nhận ra trình độ lý luận "
        "chính trị 'Khá'; hãy ghi một trong: Cử nhân, Cao cấp, Trung cấp, Sơ cấp, "
        "Chưa qua đào tạo."
    )


AGENCY_HEADERS = (
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Trình độ chuyên môn",
    "Trình độ LLCT",
    "Ngày vào Đảng",
    "Chức vụ",
    "Đương chức hoặc trong quy hoạch",
    "Xếp loại năm 2025",
    "Xếp loại năm 2024",
)
# name, born, sex, CCCD, education, theory level, party, post, planned, ratings
AGENCY_PEOPLE = (
    ("Nguyễn Văn An", "05/03/1985", "Nam", "038085001234", "Đại học", "Sơ cấp",
     "19/05/2010", "Phó Chủ tịch UBND xã", "x", "HTTNV", "HTTNV"),
    ("Lê Thị Bình", "20/11/1990", "Nữ", "038190004321", "Đại học", "Cao cấp",
     "19/05/2015", "Phó Bí thư Đảng ủy", "x", "HTTNV", "HTXSNV"),
    ("Trần Đức Cường", "31/01/1978", "Nam", "038078000777", "Thạc sĩ",
     "Chưa qua đào tạo", "03/02/2005", "Trưởng Công an xã", "x", "HTTNV", "HTTNV"),
    ("Phạm Thị Dung", "10/03/1968", "Nữ", "038168000555", "Đại học", "Sơ cấp",
     "19/05/1995", "Chủ tịch Hội Phụ nữ xã", "x", "HTTNV", "HTTNV"),
    ("Hoàng Văn Em", "12/12/1982", "Nam", "038082000888", "Đại học", None,
     "02/09/2008", "Phó Chủ tịch HĐND xã", "x", "HTXSNV", "HTTNV"),
)  # fmt: skip


def agency_sheet():
    """An agency's list as sent: title rows, the table, a total line and the
    signature block."""
    rows, merges = samples.title_rows(len(AGENCY_HEADERS))
    rows.append(list(AGENCY_HEADERS))
    rows.append([f"({index})" for index in range(1, len(AGENCY_HEADERS) + 1)])
    for number, person in enumerate(AGENCY_PEOPLE, start=1):
        rows.append([number, *person])
    rows.append(["Tổng số: 5 đồng chí"])
    rows += samples.signature_rows()
    return samples.workbook_bytes(rows, merges=merges)


def test_the_dry_run_names_the_cao_cap_holder_and_the_retiree_then_the_rest_are_admitted(  # noqa: E501
    run, places, planned_class, office
):
    """Issue 14, done when: exactly the two rows that fail, with the rule; the
    office rejects them and admits the other three."""
    from daotao.documents.services import issuer_ensure_default
    from daotao.enrolment import services
    from daotao.org.models import Unit

    places(5)
    data = agency_sheet()

    report = run(data, dry_run=True)

    assert report.file_errors == []
    assert [r.number for r in report.rows] == [9, 10, 11, 12, 13]
    assert report.is_importable
    flagged = {
        r.number: [m.text for m in r.messages] for r in report.rows if r.messages
    }
    assert flagged == {
        10: [
            "chưa đạt tiêu chuẩn “Chưa có trình độ lý luận chính trị lớp cấp”: đã "
            "có trình độ Cao cấp, bằng hoặc cao hơn trình độ Trung cấp mà lớp cấp."
        ],
        12: [
            "chưa đạt tiêu chuẩn “Chưa đến tuổi nghỉ hưu trước khi kết thúc lớp”: "
            "đủ tuổi nghỉ hưu (56 tuổi 4 tháng) ngày 10/07/2024, trước khi lớp kết "
            "thúc (30/08/2027)."
        ],
    }

    report = run(data, dry_run=False)

    assert report.is_committed
    assert Nomination.objects.count() == 5
    for nomination in Nomination.objects.all():
        services.nomination_check(actor=office, nomination=nomination)
    for nomination in Nomination.objects.filter(
        person__given_name__in=["Bình", "Dung"]
    ):
        services.nomination_reject(
            actor=office, nomination=nomination, reason="Không thuộc đối tượng"
        )
    cohort = services.cohort_admit(
        actor=office,
        planned_class=planned_class,
        code="K60A",
        issuer=issuer_ensure_default(school=planned_class.school),
        drafting_unit_id=Unit.objects.get(abbreviation="QLĐT").pk,
        signer_title="HIỆU TRƯỞNG",
    )
    assert list(
        cohort.enrollments.order_by("position").values_list(
            "person__full_name", flat=True
        )
    ) == ["Nguyễn Văn An", "Trần Đức Cường", "Hoàng Văn Em"]
    assert dict(Nomination.objects.values_list("person__given_name", "status")) == {
        "An": "admitted",
        "Bình": "rejected",
        "Cường": "admitted",
        "Dung": "rejected",
        "Em": "admitted",
    }


def test_a_matched_cadre_whose_record_says_another_theory_level_is_pointed_out(
    run, places, eligible_person
):
    places(1)
    eligible_person(
        family_name="Nguyễn",
        middle_name="Văn",
        given_name="An",
        sex="male",
        date_of_birth=datetime.date(1985, 3, 5),
        citizen_id="038085001234",
    )
    headers = (*samples.HEADERS, "Trình độ LLCT")
    person = (*samples.PEOPLE[0], "Cao cấp")

    report = run(nominee_rows([person], headers=headers), dry_run=True)

    assert report.rows[0].action == MATCH
    assert [m.text for m in report.rows[0].messages][-1] == (
        "trình độ lý luận chính trị trong tệp (Cao cấp) khác hồ sơ cán bộ (chưa "
        "ghi); điều kiện được xét theo hồ sơ, hãy cập nhật hồ sơ nếu tệp đúng."
    )

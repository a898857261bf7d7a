"""The schools side by side (reports:comparison) and a school's period reports:
every figure equals an independent count per school, the export holds the
page's figures, a school's staff reach neither the comparison nor another
school's report, a resubmission keeps the earlier version, and the page's
queries do not grow with the number of schools or rows."""

import datetime
import io
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from daotao.accounts.tests.factories import UserFactory
from daotao.assessment.models import GraduationDecision
from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.documents.models import Issuer
from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory
from daotao.enrolment.models import Cohort, Enrollment
from daotao.faculty.models import Lecturer
from daotao.faculty.tests.factories import LecturerFactory
from daotao.ledger.models import HourRuleSet, LedgerEntry, LedgerPeriod
from daotao.org.models import EducationLevel, TheoryLevel
from daotao.org.tests.factories import SchoolFactory
from daotao.people.tests.factories import PersonFactory
from daotao.reports.models import PeriodReport
from daotao.reports.period_reports import period_report_draft, period_report_submit
from daotao.research.models import Paper, ResearchTopic, ThemeGroup
from daotao.research.tests.conference_fixtures import make_conference
from daotao.research.tests.factories import ResearchTopicFactory
from daotao.tests.support.school_world import FreshSchool

YEAR = 2027
URL = "/quan-ly/so-sanh/"
_codes = itertools.count(1)


def _build(school, size=2):
    """In `school`: a running TC LLCT class and a finished Sơ cấp class of
    `size` (+1) learners, the finished one's graduation decision (Giỏi, Khá
    alternately, the last learner left out), `size` lecturers of mixed titles
    and levels, giờ chuẩn, `size` topics (one accepted) and a conference's
    papers."""
    world = FreshSchool(school)
    running = world.cohort(
        world.programme("tc_llct"),
        code=f"K{next(_codes)}",
        starts_on=datetime.date(YEAR, 3, 2),
        status=Cohort.Status.STUDYING,
    )
    finished = world.cohort(
        world.programme("so_cap"),
        code=f"K{next(_codes)}",
        starts_on=datetime.date(YEAR, 2, 1),
        ends_on=datetime.date(YEAR, 5, 1),
        status=Cohort.Status.FINISHED,
    )
    for _ in range(size):
        world.admit(running)
    lines = [world.admit(finished) for _ in range(size + 1)]
    issuer = Issuer.objects.filter(school=school).first() or IssuerFactory(
        school=school
    )
    GraduationDecision.objects.create(
        cohort=finished,
        document=OutgoingDocumentFactory(issuer=issuer),
        graduates=[
            {"enrollment_id": line.pk, "classification": ("Giỏi", "Khá")[i % 2]}
            for i, line in enumerate(lines[:-1])
        ],
        created_by=UserFactory(),
    )
    degrees = list(EducationLevel.objects.order_by("position")[:2])
    theories = list(TheoryLevel.objects.order_by("position")[:2])
    titles = [Lecturer.Title.LECTURER, Lecturer.Title.PRINCIPAL]
    period, _new = LedgerPeriod.objects.get_or_create(school=school, school_year=YEAR)
    for i in range(size):
        lecturer = LecturerFactory(
            school=school,
            title=titles[i % 2],
            person=PersonFactory(
                school=school,
                education_level=degrees[i % 2],
                theory_level=theories[i % 2] if i else None,
            ),
        )
        LedgerEntry.objects.create(
            period=period,
            lecturer=lecturer,
            activity=LedgerEntry.Activity.LECTURE,
            date=datetime.date(YEAR, 9, 10),
            quantity=Decimal(5),
            coefficient=Decimal(1),
            hours=Decimal("5.00") * (i + 1),
            rule_set=HourRuleSet.objects.order_by("pk").first(),
        )
    for i in range(size):
        ResearchTopicFactory(
            school=school,
            starts_on=datetime.date(YEAR, 2, 1),
            **(
                {
                    "status": ResearchTopic.Status.ACCEPTED,
                    "result": ResearchTopic.Result.GOOD,
                    "accepted_on": datetime.date(YEAR, 12, 1),
                    "ends_on": datetime.date(YEAR, 12, 1),
                }
                if i == 0
                else {}
            ),
        )
    conference = make_conference(school)
    type(conference).objects.filter(pk=conference.pk).update(
        starts_on=datetime.date(YEAR, 4, 7), ends_on=datetime.date(YEAR, 4, 7)
    )
    theme = ThemeGroup.objects.create(conference=conference, name="Chủ đề 1")
    for status in ["submitted", *["accepted"] * size]:
        Paper.objects.create(
            school=school,
            conference=conference,
            theme_group=theme,
            title="Tham luận",
            status=status,
            submitted_by=UserFactory(),
        )


def _expected(school):
    """The figures of one school, counted straight from the tables."""
    cohorts = Cohort.objects.filter(school=school, starts_on__year=YEAR)
    finished = Cohort.objects.filter(
        school=school, status="finished", ends_on__year=YEAR
    )
    graduates = [
        g
        for decision in GraduationDecision.objects.filter(cohort__in=finished)
        for g in decision.graduates
    ]
    learners = Enrollment.objects.filter(cohort__in=finished).count()
    lecturers = Lecturer.objects.filter(school=school, is_active=True)
    return {
        "classes": cohorts.count(),
        "learners": Enrollment.objects.filter(cohort__in=cohorts).count(),
        "finished": learners,
        "graduates": len(graduates),
        "gioi": sum(g["classification"] == "Giỏi" for g in graduates),
        "kha": sum(g["classification"] == "Khá" for g in graduates),
        "not_passed": learners - len(graduates),
        "lecturers": lecturers.count(),
        "principal": lecturers.filter(title="principal").count(),
        "no_theory": lecturers.filter(person__theory_level__isnull=True).count(),
        "hours": LedgerEntry.objects.filter(
            period__school=school, period__school_year=YEAR
        ).aggregate(total=Sum("hours"))["total"],
        "topics": ResearchTopic.objects.filter(
            school=school, starts_on__year=YEAR
        ).count(),
        "accepted_topics": ResearchTopic.objects.filter(
            school=school, starts_on__year=YEAR, status="accepted"
        ).count(),
        "papers": Paper.objects.filter(
            school=school, conference__starts_on__year=YEAR
        ).count(),
        "accepted_papers": Paper.objects.filter(
            school=school, conference__starts_on__year=YEAR, status="accepted"
        ).count(),
    }


def _table(response, key):
    return next(t for t in response.context["tables"] if t.key == key)


def _value(table, label, school):
    return next(values for line, values in table.lines if line == label)[school.pk]


@pytest.fixture
def schools(school):
    others = [SchoolFactory(), SchoolFactory()]
    for index, each in enumerate([school, *others]):
        _build(each, size=index + 2)
    return [school, *others]


@pytest.mark.django_db
def test_figures_equal_the_counts_of_each_school(client, make_user, schools):
    client.force_login(make_user(Role.SUPERVISOR))
    response = client.get(URL, {"nam": YEAR})
    assert response.status_code == 200
    assert {s.pk for s in response.context["schools"]} == {s.pk for s in schools}
    for school in schools:
        want = _expected(school)
        assert want["classes"] == 2 and want["lecturers"] >= 2  # the data is there
        classes = _table(response, "so-lop")
        assert _value(classes, "Tổng số", school) == want["classes"]
        assert _value(classes, "Sơ cấp lý luận chính trị", school) == 1
        assert (
            _value(_table(response, "so-hoc-vien"), "Tổng số", school)
            == want["learners"]
        )
        graduation = _table(response, "tot-nghiep")
        assert (
            _value(graduation, "Học viên các lớp đã kết thúc", school)
            == (want["finished"])
        )
        assert (
            _value(graduation, "Hoàn thành khóa học (được công nhận)", school)
            == (want["graduates"])
        )
        assert _value(graduation, "Giỏi", school) == want["gioi"]
        assert _value(graduation, "Khá", school) == want["kha"]
        assert _value(graduation, "Không đạt", school) == want["not_passed"] == 1
        titles = _table(response, "giang-vien-chuc-danh")
        assert _value(titles, "Tổng số giảng viên", school) == want["lecturers"]
        assert _value(titles, "Giảng viên chính", school) == want["principal"]
        theory = _table(response, "giang-vien-ly-luan")
        assert _value(theory, "Chưa ghi trình độ", school) == want["no_theory"]
        hours = _table(response, "gio-chuan")
        assert _value(hours, "Đã thực hiện (giờ chuẩn)", school) == want["hours"]
        research = _table(response, "nghien-cuu")
        assert _value(research, "Đề tài bắt đầu trong kỳ", school) == want["topics"]
        assert (
            _value(research, "Trong đó đã nghiệm thu", school)
            == (want["accepted_topics"])
        )
        assert _value(research, "Tham luận gửi đến", school) == want["papers"]
        assert (
            _value(research, "Tham luận được chấp nhận", school)
            == (want["accepted_papers"])
        )
    body = response.content.decode()
    for school in schools:
        assert school.name in body
    # Aggregates only: no person's name reaches the page.
    for enrollment in Enrollment.objects.select_related("person")[:5]:
        assert enrollment.person.full_name not in body
    assert "<svg" in body


@pytest.mark.django_db
def test_the_export_holds_the_page_figures(client, make_user, schools):
    client.force_login(make_user(Role.SUPERVISOR))
    page = client.get(URL, {"nam": YEAR})
    for key in ("so-lop", "tot-nghiep", "gio-chuan"):
        table = _table(page, key)
        response = client.get(URL + "xuat-excel/", {"nam": YEAR, "bang": key})
        assert response.status_code == 200
        rows = list(
            load_workbook(io.BytesIO(response.content)).active.iter_rows(
                values_only=True
            )
        )
        headers_at = next(i for i, row in enumerate(rows) if row[0] == table.item)
        assert list(rows[headers_at]) == table.headers
        cells = [list(row) for row in rows[headers_at + 1 :]]
        assert len(cells) == len(table.rows)
        for got, want in zip(cells, table.rows, strict=True):
            assert got[0] == want[0]
            for value, expected in zip(got[1:], want[1:], strict=True):
                assert (None if value is None else Decimal(str(value))) == (
                    None if expected is None else Decimal(expected)
                )


@pytest.mark.django_db
def test_school_staff_cannot_compare(client, make_user, school):
    for role in (Role.LEADERSHIP, Role.TRAINING_OFFICE, Role.FACULTY_HEAD):
        client.force_login(make_user(role))
        assert client.get(URL).status_code == 403
        assert client.get(URL + "xuat-excel/").status_code == 403


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"nam": YEAR}).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_queries_do_not_grow_with_schools_or_rows(client, make_user, school):
    supervisor = make_user(Role.SUPERVISOR)
    client.force_login(supervisor)
    _build(school, size=1)
    client.get(URL, {"nam": YEAR})  # warm the caches of the reference lists
    small = _queries(client)
    for _ in range(3):
        _build(SchoolFactory(), size=4)
    _build(school, size=3)
    large = _queries(client)
    assert small == large


@pytest.mark.django_db
def test_a_resubmission_keeps_both_versions(make_user, school):
    office = make_user(Role.TRAINING_OFFICE)
    _build(school, size=2)
    first = period_report_draft(
        actor=office, school_id=school.pk, year=YEAR, period="nam"
    )
    first = period_report_submit(actor=office, report=first)
    _build(school, size=1)  # more figures since
    second = period_report_draft(
        actor=office, school_id=school.pk, year=YEAR, period="nam"
    )
    second = period_report_submit(actor=office, report=second)
    reports = list(
        PeriodReport.objects.filter(school=school, year=YEAR).order_by("version")
    )
    assert [(r.version, r.status) for r in reports] == [
        (1, "submitted"),
        (2, "submitted"),
    ]
    assert reports[0].figures["so-lop"]["lines"][0] == ["Tổng số", 2]
    assert reports[1].figures["so-lop"]["lines"][0] == ["Tổng số", 4]
    assert [str(r) for r in reports] == [
        f"Báo cáo số liệu năm {YEAR} (lần 1)",
        f"Báo cáo số liệu năm {YEAR} (lần 2)",
    ]
    half = period_report_draft(
        actor=office, school_id=school.pk, year=YEAR, period="6-thang-dau"
    )
    assert str(half) == f"Báo cáo số liệu 6 tháng đầu năm {YEAR} (lần 1)"
    assert (
        AuditEvent.objects.filter(
            action="reports.period_report_submit", object_id__in=[first.pk, second.pk]
        ).count()
        == 2
    )
    # A submitted report stays as it was.
    with pytest.raises(Exception, match="đã gửi"):
        period_report_submit(actor=office, report=first)
    first.refresh_from_db()
    assert first.figures["so-lop"]["lines"][0] == ["Tổng số", 2]


@pytest.mark.django_db
def test_the_supervisor_switches_to_submitted_reports(client, make_user, schools):
    first, second, third = schools
    office = make_user(Role.TRAINING_OFFICE)  # of `first`
    report = period_report_draft(
        actor=office, school_id=first.pk, year=YEAR, period="nam"
    )
    period_report_submit(actor=office, report=report)
    client.force_login(make_user(Role.SUPERVISOR))
    response = client.get(URL, {"nam": YEAR, "nguon": "bao-cao"})
    assert {s.pk for s in response.context["missing"]} == {second.pk, third.pk}
    classes = _table(response, "so-lop")
    assert _value(classes, "Tổng số", first) == 2
    assert (
        next(v for label, v in classes.lines if label == "Tổng số").get(second.pk)
        is None
    )
    body = response.content.decode()
    assert "2 trường chưa gửi báo cáo" in body
    # The supervisor reads the submitted report, not a school's draft.
    assert client.get(f"/quan-ly/bao-cao-dinh-ky/{report.pk}/").status_code == 200
    draft = period_report_draft(
        actor=office, school_id=first.pk, year=YEAR, period="6-thang-dau"
    )
    assert client.get(f"/quan-ly/bao-cao-dinh-ky/{draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_school_cannot_see_another_schools_report(client, make_user, school):
    other = SchoolFactory()
    theirs = make_user(Role.TRAINING_OFFICE, school=other)
    report = period_report_draft(
        actor=theirs, school_id=other.pk, year=YEAR, period="nam"
    )
    mine = make_user(Role.LEADERSHIP)
    client.force_login(mine)
    assert client.get(f"/quan-ly/bao-cao-dinh-ky/{report.pk}/").status_code == 404
    before = (report.status, report.version)
    response = client.post(
        f"/quan-ly/bao-cao-dinh-ky/{report.pk}/gui/", {"confirm": "yes"}
    )
    assert response.status_code == 404
    report.refresh_from_db()
    assert (report.status, report.version) == before
    assert list(client.get("/quan-ly/bao-cao-dinh-ky/").context["reports"]) == []


@pytest.mark.django_db
def test_the_office_drafts_and_submits_through_the_pages(client, make_user, school):
    _build(school, size=2)
    client.force_login(make_user(Role.TRAINING_OFFICE))
    response = client.post(
        "/quan-ly/bao-cao-dinh-ky/lap/", {"nam": YEAR, "ky": "6-thang-dau"}
    )
    report = PeriodReport.objects.get(school=school)
    assert response.url == f"/quan-ly/bao-cao-dinh-ky/{report.pk}/"
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Lớp học khai giảng theo chương trình" in page.content.decode()
    # The first half-year: the classes starting in February and March.
    assert report.figures["so-lop"]["lines"][0] == ["Tổng số", 2]
    client.post(f"/quan-ly/bao-cao-dinh-ky/{report.pk}/gui/", {"confirm": "yes"})
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.submitted_at is not None


@pytest.mark.django_db
def test_the_statistical_report_prints_the_period_figures(
    client, make_user, school, unit
):
    _build(school, size=2)
    office = make_user(Role.TRAINING_OFFICE)
    report = period_report_draft(
        actor=office, school_id=school.pk, year=YEAR, period="nam"
    )
    client.force_login(office)
    url = f"/quan-ly/bao-cao-dinh-ky/{report.pk}/soan-van-ban/"
    assert client.post(url).status_code == 302
    report.refresh_from_db()
    document = report.document
    assert document.template.code == "bao-cao-thong-ke-dinh-ky"
    assert document.document_type.abbreviation == "BC"
    assert document.summary.endswith("năm 2027")
    body = document.body_text or str(document.body)
    assert "Trong kỳ, Trường khai giảng 2 lớp với 5 học viên" in body
    assert "các lớp kết thúc trong kỳ có 3 học viên, trong đó 2 học viên" in body
    annex = document.body[-1]
    tables = [block for block in annex["blocks"] if "rows" in block]
    # Eight tables; the ninth (the year's self-assessment) the school lacks.
    assert len(tables) == 8
    assert "Chưa có bản tự đánh giá của năm." in str(annex["blocks"])
    assert tables[0]["rows"][0][1:] == ["Tổng số", "2"]
    assert ["2", "Hoàn thành khóa học (được công nhận)", "2"] in tables[2]["rows"]
    # Drafted again from the figures: the same document.
    assert client.post(url).status_code == 302
    report.refresh_from_db()
    assert report.document_id == document.pk


@pytest.mark.django_db
def test_the_self_assessment_where_the_school_keeps_one(client, make_user, school):
    from daotao.standards import services as standards
    from daotao.standards.models import IndicatorResult
    from daotao.standards.tests.factories import assessment_for, office_of, result_of

    other = SchoolFactory()
    assessment = assessment_for(school, year=YEAR)
    entered = result_of(assessment, "6.5")
    standards.entered_value_set(
        actor=office_of(school),
        result=entered,
        value=entered.indicator.threshold,
        explanation="Đủ chỗ ở",
    )
    client.force_login(make_user(Role.SUPERVISOR))
    table = _table(client.get(URL, {"nam": YEAR}), "truong-chuan")
    results = IndicatorResult.objects.filter(assessment=assessment)
    assert _value(table, "Chỉ tiêu đã tự đánh giá", school) == results.count() > 0
    assert _value(table, "Đạt (số liệu Trường nhập)", school) == 1
    # The other school keeps none: no value, not a zero.
    assert _value(table, "Chỉ tiêu đã tự đánh giá", other) is None

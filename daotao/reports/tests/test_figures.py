"""The school's figures page (reports:figures): every figure equals an independent
count of the rows, the Excel files hold the same numbers, the supervisor of one
school sees only that school, and the page's queries do not grow with the data."""

import datetime
import io
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from daotao.assessment.models import AssessmentRuleSet, Exam, Score, ScoreSheet
from daotao.core.access import Role
from daotao.credentials.models import Credential
from daotao.credentials.tests.factories import issued_credential
from daotao.enrolment.models import Cohort, Enrollment, Nomination
from daotao.enrolment.tests.factories import NominationFactory
from daotao.learning.models import Attendance
from daotao.learning.tests.factories import AttendanceFactory
from daotao.ledger.models import HourRuleSet, LedgerEntry, LedgerPeriod
from daotao.org.tests.factories import AgencyFactory, SchoolFactory
from daotao.planning.models import Quota
from daotao.research.models import (
    Delegate,
    Paper,
    ResearchOutput,
    ResearchTopic,
    ThemeGroup,
)
from daotao.research.tests.conference_fixtures import add_delegate, make_conference
from daotao.research.tests.factories import ResearchOutputFactory, ResearchTopicFactory
from daotao.teaching.tests.factories import TeachingSessionFactory
from daotao.tests.support.school_world import FreshSchool

YEARS = (2026, 2027)
URL = "/quan-ly/so-lieu/"
_codes = itertools.count(1)


def _build(school, *, learners=3, with_credential=True):
    """Two years × two programmes in `school`, two agencies sharing the places;
    per cohort `learners` from the first agency and one from the second, spare
    nominations at every stage, attendance, a locked first sitting, giờ chuẩn,
    research and (once) a diploma. Returns the agencies."""
    world = FreshSchool(school)
    first, second = AgencyFactory(school=school), AgencyFactory(school=school)
    versions = [
        world.programme("tc_llct", program__name=f"Trung cấp LLCT {school.pk}-{n}")
        for n in range(2)
    ]
    rule_set = AssessmentRuleSet.objects.order_by("pk").first()
    hours = HourRuleSet.objects.order_by("pk").first()
    for year in YEARS:
        period, _new = LedgerPeriod.objects.get_or_create(
            school=school, school_year=year
        )
        for version in versions:
            n = next(_codes)
            cohort = world.cohort(
                version,
                code=f"K{n}",
                starts_on=datetime.date(year, 3, 2),
                planned_size=40,
                status=Cohort.Status.FINISHED
                if year == 2026
                else Cohort.Status.STUDYING,
            )
            planned = cohort.planned_class
            Quota.objects.create(planned_class=planned, agency=first, places=25)
            Quota.objects.create(planned_class=planned, agency=second, places=15)
            lines = [world.admit(cohort, agency=first) for _ in range(learners)]
            lines.append(world.admit(cohort, agency=second))
            for status in ("submitted", "checked", "rejected", "withdrawn"):
                NominationFactory(planned_class=planned, agency=second, status=status)
            session = TeachingSessionFactory(cohort=cohort)
            for index, line in enumerate(lines):
                status = ("present", "late", "absent", "excused")[index % 4]
                AttendanceFactory(session=session, enrollment=line, status=status)
            exam = Exam.objects.create(
                school=school,
                cohort=cohort,
                module=session.topic.module,
                rule_set=rule_set,
                held_on=datetime.date(year, 4, 1),
            )
            sheet = ScoreSheet.objects.create(exam=exam)
            for index, line in enumerate(lines):
                result = Decimal("7.5") if index % 3 else Decimal("4.0")
                Score.objects.create(sheet=sheet, enrollment=line, result=result)
            ScoreSheet.objects.filter(pk=sheet.pk).update(status="locked")
            LedgerEntry.objects.create(
                period=period,
                lecturer=session.lecturer,
                session=session,
                activity=LedgerEntry.Activity.LECTURE,
                date=session.date,
                quantity=Decimal(5),
                coefficient=Decimal(1),
                hours=Decimal("5.00"),
                rule_set=hours,
            )
        ResearchTopicFactory(school=school, starts_on=datetime.date(year, 2, 1))
        ResearchTopicFactory(
            school=school,
            level=ResearchTopic.Level.PROVINCE,
            status=ResearchTopic.Status.ACCEPTED,
            result=ResearchTopic.Result.GOOD,
            accepted_on=datetime.date(year, 12, 1),
            starts_on=datetime.date(year, 5, 1),
            ends_on=datetime.date(year, 12, 1),
        )
        ResearchOutputFactory(school=school, year=year)
        conference = make_conference(school)
        Conference = type(conference)
        Conference.objects.filter(pk=conference.pk).update(
            starts_on=datetime.date(year, 4, 7), ends_on=datetime.date(year, 4, 7)
        )
        theme = ThemeGroup.objects.create(conference=conference, name="Chủ đề 1")
        for status in ("submitted", "accepted", "accepted"):
            Paper.objects.create(
                school=school,
                conference=conference,
                theme_group=theme,
                title="Tham luận",
                status=status,
                submitted_by=_user(),
            )
        add_delegate(conference, "Trường Chính trị tỉnh Nghệ An", "Lê Văn An")
    if with_credential:
        issued_credential(
            Enrollment.objects.filter(cohort__school=school).order_by("pk").first()
        )
    return first, second


def _user():
    from daotao.accounts.tests.factories import UserFactory

    return UserFactory()


def _chart(response, key):
    for _title, charts in response.context["sections"]:
        for chart in charts:
            if chart.key == key:
                return chart
    raise AssertionError(f"no chart {key}")


def _expected(school_ids, year):
    """Every figure of the page, counted straight from the tables."""
    in_schools = {"school_id__in": school_ids}
    enrollments = Enrollment.objects.filter(
        cohort__school_id__in=school_ids, cohort__planned_class__plan__year=year
    )
    nominations = Nomination.objects.filter(
        planned_class__plan__year=year, **in_schools
    )
    attendance = Attendance.objects.filter(
        session__cohort__school_id__in=school_ids, session__cohort__starts_on__year=year
    )
    scores = Score.objects.filter(
        sheet__exam__school_id__in=school_ids,
        sheet__exam__cohort__starts_on__year=year,
        sheet__status="locked",
        sheet__exam__attempt=1,
    )
    return {
        "admitted": enrollments.count(),
        "places": Quota.objects.filter(
            planned_class__school_id__in=school_ids, planned_class__plan__year=year
        ).aggregate(total=Sum("places"))["total"],
        "funnel": [
            nominations.count(),
            nominations.filter(status__in=["checked", "admitted", "rejected"]).count(),
            nominations.filter(status="admitted").count(),
            nominations.filter(
                status="admitted", enrollment__cohort__status="finished"
            ).count(),
        ],
        "marks": attendance.count(),
        "attending": attendance.filter(status__in=["present", "late"]).count(),
        "sat": scores.count(),
        "passed": scores.filter(result__gte=Decimal("5.0")).count(),
        "hours": LedgerEntry.objects.filter(
            period__school_id__in=school_ids, period__school_year=year
        ).aggregate(total=Sum("hours"))["total"],
        "topics": ResearchTopic.objects.filter(
            starts_on__year=year, **in_schools
        ).count(),
        "papers": Paper.objects.filter(
            conference__starts_on__year=year, **in_schools
        ).count(),
        "accepted_papers": Paper.objects.filter(
            conference__starts_on__year=year, status="accepted", **in_schools
        ).count(),
        "delegates": Delegate.objects.filter(
            conference__starts_on__year=year, **in_schools
        ).count(),
        "articles": ResearchOutput.objects.filter(year=year, **in_schools).count(),
        "credentials": Credential.objects.filter(
            issued_on__year=year, **in_schools
        ).count(),
    }


def _column(chart, index):
    return sum(row[index] or 0 for row in chart.rows)


def _assert_page_equals(response, expected):
    plan = _chart(response, "ke-hoach-chuong-trinh")
    assert _column(plan, 4) == expected["admitted"]
    by_agency = _chart(response, "ke-hoach-co-quan")
    assert _column(by_agency, 1) == expected["places"]
    assert _column(by_agency, 2) == expected["admitted"]
    funnel = _chart(response, "cu-di-hoc")
    assert [row[1] for row in funnel.rows] == expected["funnel"]
    for key in ("chuyen-can-lop", "chuyen-can-hoc-phan"):
        chart = _chart(response, key)
        assert (_column(chart, -3), _column(chart, -2)) == (
            expected["marks"],
            expected["attending"],
        )
    for key in ("ket-qua-lop", "ket-qua-hoc-phan"):
        chart = _chart(response, key)
        assert (_column(chart, -3), _column(chart, -2)) == (
            expected["sat"],
            expected["passed"],
        )
    assert _column(_chart(response, "gio-chuan"), 3) == expected["hours"]
    assert _column(_chart(response, "de-tai"), 1) == expected["topics"]
    conferences = _chart(response, "hoi-thao")
    assert _column(conferences, 2) == expected["papers"]
    assert _column(conferences, 3) == expected["accepted_papers"]
    assert _column(conferences, 4) == expected["delegates"]
    publications = dict(_chart(response, "cong-bo").rows)
    assert publications["Bài báo khoa học"] == expected["articles"]
    assert _column(_chart(response, "van-bang"), 1) == expected["credentials"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.LEADERSHIP, Role.TRAINING_OFFICE])
def test_every_figure_equals_the_count_of_its_rows(client, make_user, school, role):
    first, second = _build(school)
    client.force_login(make_user(role))
    for year in YEARS:
        response = client.get(URL, {"nam": year})
        assert response.status_code == 200
        expected = _expected([school.pk], year)
        _assert_page_equals(response, expected)
    # The hand-checked figures of the last year (2027, 4 learners a cohort).
    funnel = _chart(response, "cu-di-hoc")
    assert [row[1] for row in funnel.rows] == [16, 12, 8, 0]
    agencies = {row[0]: row[1:3] for row in _chart(response, "ke-hoach-co-quan").rows}
    assert agencies == {first.name: [50, 6], second.name: [30, 2]}
    attendance = _chart(response, "chuyen-can-lop")
    assert [row[1:] for row in attendance.rows] == [
        [4, 2, Decimal("50.0")],
        [4, 2, Decimal("50.0")],
    ]
    body = response.content.decode()
    assert body.count("<svg viewBox") >= 10
    assert "Bảng số liệu: Từ cử đi học đến hoàn thành khóa học, năm 2027" in body
    assert "?bang=cu-di-hoc&amp;nam=2027" in body
    # 2026's cohorts have finished: their admitted learners reach the end.
    funnel_2026 = _chart(client.get(URL, {"nam": 2026}), "cu-di-hoc")
    assert [row[1] for row in funnel_2026.rows] == [16, 12, 8, 8]


def _as_written(value):
    """A cell read back as the page's value: openpyxl reads decimals as floats
    and dates as datetimes."""
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


@pytest.mark.django_db
def test_excel_files_hold_the_page_numbers(client, make_user, school):
    _build(school)
    client.force_login(make_user(Role.LEADERSHIP))
    page = client.get(URL, {"nam": 2027})
    for _title, charts in page.context["sections"]:
        for chart in charts:
            response = client.get(URL + "xuat-excel/", {"bang": chart.key, "nam": 2027})
            assert response.status_code == 200
            sheet = load_workbook(io.BytesIO(response.content)).active
            rows = list(sheet.iter_rows(values_only=True))
            assert rows[0][0] == f"{chart.title} — năm 2027"
            assert list(rows[1]) == chart.headers
            assert len(rows) - 2 == len(chart.rows)
            for got, want in zip(rows[2:], chart.rows, strict=True):
                assert [_as_written(v) for v in got] == want, chart.key
    assert client.get(URL + "xuat-excel/", {"bang": "khong-co"}).status_code == 404


@pytest.mark.django_db
def test_formula_like_names_stay_text_in_excel(client, make_user, school):
    first, _second = _build(school, learners=1, with_credential=False)
    type(first).objects.filter(pk=first.pk).update(name='=HYPERLINK("x")')
    client.force_login(make_user(Role.TRAINING_OFFICE))
    response = client.get(
        URL + "xuat-excel/", {"bang": "ke-hoach-co-quan", "nam": 2027}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = next(c for row in sheet.iter_rows(min_row=3) for c in row[:1] if c.value)
    names = [row[0].value for row in sheet.iter_rows(min_row=3)]
    assert '=HYPERLINK("x")' in names
    assert all(
        c.data_type == "s" for row in sheet.iter_rows(min_row=3) for c in row[:1]
    )
    assert cell.data_type == "s"


@pytest.mark.django_db
def test_a_supervisor_of_one_school_sees_only_that_school(client, make_user, school):
    _build(school, learners=2)
    other = SchoolFactory()
    _build(other, learners=5, with_credential=False)
    client.force_login(make_user(Role.SUPERVISOR, school=school))
    response = client.get(URL, {"nam": 2027})
    _assert_page_equals(response, _expected([school.pk], 2027))
    # Refused to write, like every supervisor page; it only reads.
    assert client.post(URL).status_code == 403
    # A supervisor of the whole deployment sees both schools added up.
    client.force_login(make_user(Role.SUPERVISOR))
    _assert_page_equals(
        client.get(URL, {"nam": 2027}), _expected([school.pk, other.pk], 2027)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role",
    [Role.AGENCY_COORDINATOR, Role.LECTURER, Role.LEARNER, Role.FACULTY_HEAD],
    ids=str,
)
def test_other_roles_are_refused(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(URL).status_code == 403
    assert client.get(URL + "xuat-excel/").status_code == 403


@pytest.mark.django_db
def test_the_start_page_and_the_menu_lead_here(client, make_user):
    client.force_login(make_user(Role.LEADERSHIP))
    body = client.get("/quan-ly/").content.decode()
    assert body.count(f'href="{URL}"') == 2  # the menu entry and the start page link


@pytest.mark.django_db
def test_an_empty_year_says_so(client, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    body = client.get(URL, {"nam": 2030}).content.decode()
    assert "Chưa có số liệu của năm 2030." in body


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_data(client, make_user, school):
    user = make_user(Role.LEADERSHIP)
    client.force_login(user)
    _build(school, learners=1)
    with CaptureQueriesContext(connection) as small:
        client.get(URL, {"nam": 2027})
    _build(school, learners=6, with_credential=False)
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL, {"nam": 2027})
    assert len(_chart(response, "ket-qua-lop").rows) == 4  # the data did grow
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_long_chart_draws_the_rows_it_picks_and_exports_them_all():
    from daotao.reports.charts import SHOWN_ROWS, Chart, share

    rows = [[f"Lớp {n:02d}", 10, n % 11, share(n % 11, 10)] for n in range(30)]
    chart = Chart(
        key="thu",
        title="Thử",
        note="",
        headers=["Lớp", "Lượt", "Có mặt", "Tỷ lệ (%)"],
        rows=rows,
        series=["Tỷ lệ"],
        values=lambda row: (row[0], [row[-1]]),
        percent=True,
        pick=lambda row: (row[-1] is None, row[-1] or 0),
        picked="%(count)s lớp có tỷ lệ có mặt thấp nhất",
    ).draw()
    assert len(chart.shown) == SHOWN_ROWS == 20
    assert [row[2] for row in chart.shown] == sorted(n % 11 for n in range(30))[:20]
    assert [group.label for group in chart.groups] == [row[0] for row in chart.shown]
    assert [len(line) for line in chart.cells] == [4] * 20
    assert chart.cut_note == (
        "Trên trang: 20 lớp có tỷ lệ có mặt thấp nhất, trong tổng số 30; tệp Excel"
        " có đủ 30 dòng."
    )
    assert chart.export(2027).count == 30
    # A bar's length is its share of the 0–100 % scale; 0 draws nothing.
    pairs = zip(chart.shown, chart.groups, strict=True)
    widths = {row[0]: bar.width for row, group in pairs for bar in group.bars}
    assert widths["Lớp 00"] == 0
    assert widths["Lớp 06"] == 182  # 60 % of the 304 units left of the figures
    assert "Lớp 10" not in widths  # 100 %: not among the lowest

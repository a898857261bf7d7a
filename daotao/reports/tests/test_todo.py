"""The to-do providers: each returns exactly the items its data implies for the
role whose work it is, nothing of another school or agency; the start page, the
notifications page, the header count, read-once items and the daily digest."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from daotao.assessment.models import AssessmentRuleSet
from daotao.assessment.rules import absences_allowed
from daotao.core.access import Role
from daotao.core.models import TodoMark
from daotao.core.todo import todo_for
from daotao.documents.models import OutgoingDocument
from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory
from daotao.enrolment.tests.factories import NominationFactory
from daotao.faculty.tests.factories import LecturerFactory
from daotao.learning.models import Attendance
from daotao.learning.tests.factories import AttendanceFactory, LeaveRequestFactory
from daotao.org.tests.factories import AgencyFactory, SchoolFactory
from daotao.people.tests.factories import PersonFactory
from daotao.planning.models import TrainingPlan
from daotao.planning.tests.factories import QuotaFactory
from daotao.portal.models import Article
from daotao.portal.tests.factories import article
from daotao.programs.tests.factories import TopicFactory
from daotao.teaching.tests.factories import TeachingSessionFactory
from daotao.tests.support.school_world import FreshSchool

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def keys(user):
    return [item.key for item in todo_for(user)]


def documents(school, other):
    issuer = IssuerFactory(school=school)
    own = OutgoingDocumentFactory(
        issuer=issuer,
        status=OutgoingDocument.Status.SUBMITTED,
        summary="Kế hoạch khai giảng",
    )
    OutgoingDocumentFactory(issuer=issuer)  # a draft
    OutgoingDocumentFactory(
        issuer=IssuerFactory(school=other), status=OutgoingDocument.Status.SUBMITTED
    )
    return own


def test_leadership_signs_and_approves_its_own_school_only(school, make_user):
    other = SchoolFactory()
    document = documents(school, other)
    world, elsewhere = FreshSchool(school), FreshSchool(other)
    plan = world.plan(TODAY.year + 1, status=TrainingPlan.Status.SUBMITTED)
    world.plan(TODAY.year, status=TrainingPlan.Status.APPROVED)
    elsewhere.plan(TODAY.year + 1, status=TrainingPlan.Status.SUBMITTED)
    leader = make_user(Role.LEADERSHIP)
    items = todo_for(leader)
    assert [(i.key, i.group, i.url) for i in items] == [
        (
            f"documents.sign:{document.pk}.{document.version}",
            "Văn bản chờ ký",
            f"/van-ban/{document.pk}/",
        ),
        (
            f"planning.approve:{plan.pk}.{plan.version}",
            "Kế hoạch chờ phê duyệt",
            f"/ke-hoach/{plan.pk}/",
        ),
    ]
    # The office drafts but neither signs nor approves.
    assert keys(make_user(Role.TRAINING_OFFICE)) == []


def test_office_sees_nominations_to_check_and_classes_about_to_start(school, make_user):
    world = FreshSchool(school)
    version = world.programme()
    soon = world.planned_class(
        version,
        code="TC-K70",
        name="Lớp K70",
        starts_on=TODAY + datetime.timedelta(days=7),
        ends_on=TODAY + datetime.timedelta(days=180),
    )
    later = world.planned_class(
        version,
        code="TC-K71",
        name="Lớp K71",
        starts_on=TODAY + datetime.timedelta(days=60),
        ends_on=TODAY + datetime.timedelta(days=240),
    )
    first = NominationFactory(planned_class=later)
    second = NominationFactory(planned_class=later)
    NominationFactory(planned_class=later, status="checked")
    cohort = world.cohort(version, code="K72", starts_on=TODAY)
    third = NominationFactory(planned_class=later)
    office = make_user(Role.TRAINING_OFFICE)
    items = todo_for(office)
    by_key = {i.key: i for i in items}
    last = max(first.pk, second.pk, third.pk)
    assert set(by_key) == {
        f"enrolment.check:{later.pk}.{last}",
        f"enrolment.admit:{soon.pk}",
        f"enrolment.start:{cohort.pk}",
    }
    assert by_key[f"enrolment.check:{later.pk}.{last}"].note == "3 hồ sơ chờ xét"
    assert by_key[f"enrolment.start:{cohort.pk}"].url == (
        f"/tuyen-sinh/lop-hoc/{cohort.pk}/"
    )


def test_agency_sees_the_places_it_has_left_of_its_own_agency(school, make_user):
    world = FreshSchool(school)
    version = world.programme()
    planned = world.planned_class(
        version,
        code="TC-K80",
        name="Lớp K80",
        starts_on=TODAY + datetime.timedelta(days=30),
        ends_on=TODAY + datetime.timedelta(days=200),
    )
    agency, neighbour = AgencyFactory(school=school), AgencyFactory(school=school)
    QuotaFactory(planned_class=planned, agency=agency, places=3)
    QuotaFactory(planned_class=planned, agency=neighbour, places=5)
    NominationFactory(planned_class=planned, agency=agency)
    coordinator = make_user(Role.AGENCY_COORDINATOR, agency=agency)
    items = todo_for(coordinator)
    assert [(i.key, i.note) for i in items] == [
        (f"enrolment.places:{planned.pk}.2", "còn 2 chỉ tiêu")
    ]
    full = make_user(Role.AGENCY_COORDINATOR, agency=AgencyFactory(school=school))
    assert keys(full) == []


def homeroom_world(school):
    world = FreshSchool(school)
    version = world.programme()
    person = PersonFactory(school=school)
    lecturer = LecturerFactory(school=school, person=person)
    mine = world.cohort(
        version, code="K63A", starts_on=TODAY, homeroom_lecturer=lecturer
    )
    theirs = world.cohort(version, code="K63B", starts_on=TODAY)
    return world, person, mine, theirs


def test_homeroom_lecturer_sees_the_pending_leave_of_their_own_cohort(
    school, make_user
):
    world, person, mine, theirs = homeroom_world(school)
    pending = LeaveRequestFactory(enrollment=world.admit(mine))
    LeaveRequestFactory(enrollment=world.admit(mine), status="approved")
    LeaveRequestFactory(enrollment=world.admit(theirs))
    homeroom = make_user(Role.HOMEROOM_LECTURER)
    homeroom.person = person
    homeroom.save()
    items = todo_for(homeroom)
    assert [(i.key, i.url) for i in items] == [
        (f"learning.leave:{pending.pk}", f"/hoc-vien/lop-chu-nhiem/?lop={mine.pk}")
    ]
    # The office manages classes too, but deciding leave is the homeroom's.
    office = keys(make_user(Role.TRAINING_OFFICE))
    assert not [key for key in office if key.startswith("learning.")]


def test_editor_sees_drafts_of_their_school(school, make_user):
    draft = article(school, "Tin nháp", status=Article.Status.DRAFT)
    article(school, "Tin đã đăng")
    article(SchoolFactory(), "Tin nháp trường khác", status=Article.Status.DRAFT)
    assert keys(make_user(Role.COMMUNICATIONS)) == [f"portal.draft:{draft.pk}"]
    assert keys(make_user(Role.LEADERSHIP)) == []


def test_start_page_lists_items_and_cards_from_the_data(client, school, make_user):
    world, person, mine, _theirs = homeroom_world(school)
    leave = LeaveRequestFactory(enrollment=world.admit(mine))
    homeroom = make_user(Role.HOMEROOM_LECTURER)
    homeroom.person = person
    homeroom.save()
    client.force_login(homeroom)
    body = client.get("/quan-ly/").content.decode()
    assert "Đơn xin nghỉ học chờ duyệt" in body
    assert f'data-todo="learning.leave:{leave.pk}"' in body
    # No session on the schedule: the card says so.
    assert "Bạn chưa được phân công giảng dạy lớp nào." in body
    learner = make_user(Role.LEARNER)
    learner.person = leave.enrollment.person
    learner.save()
    client.force_login(learner)
    body = client.get("/quan-ly/").content.decode()
    assert "Bạn chưa có lớp học nào" not in body
    assert "K63A — " in body and 'href="/hoc-vien/"' in body


def test_notifications_page_and_count(client, school, make_user):
    draft = article(school, "Tin nháp", status=Article.Status.DRAFT)
    editor = make_user(Role.COMMUNICATIONS)
    client.force_login(editor)
    page = client.get("/quan-ly/viec-can-lam/").content.decode()
    assert f'href="/bien-tap/{draft.pk}/"' in page
    bell = client.get("/quan-ly/viec-can-lam/so-luong/").content.decode()
    assert "Việc cần làm" in bell and '<span class="bell-count">1</span>' in bell
    assert (
        'hx-get="/quan-ly/viec-can-lam/so-luong/"'
        in client.get("/quan-ly/").content.decode()
    )


def test_an_item_to_read_once_is_gone_once_opened(client, make_user):
    other = make_user(Role.LEADERSHIP)
    client.force_login(other)
    response = client.get(
        "/quan-ly/viec-can-lam/mo/", {"key": "outcomes.results:7", "next": "/bao/"}
    )
    assert response.status_code == 302 and response["Location"] == "/bao/"
    assert TodoMark.objects.get(user=other).key == "outcomes.results:7"
    # Elsewhere is refused (the list instead) and records nothing.
    response = client.get(
        "/quan-ly/viec-can-lam/mo/",
        {"key": "x:1", "next": "https://example.com/"},
    )
    assert response.status_code == 200
    assert response.templates[0].name == "reports/todo_list.html"
    assert TodoMark.objects.filter(user=other).count() == 1


def digest() -> str:
    out = StringIO()
    call_command("send_todo_digest", stdout=out)
    return out.getvalue()


def test_digest_sends_each_item_once(client, school, make_user):
    first = article(school, "Tin nháp một", status=Article.Status.DRAFT)
    editor = make_user(Role.COMMUNICATIONS)
    editor.email = "bientap@truong.vn"
    editor.save()
    silent = make_user(Role.COMMUNICATIONS)  # not subscribed
    silent.email = "khac@truong.vn"
    silent.save()
    client.force_login(editor)
    client.post("/tai-khoan/thu-tom-tat/", {"digest": "1"})
    assert digest() == "Đã gửi 1 thư.\n"
    assert [m.to for m in mail.outbox] == [["bientap@truong.vn"]]
    assert "Tin nháp một" in mail.outbox[0].body
    assert f"/bien-tap/{first.pk}/" in mail.outbox[0].body
    digest()
    assert len(mail.outbox) == 1  # nothing new, nothing sent
    article(school, "Tin nháp hai", status=Article.Status.DRAFT)
    digest()
    assert len(mail.outbox) == 2
    assert "Tin nháp hai" in mail.outbox[1].body
    assert "Tin nháp một" not in mail.outbox[1].body
    client.post("/tai-khoan/thu-tom-tat/", {"digest": "0"})
    article(school, "Tin nháp ba", status=Article.Status.DRAFT)
    digest()
    assert len(mail.outbox) == 2


def test_research_office_sees_papers_to_assign_and_to_decide(school, make_user):
    from daotao.research.models import Paper, Review
    from daotao.research.tests.paper_setup import conference_setup

    setup = conference_setup(school)
    other = conference_setup(SchoolFactory(), tag="B")
    office = make_user(Role.RESEARCH_OFFICE)

    def paper(conference, theme, title, status="submitted"):
        return Paper.objects.create(
            school_id=conference.school_id,
            conference=conference,
            theme_group=theme,
            title=title,
            status=status,
            submitted_by=office,
        )

    new = paper(setup.conference, setup.themes[0], "Tham luận mới")
    reviewed = paper(setup.conference, setup.themes[0], "Đã đủ", "under_review")
    waiting = paper(setup.conference, setup.themes[0], "Còn chờ", "under_review")
    paper(setup.conference, setup.themes[0], "Đã nhận", "accepted")
    paper(other.conference, other.themes[0], "Trường khác")
    org = next(iter(setup.organisations.values()))
    Review.objects.create(
        paper=reviewed,
        reviewer_name="A",
        organisation=org,
        recommendation="accept",
        assigned_by=office,
    )
    Review.objects.create(
        paper=waiting, reviewer_name="B", organisation=org, assigned_by=office
    )
    assert keys(office) == [
        f"research.paper_assign:{new.pk}",
        f"research.paper_decide:{reviewed.pk}",
    ]
    assert keys(make_user(Role.LECTURER)) == []


def test_homeroom_lecturer_sees_the_learners_close_to_losing_the_exam(
    school, make_user
):
    """Of ten published sessions of a module, the rule set in force lets a learner
    miss `allowed`: one more absence left is listed, two are not, one too many is
    listed as over; learners in Vietnamese name order, another cohort's not."""
    world, person, mine, theirs = homeroom_world(school)
    topic = TopicFactory(module__block__version=mine.program_version)
    term = world.term("Đợt 1", TODAY - datetime.timedelta(days=30), TODAY, [mine])
    sessions = [
        TeachingSessionFactory(
            cohort=mine, term=term, topic=topic, date=TODAY - datetime.timedelta(n)
        )
        for n in range(10)
    ]
    rule_set = AssessmentRuleSet.objects.in_force_on(TODAY).newest_first().first()
    allowed = absences_allowed(sessions=10, parameters=rule_set.parameters)
    assert allowed >= 2

    def learner(given, middle, family, absences):
        enrollment = world.admit(
            mine,
            PersonFactory(
                school=school, family_name=family, middle_name=middle, given_name=given
            ),
        )
        for session in sessions[:absences]:
            AttendanceFactory(
                session=session,
                enrollment=enrollment,
                status=Attendance.Status.ABSENT,
            )
        return enrollment

    close = learner("Bình", "Văn", "Nguyễn", allowed - 1)
    learner("Cường", "Văn", "Lê", allowed - 2)  # two more absences left: not yet
    over = learner("An", "Thị", "Trần", allowed + 1)
    elsewhere = world.admit(theirs)
    AttendanceFactory(
        session=TeachingSessionFactory(cohort=theirs),
        enrollment=elsewhere,
        status=Attendance.Status.ABSENT,
    )
    homeroom = make_user(Role.HOMEROOM_LECTURER)
    homeroom.person = person
    homeroom.save()
    items = [i for i in todo_for(homeroom) if i.key.startswith("assessment.at_risk")]
    module = topic.module.name
    assert [(i.key, i.title, i.note) for i in items] == [
        (
            f"assessment.at_risk:{over.pk}",
            "Trần Thị An — K63A",
            f"{module}: đã vắng quá số buổi được phép",
        ),
        (
            f"assessment.at_risk:{close.pk}",
            "Nguyễn Văn Bình — K63A",
            f"{module}: còn được vắng 1 buổi",
        ),
    ]

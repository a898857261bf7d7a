"""Learning services: the attendance grid, QR check-in, leave and feedback."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.models import AuditEvent
from daotao.learning import services
from daotao.learning.models import (
    Attendance,
    CheckInCode,
    FeedbackAnswer,
    FeedbackReceipt,
    LeaveRequest,
)
from daotao.learning.selectors import feedback_summary

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(hour, minute, day=1):
    return datetime.datetime(2027, 3, day, hour, minute, tzinfo=HANOI)


def _statuses(session):
    return dict(
        Attendance.objects.filter(session=session).values_list(
            "enrollment_id", "status"
        )
    )


@pytest.mark.django_db
def test_grid_upserts_exact_values(klass):
    session, (an, binh, cuong, *_rest) = klass["session"], klass["enrollments"]
    teacher = klass["teacher"]

    services.attendance_record_many(
        actor=teacher, session=session, statuses={an.pk: "present", binh.pk: "late"}
    )
    changed = services.attendance_record_many(
        actor=teacher,
        session=session,
        statuses={an.pk: "absent", binh.pk: "late", cuong.pk: "excused"},
    )

    assert changed == 2
    assert _statuses(session) == {an.pk: "absent", binh.pk: "late", cuong.pk: "excused"}
    assert Attendance.objects.get(enrollment=an).version == 2
    assert Attendance.objects.get(enrollment=binh).version == 1
    assert AuditEvent.objects.filter(action="learning.attendance_record").count() == 4


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_lecturer", "outsider"])
def test_a_lecturer_not_teaching_the_session_is_refused(klass, who):
    session, an = klass["session"], klass["enrollments"][0]
    services.attendance_record_many(
        actor=klass["teacher"], session=session, statuses={an.pk: "present"}
    )
    audits = AuditEvent.objects.count()

    with pytest.raises(PermissionDenied):
        services.attendance_record_many(
            actor=klass[who], session=session, statuses={an.pk: "absent"}
        )

    assert _statuses(session) == {an.pk: "present"}
    assert AuditEvent.objects.count() == audits


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["homeroom", "office"])
def test_homeroom_lecturer_and_office_record_any_session_of_the_cohort(klass, who):
    session, an = klass["session"], klass["enrollments"][0]
    services.attendance_record_many(
        actor=klass[who], session=session, statuses={an.pk: "late"}
    )
    assert _statuses(session) == {an.pk: "late"}


@pytest.mark.django_db
def test_a_learner_outside_the_cohort_is_refused_in_the_grid(klass):
    with pytest.raises(ValidationError):
        services.attendance_record_many(
            actor=klass["teacher"], session=klass["session"], statuses={999999: "late"}
        )
    assert Attendance.objects.count() == 0


@pytest.fixture
def code(klass):
    with time_machine.travel(_at(10, 50), tick=False):
        return services.check_in_code_open(
            actor=klass["teacher"], session=klass["session"], minutes=30
        )


@pytest.mark.django_db
def test_code_window_is_cut_at_the_end_of_the_half_day(code):
    assert code.opens_at == _at(10, 50)
    assert code.closes_at == _at(11, 0)
    assert len(code.token) == 32


@pytest.mark.django_db
def test_code_cannot_open_after_the_session(klass):
    with time_machine.travel(_at(11, 0), tick=False), pytest.raises(ValidationError):
        services.check_in_code_open(
            actor=klass["teacher"], session=klass["session"], minutes=10
        )
    assert CheckInCode.objects.count() == 0


@pytest.mark.django_db
def test_check_in_inside_the_window_and_a_second_scan(klass, code):
    an_user, an = klass["learners"][0], klass["enrollments"][0]
    with time_machine.travel(_at(10, 55), tick=False):
        first = services.check_in(actor=an_user, token=code.token)
        second = services.check_in(actor=an_user, token=code.token)

    assert (first, second) == (True, False)
    record = Attendance.objects.get()
    assert (record.enrollment, record.status, record.method) == (an, "present", "qr")


@pytest.mark.django_db
@pytest.mark.parametrize("moment", [_at(10, 49), _at(11, 0), _at(10, 55, day=2)])
def test_check_in_outside_the_window_writes_nothing(klass, code, moment):
    with time_machine.travel(moment, tick=False), pytest.raises(ValidationError) as e:
        services.check_in(actor=klass["learners"][0], token=code.token)
    assert e.value.messages == ["Mã điểm danh đã hết hạn hoặc chưa mở."]
    assert Attendance.objects.count() == 0


@pytest.mark.django_db
def test_check_in_from_another_cohort_writes_nothing(klass, code):
    with (
        time_machine.travel(_at(10, 55), tick=False),
        pytest.raises(ValidationError) as e,
    ):
        services.check_in(actor=klass["outsider"], token=code.token)
    assert e.value.messages == ["Bạn không phải học viên của lớp này."]
    assert Attendance.objects.count() == 0


RATINGS = {"content": 5, "method": 4, "practice": 3}


@pytest.fixture
def later():
    """A day after the session: feedback is taken only on past sessions."""
    with time_machine.travel(_at(9, 0, day=2), tick=False):
        yield


@pytest.mark.django_db
def test_feedback_once_per_session_and_anonymous(klass, later):
    session, an_user = klass["session"], klass["learners"][0]
    services.feedback_submit(
        actor=an_user, session=session, ratings=RATINGS, comment="Rất hay"
    )
    with pytest.raises(ValidationError) as error:
        services.feedback_submit(actor=an_user, session=session, ratings=RATINGS)

    assert error.value.messages == ["Bạn đã gửi phản hồi cho buổi học này."]
    assert FeedbackReceipt.objects.get().enrollment == klass["enrollments"][0]
    answer = FeedbackAnswer.objects.get()
    assert (answer.ratings, answer.comment) == (RATINGS, "Rất hay")
    related = {f.related_model for f in FeedbackAnswer._meta.get_fields()}
    assert related == {None, type(session)}  # only the session, no learner
    assert not AuditEvent.objects.filter(object_type="learning.feedbackanswer")


@pytest.mark.django_db
def test_feedback_on_a_future_session_is_refused(klass):
    day_before = datetime.datetime(2027, 2, 28, 17, 0, tzinfo=HANOI)
    with time_machine.travel(day_before), pytest.raises(ValidationError) as error:
        services.feedback_submit(
            actor=klass["learners"][0], session=klass["session"], ratings=RATINGS
        )
    assert error.value.messages == ["Buổi học chưa diễn ra."]
    assert FeedbackReceipt.objects.count() == 0


@pytest.mark.django_db
def test_feedback_by_a_learner_of_another_cohort_is_refused(klass, later):
    with pytest.raises(PermissionDenied):
        services.feedback_submit(
            actor=klass["outsider"], session=klass["session"], ratings=RATINGS
        )
    assert (FeedbackReceipt.objects.count(), FeedbackAnswer.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_summary_hides_groups_under_five_and_shows_exact_means_at_five(
    klass, world, later
):
    session, learners = klass["session"], klass["learners"]
    for user, content in zip(learners[:4], [5, 4, 4, 3], strict=True):
        services.feedback_submit(
            actor=user, session=session, ratings={**RATINGS, "content": content}
        )

    hidden = feedback_summary(world["lecturers"][0])
    assert [(g.answers, g.means, g.comments) for g in hidden.sessions] == [
        (4, None, ())
    ]

    services.feedback_submit(
        actor=learners[4], session=session, ratings={**RATINGS, "content": 5}
    )
    shown = feedback_summary(world["lecturers"][0])
    assert shown.sessions[0].answers == 5
    assert shown.sessions[0].means == {
        "content": Decimal("4.20"),
        "method": Decimal("4.00"),
        "practice": Decimal("3.00"),
    }
    assert shown.topics[0].means == shown.sessions[0].means


@pytest.fixture
def leave(klass):
    return services.leave_request_submit(
        actor=klass["learners"][0],
        enrollment=klass["enrollments"][0],
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 3, 2),
        reason="Đi công tác theo yêu cầu của cơ quan",
    )


@pytest.mark.django_db
def test_leave_for_someone_else_is_refused(klass):
    with pytest.raises(PermissionDenied):
        services.leave_request_submit(
            actor=klass["learners"][1],
            enrollment=klass["enrollments"][0],
            starts_on=datetime.date(2027, 3, 1),
            ends_on=datetime.date(2027, 3, 1),
            reason="x",
        )
    assert LeaveRequest.objects.count() == 0


@pytest.mark.django_db
def test_approved_leave_excuses_unrecorded_sessions(klass, leave):
    an = klass["enrollments"][0]
    decided = services.leave_request_decide(
        actor=klass["homeroom"], leave_request=leave, approve=True, note="Đồng ý"
    )

    assert (decided.status, decided.decided_by) == ("approved", klass["homeroom"])
    assert _statuses(klass["session"]) == {an.pk: "excused"}


@pytest.mark.django_db
def test_approved_leave_keeps_a_record_already_made(klass, leave):
    an = klass["enrollments"][0]
    services.attendance_record_many(
        actor=klass["teacher"], session=klass["session"], statuses={an.pk: "present"}
    )
    services.leave_request_decide(
        actor=klass["office"], leave_request=leave, approve=True
    )
    assert _statuses(klass["session"]) == {an.pk: "present"}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_homeroom", "teacher", "learners"])
def test_leave_is_decided_by_the_homeroom_lecturer_only(klass, leave, who):
    actor = klass[who][1] if who == "learners" else klass[who]
    audits = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.leave_request_decide(actor=actor, leave_request=leave, approve=True)
    leave.refresh_from_db()
    assert (leave.status, leave.decided_by) == ("pending", None)
    assert Attendance.objects.count() == 0
    assert AuditEvent.objects.count() == audits


@pytest.mark.django_db
def test_a_decided_leave_cannot_be_decided_again(klass, leave):
    services.leave_request_decide(
        actor=klass["homeroom"], leave_request=leave, approve=False
    )
    with pytest.raises(ValidationError):
        services.leave_request_decide(
            actor=klass["homeroom"], leave_request=leave, approve=True
        )
    leave.refresh_from_db()
    assert leave.status == "refused"


@pytest.mark.django_db
def test_a_single_seat_passes_to_the_new_holder(klass):
    an, binh = klass["enrollments"][:2]
    day = datetime.date(2027, 3, 1)
    first = services.committee_role_set(
        actor=klass["homeroom"], enrollment=an, role="monitor", starts_on=day
    )
    services.committee_role_set(
        actor=klass["homeroom"], enrollment=binh, role="monitor", starts_on=day
    )
    first.refresh_from_db()
    assert first.ends_on == day
    holders = an.cohort.enrollments.filter(
        committee_roles__role="monitor", committee_roles__ends_on__isnull=True
    )
    assert list(holders) == [binh]


@pytest.mark.django_db
def test_conduct_note_by_another_homeroom_lecturer_is_refused(klass):
    with pytest.raises(PermissionDenied):
        services.conduct_note_add(
            actor=klass["other_homeroom"],
            enrollment=klass["enrollments"][0],
            date=datetime.date(2027, 3, 1),
            kind="praise",
            text="Tích cực phát biểu",
        )
    assert not klass["enrollments"][0].conduct_notes.exists()

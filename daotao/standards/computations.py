"""The indicators the system computes from its own data, by key (`Indicator.source`).

Each computation reads the other apps' tables for one school and one calendar
year and answers a `Computed`: the value, the count and the denominator it came
from, a sentence saying how, and the list behind it where one exists. Nothing
here writes. Lecturers counted are the school's own (cơ hữu): active, neither
visiting (thỉnh giảng) nor concurrent (kiêm chức)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.assessment.models import GraduationReview
from daotao.core.text import format_number
from daotao.credentials.models import Credential
from daotao.documents.models import OutgoingDocument
from daotao.enrolment.models import Cohort, Enrollment
from daotao.faculty.models import AnnualEvaluation, FieldPractice, Lecturer
from daotao.learning.models import Attendance, ConductDecision, FeedbackAnswer
from daotao.ledger.models import LedgerEntry
from daotao.org.models import Room
from daotao.planning.models import PlannedClass
from daotao.research.models import Conference, ResearchOutput, ResearchTopic
from daotao.research.models.papers import Paper

# Codes of org.EducationLevel and org.TheoryLevel (people.importing).
MASTER_OR_HIGHER = ("THS", "TS", "TSKH")
DOCTOR = ("TS", "TSKH")
SENIOR_THEORY = ("CC", "CN")  # cao cấp, cử nhân lý luận chính trị
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Computed:
    value: Decimal | None  # None: nothing to compute from (a share of nobody)
    numerator: Decimal | int | None
    denominator: int | None
    how: str  # how it was computed, with the numbers
    list_url: str = ""  # the list behind the count, where there is one


@dataclass(frozen=True)
class Computation:
    key: str
    label: object  # what it computes, shown in the rule set's "cách tính"
    compute: Callable[[int, int], Computed]


def _bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _share(numerator: int, denominator: int, how: str, url: str = "") -> Computed:
    value = (
        (Decimal(numerator) * 100 / denominator).quantize(TWO_PLACES, ROUND_HALF_UP)
        if denominator
        else None
    )
    return Computed(value, numerator, denominator, how, url)


def _share_of(
    rows: QuerySet,
    condition: Q,
    how: str,
    url: str = "",
    *,
    part: str = "having",
    **values: object,
) -> Computed:
    """The share of `rows` meeting `condition` (each row counted once), with `how`
    filled with the part (under the name `part`), the `total` and `values`."""
    total = rows.count()
    having = rows.filter(condition).distinct().count()
    return _share(having, total, how % {part: having, "total": total, **values}, url)


def _count(count: int, how: str, url: str = "") -> Computed:
    return Computed(Decimal(count), count, None, how, url)


def _per(total: Decimal | int, denominator: int, how: str, url: str = "") -> Computed:
    value = (
        (Decimal(total) / denominator).quantize(TWO_PLACES, ROUND_HALF_UP)
        if denominator
        else None
    )
    return Computed(value, total, denominator, how, url)


def _url(name: str, query: str = "") -> str:
    return reverse(name) + (f"?{query}" if query else "")


def own_lecturers(school_id: int):
    return Lecturer.objects.filter(
        school_id=school_id, is_active=True, is_visiting=False, is_concurrent=False
    )


def _lecturer_share(school_id: int, condition: Q, what: str) -> Computed:
    return _share_of(
        own_lecturers(school_id),
        condition,
        _("%(having)d trên %(total)d giảng viên cơ hữu đang giảng dạy %(what)s."),
        _url("faculty:lecturer-list", "active=1"),
        what=what,
    )


def lecturer_count(school_id: int, year: int) -> Computed:
    count = own_lecturers(school_id).count()
    return _count(
        count,
        _(
            "%(count)d giảng viên cơ hữu đang giảng dạy (không kể thỉnh giảng, "
            "kiêm chức)."
        )
        % {"count": count},
        _url("faculty:lecturer-list", "active=1"),
    )


def master_share(school_id: int, year: int) -> Computed:
    return _lecturer_share(
        school_id,
        Q(person__education_level__code__in=MASTER_OR_HIGHER),
        _("có trình độ thạc sĩ trở lên"),
    )


def doctor_share(school_id: int, year: int) -> Computed:
    return _lecturer_share(
        school_id,
        Q(person__education_level__code__in=DOCTOR),
        _("có trình độ tiến sĩ"),
    )


def theory_share(school_id: int, year: int) -> Computed:
    return _lecturer_share(
        school_id,
        Q(person__theory_level__code__in=SENIOR_THEORY),
        _("có trình độ cao cấp hoặc cử nhân lý luận chính trị"),
    )


def principal_share(school_id: int, year: int) -> Computed:
    return _lecturer_share(
        school_id,
        Q(title__in=(Lecturer.Title.PRINCIPAL, Lecturer.Title.SENIOR)),
        _("là giảng viên chính hoặc giảng viên cao cấp"),
    )


def _cohorts_in_year(school_id: int, year: int):
    first, last = _bounds(year)
    return Cohort.objects.filter(
        school_id=school_id, starts_on__lte=last, ends_on__gte=first
    )


def _learners_in_year(school_id: int, year: int):
    return Enrollment.objects.filter(cohort__in=_cohorts_in_year(school_id, year))


def learners_per_lecturer(school_id: int, year: int) -> Computed:
    learners = _learners_in_year(school_id, year).count()
    lecturers = own_lecturers(school_id).count()
    return _per(
        learners,
        lecturers,
        _(
            "%(learners)d học viên của các lớp học trong năm %(year)d chia cho "
            "%(lecturers)d giảng viên cơ hữu."
        )
        % {"learners": learners, "year": year, "lecturers": lecturers},
        _url("enrolment:class-list", f"nam={year}"),
    )


def hours_per_lecturer(school_id: int, year: int) -> Computed:
    first, last = _bounds(year)
    lecturers = own_lecturers(school_id)
    total = LedgerEntry.objects.filter(
        lecturer__in=lecturers, date__range=(first, last)
    ).aggregate(total=Sum("hours"))["total"] or Decimal(0)
    count = lecturers.count()
    return _per(
        total,
        count,
        _(
            "%(total)s giờ chuẩn ghi vào sổ giờ chuẩn trong năm %(year)d chia cho "
            "%(count)d giảng viên cơ hữu."
        )
        % {"total": format_number(total), "year": year, "count": count},
        _url("ledger:ledger-report"),
    )


def cohorts_in_year(school_id: int, year: int) -> Computed:
    count = _cohorts_in_year(school_id, year).count()
    return _count(
        count,
        _("%(count)d lớp học trong năm %(year)d (khai giảng, đang học hoặc kết thúc).")
        % {"count": count, "year": year},
        _url("enrolment:class-list", f"nam={year}"),
    )


def learners_in_year(school_id: int, year: int) -> Computed:
    count = _learners_in_year(school_id, year).count()
    return _count(
        count,
        _("%(count)d học viên của các lớp học trong năm %(year)d.")
        % {"count": count, "year": year},
        _url("enrolment:class-list", f"nam={year}"),
    )


def programmes_in_year(school_id: int, year: int) -> Computed:
    count = (
        _cohorts_in_year(school_id, year)
        .values("program_version__program")
        .distinct()
        .count()
    )
    return _count(
        count,
        _("%(count)d chương trình có lớp học trong năm %(year)d.")
        % {"count": count, "year": year},
        _url("programs:program-list"),
    )


def plan_fulfilment(school_id: int, year: int) -> Computed:
    planned = PlannedClass.objects.filter(
        school_id=school_id, plan__year=year, plan__status="approved"
    )
    return _share_of(
        planned,
        Q(cohort__isnull=False),
        _(
            "%(opened)d trên %(total)d lớp trong các kế hoạch năm %(year)d đã "
            "phê duyệt đã mở lớp."
        ),
        _url("planning:plan-list"),
        part="opened",
        year=year,
    )


def _finished_enrollments(school_id: int, year: int):
    first, last = _bounds(year)
    return Enrollment.objects.filter(
        cohort__school_id=school_id, cohort__ends_on__range=(first, last)
    )


def completion_share(school_id: int, year: int) -> Computed:
    return _share_of(
        _finished_enrollments(school_id, year),
        Q(credentials__status=Credential.Status.VALID),
        _(
            "%(done)d trên %(total)d học viên của các lớp kết thúc trong năm "
            "%(year)d đã được cấp văn bằng, chứng chỉ."
        ),
        _url("credentials:register-list"),
        part="done",
        year=year,
    )


def exam_pass_share(school_id: int, year: int) -> Computed:
    return _share_of(
        GraduationReview.objects.filter(
            enrollment__in=_finished_enrollments(school_id, year)
        ),
        Q(is_exam_passed=True),
        _(
            "%(passed)d trên %(total)d học viên được xét tốt nghiệp trong năm "
            "%(year)d đạt thi tốt nghiệp."
        ),
        part="passed",
        year=year,
    )


def credentials_issued(school_id: int, year: int) -> Computed:
    count = Credential.objects.filter(
        school_id=school_id, issued_on__year=year, imported_from=""
    ).count()
    return _count(
        count,
        _("%(count)d văn bằng, chứng chỉ cấp trong năm %(year)d.")
        % {"count": count, "year": year},
        _url("credentials:register-list"),
    )


def attendance_share(school_id: int, year: int) -> Computed:
    rows = Attendance.objects.filter(
        session__school_id=school_id, session__date__year=year
    ).aggregate(
        total=Count("id"),
        present=Count("id", filter=Q(status__in=("present", "late"))),
    )
    return _share(
        rows["present"],
        rows["total"],
        _("%(present)d lượt có mặt trên %(total)d lượt điểm danh trong năm %(year)d.")
        % {"present": rows["present"], "total": rows["total"], "year": year},
        _url("learning:session-list"),
    )


def feedback_answers(school_id: int, year: int) -> Computed:
    count = FeedbackAnswer.objects.filter(
        session__school_id=school_id, answered_on__year=year
    ).count()
    return _count(
        count,
        _("%(count)d phiếu ý kiến của học viên về buổi học trong năm %(year)d.")
        % {"count": count, "year": year},
    )


def documents_issued(school_id: int, year: int) -> Computed:
    count = OutgoingDocument.objects.filter(
        issuer__school_id=school_id, issued_on__year=year
    ).count()
    return _count(
        count,
        _("%(count)d văn bản đi ban hành trong năm %(year)d.")
        % {"count": count, "year": year},
        _url("documents:register"),
    )


def _topics_running(school_id: int, year: int):
    first, last = _bounds(year)
    return ResearchTopic.objects.filter(
        school_id=school_id, starts_on__lte=last, ends_on__gte=first
    )


def topics_in_year(school_id: int, year: int) -> Computed:
    count = _topics_running(school_id, year).count()
    return _count(
        count,
        _("%(count)d đề tài khoa học thực hiện trong năm %(year)d.")
        % {"count": count, "year": year},
        _url("research:topic-list", f"year={year}"),
    )


def topics_provincial(school_id: int, year: int) -> Computed:
    count = (
        _topics_running(school_id, year)
        .exclude(level=ResearchTopic.Level.SCHOOL)
        .count()
    )
    return _count(
        count,
        _("%(count)d đề tài cấp tỉnh, cấp bộ trở lên thực hiện trong năm %(year)d.")
        % {"count": count, "year": year},
        _url("research:topic-list", f"year={year}"),
    )


def topics_accepted(school_id: int, year: int) -> Computed:
    count = ResearchTopic.objects.filter(
        school_id=school_id,
        status=ResearchTopic.Status.ACCEPTED,
        accepted_on__year=year,
    ).count()
    return _count(
        count,
        _("%(count)d đề tài nghiệm thu trong năm %(year)d.")
        % {"count": count, "year": year},
        _url("research:topic-list", f"status=accepted&year={year}"),
    )


def outputs_in_year(school_id: int, year: int) -> Computed:
    count = ResearchOutput.objects.filter(school_id=school_id, year=year).count()
    return _count(
        count,
        _(
            "%(count)d công trình khoa học (bài báo, báo cáo, tham luận, sách) công bố "
            "năm %(year)d."
        )
        % {"count": count, "year": year},
    )


def conferences_in_year(school_id: int, year: int) -> Computed:
    count = Conference.objects.filter(school_id=school_id, starts_on__year=year).count()
    return _count(
        count,
        _("%(count)d hội thảo khoa học do Trường tổ chức trong năm %(year)d.")
        % {"count": count, "year": year},
        _url("research:conference-list"),
    )


def papers_in_year(school_id: int, year: int) -> Computed:
    count = Paper.objects.filter(
        school_id=school_id,
        conference__starts_on__year=year,
        status=Paper.Status.ACCEPTED,
    ).count()
    return _count(
        count,
        _("%(count)d tham luận được chấp nhận tại các hội thảo năm %(year)d.")
        % {"count": count, "year": year},
        _url("research:conference-list"),
    )


def lecturers_with_output(school_id: int, year: int) -> Computed:
    return _share_of(
        own_lecturers(school_id),
        Q(research_outputs__year=year),
        _(
            "%(having)d trên %(total)d giảng viên cơ hữu có công trình khoa học "
            "công bố năm %(year)d."
        ),
        _url("faculty:lecturer-list", "active=1"),
        year=year,
    )


def field_practice_share(school_id: int, year: int) -> Computed:
    """Own lecturers with field practice (đi thực tế) done in the year: a stay that
    overlaps the year and whose report is in, as the lecturer's dossier counts it."""
    first, last = _bounds(year)
    done = FieldPractice.objects.filter(
        report_submitted_on__isnull=False, starts_on__lte=last, ends_on__gte=first
    )
    return _share_of(
        own_lecturers(school_id),
        Q(pk__in=done.values("lecturer_id")),
        _(
            "%(having)d trên %(total)d giảng viên cơ hữu đã đi thực tế năm %(year)d "
            "và nộp báo cáo."
        ),
        _url("faculty:field-practice-list", f"nam={year}"),
        year=year,
    )


# The bands of the annual evaluation (faculty's rule set) that count as "hoàn
# thành tốt nhiệm vụ trở lên".
GOOD_OR_BETTER = ("excellent", "good")


def evaluation_good_share(school_id: int, year: int) -> Computed:
    """Own lecturers evaluated for the year whose band (the one decided, else the
    one proposed) is "hoàn thành tốt nhiệm vụ" or better, of those evaluated."""
    return _share_of(
        AnnualEvaluation.objects.filter(
            year=year, lecturer__in=own_lecturers(school_id)
        ),
        Q(band__in=GOOD_OR_BETTER) | Q(band="", proposed_band__in=GOOD_OR_BETTER),
        _(
            "%(having)d trên %(total)d giảng viên cơ hữu được đánh giá năm %(year)d "
            "xếp loại hoàn thành tốt nhiệm vụ trở lên (mức đã quyết định, chưa có "
            "thì mức đề xuất)."
        ),
        _url("faculty:evaluation-list", f"nam={year}"),
        year=year,
    )


# Discipline that takes a learner out of the course (đình chỉ học tập, buộc thôi học).
SUSPENDING = (ConductDecision.Form.SUSPENSION, ConductDecision.Form.EXPULSION)
SIGNED = (OutgoingDocument.Status.SIGNED, OutgoingDocument.Status.PUBLISHED)


def no_learner_suspended(school_id: int, year: int) -> Computed:
    """1 when no learner of the school was suspended or expelled in the year by a
    signed decision, else 0 (a proposal or a draft decision does not count)."""
    first, last = _bounds(year)
    count = (
        ConductDecision.objects.filter(
            enrollment__cohort__school_id=school_id,
            kind=ConductDecision.Kind.DISCIPLINE,
            form__in=SUSPENDING,
            document__status__in=SIGNED,
            document__issued_on__range=(first, last),
        )
        .values("enrollment_id")
        .distinct()
        .count()
    )
    return Computed(
        Decimal(0 if count else 1),
        count,
        None,
        _(
            "%(count)d học viên bị đình chỉ học tập hoặc buộc thôi học năm %(year)d "
            "theo quyết định đã ký."
        )
        % {"count": count, "year": year},
        _url("learning:decision-list"),
    )


def _rooms(school_id: int):
    return Room.objects.filter(
        site__school_id=school_id, is_active=True, site__is_active=True
    )


def classrooms(school_id: int, year: int) -> Computed:
    count = _rooms(school_id).filter(kind=Room.Kind.CLASSROOM).count()
    return _count(
        count,
        _("%(count)d phòng học đang dùng ghi trong danh mục phòng học.")
        % {"count": count},
        _url("org:room-list"),
    )


def seats(school_id: int, year: int) -> Computed:
    total = _rooms(school_id).aggregate(total=Sum("capacity"))["total"] or 0
    count = _rooms(school_id).count()
    return Computed(
        Decimal(total),
        total,
        count,
        _("%(total)d chỗ ngồi của %(count)d phòng đang dùng.")
        % {"total": total, "count": count},
        _url("org:room-list"),
    )


def hall_seats(school_id: int, year: int) -> Computed:
    halls = _rooms(school_id).filter(kind=Room.Kind.HALL)
    largest = halls.aggregate(largest=Max("capacity"))["largest"] or 0
    return Computed(
        Decimal(largest),
        largest,
        halls.count(),
        _("Hội trường lớn nhất %(largest)d chỗ (trong %(count)d hội trường).")
        % {"largest": largest, "count": halls.count()},
        _url("org:room-list", "kind=hall"),
    )


def computer_rooms(school_id: int, year: int) -> Computed:
    count = _rooms(school_id).filter(kind=Room.Kind.COMPUTER).count()
    return _count(
        count,
        _("%(count)d phòng máy tính đang dùng.") % {"count": count},
        _url("org:room-list", "kind=computer"),
    )


_ALL = (
    Computation(
        "documents_issued",
        gettext_lazy("Văn bản đi ban hành trong năm"),
        documents_issued,
    ),
    Computation("lecturer_count", gettext_lazy("Số giảng viên cơ hữu"), lecturer_count),
    Computation(
        "master_share", gettext_lazy("Tỷ lệ giảng viên thạc sĩ trở lên"), master_share
    ),
    Computation("doctor_share", gettext_lazy("Tỷ lệ giảng viên tiến sĩ"), doctor_share),
    Computation(
        "theory_share",
        gettext_lazy("Tỷ lệ giảng viên cao cấp, cử nhân LLCT"),
        theory_share,
    ),
    Computation(
        "principal_share",
        gettext_lazy("Tỷ lệ giảng viên chính trở lên"),
        principal_share,
    ),
    Computation(
        "learners_per_lecturer",
        gettext_lazy("Học viên trên một giảng viên"),
        learners_per_lecturer,
    ),
    Computation(
        "hours_per_lecturer",
        gettext_lazy("Giờ chuẩn bình quân một giảng viên"),
        hours_per_lecturer,
    ),
    Computation(
        "cohorts_in_year", gettext_lazy("Số lớp học trong năm"), cohorts_in_year
    ),
    Computation(
        "learners_in_year", gettext_lazy("Số học viên trong năm"), learners_in_year
    ),
    Computation(
        "programmes_in_year", gettext_lazy("Số chương trình có lớp"), programmes_in_year
    ),
    Computation(
        "plan_fulfilment", gettext_lazy("Tỷ lệ lớp mở so với kế hoạch"), plan_fulfilment
    ),
    Computation(
        "completion_share",
        gettext_lazy("Tỷ lệ học viên được cấp văn bằng"),
        completion_share,
    ),
    Computation(
        "exam_pass_share", gettext_lazy("Tỷ lệ đạt thi tốt nghiệp"), exam_pass_share
    ),
    Computation(
        "credentials_issued",
        gettext_lazy("Văn bằng, chứng chỉ cấp trong năm"),
        credentials_issued,
    ),
    Computation("attendance_share", gettext_lazy("Tỷ lệ chuyên cần"), attendance_share),
    Computation(
        "feedback_answers", gettext_lazy("Phiếu ý kiến học viên"), feedback_answers
    ),
    Computation(
        "topics_in_year", gettext_lazy("Đề tài thực hiện trong năm"), topics_in_year
    ),
    Computation(
        "topics_provincial", gettext_lazy("Đề tài cấp tỉnh, cấp bộ"), topics_provincial
    ),
    Computation(
        "topics_accepted", gettext_lazy("Đề tài nghiệm thu trong năm"), topics_accepted
    ),
    Computation(
        "outputs_in_year", gettext_lazy("Công trình khoa học công bố"), outputs_in_year
    ),
    Computation(
        "conferences_in_year",
        gettext_lazy("Hội thảo khoa học tổ chức"),
        conferences_in_year,
    ),
    Computation(
        "papers_in_year",
        gettext_lazy("Tham luận hội thảo được chấp nhận"),
        papers_in_year,
    ),
    Computation(
        "lecturers_with_output",
        gettext_lazy("Tỷ lệ giảng viên có công trình"),
        lecturers_with_output,
    ),
    Computation(
        "field_practice_share",
        gettext_lazy("Tỷ lệ giảng viên đi thực tế trong năm"),
        field_practice_share,
    ),
    Computation(
        "evaluation_good_share",
        gettext_lazy("Tỷ lệ giảng viên hoàn thành tốt nhiệm vụ trở lên"),
        evaluation_good_share,
    ),
    Computation(
        "no_learner_suspended",
        gettext_lazy("Không có học viên bị đình chỉ học tập"),
        no_learner_suspended,
    ),
    Computation("classrooms", gettext_lazy("Số phòng học"), classrooms),
    Computation("seats", gettext_lazy("Tổng số chỗ ngồi"), seats),
    Computation("hall_seats", gettext_lazy("Sức chứa hội trường lớn nhất"), hall_seats),
    Computation("computer_rooms", gettext_lazy("Số phòng máy tính"), computer_rooms),
)
COMPUTATIONS: dict[str, Computation] = {c.key: c for c in _ALL}


def compute(source: str, *, school_id: int, year: int) -> Computed:
    return COMPUTATIONS[source].compute(school_id, year)

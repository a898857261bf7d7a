"""What waits for someone in the assessment app: score sheets to enter and sheets
returned (the lecturer), learners close to losing the right to sit an exam for
their absences (the homeroom lecturer)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from daotao.assessment.models import AssessmentRuleSet, Examiner, ScoreSheet
from daotao.assessment.policy import ENTER
from daotao.assessment.rules import absences_allowed
from daotao.core import todo
from daotao.core.access import has_permission, lecturer_limit
from daotao.core.actors import Actor
from daotao.core.todo import ToDo
from daotao.enrolment.models import Cohort
from daotao.learning.models import Attendance
from daotao.org.models import NotInForce
from daotao.teaching.models import TeachingSession

MANAGE = "learning.manage_class"
MISSED = (Attendance.Status.ABSENT, Attendance.Status.EXCUSED)


def sheets_to_enter(actor: Actor) -> list[ToDo]:
    """The open sheets of exams already held, of the modules the lecturer teaches
    in the cohort or examines there; a sheet sent back is listed as returned (one
    query)."""
    person_id = getattr(actor, "person_id", None)
    if person_id is None or lecturer_limit(actor, ENTER) is None:
        return []
    taught = TeachingSession.objects.published().filter(
        cohort_id=OuterRef("exam__cohort_id"),
        topic__module_id=OuterRef("exam__module_id"),
        lecturer__person_id=person_id,
    )
    examines = Examiner.objects.filter(
        cohort_id=OuterRef("exam__cohort_id"),
        module_id=OuterRef("exam__module_id"),
        lecturer__person_id=person_id,
    )
    sheets = (
        ScoreSheet.objects.visible_to(actor, ENTER)
        .filter(status=ScoreSheet.Status.OPEN, exam__held_on__lte=timezone.localdate())
        .filter(Exists(taught) | Exists(examines))
        .select_related("exam__cohort", "exam__module")
        .order_by("exam__held_on", "id")
    )
    return [
        ToDo(
            key=f"assessment.sheet:{sheet.pk}.{sheet.version}",
            group=_("Bảng điểm bị trả lại")
            if sheet.return_reason
            else _("Bảng điểm cần nhập"),
            title=str(sheet.exam),
            url=reverse("assessment:sheet-detail", args=[sheet.pk]),
            note=sheet.return_reason,
        )
        for sheet in sheets
    ]


def learners_at_risk(actor: Actor) -> list[ToDo]:
    """Learners of the homeroom lecturer's running cohorts who may miss at most one
    more session of a module (or already missed too many) to keep the right to sit
    its exam, by the rule set in force (four queries)."""
    person_id = getattr(actor, "person_id", None)
    if person_id is None or not has_permission(actor, MANAGE):
        return []
    today = timezone.localdate()
    cohorts = {
        cohort.pk: cohort
        for cohort in Cohort.objects.visible_to(actor, MANAGE)
        .filter(homeroom_lecturer__person_id=person_id)
        .exclude(status=Cohort.Status.FINISHED)
        .select_related("program_version__program")
    }
    if not cohorts:
        return []
    sessions = {
        (row["cohort_id"], row["topic__module_id"]): row["n"]
        for row in TeachingSession.objects.published()
        .filter(cohort_id__in=cohorts)
        .values("cohort_id", "topic__module_id")
        .annotate(n=Count("id"))
    }
    missed = (
        Attendance.objects.filter(
            session__in=TeachingSession.objects.published().filter(
                cohort_id__in=cohorts
            ),
            status__in=MISSED,
        )
        .values(
            "enrollment_id",
            "enrollment__person__full_name",
            "session__cohort_id",
            "session__topic__module_id",
            "session__topic__module__name",
        )
        .annotate(n=Count("id"))
        .order_by(
            "enrollment__person__sort_key",
            "enrollment_id",
            "session__topic__module_id",
        )
    )
    rule_sets = list(AssessmentRuleSet.objects.in_force_on(today).newest_first())
    items: list[ToDo] = []
    listed: set[int] = set()  # a learner once, with the first module at risk
    for row in missed:
        cohort = cohorts[row["session__cohort_id"]]
        try:
            rule_set = AssessmentRuleSet.in_force_among(
                rule_sets, today, program_kind=cohort.program_version.program.kind
            )
        except NotInForce:
            continue
        total = sessions.get((cohort.pk, row["session__topic__module_id"]), 0)
        allowed = absences_allowed(sessions=total, parameters=rule_set.parameters)
        left = allowed - row["n"]
        if left > 1:
            continue
        note = (
            _("%(module)s: đã vắng quá số buổi được phép")
            if left < 0
            else ngettext(
                "%(module)s: còn được vắng %(count)d buổi",
                "%(module)s: còn được vắng %(count)d buổi",
                left,
            )
        ) % {"module": row["session__topic__module__name"], "count": left}
        if row["enrollment_id"] not in listed:
            listed.add(row["enrollment_id"])
            items.append(
                ToDo(
                    key=f"assessment.at_risk:{row['enrollment_id']}",
                    group=_("Học viên có nguy cơ không đủ điều kiện dự thi"),
                    title=f"{row['enrollment__person__full_name']} — {cohort.code}",
                    url=reverse("learning:class") + f"?lop={cohort.pk}",
                    note=note,
                )
            )
    return items


def register() -> None:
    """Install this app's providers (from its AppConfig.ready())."""
    todo.register("assessment.sheets", sheets_to_enter)
    todo.register("assessment.at_risk", learners_at_risk)

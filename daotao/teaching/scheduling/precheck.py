"""Cheap counting checks run before solving; each failure proves infeasibility and
names its constraint group in Vietnamese."""

from __future__ import annotations

from collections import defaultdict
from itertools import accumulate

from django.utils.translation import gettext as _

from daotao.core.text import format_date

from .plan import Demand, Plan
from .result import ConstraintGroup, Explanation
from .validate import check_sessions

Group = ConstraintGroup


def precheck(plan: Plan) -> list[Explanation]:
    """Reasons why no schedule can exist; empty when the counts allow one."""
    return [
        *_fixed_sessions(plan),
        *_cohort_days(plan),
        *_rooms(plan),
        *_lecturers(plan),
    ]


def _fixed_sessions(plan: Plan) -> list[Explanation]:
    problem = plan.problem
    found = [
        Explanation(
            Group.FIXED,
            _("Buổi xếp cố định không thực hiện được: %(reason)s")
            % {"reason": violation.message},
        )
        for violation in check_sessions(problem, problem.fixed)
    ]
    for demand in plan.all_demands:
        if demand.sessions < 0:
            message = _(
                "Lớp %(cohort)s, chuyên đề %(topic)s: có %(fixed)d buổi xếp cố định, "
                "nhiều hơn %(needed)d buổi của chương trình."
            ) % {
                "cohort": demand.cohort.code,
                "topic": problem.topic_name(demand.topic_id),
                "fixed": demand.total - demand.sessions,
                "needed": demand.total,
            }
            found.append(Explanation(Group.FIXED, message))
    return found


def _cohort_days(plan: Plan) -> list[Explanation]:
    found = []
    for cohort in plan.problem.cohorts:
        needed = sum(d.sessions for _m, d in cohort.demands())
        available = len(plan.cohort_open_slots(cohort.id))
        if needed > available:
            message = _(
                "Lớp %(cohort)s không đủ buổi học để xếp hết chương trình trước ngày "
                "%(day)s: cần %(needed)d buổi, chỉ có %(available)d buổi học."
            ) % {
                "cohort": cohort.code,
                "day": format_date(plan.calendar.last_study_day(cohort)),
                "needed": needed,
                "available": available,
            }
            found.append(Explanation(Group.COHORT_DAYS, message))
    return found


def _rooms(plan: Plan) -> list[Explanation]:
    found = []
    for cohort in plan.problem.cohorts:
        capacities = plan.rooms_by_site.get(cohort.site_id, [])
        if not capacities or capacities[0] < cohort.size:
            message = _(
                "Không có phòng đủ chỗ cho lớp %(cohort)s (%(size)d học viên) "
                "tại cơ sở %(site)s."
            ) % {
                "cohort": cohort.code,
                "size": cohort.size,
                "site": plan.problem.site(cohort.site_id).name,
            }
            found.append(Explanation(Group.ROOMS, message))
    return found


def _lecturers(plan: Plan) -> list[Explanation]:
    by_topic: dict[int, list[Demand]] = defaultdict(list)
    for demand in plan.demands:
        by_topic[demand.topic_id].append(demand)
    found = []
    for topic_id, demands in by_topic.items():
        explanation = _topic_shortage(plan, topic_id, demands)
        if explanation:
            found.append(explanation)
    return found


def _topic_shortage(
    plan: Plan, topic_id: int, demands: list[Demand]
) -> Explanation | None:
    """Compares the sessions a topic needs with its qualified lecturers' free
    half-days: over the term, then over every period the programme order allows."""
    topic = plan.problem.topic_name(topic_id)
    if not demands[0].qualified:
        message = _("Không có giảng viên nào dạy được chuyên đề %(topic)s.")
        return Explanation(Group.LECTURERS, message % {"topic": topic})
    free = _free_lecturer_slots(plan, demands)
    prefix = [0, *accumulate(free)]
    needed = sum(d.sessions for d in demands)
    if needed > prefix[-1]:
        message = _(
            "Không đủ giảng viên dạy chuyên đề %(topic)s trong học kỳ: cần %(needed)d "
            "buổi, các giảng viên dạy được chuyên đề này chỉ còn %(free)d buổi trống."
        ) % {"topic": topic, "needed": needed, "free": prefix[-1]}
        return Explanation(Group.LECTURERS, message)
    windows = [(d, plan.module_window(d.cohort, d.module)) for d in demands]
    for first, _last in {w for _d, w in windows}:
        for _first, last in {w for _d, w in windows}:
            if first > last:
                continue
            inside = sum(
                d.sessions for d, (a, b) in windows if first <= a and b <= last
            )
            supply = prefix[last + 1] - prefix[first]
            if inside > supply:
                return _period_shortage(plan, topic, first, last, inside, supply)
    return None


def _free_lecturer_slots(plan: Plan, demands: list[Demand]) -> list[int]:
    """Per slot of the term: how many qualified lecturers are free while one of the
    demanding cohorts studies."""
    studied = set()
    for demand in demands:
        studied.update(plan.cohort_free_slots(demand.cohort.id))
    free = [0] * plan.calendar.size
    for lecturer_id in demands[0].qualified:
        blocked = plan.lecturer_blocked.get(lecturer_id, set())
        for h in studied - blocked:
            free[h] += 1
    return free


def _period_shortage(
    plan: Plan, topic: str, first: int, last: int, needed: int, supply: int
) -> Explanation:
    calendar = plan.calendar
    values = {
        "topic": topic,
        "needed": needed,
        "free": supply,
        "from": format_date(calendar.slot(first).day),
        "to": format_date(calendar.slot(last).day),
        "week": calendar.week(first),
    }
    if calendar.week(first) == calendar.week(last):
        message = _(
            "Không đủ giảng viên dạy chuyên đề %(topic)s trong tuần %(week)d "
            "(%(from)s – %(to)s): cần %(needed)d buổi, các giảng viên dạy được "
            "chuyên đề này chỉ còn %(free)d buổi trống."
        )
    else:
        message = _(
            "Không đủ giảng viên dạy chuyên đề %(topic)s từ ngày %(from)s đến ngày "
            "%(to)s: cần %(needed)d buổi, các giảng viên dạy được chuyên đề này chỉ "
            "còn %(free)d buổi trống."
        )
    return Explanation(Group.LECTURERS, message % values)

"""Names the constraint group behind an infeasibility found by a solver stage.

Each group of constraints (a lecturer's capacity, free half-days, double bookings
or travel; a site's rooms; a cohort's module order) is enforced under its own
literal; CP-SAT, solving under all of them as assumptions, returns a sufficient
subset for infeasibility, and each literal in it becomes a Vietnamese message.
"""

from __future__ import annotations

import time

from django.utils.translation import gettext as _
from ortools.sat.python import cp_model

from daotao.core.text import format_date

from .assign import AssignmentModel
from .greedy import Greedy
from .plan import Plan
from .result import ConstraintGroup, Explanation, Shortage, Unplaced
from .timetable import TimetableModel

Group = ConstraintGroup
MINIMISE_UP_TO = 8  # groups in a core worth one re-solve each to make it minimal


def unplaceable(plan: Plan, model: AssignmentModel) -> list[Explanation]:
    """Cohort-topics none of whose qualified lecturers is free often enough."""
    problem = plan.problem
    return [
        Explanation(
            Group.LECTURERS,
            _(
                "Không có giảng viên nào rảnh đủ %(needed)d buổi để dạy chuyên đề "
                "%(topic)s cho lớp %(cohort)s trong thời gian của học phần %(module)d."
            )
            % {
                "needed": demand.sessions,
                "topic": problem.topic_name(demand.topic_id),
                "cohort": demand.cohort.code,
                "module": demand.module,
            },
        )
        for demand in model.unplaceable
    ]


def assignment_core(
    plan: Plan, model: AssignmentModel, solver: cp_model.CpSolver
) -> list[Explanation]:
    """The lecturers whose term capacity makes stage 1 infeasible."""
    problem = plan.problem
    core = set(solver.sufficient_assumptions_for_infeasibility())
    lecturer_ids = [
        lecturer_id
        for lecturer_id, guard in model.capacity_guard.items()
        if guard.index in core
    ]
    if not lecturer_ids:
        return [time_out(0)]
    topics = sorted(
        {
            problem.topic_name(demand.topic_id)
            for demand in plan.demands
            if set(demand.qualified) <= set(lecturer_ids)
        }
    )
    message = _(
        "Không đủ giảng viên dạy chuyên đề %(topics)s: các giảng viên %(lecturers)s "
        "không còn đủ buổi trống trong học kỳ."
    ) % {
        "topics": ", ".join(topics),
        "lecturers": ", ".join(problem.lecturer(i).name for i in lecturer_ids),
    }
    return [Explanation(Group.LECTURERS, message)]


LECTURER_GROUPS = frozenset({"lecturer", "available", "travel"})


def timetable_core(
    plan: Plan, lecturer_of: dict[tuple[int, int], int], *, time_limit_s: float
) -> tuple[list[Explanation], set[int] | None]:
    """Re-solves stage 2 with every group guarded and names a sufficient set,
    made minimal by dropping groups one by one while small enough; also returns
    the lecturers whose groups are in it (None if the time ran out)."""
    guarded = TimetableModel(plan, lecturer_of, explain=True)
    deadline = time.perf_counter() + max(time_limit_s, 1.0)
    core = _core(guarded, list(guarded.guards.values()), deadline)
    if core is None:
        return [time_out(round(time_limit_s))], None
    if len(core) <= MINIMISE_UP_TO:
        for literal in list(core):
            if literal not in core:
                continue
            smaller = _core(guarded, [o for o in core if o is not literal], deadline)
            if smaller is not None:
                core = smaller
    chosen = {literal.index for literal in core}
    named = [
        guard for guard, literal in guarded.guards.items() if literal.index in chosen
    ]
    lecturers = {i for group, i in named if group in LECTURER_GROUPS}
    return [_message(plan, lecturer_of, group, i) for group, i in named], lecturers


def _core(guarded: TimetableModel, literals: list, deadline: float) -> list | None:
    """The literals of a sufficient core if the model is infeasible under them."""
    guarded.model.clear_assumptions()
    guarded.model.add_assumptions(literals)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(deadline - time.perf_counter(), 0.1)
    solver.parameters.num_workers = 1
    if solver.solve(guarded.model) != cp_model.INFEASIBLE:
        return None
    indices = set(solver.sufficient_assumptions_for_infeasibility())
    return [literal for literal in literals if literal.index in indices]


def _message(
    plan: Plan, lecturer_of: dict[tuple[int, int], int], group: str, identifier: int
) -> Explanation:
    problem = plan.problem
    if group == "rooms":
        message = _("Không đủ phòng tại cơ sở %(site)s cho các lớp học cùng buổi.")
        return Explanation(
            Group.ROOMS, message % {"site": problem.site(identifier).name}
        )
    if group == "order":
        message = _(
            "Lớp %(cohort)s không xếp được các học phần theo đúng thứ tự của "
            "chương trình."
        )
        return Explanation(
            Group.ORDER, message % {"cohort": problem.cohort(identifier).code}
        )
    name = problem.lecturer(identifier).name
    if group == "travel":
        message = _(
            "Giảng viên %(lecturer)s không kịp di chuyển giữa các cơ sở để dạy "
            "các buổi được giao."
        )
        return Explanation(Group.TRAVEL, message % {"lecturer": name})
    topics = sorted(
        {
            problem.topic_name(key[1])
            for key, i in lecturer_of.items()
            if i == identifier
        }
    )
    message = _(
        "Giảng viên %(lecturer)s không đủ buổi trống (lịch bận, buổi cố định, "
        "các lớp khác) để dạy chuyên đề %(topics)s."
    )
    return Explanation(
        Group.LECTURERS, message % {"lecturer": name, "topics": ", ".join(topics)}
    )


def time_out(seconds: int) -> Explanation:
    message = _(
        "Không tìm được lịch trong thời gian cho phép (%(seconds)d giây); hãy tăng "
        "thời gian hoặc nới bớt ràng buộc."
    )
    return Explanation(Group.TIME, message % {"seconds": seconds})


def unplaced(plan: Plan, built: Greedy) -> list[Unplaced]:
    """The cohort-topics the constructive schedule left (partly) unplaced, each
    with the number of sessions and the reason in Vietnamese."""
    problem = plan.problem
    demands = {d.key: d for d in plan.demands}
    found = []
    for key, (count, shortage) in sorted(built.left.items()):
        demand = demands[key]
        cohort = demand.cohort
        values = {
            "cohort": cohort.code,
            "topic": problem.topic_name(demand.topic_id),
            "count": count,
            "size": cohort.size,
            "site": problem.site_name(cohort.site_id),
            "day": format_date(plan.calendar.last_study_day(cohort)),
        }
        found.append(
            Unplaced(
                cohort_id=cohort.id,
                cohort_code=cohort.code,
                topic_id=demand.topic_id,
                topic_name=values["topic"],
                module=demand.module,
                sessions=count,
                shortage=shortage,
                reason=_SHORTAGE_MESSAGES[shortage]() % values,
            )
        )
    return found


_SHORTAGE_MESSAGES = {
    Shortage.NO_LECTURER: lambda: _(
        "Chưa xếp %(count)d buổi chuyên đề %(topic)s của lớp %(cohort)s: không có "
        "giảng viên nào dạy được chuyên đề này."
    ),
    Shortage.LECTURERS_BUSY: lambda: _(
        "Chưa xếp %(count)d buổi chuyên đề %(topic)s của lớp %(cohort)s: các giảng "
        "viên dạy được chuyên đề này đều bận (lịch bận, lịch đã công bố, lớp khác) "
        "vào các buổi còn trống của lớp."
    ),
    Shortage.ROOMS: lambda: _(
        "Chưa xếp %(count)d buổi chuyên đề %(topic)s của lớp %(cohort)s: không còn "
        "phòng đủ chỗ cho %(size)d học viên tại %(site)s vào các buổi còn trống."
    ),
    Shortage.COHORT_DAYS: lambda: _(
        "Chưa xếp %(count)d buổi chuyên đề %(topic)s của lớp %(cohort)s: lớp không "
        "còn buổi học trống đến ngày %(day)s."
    ),
}

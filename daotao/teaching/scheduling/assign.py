"""Stage 1: one lecturer for each cohort's topic (CP-SAT over a few thousand booleans).

Hard: the lecturer is qualified, has enough free half-days in the topic's window,
and is given no more sessions than their free half-days in the term. Soft: the
load against norms and fair shares, few sites per lecturer (no far-apart pair of
sites where possible), the lecturer's preferred topics.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .plan import Demand, Plan
from .score import (
    DEVIATION_WEIGHT,
    OVERLOAD_WEIGHT,
    PREFERENCE_WEIGHT,
    fair_shares,
)

# Stand-ins for site changes: each site of a lecturer and each pair of sites more
# than a half-day apart (these also constrain stage 2).
EXTRA_SITE_WEIGHT = 2
FAR_SITES_WEIGHT = 4
# A lecturer's expected sessions in a week (each cohort-topic spread evenly over
# its window) above this share of their free half-days cost 10 per session: stage 2
# rarely fits a lecturer given many topics that must run in the same weeks.
PEAK_SHARE = 0.6
SCALE = 10  # expected sessions are counted in tenths
PEAK_WEIGHT_PER_TENTH = 1

Key = tuple[int, int]


@dataclass
class AssignmentModel:
    model: cp_model.CpModel
    choice: dict[tuple[Key, int], cp_model.IntVar]
    capacity_guard: dict[int, cp_model.IntVar]  # lecturer -> enforcement literal
    unplaceable: list[Demand]  # demands no qualified lecturer can take


def build(plan: Plan, hint: dict[Key, int]) -> AssignmentModel:
    """The stage-1 model; `hint` maps cohort-topics to a lecturer to try first
    (others get the greedy choice)."""
    hint = {**greedy(plan), **hint}
    model = cp_model.CpModel()
    choice: dict[tuple[Key, int], cp_model.IntVar] = {}
    unplaceable = []
    for demand in plan.demands:
        options = [
            lecturer_id
            for lecturer_id in demand.qualified
            if len(plan.domain(demand, lecturer_id)) >= demand.sessions
        ]
        if not options:
            unplaceable.append(demand)
            continue
        literals = []
        for lecturer_id in options:
            literal = model.new_bool_var(f"x{demand.key}_{lecturer_id}")
            choice[demand.key, lecturer_id] = literal
            literals.append(literal)
            if hint:
                model.add_hint(literal, hint.get(demand.key) == lecturer_id)
        model.add_exactly_one(literals)
    guards = _add_capacity(plan, model, choice)
    _add_objective(plan, model, choice)
    return AssignmentModel(model, choice, guards, unplaceable)


def greedy(plan: Plan) -> dict[Key, int]:
    """A quick balanced assignment: each cohort-topic in time order to the
    qualified lecturer it costs least (load against share, weekly peaks, sites)."""
    shares = fair_shares(plan.problem)
    load: dict[int, int] = defaultdict(int)
    weekly: dict[tuple[int, int], int] = defaultdict(int)
    sites: dict[int, set[int]] = defaultdict(set)
    for session in plan.problem.fixed:
        load[session.lecturer_id] += 1
    result = {}
    ordered = sorted(
        plan.demands,
        key=lambda d: (plan.module_window(d.cohort, d.module)[0], len(d.qualified)),
    )
    for demand in ordered:
        spread = _weekly_shares(plan, demand)

        def cost(lecturer_id: int, demand: Demand = demand, spread=spread) -> float:
            after = load[lecturer_id] + demand.sessions
            share = shares.get(lecturer_id, after)
            peak = max(weekly[lecturer_id, w] + t for w, t in spread.items())
            far = demand.cohort.site_id not in sites[lecturer_id]
            return after / max(share, 1) + peak / (SCALE * 10) + 0.1 * far

        options = [
            i
            for i in demand.qualified
            if len(plan.domain(demand, i)) >= demand.sessions
        ]
        if not options:
            continue
        chosen_id = min(options, key=cost)
        result[demand.key] = chosen_id
        load[chosen_id] += demand.sessions
        sites[chosen_id].add(demand.cohort.site_id)
        for week, tenths in spread.items():
            weekly[chosen_id, week] += tenths
    return result


def _loads(plan: Plan, choice: dict[tuple[Key, int], cp_model.IntVar]) -> dict:
    sessions = {d.key: d.sessions for d in plan.demands}
    terms: dict[int, list] = defaultdict(list)
    for (key, lecturer_id), literal in choice.items():
        terms[lecturer_id].append(sessions[key] * literal)
    return terms


def _add_capacity(
    plan: Plan, model: cp_model.CpModel, choice: dict[tuple[Key, int], cp_model.IntVar]
) -> dict[int, cp_model.IntVar]:
    """A lecturer's sessions fit in their free half-days of the term."""
    studied = set()
    for cohort in plan.problem.cohorts:
        studied.update(plan.calendar.cohort_slots(cohort.id))
    guards = {}
    for lecturer_id, terms in _loads(plan, choice).items():
        free = len(studied - plan.lecturer_blocked.get(lecturer_id, set()))
        guard = model.new_bool_var(f"capacity_{lecturer_id}")
        model.add(sum(terms) <= free).only_enforce_if(guard)
        guards[lecturer_id] = guard
    return guards


def _add_objective(
    plan: Plan, model: cp_model.CpModel, choice: dict[tuple[Key, int], cp_model.IntVar]
) -> None:
    problem = plan.problem
    shares = fair_shares(problem)
    fixed_load: dict[int, int] = defaultdict(int)
    for session in problem.fixed:
        fixed_load[session.lecturer_id] += 1
    loads = _loads(plan, choice)
    costs = []
    horizon = sum(d.sessions for d in plan.demands) + len(problem.fixed)
    for lecturer in problem.lecturers:
        if lecturer.id not in shares:
            continue
        load = sum(loads.get(lecturer.id, [])) + fixed_load[lecturer.id]
        over = model.new_int_var(0, horizon, f"over_{lecturer.id}")
        model.add(over >= load - lecturer.norm_sessions)
        deviation = model.new_int_var(0, horizon, f"dev_{lecturer.id}")
        model.add(deviation >= load - shares[lecturer.id])
        model.add(deviation >= shares[lecturer.id] - load)
        costs += [OVERLOAD_WEIGHT * over, DEVIATION_WEIGHT * deviation]
    costs += _peak_costs(plan, model, choice)
    costs += _site_costs(plan, model, choice)
    costs += _preference_costs(plan, choice)
    model.minimize(sum(costs))


def _weekly_shares(plan: Plan, demand: Demand) -> dict[int, int]:
    """Tenths of the demand's sessions expected in each week of its window."""
    first, last = plan.module_window(demand.cohort, demand.module)
    weeks: dict[int, int] = defaultdict(int)
    slots = [h for h in plan.cohort_free_slots(demand.cohort.id) if first <= h <= last]
    for h in slots:
        weeks[plan.calendar.week(h)] += 1
    return {
        week: round(SCALE * demand.sessions * count / len(slots))
        for week, count in weeks.items()
    }


def _peak_costs(
    plan: Plan, model: cp_model.CpModel, choice: dict[tuple[Key, int], cp_model.IntVar]
) -> list:
    demands = {d.key: d for d in plan.demands}
    shares = {key: _weekly_shares(plan, demand) for key, demand in demands.items()}
    weekly: dict[tuple[int, int], list] = defaultdict(list)
    for (key, lecturer_id), literal in choice.items():
        for week, tenths in shares[key].items():
            weekly[lecturer_id, week].append(tenths * literal)
    free_in_week: dict[tuple[int, int], int] = defaultdict(int)
    for lecturer_id, blocked in plan.lecturer_blocked.items():
        for h in range(plan.calendar.size):
            if h not in blocked:
                free_in_week[lecturer_id, plan.calendar.week(h)] += 1
    costs = []
    for (lecturer_id, week), terms in weekly.items():
        allowed = int(SCALE * PEAK_SHARE * free_in_week[lecturer_id, week])
        excess = model.new_int_var(0, SCALE * plan.calendar.size, "")
        model.add(excess >= sum(terms) - allowed)
        costs.append(PEAK_WEIGHT_PER_TENTH * excess)
    return costs


def _site_costs(
    plan: Plan, model: cp_model.CpModel, choice: dict[tuple[Key, int], cp_model.IntVar]
) -> list:
    site_of = {d.key: d.cohort.site_id for d in plan.demands}
    at_site: dict[tuple[int, int], list] = defaultdict(list)
    for (key, lecturer_id), literal in choice.items():
        at_site[lecturer_id, site_of[key]].append(literal)
    for lecturer_id, site_ids in plan.fixed_of_lecturer.items():
        for _h, site_id in site_ids:
            at_site.setdefault((lecturer_id, site_id), [])
    uses: dict[int, dict[int, cp_model.IntVar]] = defaultdict(dict)
    for (lecturer_id, site_id), literals in at_site.items():
        used = model.new_bool_var(f"site_{lecturer_id}_{site_id}")
        for literal in literals:
            model.add_implication(literal, used)
        if any(
            site == site_id for _h, site in plan.fixed_of_lecturer.get(lecturer_id, [])
        ):
            model.add(used == 1)
        uses[lecturer_id][site_id] = used
    costs = []
    for sites in uses.values():
        costs.append(EXTRA_SITE_WEIGHT * sum(sites.values()))
        for a in sites:
            for b in sites:
                if a < b and plan.problem.travel_between(a, b) >= 2:
                    both = model.new_bool_var("")
                    model.add_bool_or([sites[a].Not(), sites[b].Not(), both])
                    costs.append(FAR_SITES_WEIGHT * both)
    return costs


def _preference_costs(
    plan: Plan, choice: dict[tuple[Key, int], cp_model.IntVar]
) -> list:
    costs = []
    for (key, lecturer_id), literal in choice.items():
        preferred = plan.problem.lecturer(lecturer_id).preferred_topic_ids
        if preferred and key[1] not in preferred:
            costs.append(PREFERENCE_WEIGHT * literal)
    return costs


def forbid(
    assignment: AssignmentModel, lecturer_of: dict[Key, int], lecturer_ids: set[int]
) -> None:
    """A cut: these lecturers may not all get again the cohort-topics they had,
    which stage 2 proved impossible whatever the other lecturers do."""
    literals = [
        assignment.choice[key, lecturer_id]
        for key, lecturer_id in lecturer_of.items()
        if lecturer_id in lecturer_ids
    ]
    assignment.model.add(sum(literals) <= len(literals) - 1)


def chosen(assignment: AssignmentModel, solver: cp_model.CpSolver) -> dict[Key, int]:
    """The lecturer picked for each cohort-topic."""
    return {
        key: lecturer_id
        for (key, lecturer_id), literal in assignment.choice.items()
        if solver.boolean_value(literal)
    }

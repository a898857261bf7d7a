"""Stage 2: the half-days of every session, lecturers already chosen (CP-SAT).

One boolean per (cohort-topic, half-day it may take). Half-days a session cannot
take (holidays, non-study days, the lecturer's unavailability and fixed sessions,
travel from a fixed session, outside the module's window) get no boolean at all.
Hard: each cohort-topic gets its number of sessions; at most one session per
cohort and per lecturer in a half-day; per site and half-day, no more sessions of
cohorts of at least size s than rooms of capacity >= s (so rooms can be given
afterwards, see rooms.py); a lecturer's sessions at sites t half-days apart are
t half-days apart; module k ends before module k + 1 starts (a monotone "module
done" boolean per half-day). Soft: the runs of each cohort-topic (one run is best)
and the lecturers' avoided half-days.

With `explain=True` the windows and blocked half-days are not cut from the domains
but forbidden under a guard literal per (group, id), and every group of
constraints is guarded, so that CP-SAT can name a sufficient set of groups for
an infeasibility.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from ortools.sat.python import cp_model

from .plan import Demand, Plan
from .score import PREFERENCE_WEIGHT, SPLIT_WEIGHT

Key = tuple[int, int]
Guard = tuple[str, int]  # (group name, id of the lecturer, cohort or site)


class TimetableModel:
    def __init__(
        self, plan: Plan, lecturer_of: dict[Key, int], *, explain: bool = False
    ) -> None:
        self.plan = plan
        self.problem = plan.problem
        self.lecturer_of = lecturer_of
        self.explain = explain
        self.model = cp_model.CpModel()
        self.guards: dict[Guard, cp_model.IntVar] = {}
        self.demands = {d.key: d for d in plan.demands}
        self.taught: dict[Key, dict[int, cp_model.IntVar]] = {}
        # (cohort-topic, half-day, group, lecturer) forbidden under a guard (explain)
        self.guarded_slots: list[tuple[Key, int, str, int]] = []
        # Auxiliary booleans, so that a hint can give every variable a value:
        # (key, half-day, the run-start boolean) and (done booleans, earlier half-days)
        self.starts: list[tuple[Key, int, cp_model.IntVar]] = []
        self._previous_of: dict[int, dict[int, int]] = {}
        self.dones: list[tuple[dict[int, cp_model.IntVar], list]] = []
        self._create_variables()
        self._add_cohort_and_lecturer_limits()
        self._add_travel()
        self._add_rooms()
        self._add_order()
        if not explain:
            self._add_objective()

    # --- helpers -------------------------------------------------------------------

    def guard(self, group: str, identifier: int) -> list[cp_model.IntVar]:
        """The enforcement literals of a group (none unless explaining)."""
        if not self.explain:
            return []
        if (group, identifier) not in self.guards:
            self.guards[group, identifier] = self.model.new_bool_var(
                f"{group}_{identifier}"
            )
        return [self.guards[group, identifier]]

    def _limit(self, literals: list, bound: int, group: str, identifier: int) -> None:
        if len(literals) <= bound:
            return
        if not self.explain and bound == 1:
            self.model.add_at_most_one(literals)
        else:
            self.model.add(sum(literals) <= bound).only_enforce_if(
                self.guard(group, identifier)
            )

    # --- variables -----------------------------------------------------------------

    def _create_variables(self) -> None:
        for demand in self.plan.demands:
            lecturer_id = self.lecturer_of[demand.key]
            if self.explain:
                slots = self._explain_domain(demand, lecturer_id)
            else:
                slots = self.plan.domain(demand, lecturer_id)
            self.taught[demand.key] = {
                h: self.model.new_bool_var(f"b{demand.key}_{h}") for h in slots
            }
            self.model.add(sum(self.taught[demand.key].values()) == demand.sessions)

    def _explain_domain(self, demand: Demand, lecturer_id: int) -> list[int]:
        """All the cohort's free half-days; the lecturer's blocked ones guarded."""
        slots = list(self.plan.cohort_free_slots(demand.cohort.id))
        blocked = self.plan.lecturer_blocked.get(lecturer_id, set())
        far = self.plan.travel_blocked(lecturer_id, demand.cohort.site_id)
        for h in slots:
            if h in blocked:
                self.guarded_slots.append((demand.key, h, "available", lecturer_id))
            elif h in far:
                self.guarded_slots.append((demand.key, h, "travel", lecturer_id))
        return slots

    def _by(self, key_of) -> dict:
        grouped: dict = defaultdict(list)
        for key, slots in self.taught.items():
            for h, literal in slots.items():
                grouped[key_of(key), h].append(literal)
        return grouped

    # --- hard constraints ----------------------------------------------------------

    def _add_cohort_and_lecturer_limits(self) -> None:
        for (_cohort_id, _h), literals in self._by(lambda key: key[0]).items():
            if len(literals) > 1:
                self.model.add_at_most_one(literals)
        by_lecturer = self._by(lambda key: self.lecturer_of[key])
        for (lecturer_id, _h), literals in by_lecturer.items():
            self._limit(literals, 1, "lecturer", lecturer_id)
        for key, h, group, lecturer_id in self.guarded_slots:
            self.model.add(self.taught[key][h] == 0).only_enforce_if(
                self.guard(group, lecturer_id)
            )

    def _add_travel(self) -> None:
        """Sessions of one lecturer at sites t half-days apart, t half-days apart."""
        at: dict[int, dict[int, dict[int, list]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(list))
        )
        for key, slots in self.taught.items():
            site_id = self.demands[key].cohort.site_id
            for h, literal in slots.items():
                at[self.lecturer_of[key]][site_id][h].append(literal)
        for lecturer_id, sites in at.items():
            for a in sites:
                for b in sites:
                    reach = self.problem.travel_between(a, b)
                    if a == b or reach < 2:
                        continue
                    for h, here in sites[a].items():
                        for gap in range(1, reach):
                            there = sites[b].get(h + gap)
                            if there:
                                self._limit(here + there, 1, "travel", lecturer_id)

    def _add_rooms(self) -> None:
        """Enough rooms large enough at each site in each half-day (Hall's condition
        for nested room sets), rooms of fixed sessions taken out."""
        by_site: dict[tuple[int, int], list] = defaultdict(list)
        for key, slots in self.taught.items():
            cohort = self.demands[key].cohort
            for h, literal in slots.items():
                by_site[cohort.site_id, h].append((cohort.size, cohort.id, literal))
        for (site_id, h), sized in by_site.items():
            capacities = self.plan.rooms_by_site.get(site_id, [])
            taken = self.plan.fixed_rooms.get((site_id, h), [])
            for size in sorted({entry[0] for entry in sized}):
                large = [entry for entry in sized if entry[0] >= size]
                literals = [literal for _s, _c, literal in large]
                rooms = sum(1 for c in capacities if c >= size)
                rooms -= sum(1 for c in taken if c >= size)
                if len({cohort_id for _s, cohort_id, _l in large}) > rooms:
                    self.model.add(sum(literals) <= max(rooms, 0)).only_enforce_if(
                        self.guard("rooms", site_id)
                    )

    def _add_order(self) -> None:
        """Module k is done (a monotone boolean per half-day) before k + 1."""
        fixed_modules: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for session in self.problem.fixed:
            module = self.problem.cohort(session.cohort_id).module_of(session.topic_id)
            fixed_modules[session.cohort_id].append(
                (module or 0, self.plan.index(session))
            )
        for cohort in self.problem.cohorts:
            per_module: dict[int, list[tuple[int, object]]] = defaultdict(list)
            for _m, demand in cohort.demands():
                key = (cohort.id, demand.topic_id)
                module = cohort.module_of(demand.topic_id) or 0
                for h, literal in self.taught.get(key, {}).items():
                    per_module[module].append((h, literal))
            for module, h in fixed_modules.get(cohort.id, []):
                per_module[module].append((h, True))
            modules = sorted(m for m in per_module if per_module[m])
            for earlier, later in itertools.pairwise(modules):
                self._add_boundary(cohort.id, per_module[earlier], per_module[later])

    def _add_boundary(self, cohort_id: int, earlier: list, later: list) -> None:
        start = min(h for h, _l in later)
        end = max(h for h, _l in earlier)
        if start > end:
            return
        guard = self.guard("order", cohort_id)
        slots = [
            h for h in self.plan.calendar.cohort_slots(cohort_id) if start <= h <= end
        ]
        done = {h: self.model.new_bool_var("") for h in slots}
        self.dones.append((done, earlier))
        for h, h_next in itertools.pairwise(slots):
            self.model.add_implication(done[h], done[h_next])
        for h, literal in earlier:
            if h in done:
                self._require(literal, done[h].Not(), guard)
        for h, literal in later:
            if h in done:
                self._require(literal, done[h], guard)

    def _require(self, literal, consequence, guard: list) -> None:
        """literal => consequence, under the guard (`True`: a fixed session)."""
        if literal is True:
            self.model.add_bool_or([consequence]).only_enforce_if(guard)
        else:
            self.model.add_bool_or([consequence]).only_enforce_if([literal, *guard])

    # --- objective -----------------------------------------------------------------

    def _add_objective(self) -> None:
        fixed_slots = defaultdict(set)
        for session in self.problem.fixed:
            fixed_slots[session.cohort_id, session.topic_id].add(
                self.plan.index(session)
            )
        costs = []
        for key, slots in self.taught.items():
            order = self.plan.calendar.cohort_slots(key[0])
            previous = dict(zip(order[1:], order, strict=False))
            for h, literal in slots.items():
                before = previous.get(h)
                if before in fixed_slots[key]:
                    continue
                if before in slots:
                    starts = self.model.new_bool_var("")
                    self.model.add_bool_or([literal.Not(), slots[before], starts])
                    self.starts.append((key, h, starts))
                    costs.append(SPLIT_WEIGHT * starts)
                else:
                    costs.append(SPLIT_WEIGHT * literal)
            avoided = self.problem.lecturer(self.lecturer_of[key]).avoided_slots
            for h, literal in slots.items():
                if self.plan.calendar.slot(h) in avoided:
                    costs.append(PREFERENCE_WEIGHT * literal)
        self.model.minimize(sum(costs))

    def add_hint(self, taught_at: dict[Key, set[int]]) -> None:
        """Hints every variable: the half-days given in `taught_at` (none for a
        cohort-topic not in it), and the run starts and "module done" booleans
        they imply, so that a complete feasible hint is a first solution."""
        value: dict[Key, dict[int, bool]] = {}
        hinted: dict[int, bool] = {}  # literal index -> hinted value
        for key, slots in self.taught.items():
            wanted = taught_at.get(key, set())
            value[key] = {h: h in wanted for h in slots}
            for h, literal in slots.items():
                self.model.add_hint(literal, h in wanted)
                hinted[literal.index] = h in wanted
        for key, h, starts in self.starts:
            before = self._previous(key[0]).get(h)
            taught_before = value[key].get(before, False)
            self.model.add_hint(starts, value[key][h] and not taught_before)
        for done, earlier in self.dones:
            last = max(
                (h for h, lit in earlier if lit is True or hinted.get(lit.index)),
                default=-1,
            )
            for h, literal in done.items():
                self.model.add_hint(literal, h > last)

    def _previous(self, cohort_id: int) -> dict[int, int]:
        """Each study half-day of the cohort -> the one before."""
        if cohort_id not in self._previous_of:
            order = self.plan.calendar.cohort_slots(cohort_id)
            self._previous_of[cohort_id] = dict(zip(order[1:], order, strict=False))
        return self._previous_of[cohort_id]

    def solution(self, solver: cp_model.CpSolver) -> dict[Key, list[int]]:
        """The half-days taken by each cohort-topic's remaining sessions."""
        return {
            key: [h for h, literal in slots.items() if solver.boolean_value(literal)]
            for key, slots in self.taught.items()
        }

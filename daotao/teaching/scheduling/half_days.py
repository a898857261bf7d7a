"""Half-day numbering of a term: slot h is the half-day 2 * (day - first_day) + half."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cached_property

from .problem import Cohort, HalfDay, Problem, Slot


class TermCalendar:
    """Maps slots to consecutive integers and tells which half-days a cohort studies."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.first_day = problem.first_day
        self.size = 2 * ((problem.last_day - problem.first_day).days + 1)

    def index(self, slot: Slot) -> int:
        """The slot's number; outside the term it is < 0 or >= `size`."""
        return 2 * (slot.day - self.first_day).days + int(slot.half)

    def slot(self, index: int) -> Slot:
        return Slot(self.first_day + timedelta(days=index // 2), HalfDay(index % 2))

    def contains(self, slot: Slot) -> bool:
        return 0 <= self.index(slot) < self.size

    def week(self, index: int) -> int:
        """The term week (1 = the week of `first_day`, weeks start on Monday)."""
        monday = self.first_day - timedelta(days=self.first_day.weekday())
        return (self.slot(index).day - monday).days // 7 + 1

    def is_study_day(self, cohort: Cohort, day: date) -> bool:
        """True when the cohort may be taught on `day` (holidays aside)."""
        if not self.problem.first_day <= day <= self.problem.last_day:
            return False
        if cohort.starts_on and day < cohort.starts_on:
            return False
        if cohort.ends_on and day > cohort.ends_on:
            return False
        return day.weekday() in cohort.study_weekdays

    @cached_property
    def _cohort_slots(self) -> dict[int, tuple[int, ...]]:
        holidays = self.problem.holidays
        result = {}
        for cohort in self.problem.cohorts:
            result[cohort.id] = tuple(
                index
                for index in range(self.size)
                if (day := self.slot(index).day) not in holidays
                and self.is_study_day(cohort, day)
            )
        return result

    def cohort_slots(self, cohort_id: int) -> tuple[int, ...]:
        """The cohort's study half-days in time order (no holidays, no other days)."""
        return self._cohort_slots[cohort_id]

    def last_study_day(self, cohort: Cohort) -> date:
        return cohort.ends_on or self.problem.last_day

"""One fresh-school builder for the tests that need plan → class → cohort → term.

    world = FreshSchool(school)
    version = world.programme()                       # a TC LLCT version
    k63a = world.cohort(version, code="K63A", starts_on=date(2027, 3, 1))
    k64a = world.cohort(version, code="K64A", starts_on=date(2028, 3, 6))
    world.term("Tháng 3/2027", date(2027, 3, 1), date(2027, 3, 12), [k63a])

Options the tests lean on:
- plans a year apart: a class goes into the approved plan of its start year
  (or `year=`), one plan per year, made on first use;
- classes sharing rooms and lecturers: every class is at the main site unless
  told otherwise, `room()` gives the same room for the same name, and
  `lecturers()` makes lecturers qualified on the topics given, for any class;
- late admits: `admit()` puts a person on a cohort's roster at any time (after
  sheets or sessions exist, too), next position by default.

The rows come from the apps' factories (planning, enrolment, teaching); the
builder only keeps them consistent (one school, the class's programme, mode,
site and dates on its cohort).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from daotao.enrolment.models import Cohort, Enrollment, Nomination
from daotao.enrolment.tests.factories import CohortFactory, EnrollmentFactory
from daotao.faculty.tests.factories import LecturerFactory
from daotao.org.models import Room, Site
from daotao.org.tests.factories import AgencyFactory, RoomFactory, SiteFactory
from daotao.people.tests.factories import PersonFactory
from daotao.planning.models import PlannedClass, TrainingPlan
from daotao.planning.tests.factories import PlannedClassFactory, TrainingPlanFactory
from daotao.programs.tests.factories import ProgramVersionFactory
from daotao.teaching.models import Term
from daotao.teaching.tests.factories import TermFactory

MAIN_SITE = "Cơ sở chính"


@dataclass
class FreshSchool:
    """Builds plan → class → cohort → term inside one school."""

    school: Any

    # --- programme, places and people ------------------------------------------

    def programme(self, kind: str = "tc_llct", **values: Any) -> Any:
        """A programme version of `kind` in use in the school."""
        return ProgramVersionFactory(
            program__school=self.school, program__kind=kind, **values
        )

    def site(self, name: str = MAIN_SITE, **values: Any) -> Site:
        """The site of that name (made on first use)."""
        return SiteFactory(school=self.school, name=name, **values)

    def room(self, name: str, *, capacity: int = 50, site: Site | None = None) -> Room:
        """The room of that name at `site` (the main site): the same room for
        every class that asks for it."""
        return RoomFactory(site=site or self.site(), name=name, capacity=capacity)

    def lecturers(
        self, topics: Iterable[Any], names: Sequence[tuple[str, str, str]]
    ) -> list[Any]:
        """One lecturer per (family, middle, given) name, qualified on `topics`
        (shared by whichever classes teach them)."""
        topics = list(topics)
        made = []
        for family, middle, given in names:
            lecturer = LecturerFactory(
                school=self.school,
                person=PersonFactory(
                    school=self.school,
                    family_name=family,
                    middle_name=middle,
                    given_name=given,
                ),
            )
            lecturer.topics.set(topics)
            made.append(lecturer)
        return made

    # --- the cycle ----------------------------------------------------------------

    def plan(
        self, year: int, *, status: str = TrainingPlan.Status.APPROVED, **values: Any
    ) -> TrainingPlan:
        """The school's plan of `year` (made on first use, approved by default)."""
        existing = TrainingPlan.objects.filter(
            school=self.school, year=year, main_plan__isnull=True
        ).first()
        if existing is not None:
            return existing
        return TrainingPlanFactory(
            school=self.school, year=year, status=status, **values
        )

    def planned_class(
        self,
        version: Any,
        *,
        code: str,
        name: str,
        starts_on: datetime.date,
        ends_on: datetime.date,
        plan: TrainingPlan | None = None,
        year: int | None = None,
        site: Site | None = None,
        mode: str = PlannedClass.Mode.FULL_TIME,
        planned_size: int = 45,
    ) -> PlannedClass:
        """A class of `version` in `plan` (by default the plan of `year`, by
        default the year the class starts)."""
        return PlannedClassFactory(
            school=self.school,
            plan=plan or self.plan(year or starts_on.year),
            code=code,
            name=name,
            program_version=version,
            mode=mode,
            site=site or self.site(),
            planned_size=planned_size,
            starts_on=starts_on,
            ends_on=ends_on,
        )

    def cohort_of(self, planned: PlannedClass, *, code: str, **values: Any) -> Cohort:
        """The cohort opened from `planned` (its name, programme, mode, site and
        dates)."""
        return CohortFactory(planned_class=planned, code=code, **values)

    def cohort(
        self,
        version: Any,
        *,
        code: str,
        starts_on: datetime.date,
        ends_on: datetime.date | None = None,
        class_code: str | None = None,
        name: str | None = None,
        plan: TrainingPlan | None = None,
        year: int | None = None,
        site: Site | None = None,
        mode: str = PlannedClass.Mode.FULL_TIME,
        planned_size: int = 45,
        **values: Any,
    ) -> Cohort:
        """Plan → class → cohort in one step: the class `class_code` (TC-<code>)
        named `name` (Lớp <code>), ending on `ends_on` (half a year on); `values`
        go to the cohort (status, summons_document, homeroom_lecturer…)."""
        planned = self.planned_class(
            version,
            code=class_code or f"TC-{code}",
            name=name or f"Lớp {code}",
            starts_on=starts_on,
            ends_on=ends_on or starts_on + datetime.timedelta(days=183),
            plan=plan,
            year=year,
            site=site,
            mode=mode,
            planned_size=planned_size,
        )
        return self.cohort_of(planned, code=code, **values)

    def admit(
        self,
        cohort: Cohort,
        person: Any = None,
        *,
        agency: Any = None,
        position: int | None = None,
        created_by: Any = None,
        learner_code: str | None = None,
        nomination: Nomination | None = None,
    ) -> Enrollment:
        """`person` (a new one by default) nominated by `agency` (the person's,
        or a new one) and admitted onto the cohort's roster at `position` (the
        next one by default): also a late admission, once the course runs. With
        `nomination`, that admitted nomination's person goes on the roster."""
        if position is None:
            position = cohort.enrollments.count() + 1
        if nomination is not None:
            return EnrollmentFactory(
                cohort=cohort,
                position=position,
                nomination=nomination,
                **({"learner_code": learner_code} if learner_code else {}),
            )
        agency = agency or (person.agency if person else None)
        agency = agency or AgencyFactory(school=self.school)
        person = person or PersonFactory(school=self.school, agency=agency)
        values: dict[str, Any] = {
            "nomination__school": self.school,
            "nomination__person": person,
            "nomination__agency": agency,
            "nomination__status": Nomination.Status.ADMITTED,
        }
        if created_by is not None:
            values["nomination__created_by"] = created_by
        if learner_code is not None:
            values["learner_code"] = learner_code
        return EnrollmentFactory(cohort=cohort, position=position, **values)

    def term(
        self,
        name: str,
        starts_on: datetime.date,
        ends_on: datetime.date,
        cohorts: Iterable[Cohort] = (),
    ) -> Term:
        """A term of the school holding `cohorts`."""
        return TermFactory(
            school=self.school,
            name=name,
            starts_on=starts_on,
            ends_on=ends_on,
            cohorts=list(cohorts),
        )

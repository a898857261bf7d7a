"""The national-size data set, on top of the demo school: persons,
agencies, lecturers, ten years of plans and cohorts with their nominations,
rosters, published sessions, attendance, locked score sheets and hour ledger.

Deterministic (random.Random(SEED), dates from REFERENCE_DAY); sizes are the
issue's figures times `scale`, with the per-cohort shape fixed (50 learners, 30
sessions, 10 exams), so a small twin has the same pages with fewer rows.
Rows go in through `demo.bulk` (COPY on PostgreSQL), not the services: this is
generated data for measuring, every derived column computed as `save()` would.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from daotao.assessment.models import Exam, Score, ScoreSheet
from daotao.assessment.services import rule_set_for
from daotao.core.text import collation_key, join_name, name_sort_key, search_key
from daotao.demo.bulk import Table, reset_sequences
from daotao.demo.planning import random_name
from daotao.demo.users import COORDINATED_AGENCY
from daotao.enrolment.models import Cohort, Enrollment, Nomination
from daotao.faculty.models import Lecturer
from daotao.learning.models import Attendance
from daotao.ledger.models import HourRuleSet, LedgerEntry, LedgerPeriod
from daotao.org.models import Agency, Site, TheoryLevel, Unit
from daotao.people.models import Person, Sex
from daotao.planning.models import PlannedClass, Quota, TrainingPlan
from daotao.programs.models import Module, ProgramVersion, Topic
from daotao.teaching.models import TeachingSession, Term

SEED = 16
REFERENCE_DAY = datetime.date(2026, 12, 7)  # "today" of the data set: a Monday
FIRST_YEAR = 2017
YEARS = 10
CODE_PREFIX = "QM"  # cohort and planned-class codes of the scale data
CITIZEN_PREFIX = "099"  # no province has it: never collides with the demo's
LEARNERS_PER_COHORT = 50
SESSIONS_PER_COHORT = 30
EXAMS_PER_COHORT = 10
PERSONS_PER_LEARNER = 3  # persons ≈ 3 × enrolments, as in the issue
FULL = {"persons": 300_000, "agencies": 600, "lecturers": 300, "cohorts": 2_000}
POSTS = ["Chuyên viên", "Chuyên viên chính", "Trưởng phòng", "Phó Trưởng phòng"]
AGENCY_KINDS = [
    ("Đảng ủy xã", Agency.Kind.PARTY),
    ("UBND xã", Agency.Kind.GOVERNMENT),
    ("Ủy ban MTTQ xã", Agency.Kind.FRONT),
    ("Trung tâm dịch vụ công xã", Agency.Kind.PUBLIC_SERVICE),
]


@dataclass(frozen=True)
class Sizes:
    persons: int
    agencies: int
    lecturers: int
    cohorts: int

    @classmethod
    def at(cls, scale: float) -> Sizes:
        return cls(**{k: max(1, round(v * scale)) for k, v in FULL.items()})

    @property
    def enrollments(self) -> int:
        return self.cohorts * LEARNERS_PER_COHORT


class ScaleError(Exception):
    """The database cannot take the scale data (no demo, or already there)."""


def scale_data_exists(school: Any) -> bool:
    return Cohort.objects.filter(
        school=school, code__startswith=f"{CODE_PREFIX}-"
    ).exists()


def build(*, school: Any, office: Any, scale: float) -> Counter[str]:
    """Add the scale data to the demo `school`; rows written per table."""
    if scale_data_exists(school):
        raise ScaleError("scale data already there")
    with transaction.atomic():
        builder = _Builder(school, office, Sizes.at(scale))
        builder.run()
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: statistics, and (outside a
        # transaction) the visibility map that index-only scans need.
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            )
    return builder.written


class _Builder:
    def __init__(self, school: Any, office: Any, sizes: Sizes) -> None:
        self.school, self.office, self.sizes = school, office, sizes
        self.rng = random.Random(SEED)
        self.tables: dict[type, Table] = {}
        self.written: Counter[str] = Counter()

    def table(self, model: type) -> Table:
        if model not in self.tables:
            self.tables[model] = Table(model)
        return self.tables[model]

    def run(self) -> None:
        agencies = self._agencies()
        persons = self._persons(agencies)
        lecturers = self._lecturers(persons)
        versions = self._versions()
        cohorts = self._cohorts(versions)
        self._rosters(cohorts, persons)
        self._sessions(cohorts, versions, lecturers)
        self._exams(cohorts, versions)
        for model, table in self.tables.items():
            table.flush()
            self.written[model._meta.label] = table.count
        reset_sequences(self.tables)
        self._lock_sheets()

    def _lock_sheets(self) -> None:
        ScoreSheet.objects.filter(
            exam__cohort__school=self.school,
            exam__cohort__code__startswith=f"{CODE_PREFIX}-",
            status=ScoreSheet.Status.SUBMITTED,
        ).update(
            status=ScoreSheet.Status.LOCKED,
            locked_by=self.office,
            locked_at=timezone.now(),
        )

    # --- people ------------------------------------------------------------

    def _agencies(self) -> list[tuple[int, int]]:
        """(id, level-independent index) of the new agencies, plus the demo
        coordinator's agency last, so that its page has cadres in many cohorts."""
        table = self.table(Agency)
        ids = []
        for n in range(self.sizes.agencies):
            prefix, kind = AGENCY_KINDS[n % len(AGENCY_KINDS)]
            name = f"{prefix} Mẫu {n // len(AGENCY_KINDS) + 1:03d}"
            ids.append(
                table.add(
                    school_id=self.school.pk,
                    name=name,
                    kind=kind,
                    level=Agency.Level.COMMUNE,
                    sort_key=collation_key(name)[:255],
                    search_key=search_key(name)[:255],
                )
            )
        coordinated = Agency.objects.filter(
            school=self.school, name=COORDINATED_AGENCY
        ).values_list("pk", flat=True)
        return ids + list(coordinated)

    def _persons(self, agencies: list[int]) -> list[int]:
        table = self.table(Person)
        theory = list(TheoryLevel.objects.order_by("pk").values_list("pk", flat=True))
        keys: dict[tuple[str, str, str], tuple[str, str, str]] = {}
        ids = []
        for index in range(self.sizes.persons):
            sex = Sex.FEMALE if self.rng.random() < 0.42 else Sex.MALE
            parts = random_name(self.rng, sex=sex)
            if parts not in keys:  # names repeat: compute each one's keys once
                family, middle, given = parts
                full = join_name(
                    family_name=family, middle_name=middle, given_name=given
                )
                keys[parts] = (
                    full,
                    name_sort_key(
                        family_name=family, middle_name=middle, given_name=given
                    ),
                    search_key(full)[:255],
                )
            full, sort, search = keys[parts]
            born = datetime.date(1966 + index % 35, 1, 1) + datetime.timedelta(
                days=self.rng.randrange(365)
            )
            century = (born.year // 100 - 19) * 2 + (sex == Sex.FEMALE)
            ids.append(
                table.add(
                    school_id=self.school.pk,
                    family_name=parts[0],
                    middle_name=parts[1],
                    given_name=parts[2],
                    full_name=full,
                    sort_key=sort,
                    search_key=search,
                    sex=sex,
                    date_of_birth=born,
                    citizen_id=f"{CITIZEN_PREFIX}{century}{born.year % 100:02d}"
                    f"{index:06d}",
                    theory_level_id=theory[index % len(theory)] if theory else None,
                    current_post=POSTS[index % len(POSTS)],
                    agency_id=agencies[index % len(agencies)],
                )
            )
        self.person_agency = {
            pk: agencies[index % len(agencies)] for index, pk in enumerate(ids)
        }
        return ids

    def _lecturers(self, persons: list[int]) -> list[int]:
        """Lecturers are persons never enrolled (index 3i + 1)."""
        table = self.table(Lecturer)
        units = list(
            Unit.objects.filter(school=self.school, is_teaching=True)
            .order_by("position")
            .values_list("pk", flat=True)
        )
        titles = list(Lecturer.Title.values)
        count = min(self.sizes.lecturers, len(persons) // PERSONS_PER_LEARNER)
        return [
            table.add(
                school_id=self.school.pk,
                person_id=persons[PERSONS_PER_LEARNER * i + 1],
                unit_id=units[i % len(units)] if units else None,
                title=titles[i % len(titles)],
            )
            for i in range(max(count, 1))
        ]

    # --- plans and cohorts -------------------------------------------------

    def _versions(self) -> list[tuple[int, str, list[int], list[int]]]:
        """(version id, programme kind, topic ids, assessed module ids) of the
        demo's versions, richest first."""
        found = []
        # Classes are planned with versions in use, never the demo's draft.
        for version in (
            ProgramVersion.objects.filter(program__school=self.school)
            .exclude(status=ProgramVersion.Status.DRAFT)
            .select_related("program")
        ):
            topics = list(
                Topic.objects.filter(module__block__version=version)
                .order_by("module__block__position", "module__position", "position")
                .values_list("pk", flat=True)
            )
            modules = list(
                Module.objects.filter(block__version=version, is_assessed=True)
                .order_by("block__position", "position")
                .values_list("pk", flat=True)
            )
            if topics and modules:
                found.append((version.pk, version.program.kind, topics, modules))
        found.sort(key=lambda v: (-len(v[3]), v[0]))
        return found

    def _cohorts(self, versions: list) -> list[dict[str, Any]]:
        per_year = [0] * YEARS
        for n in range(self.sizes.cohorts):
            per_year[n * YEARS // self.sizes.cohorts] += 1
        site = Site.objects.filter(school=self.school).order_by("pk").first()
        plans = self._plans()
        cohorts = []
        n = 0
        for offset, count in enumerate(per_year):
            year = FIRST_YEAR + offset
            for k in range(count):
                cohorts.append(
                    self._cohort(n, year, k, count, versions, site, plans[year])
                )
                n += 1
        return cohorts

    def _plans(self) -> dict[int, int]:
        table = self.table(TrainingPlan)
        existing = dict(
            TrainingPlan.objects.filter(school=self.school).values_list("year", "pk")
        )
        return {
            year: existing.get(year)
            or table.add(
                school_id=self.school.pk,
                year=year,
                title=f"Kế hoạch đào tạo, bồi dưỡng năm {year}",
                status=TrainingPlan.Status.APPROVED,
            )
            for year in range(FIRST_YEAR, FIRST_YEAR + YEARS)
        }

    def _cohort(
        self, n: int, year: int, k: int, count: int, versions, site, plan_id
    ) -> dict[str, Any]:
        rich = [v for v in versions if len(v[3]) >= EXAMS_PER_COHORT] or versions
        version_id, kind, _topics, _modules = rich[n % len(rich)]
        start = datetime.date(year, 1, 5) + datetime.timedelta(days=k * 340 // count)
        start += datetime.timedelta(days=-start.weekday())  # a Monday
        days = _working_days(start, SESSIONS_PER_COHORT // 2)
        ends = days[-1]
        status = (
            Cohort.Status.FINISHED
            if ends < REFERENCE_DAY
            else Cohort.Status.STUDYING
            if start <= REFERENCE_DAY
            else Cohort.Status.OPEN
        )
        code = f"{CODE_PREFIX}-{year}-{k + 1:03d}"
        name = f"Lớp bồi dưỡng {year} số {k + 1}"
        common = {
            "school_id": self.school.pk,
            "code": code,
            "name": name,
            "program_version_id": version_id,
            "site_id": site.pk,
            "starts_on": start,
            "ends_on": ends,
        }
        planned = self.table(PlannedClass).add(
            plan_id=plan_id,
            mode=PlannedClass.Mode.FULL_TIME,
            planned_size=LEARNERS_PER_COHORT,
            position=k + 1,
            **common,
        )
        pk = self.table(Cohort).add(
            planned_class_id=planned,
            mode=PlannedClass.Mode.FULL_TIME,
            status=status,
            **common,
        )
        return {
            "id": pk,
            "n": n,
            "year": year,
            "code": code,
            "planned": planned,
            "version": version_id,
            "kind": kind,
            "days": days,
            "finished": status == Cohort.Status.FINISHED,
            "learners": [],
        }

    def _rosters(self, cohorts: list[dict], persons: list[int]) -> None:
        nominations, enrollments = self.table(Nomination), self.table(Enrollment)
        quotas = self.table(Quota)
        for cohort in cohorts:
            places: Counter[int] = Counter()
            for k in range(LEARNERS_PER_COHORT):
                j = cohort["n"] * LEARNERS_PER_COHORT + k
                person = persons[(PERSONS_PER_LEARNER * j) % len(persons)]
                agency = self.person_agency[person]
                places[agency] += 1
                nomination = nominations.add(
                    school_id=self.school.pk,
                    person_id=person,
                    agency_id=agency,
                    planned_class_id=cohort["planned"],
                    status=Nomination.Status.ADMITTED,
                    source=Nomination.Source.SHEET,
                    created_by_id=self.office.pk,
                    post=POSTS[j % len(POSTS)],
                )
                cohort["learners"].append(
                    enrollments.add(
                        cohort_id=cohort["id"],
                        person_id=person,
                        nomination_id=nomination,
                        agency_id=agency,
                        learner_code=f"{cohort['code']}-{k + 1:02d}",
                        position=k + 1,
                    )
                )
            for agency, count in sorted(places.items()):
                quotas.add(
                    planned_class_id=cohort["planned"], agency_id=agency, places=count
                )

    # --- teaching ----------------------------------------------------------

    def _sessions(self, cohorts: list[dict], versions, lecturers: list[int]) -> None:
        sessions, attendance = self.table(TeachingSession), self.table(Attendance)
        ledger = self.table(LedgerEntry)
        terms = self._terms(cohorts)
        periods = self._ledger_periods()
        rule_sets = list(HourRuleSet.objects.order_by("valid_from", "pk"))
        busy: set[tuple[int, datetime.date, int]] = set()
        statuses = [Attendance.Status.PRESENT] * 17 + [
            Attendance.Status.LATE,
            Attendance.Status.EXCUSED,
            Attendance.Status.ABSENT,
        ]
        for cohort in cohorts:
            topics = next(v[2] for v in versions if v[0] == cohort["version"])
            shown: Counter[int] = Counter()
            for s in range(SESSIONS_PER_COHORT):
                day, half = cohort["days"][s // 2], s % 2
                topic = topics[s % len(topics)]
                shown[topic] += 1
                lecturer = self._free_lecturer(
                    lecturers, busy, cohort["n"] + s, day, half
                )
                pk = sessions.add(
                    school_id=self.school.pk,
                    term_id=terms[cohort["year"]],
                    cohort_id=cohort["id"],
                    topic_id=topic,
                    index=shown[topic],
                    date=day,
                    half_day=half,
                    lecturer_id=lecturer,
                )
                if day < REFERENCE_DAY:
                    for enrollment in cohort["learners"]:
                        attendance.add(
                            session_id=pk,
                            enrollment_id=enrollment,
                            status=statuses[self.rng.randrange(len(statuses))],
                        )
                rule_set = _in_force(rule_sets, day)
                if lecturer is not None and rule_set is not None:
                    ledger.add(
                        period_id=periods[_school_year(day)],
                        lecturer_id=lecturer,
                        session_id=pk,
                        activity=LedgerEntry.Activity.LECTURE,
                        date=day,
                        quantity=Decimal(5),
                        coefficient=Decimal(1),
                        hours=Decimal(5),
                        rule_set_id=rule_set.pk,
                    )

    @staticmethod
    def _free_lecturer(lecturers, busy, start: int, day, half) -> int | None:
        """The first lecturer from `start` (round robin) free that half-day."""
        for step in range(len(lecturers)):
            lecturer = lecturers[(start * 7 + step) % len(lecturers)]
            if (lecturer, day, half) not in busy:
                busy.add((lecturer, day, half))
                return lecturer
        return None

    def _terms(self, cohorts: list[dict]) -> dict[int, int]:
        table = self.table(Term)
        members = self.table(Term.cohorts.through)
        terms = {}
        for year in sorted({c["year"] for c in cohorts}):
            last = max(c["days"][-1] for c in cohorts if c["year"] == year)
            terms[year] = table.add(
                school_id=self.school.pk,
                name=f"Lịch giảng năm {year}",
                starts_on=datetime.date(year, 1, 1),
                ends_on=max(last, datetime.date(year, 12, 31)),
            )
        for cohort in cohorts:
            members.add(term_id=terms[cohort["year"]], cohort_id=cohort["id"])
        return terms

    def _ledger_periods(self) -> dict[int, int]:
        table = self.table(LedgerPeriod)
        existing = dict(
            LedgerPeriod.objects.filter(school=self.school).values_list(
                "school_year", "pk"
            )
        )
        return {
            year: existing.get(year)
            or table.add(
                school_id=self.school.pk,
                school_year=year,
                is_closed=year < REFERENCE_DAY.year - 1,
            )
            for year in range(FIRST_YEAR - 1, FIRST_YEAR + YEARS)
        }

    # --- assessment --------------------------------------------------------

    def _exams(self, cohorts: list[dict], versions) -> None:
        exams, sheets, scores = (
            self.table(Exam),
            self.table(ScoreSheet),
            self.table(Score),
        )
        rule_sets: dict[tuple[str, int], int] = {}
        for cohort in cohorts:
            if not cohort["finished"]:
                continue
            modules = next(v[3] for v in versions if v[0] == cohort["version"])
            held_on = cohort["days"][-1]
            key = (cohort["kind"], held_on.year)
            if key not in rule_sets:
                rule_sets[key] = rule_set_for(program_kind=key[0], on=held_on).pk
            for m in range(EXAMS_PER_COHORT):
                exam = exams.add(
                    school_id=self.school.pk,
                    cohort_id=cohort["id"],
                    module_id=modules[m % len(modules)],
                    rule_set_id=rule_sets[key],
                    held_on=held_on,
                    attempt=m // len(modules) + 1,
                    kind=Exam.Kind.REGULAR if m < len(modules) else Exam.Kind.RETAKE,
                )
                # Submitted now, locked once its lines are in (`_lock_sheets`):
                # the database refuses lines inserted into a locked sheet.
                sheet = sheets.add(
                    exam_id=exam,
                    status=ScoreSheet.Status.SUBMITTED,
                    submitted_by_id=self.office.pk,
                )
                for enrollment in cohort["learners"]:
                    value = Decimal(self.rng.randrange(50, 100)) / 10
                    scores.add(
                        sheet_id=sheet,
                        enrollment_id=enrollment,
                        attendance=value,
                        test=value,
                        exam=value,
                        result=value,
                    )


def _working_days(start: datetime.date, count: int) -> list[datetime.date]:
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def _school_year(day: datetime.date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def _in_force(rule_sets: list, day: datetime.date) -> Any:
    found = None
    for rule_set in rule_sets:
        if rule_set.valid_from <= day and (
            rule_set.valid_to is None or rule_set.valid_to >= day
        ):
            found = rule_set
    return found or (rule_sets[0] if rule_sets else None)

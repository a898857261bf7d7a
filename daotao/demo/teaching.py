"""The demo school's teaching data: lecturers and what they may teach, rooms and
travel between the sites, a few absences, the 2027 cohorts and their first term.

Everything is found by a natural key first, so a second run creates nothing. No
teaching session is made here: the schedule engine fills the term.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from daotao.demo.cycle import CAMPUS, OFF_SITE, YEAR
from daotao.demo.planning import Planned
from daotao.documents.services import issuer_ensure_default
from daotao.enrolment import services as enrolment
from daotao.enrolment.models import Cohort, Nomination
from daotao.enrolment.services.eligibility import (
    Reference,
    evaluate_with,
    rule_set_for_class,
)
from daotao.faculty import services as faculty
from daotao.faculty.models import Lecturer, Unavailability
from daotao.org.models import Room, Site, Unit
from daotao.people.models import Person
from daotao.planning.models import PlannedClass, Quota
from daotao.programs.models import Topic
from daotao.teaching.models import SiteTravel, Term
from daotao.teaching.services.scheduling import term_create

LECTURERS_PER_UNIT = 8
MODULES_PER_LECTURER = 3
# The TC LLCT học phần each faculty teaches (by module code).
UNIT_MODULES = {
    "LLCS": ["I.1", "I.2", "I.3", "I.4", "III.1", "III.3"],
    "XDĐ": ["II.1", "II.2", "IV.1", "IV.2", "IV.4", "V.2"],
    "NNPL": ["II.3", "II.4", "III.2", "IV.3", "V.1"],
}
ROOMS = {
    CAMPUS: [
        ("Hội trường A", 120),
        ("Phòng học 201", 60),
        ("Phòng học 202", 60),
        ("Phòng học 203", 50),
        ("Phòng học 301", 45),
        ("Phòng học 302", 40),
        ("Phòng thảo luận 303", 40),
    ],
    OFF_SITE: [("Hội trường Đảng ủy xã", 120)],
}
# (unit, index among its lecturers, kind, first day, days, part, note)
ABSENCES = [
    (
        "XDĐ",
        3,
        Unavailability.Kind.FIELD_PRACTICE,
        datetime.date(2027, 4, 19),
        5,
        Unavailability.Part.WHOLE_DAY,
        "Đi thực tế tại xã Ngọc Lặc theo kế hoạch của khoa",
    ),
    (
        "LLCS",
        4,
        Unavailability.Kind.TRIP,
        datetime.date(2027, 5, 10),
        3,
        Unavailability.Part.WHOLE_DAY,
        "Công tác tại Học viện Chính trị quốc gia Hồ Chí Minh",
    ),
    (
        "NNPL",
        2,
        Unavailability.Kind.STUDY,
        datetime.date(2027, 4, 5),
        12,
        Unavailability.Part.AFTERNOON,
        "Bồi dưỡng nghiệp vụ sư phạm buổi chiều",
    ),
    (
        "NNPL",
        5,
        Unavailability.Kind.FIELD_PRACTICE,
        datetime.date(2027, 5, 24),
        4,
        Unavailability.Part.WHOLE_DAY,
        "Đi thực tế tại đảo Hòn Mê",
    ),
]
COHORT_CODES = {"TC-2027-01": "K63A", "TC-2027-02": "K63B", "TC-2027-03": "K63C"}
TERM_NAME = f"Học kỳ I năm {YEAR}"
TERM_DATES = (datetime.date(YEAR, 4, 5), datetime.date(YEAR, 6, 4))


def ensure_teaching(
    *,
    school: Any,
    office: Any,
    persons: dict[str, Person],
    lecturers: list[Planned],
    homeroom_person: Person,
    learner_person: Person | None = None,
) -> Counter[str]:
    """Lecturers, rooms, travel, absences, cohorts and the term; returns what it
    created, by kind."""
    created: Counter[str] = Counter()
    created["giảng viên"], by_unit = _lecturers(school, office, persons, lecturers)
    created["phòng học"], created["quãng đường giữa hai địa điểm"] = _rooms_and_travel(
        school
    )
    created["lịch bận"] = _absences(office, by_unit)
    cohorts, created["lớp học"] = _cohorts(school, office, learner_person)
    created["giảng viên chủ nhiệm lớp"] = _homerooms(
        office, cohorts, by_unit, homeroom_person
    )
    created["đợt xếp lịch"] = _term(school, office, cohorts)
    return created


def _title(index: int, post: str) -> str:
    """The head is senior, the deputy principal; the youngest hire a trainee; the
    rest follow the post their person record holds."""
    if index == 0:
        return Lecturer.Title.SENIOR
    if index == LECTURERS_PER_UNIT - 1:
        return Lecturer.Title.TRAINEE
    if index == 1 or "Giảng viên chính" in post:
        return Lecturer.Title.PRINCIPAL
    return Lecturer.Title.LECTURER


def _topics_by_module(school: Any) -> dict[str, list[int]]:
    """Module code → the topic ids of every TC LLCT version in use."""
    topics: dict[str, list[int]] = {}
    for pk, code in Topic.objects.filter(
        module__block__version__program__school=school,
        module__block__version__program__code="TCLLCT",
        module__block__version__status="in_use",
    ).values_list("pk", "module__code"):
        topics.setdefault(code, []).append(pk)
    return topics


def _lecturers(
    school: Any, office: Any, persons: dict[str, Person], planned: list[Planned]
) -> tuple[int, dict[str, list[Lecturer]]]:
    units = {u.abbreviation: u for u in Unit.objects.filter(school=school)}
    topics = _topics_by_module(school)
    existing = {
        lecturer.person_id: lecturer
        for lecturer in Lecturer.objects.filter(school=school)
    }
    created = 0
    by_unit: dict[str, list[Lecturer]] = {}
    for abbreviation, modules in UNIT_MODULES.items():
        pool = [p for p in planned if p.unit == abbreviation][:LECTURERS_PER_UNIT]
        for index, plan in enumerate(pool):
            person = persons[plan.values["citizen_id"]]
            lecturer = existing.get(person.pk)
            if lecturer is None:
                count = MODULES_PER_LECTURER + (index == 0)
                chosen = [modules[(index + j) % len(modules)] for j in range(count)]
                ids = tuple(pk for code in chosen for pk in topics.get(code, []))
                lecturer = faculty.lecturer_create(
                    actor=office,
                    person=person,
                    data=faculty.LecturerData(
                        title=_title(index, plan.values["current_post"]),
                        unit_id=units[abbreviation].pk,
                        is_concurrent=False,
                        topic_ids=ids,
                        preferred_topic_ids=tuple(topics.get(chosen[0], [])),
                    ),
                )
                created += 1
            by_unit.setdefault(abbreviation, []).append(lecturer)
    return created, by_unit


def _rooms_and_travel(school: Any) -> tuple[int, int]:
    sites = {s.name: s for s in Site.objects.filter(school=school)}
    created = travels = 0
    for site_name, rooms in ROOMS.items():
        for name, capacity in rooms:
            _room, is_new = Room.objects.get_or_create(
                site=sites[site_name], name=name, defaults={"capacity": capacity}
            )
            created += is_new
    campus, off_site = sites[CAMPUS], sites[OFF_SITE]
    for origin, destination in ((campus, off_site), (off_site, campus)):
        _travel, is_new = SiteTravel.objects.get_or_create(
            from_site=origin, to_site=destination, defaults={"half_days": 1}
        )
        travels += is_new
    return created, travels


def _absences(office: Any, by_unit: dict[str, list[Lecturer]]) -> int:
    created = 0
    for unit, index, kind, first, days, part, note in ABSENCES:
        lecturer = by_unit[unit][index]
        last = first + datetime.timedelta(days=days - 1)
        if lecturer.unavailabilities.filter(starts_on=first, kind=kind).exists():
            continue
        faculty.unavailability_add(
            actor=office,
            lecturer=lecturer,
            data=faculty.UnavailabilityData(
                starts_on=first, ends_on=last, kind=kind, part=part, note=note
            ),
        )
        created += 1
    return created


def _eligible_people(planned: PlannedClass, agency_id: int, taken: set[int]) -> list:
    """Persons of the agency who pass every eligibility rule of the class, in
    Vietnamese name order, not nominated to another class of the plan."""
    rule_set, reference = rule_set_for_class(planned), Reference.load()
    eligible = []
    candidates = Person.objects.filter(agency_id=agency_id).exclude(pk__in=taken)
    for person in candidates.order_by("sort_key", "id"):
        trial = Nomination(
            planned_class=planned,
            person=person,
            rating_previous_year="good",
            rating_year_before="good",
            is_post_qualifying=True,
        )
        results = evaluate_with(trial, rule_set=rule_set, reference=reference)
        if all(result["passed"] for result in results):
            eligible.append(person)
    return eligible


def _nominate(
    planned: PlannedClass, office: Any, taken: set[int], first: Person | None
) -> None:
    for quota in Quota.objects.filter(planned_class=planned).order_by("agency_id"):
        people = _eligible_people(planned, quota.agency_id, taken)
        if first is not None and first in people:
            people.remove(first)
            people.insert(0, first)
        for person in people[: quota.places]:
            nomination = enrolment.nomination_submit(
                actor=office,
                planned_class=planned,
                agency_id=quota.agency_id,
                person=person,
                data=enrolment.NominationData(
                    rating_previous_year="good",
                    rating_year_before="excellent",
                    is_post_qualifying=True,
                    sending_document_number=f"{person.pk % 90 + 10}-CV/ĐU",
                    sending_document_date=planned.starts_on
                    - datetime.timedelta(days=45),
                ),
            )
            enrolment.nomination_check(actor=office, nomination=nomination)
            taken.add(person.pk)


def _cohorts(
    school: Any, office: Any, learner: Person | None
) -> tuple[list[Cohort], int]:
    """The cohort of every class of the plan, admitted once from eligible nominees."""
    classes = PlannedClass.objects.filter(
        school=school, plan__year=YEAR, code__in=COHORT_CODES
    ).order_by("code")
    taken = set(
        Nomination.objects.filter(
            planned_class__in=classes,
            status__in=[Nomination.Status.CHECKED, Nomination.Status.ADMITTED],
        ).values_list("person_id", flat=True)
    )
    issuer = issuer_ensure_default(school=school)
    drafting_unit = Unit.objects.get(school=school, abbreviation="QLĐT")
    cohorts, created = [], 0
    for position, planned in enumerate(classes):
        cohort = Cohort.objects.filter(planned_class=planned).first()
        if cohort is None:
            _nominate(planned, office, taken, learner if position == 0 else None)
            cohort = enrolment.cohort_admit(
                actor=office,
                planned_class=planned,
                code=COHORT_CODES[planned.code],
                issuer=issuer,
                drafting_unit_id=drafting_unit.pk,
                signer_title="HIỆU TRƯỞNG",
            )
            created += 1
        cohorts.append(cohort)
    return cohorts, created


def _homerooms(
    office: Any,
    cohorts: list[Cohort],
    by_unit: dict[str, list[Lecturer]],
    homeroom: Person,
) -> int:
    """The homeroom lecturer of each cohort without one: the demo homeroom user's
    lecturer for the first, senior lecturers of other faculties for the rest."""
    others = [by_unit["XDĐ"][1], by_unit["NNPL"][1]]
    choices = [Lecturer.objects.get(person=homeroom), *others]
    created = 0
    for cohort, lecturer in zip(cohorts, choices, strict=False):
        if cohort.homeroom_lecturer_id is None:
            cohort.homeroom_lecturer = enrolment.cohort_teaching_update(
                actor=office,
                cohort=cohort,
                homeroom_lecturer=lecturer,
                study_weekdays=cohort.study_weekdays,
                status=cohort.status,
            ).homeroom_lecturer
            created += 1
    return created


def _term(school: Any, office: Any, cohorts: list[Cohort]) -> int:
    if Term.objects.filter(school=school, name=TERM_NAME).exists():
        return 0
    starts, ends = TERM_DATES
    studying = [c for c in cohorts if c.starts_on <= starts and ends <= c.ends_on]
    term_create(
        actor=office,
        school_id=school.pk,
        name=TERM_NAME,
        starts_on=starts,
        ends_on=ends,
        cohorts=studying,
    )
    return 1

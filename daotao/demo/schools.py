"""Two more provincial schools in the demo database (issue 20): Nghệ An and Hà Tĩnh.

Each is small: its units, document issuer, catalogue and credential wording (as
`school_create` makes them), a few agencies and cadres, staff logins named
`<role>.<school>`, lecturers, an approved plan of one class with quotas, the
cohort admitted from checked nominees, a term and a research topic. Built from the
same services as Thanh Hóa; found by natural keys, so a second run creates
nothing. The supervisor `giamsat` (no school) sees all three.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from daotao.accounts.services import membership_grant, user_ensure
from daotao.core.access import Role
from daotao.credentials.models import Kind as CredentialKind
from daotao.credentials.services.templates import credential_template_for
from daotao.demo.data import IN_FORCE_ON, PASSWORD, UNITS
from daotao.demo.teaching import _eligible_people
from daotao.documents.services import issuer_ensure_default
from daotao.enrolment import services as enrolment
from daotao.enrolment.models import Cohort
from daotao.faculty import services as faculty
from daotao.faculty.models import Lecturer
from daotao.org import services as org
from daotao.org.models import (
    Agency,
    Area,
    EducationLevel,
    Ethnicity,
    Religion,
    Site,
    TheoryLevel,
    Unit,
)
from daotao.people.models import Person, Sex
from daotao.people.services import PersonData, person_create
from daotao.planning import services as planning
from daotao.planning.models import TrainingPlan
from daotao.programs.catalogue import program_catalogue_ensure
from daotao.programs.models import ProgramVersion
from daotao.research.models import ResearchTopic
from daotao.research.services.topics import TopicData, topic_create
from daotao.teaching.models import Term
from daotao.teaching.services.scheduling import term_create

YEAR = 2027
CLASS_STARTS = datetime.date(2027, 3, 8)
CLASS_ENDS = datetime.date(2027, 9, 8)
TERM_ENDS = datetime.date(2027, 3, 26)
# (role, login prefix, unit, what the login sees); the login is `<prefix>.<key>`.
STAFF = [
    (Role.ADMINISTRATOR, "quantri", "", "Toàn trường; tài khoản và phân quyền"),
    (Role.LEADERSHIP, "bgh", "", "Toàn trường: xem, phê duyệt, ký"),
    (Role.TRAINING_OFFICE, "daotao", "QLĐT", "Kế hoạch, tuyển sinh, lịch, văn bằng"),
    (Role.LECTURER, "giangvien", "XDĐ", "Lịch giảng và giờ chuẩn của mình"),
    (Role.AGENCY_COORDINATOR, "coquan", "", "Chỉ cán bộ của cơ quan mình"),
]
# (family, middle, given, sex, year of birth): cadres of the agencies in turn.
CADRES = [
    ("Nguyễn", "Văn", "Hùng", Sex.MALE, 1984),
    ("Trần", "Thị", "Lan", Sex.FEMALE, 1988),
    ("Lê", "Đình", "Phúc", Sex.MALE, 1986),
    ("Phan", "Thị", "Hoa", Sex.FEMALE, 1990),
    ("Hồ", "Sỹ", "Tâm", Sex.MALE, 1983),
    ("Đặng", "Thị", "Mai", Sex.FEMALE, 1987),
]
LECTURERS = [
    ("Võ", "Văn", "Thành", Sex.MALE, 1975, "XDĐ"),
    ("Nguyễn", "Thị", "Hằng", Sex.FEMALE, 1980, "LLCS"),
]


@dataclass(frozen=True)
class DemoSchool:
    key: str  # the logins' suffix
    province_code: str
    name: str
    governing_body: str
    place_name: str
    address: str
    agencies: tuple[tuple[str, str], ...]  # (name, kind)
    class_code: str
    cohort_code: str
    topic_title: str


SCHOOLS = [
    DemoSchool(
        key="nghean",
        province_code="040",
        name="Trường Chính trị tỉnh Nghệ An",
        governing_body="TỈNH ỦY NGHỆ AN",
        place_name="Nghệ An",
        address="Phường Trường Vinh, tỉnh Nghệ An",
        agencies=(
            ("Đảng ủy phường Trường Vinh", Agency.Kind.PARTY),
            ("UBND xã Diễn Châu", Agency.Kind.GOVERNMENT),
        ),
        class_code="TC-2027-NA1",
        cohort_code="K45A",
        topic_title="Nâng cao chất lượng sinh hoạt chi bộ ở các xã miền tây Nghệ An",
    ),
    DemoSchool(
        key="hatinh",
        province_code="042",
        name="Trường Chính trị tỉnh Hà Tĩnh",
        governing_body="TỈNH ỦY HÀ TĨNH",
        place_name="Hà Tĩnh",
        address="Phường Thành Sen, tỉnh Hà Tĩnh",
        agencies=(
            ("Đảng ủy phường Thành Sen", Agency.Kind.PARTY),
            ("UBND xã Cẩm Xuyên", Agency.Kind.GOVERNMENT),
        ),
        class_code="TC-2027-HT1",
        cohort_code="K38A",
        topic_title="Đào tạo cán bộ cấp xã sau sắp xếp đơn vị hành chính ở Hà Tĩnh",
    ),
]


def demo_logins() -> list[tuple[str, str, str]]:
    """(role label, login, what it sees) of every login of these schools."""
    return [
        (str(role.label), f"{prefix}.{spec.key}", f"{spec.place_name}: {sees}")
        for spec in SCHOOLS
        for role, prefix, _unit, sees in STAFF
    ]


def ensure_schools() -> Counter[str]:
    """Every school of SCHOOLS with its records; how many rows of each kind it made."""
    created: Counter[str] = Counter()
    for spec in SCHOOLS:
        _ensure_school(spec, created)
    return created


def _ensure_school(spec: DemoSchool, created: Counter[str]) -> None:
    province = Area.objects.in_force_on(IN_FORCE_ON).get(
        level=Area.Level.PROVINCE, code=spec.province_code
    )
    school, is_new = org.school_ensure(
        province=province,
        name=spec.name,
        short_name="TRƯỜNG CHÍNH TRỊ",
        abbreviation="TrCT",
        governing_body=spec.governing_body,
        place_name=spec.place_name,
        address=spec.address,
    )
    created["trường"] += is_new
    created["chương trình"] += program_catalogue_ensure(school=school)
    issuer = issuer_ensure_default(school=school)
    for kind in CredentialKind.values:
        credential_template_for(school_id=school.pk, kind=kind)
    units = {}
    for position, (name, abbreviation, kind, teaching) in enumerate(UNITS, 1):
        units[abbreviation], is_new = org.unit_ensure(
            school=school,
            name=name,
            abbreviation=abbreviation,
            kind=kind,
            is_teaching=teaching,
            position=position,
        )
        created["khoa, phòng"] += is_new
    agencies = []
    for name, kind in spec.agencies:
        agency, is_new = org.agency_ensure(
            school=school,
            name=name,
            kind=kind,
            level=Agency.Level.COMMUNE,
            area=province,
        )
        agencies.append(agency)
        created["cơ quan"] += is_new
    users = _logins(spec, school, units, agencies[0], created)
    office = users["daotao"]
    _people(spec, office, school, agencies, created)
    lecturers = _lecturers(spec, office, school, units, users["giangvien"], created)
    cohort = _cohort(spec, office, users["bgh"], school, agencies, issuer, units)
    created["lớp"] += cohort is not None
    _term_and_topic(spec, office, school, cohort, lecturers, users, created)


def _logins(
    spec: DemoSchool,
    school: Any,
    units: dict[str, Unit],
    agency: Agency,
    created: Counter[str],
) -> dict[str, Any]:
    users = {}
    for role, prefix, unit, _sees in STAFF:
        user, is_new = user_ensure(
            username=f"{prefix}.{spec.key}",
            password=PASSWORD,
            display_name=f"{role.label} ({spec.place_name})",
            is_staff=role == Role.ADMINISTRATOR,
        )
        scope = {
            "school_id": school.pk,
            "unit_id": units[unit].pk if unit else None,
            "agency_id": agency.pk if role == Role.AGENCY_COORDINATOR else None,
        }
        if not user.memberships.filter(role=role, **scope).exists():
            membership_grant(actor=None, user=user, role=role, **scope)
            created["vai trò"] += 1
        created["tài khoản"] += is_new
        users[prefix] = user
    return users


def _citizen_id(spec: DemoSchool, born: int, sex: str, index: int) -> str:
    """A CCCD-shaped number: province, century and sex, year, then a serial."""
    century_sex = ("0" if sex == Sex.MALE else "1") if born < 2000 else "2"
    return f"{spec.province_code}{century_sex}{born % 100:02d}{index:06d}"


def _person(
    spec: DemoSchool,
    actor: Any,
    school: Any,
    values: tuple,
    index: int,
    *,
    agency: Agency | None,
    theory: str,
    education: str,
    post: str,
) -> tuple[Person, bool]:
    family, middle, given, sex, born = values[:5]
    number = _citizen_id(spec, born, sex, index)
    existing = Person.objects.filter(school=school, citizen_id=number).first()
    if existing is not None:
        return existing, False
    joined = datetime.date(born + 25, 5, 19)
    data = PersonData(
        family_name=family,
        middle_name=middle,
        given_name=given,
        sex=sex,
        date_of_birth=datetime.date(born, 3, 1 + index % 28),
        citizen_id=number,
        party_joined_on=joined,
        party_official_on=joined.replace(year=joined.year + 1),
        current_post=post,
        agency_id=agency.pk if agency else None,
        ethnicity_id=Ethnicity.objects.get(code="01").pk,
        religion_id=Religion.objects.get(code="00").pk,
        education_level_id=EducationLevel.objects.get(code=education).pk,
        theory_level_id=TheoryLevel.objects.get(code=theory).pk,
    )
    return person_create(actor=actor, school_id=school.pk, data=data), True


def _people(
    spec: DemoSchool,
    actor: Any,
    school: Any,
    agencies: list[Agency],
    created: Counter[str],
) -> None:
    for index, values in enumerate(CADRES, 1):
        _person_made, is_new = _person(
            spec,
            actor,
            school,
            values,
            index,
            agency=agencies[index % len(agencies)],
            theory="SC",
            education="DH",
            post="Chuyên viên",
        )
        created["cán bộ"] += is_new


def _lecturers(
    spec: DemoSchool,
    actor: Any,
    school: Any,
    units: dict[str, Unit],
    login: Any,
    created: Counter[str],
) -> list[Lecturer]:
    """The school's lecturers; the first is the `giangvien` login's person."""
    lecturers = []
    for index, values in enumerate(LECTURERS, 101):
        person, _is_new = _person(
            spec,
            actor,
            school,
            values,
            index,
            agency=None,
            theory="CC",
            education="THS",
            post="Giảng viên",
        )
        lecturer = Lecturer.objects.filter(person=person).first()
        if lecturer is None:
            lecturer = faculty.lecturer_create(
                actor=actor,
                person=person,
                data=faculty.LecturerData(unit_id=units[values[5]].pk),
            )
            created["giảng viên"] += 1
        lecturers.append(lecturer)
    if login.person_id is None:
        login.person = lecturers[0].person
        login.save(update_fields=["person"])
    return lecturers


def _cohort(
    spec: DemoSchool,
    office: Any,
    leader: Any,
    school: Any,
    agencies: list[Agency],
    issuer: Any,
    units: dict[str, Unit],
) -> Cohort | None:
    """The approved plan of one class, quotas for each agency, checked nominees
    and the cohort admitted from them (None when it was there already)."""
    if Cohort.objects.filter(school=school, code=spec.cohort_code).exists():
        return None
    site, _is_new = Site.objects.get_or_create(
        school=school,
        name=f"Cơ sở chính, {spec.name}",
        defaults={"kind": Site.Kind.CAMPUS, "address": spec.address},
    )
    plan = TrainingPlan.objects.filter(school=school, year=YEAR).first()
    if plan is None:
        plan = planning.plan_create(
            actor=office,
            school_id=school.pk,
            year=YEAR,
            title=f"Kế hoạch đào tạo, bồi dưỡng cán bộ năm {YEAR}",
        )
    version = ProgramVersion.objects.filter(
        program__school=school, program__code="TCLLCT", mode="full_time"
    ).first() or ProgramVersion.objects.get(
        program__school=school, program__code="TCLLCT"
    )
    planned = planning.planned_class_add(
        actor=office,
        plan=plan,
        data=planning.PlannedClassData(
            code=spec.class_code,
            name=f"Trung cấp lý luận chính trị {spec.cohort_code} (tập trung)",
            program_version_id=version.pk,
            mode="full_time",
            site_id=site.pk,
            planned_size=40,
            starts_on=CLASS_STARTS,
            ends_on=CLASS_ENDS,
            target_group="Cán bộ cấp xã",
        ),
    )
    for agency in agencies:
        planning.quota_set(
            actor=office, planned_class=planned, agency_id=agency.pk, places=3
        )
    planning.plan_submit(actor=office, plan=plan)
    planning.plan_approve(actor=leader, plan=plan)
    taken: set[int] = set()
    for agency in agencies:
        for person in _eligible_people(planned, agency.pk, taken)[:3]:
            nomination = enrolment.nomination_submit(
                actor=office,
                planned_class=planned,
                agency_id=agency.pk,
                person=person,
                data=enrolment.NominationData(
                    rating_previous_year="good",
                    rating_year_before="good",
                    is_post_qualifying=True,
                    sending_document_number=f"{person.pk % 90 + 10}-CV/ĐU",
                    sending_document_date=CLASS_STARTS - datetime.timedelta(days=45),
                ),
            )
            enrolment.nomination_check(actor=office, nomination=nomination)
            taken.add(person.pk)
    return enrolment.cohort_admit(
        actor=office,
        planned_class=planned,
        code=spec.cohort_code,
        issuer=issuer,
        drafting_unit_id=units["QLĐT"].pk,
        signer_title="HIỆU TRƯỞNG",
    )


def _term_and_topic(
    spec: DemoSchool,
    office: Any,
    school: Any,
    cohort: Cohort | None,
    lecturers: list[Lecturer],
    users: dict[str, Any],
    created: Counter[str],
) -> None:
    name = "Tháng 3/2027"
    if cohort is not None and not Term.objects.filter(school=school, name=name):
        term_create(
            actor=office,
            school_id=school.pk,
            name=name,
            starts_on=CLASS_STARTS,
            ends_on=TERM_ENDS,
            cohorts=[cohort],
        )
        created["đợt học"] += 1
    code = f"ĐT-{YEAR}-01"
    if not ResearchTopic.objects.filter(school=school, code=code).exists():
        topic_create(
            actor=users["quantri"],
            school_id=school.pk,
            data=TopicData(
                code=code,
                title=spec.topic_title,
                level=ResearchTopic.Level.SCHOOL,
                leader_id=lecturers[0].pk,
                member_ids=(lecturers[1].pk,),
                starts_on=datetime.date(YEAR, 1, 15),
                ends_on=datetime.date(YEAR, 12, 15),
                budget=30_000_000,
            ),
        )
        created["đề tài"] += 1

"""`manage.py seed_demo`: one believable provincial school to try DaoTao with.

Deterministic (random.Random(2026); every date comes from the constants below) and
idempotent: rows are found by their natural keys, so a second run creates nothing
and says so. Names of communes and agencies are plausible for Thanh Hóa after the
2025 reform, not an official list; every person is invented.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from daotao.accounts.services import membership_grant, user_ensure
from daotao.core.access import Role
from daotao.core.actors import Actor
from daotao.demo.academy import ensure_period_reports
from daotao.demo.autumn import ensure_autumn
from daotao.demo.conference import ensure_conference
from daotao.demo.cycle import ensure_cycle
from daotao.demo.data import (
    COMMUNES,
    FIRST_DAY_NEW,
    HISTORICAL_AGENCIES,
    IN_FORCE_ON,
    LAST_DAY_OLD,
    PASSWORD,
    PROVINCE_CODE,
    PROVINCIAL_AGENCIES,
    SCHOOL,
    UNITS,
    URL,
)
from daotao.demo.documents import ensure_documents
from daotao.demo.drafts import ensure_drafts
from daotao.demo.graduation import ensure_graduation
from daotao.demo.papers import ensure_papers
from daotao.demo.planning import (
    commune_agency_names,
    plan_people,
    random_name,
)
from daotao.demo.schools import demo_logins, ensure_schools
from daotao.demo.staff_development import ensure_rotation, ensure_staff_development
from daotao.demo.standards import ensure_standards
from daotao.demo.support import ensure_support
from daotao.demo.teaching import ensure_teaching
from daotao.demo.todo import ensure_waiting_work
from daotao.demo.users import DEMO_USERS, DemoUser, linked_person
from daotao.demo.website import ensure_website
from daotao.org import services as org
from daotao.org.models import (
    Agency,
    Area,
    EducationLevel,
    Ethnicity,
    Religion,
    TheoryLevel,
    Unit,
)
from daotao.people.models import Person, Sex
from daotao.people.services import PersonData, person_create


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu của một trường chính trị tỉnh (chạy lại không tạo trùng)."

    def handle(self, *args: Any, **options: Any) -> None:
        cadres, lecturers, rng = plan_people()
        names = {
            u.username: " ".join(
                random_name(rng, sex=rng.choice([Sex.MALE, Sex.FEMALE]))
            )
            for u in DEMO_USERS
        }
        created: Counter[str] = Counter()
        self.users_created: Counter[str] = Counter()
        with transaction.atomic():
            province = self._province()
            school, is_new = org.school_ensure(province=province, **SCHOOL)
            created["trường"] += is_new
            units = self._units(school, created)
            agencies = self._agencies(school, province, created)
            # The administrator is the actor who records every person.
            admin = self._user(DEMO_USERS[0], names, None, school, units, agencies)
            persons, created["cán bộ"] = self._people(
                admin, school, agencies, cadres + lecturers
            )
            # The school's plans go through the province (docs/adr/0037).
            if not school.plans_approved_by_province:
                school = org.school_identity_update(
                    actor=admin, school=school, plans_approved_by_province=True
                )
            users = {}
            for spec in DEMO_USERS[1:]:
                planned = linked_person(spec, cadres, lecturers)
                person = persons[planned.values["citizen_id"]] if planned else None
                users[spec.username] = self._user(
                    spec, names, person, school, units, agencies
                )
            created.update(self.users_created)
            created["chương trình, kế hoạch"] = ensure_cycle(
                school=school,
                office=users["daotao"],
                board=users["bantochuc"],
                agencies=agencies,
            )
            _issuer, created["văn bản"] = ensure_documents(
                school=school,
                unit=units["QLĐT"],
                drafter=users["daotao"],
                leader=users["bgh"],
            )
            created["cổng thông tin"] = ensure_website(
                school=school, editor=users["bientap"]
            )
            created += ensure_teaching(
                school=school,
                office=users["daotao"],
                persons=persons,
                lecturers=lecturers,
                homeroom_person=users["chunhiem"].person,
                learner_person=users["hocvien"].person,
            )
            # Before the autumn schedule is made: the engine leaves them out.
            created += ensure_rotation(school=school, office=users["daotao"])
            created += ensure_autumn(
                school=school,
                office=users["daotao"],
                board=users["bantochuc"],
                agencies=agencies,
                head=users["truongkhoa"].person,
                lecturer=users["giangvien"].person,
            )
            conference = ensure_conference(school=school, office=users["nckh"])
            created += ensure_papers(
                conference=conference,
                office=users["nckh"],
                unit=units["QLĐT"],
                signer_name=users["bgh"].display_name,
            )
            created += ensure_graduation(
                school=school,
                office=users["daotao"],
                leader=users["bgh"],
                board=users["bantochuc"],
                head=users["truongkhoa"],
                coordinator=users["coquan"],
                agencies=agencies,
            )
            created += ensure_staff_development(
                school=school,
                office=users["daotao"],
                leader=users["bgh"],
                head=users["truongkhoa"].person,
                lecturer=users["giangvien"].person,
            )
            created += ensure_support(
                school=school, office=users["daotao"], leader=users["bgh"]
            )
            created += ensure_standards(school=school, office=users["daotao"])
            created += ensure_waiting_work(
                school=school,
                office=users["daotao"],
                board=users["bantochuc"],
                coordinator=users["coquan"],
                agencies=agencies,
                learner=users["hocvien"],
                editor=users["bientap"],
            )
            created += ensure_drafts(school=school, office=users["daotao"])
            # Two more provincial schools beside this one (issue 20).
            created += ensure_schools()
            # What two of them sent the Academy (the supervisor's comparison).
            created += ensure_period_reports()
        self._report(created)

    def _province(self) -> Area:
        province = (
            Area.objects.in_force_on(IN_FORCE_ON)
            .filter(level=Area.Level.PROVINCE, code=PROVINCE_CODE)
            .first()
        )
        missing = [
            model._meta.verbose_name
            for model, code in (
                (Ethnicity, "01"),
                (Religion, "00"),
                (EducationLevel, "DH"),
                (TheoryLevel, "TC"),
            )
            if not model.objects.filter(code=code).exists()
        ]
        if province is None or missing:
            raise CommandError(
                "Chưa có danh mục tỉnh và danh mục dùng chung; "
                "hãy chạy `manage.py migrate` trước."
            )
        return province

    def _units(self, school: Any, created: Counter[str]) -> dict[str, Unit]:
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
        return units

    def _agencies(
        self, school: Any, province: Area, created: Counter[str]
    ) -> dict[str, Agency]:
        agencies: dict[str, Agency] = {}
        for name, kind, (area_kind, area_name), _successor in HISTORICAL_AGENCIES:
            district, is_new = org.area_ensure(
                name=area_name,
                kind=area_kind,
                parent=province,
                level=Area.Level.DISTRICT,
                valid_to=LAST_DAY_OLD,
            )
            created["địa bàn"] += is_new
            agencies[name], is_new = org.agency_ensure(
                school=school,
                name=name,
                kind=kind,
                level=Agency.Level.DISTRICT,
                area=district,
                valid_to=LAST_DAY_OLD,
            )
            created["cơ quan"] += is_new
        predecessors = {succ: name for name, *_, succ in HISTORICAL_AGENCIES}
        for name, short_name, kind, _posts in PROVINCIAL_AGENCIES:
            agencies[name], is_new = org.agency_ensure(
                school=school,
                name=name,
                short_name=short_name,
                kind=kind,
                level=Agency.Level.PROVINCE,
                area=province,
            )
            created["cơ quan"] += is_new
        communes = {}
        for name, commune, kind, _posts, _bounds in commune_agency_names():
            if commune not in communes:
                commune_kind = dict((n, k) for n, k, _m in COMMUNES)[commune]
                communes[commune], is_new = org.area_ensure(
                    name=commune,
                    kind=commune_kind,
                    parent=province,
                    valid_from=FIRST_DAY_NEW,
                )
                created["địa bàn"] += is_new
            agencies[name], is_new = org.agency_ensure(
                school=school,
                name=name,
                kind=kind,
                level=Agency.Level.COMMUNE,
                area=communes[commune],
                valid_from=FIRST_DAY_NEW,
                predecessors=[
                    agencies[p] for p in [predecessors.get(name)] if p is not None
                ],
            )
            created["cơ quan"] += is_new
        return agencies

    def _people(
        self, actor: Actor, school: Any, agencies: dict[str, Agency], planned: list
    ) -> tuple[dict[str, Person], int]:
        """Create the planned persons not there yet; all of them by citizen id."""
        codes = {
            model: dict(model.objects.values_list("code", "id"))
            for model in (Ethnicity, Religion, EducationLevel, TheoryLevel)
        }
        existing = {
            p.citizen_id: p
            for p in Person.objects.filter(
                school=school, citizen_id__in=[p.values["citizen_id"] for p in planned]
            )
        }
        count = 0
        for person in planned:
            number = person.values["citizen_id"]
            if number in existing:
                continue
            data = PersonData(
                **person.values,
                agency_id=agencies[person.agency].pk if person.agency else None,
                ethnicity_id=codes[Ethnicity][person.ethnicity],
                religion_id=codes[Religion][person.religion],
                education_level_id=codes[EducationLevel][person.education],
                theory_level_id=codes[TheoryLevel][person.theory],
            )
            existing[number] = person_create(
                actor=actor, school_id=school.pk, data=data
            )
            count += 1
        return existing, count

    def _user(
        self,
        spec: DemoUser,
        names: dict[str, str],
        person: Person | None,
        school: Any,
        units: dict[str, Unit],
        agencies: dict[str, Agency],
    ) -> Any:
        user, is_new = user_ensure(
            username=spec.username,
            password=PASSWORD,
            display_name=person.full_name if person else names[spec.username],
            is_staff=spec.is_staff,
            person=person,
        )
        scope = {
            "school_id": None if spec.role == Role.SUPERVISOR else school.pk,
            "unit_id": units[spec.unit].pk if spec.unit else None,
            "agency_id": agencies[spec.agency].pk if spec.agency else None,
        }
        if not user.memberships.filter(role=spec.role, **scope).exists():
            membership_grant(actor=None, user=user, role=spec.role, **scope)
            self.users_created["vai trò"] += 1
        self.users_created["tài khoản"] += is_new
        return user

    def _report(self, created: Counter[str]) -> None:
        write = self.stdout.write
        if sum(created.values()):
            summary = ", ".join(f"{n} {what}" for what, n in created.items() if n)
            write(self.style.SUCCESS(f"Đã tạo dữ liệu mẫu: {summary}."))
        else:
            write(
                self.style.SUCCESS(
                    "Dữ liệu mẫu đã có đủ; lần chạy này không tạo thêm gì."
                )
            )
        header = ("Vai trò", "Tên đăng nhập", "Mật khẩu", "Thấy được")
        rows = [(str(u.role.label), u.username, PASSWORD, u.sees) for u in DEMO_USERS]
        rows += [(role, login, PASSWORD, sees) for role, login, sees in demo_logins()]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
        write("")
        for row in [header, *rows]:
            cells = [
                cell.ljust(width) for cell, width in zip(row, widths, strict=False)
            ]
            write("  ".join([*cells, row[3]]))
        write(f"\nMở {URL} và đăng nhập bằng một tài khoản ở trên.")

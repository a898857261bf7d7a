"""Planning the demo people: deterministic draws from the data tables."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from daotao.demo.data import (
    BIRTH_YEARS,
    CADRE_COUNT,
    COMMUNE_BODIES,
    COMMUNES,
    EDUCATION,
    ETHNIC_MIX,
    FAMILY_NAMES,
    GIVEN_NAMES,
    LECTURERS_PER_FACULTY,
    MIDDLE_NAMES,
    MOBILE_PREFIXES,
    MONG_GIVEN_NAMES,
    PARTY_CUTOFF,
    POSTS,
    PROVINCE_CODE,
    PROVINCIAL_AGENCIES,
    RELIGIONS,
    SEED,
    THEORY,
    UNITS,
)
from daotao.people.models import Sex


@dataclass
class Planned:
    """One person to create: the service's data, with references by natural key."""

    values: dict[str, Any]
    agency: str | None
    ethnicity: str
    religion: str
    education: str
    theory: str
    unit: str = ""


def weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def random_name(
    rng: random.Random, *, sex: str, ethnicity: str = "01"
) -> tuple[str, str, str]:
    """(họ, tên đệm, tên) drawn like a name of that sex and ethnic group."""
    family = weighted(rng, FAMILY_NAMES.get(ethnicity, FAMILY_NAMES["01"]))
    if ethnicity == "08":
        middle = "A" if sex == Sex.MALE else "Thị"
        return family, middle, rng.choice(MONG_GIVEN_NAMES[sex])
    middle = weighted(rng, MIDDLE_NAMES[sex])
    given = rng.choice(GIVEN_NAMES[sex])
    while given == middle:
        given = rng.choice(GIVEN_NAMES[sex])
    return family, middle, given


def random_day(rng: random.Random, year: int) -> datetime.date:
    start = datetime.date(year, 1, 1)
    return start + datetime.timedelta(days=rng.randrange(365))


def citizen_id(rng: random.Random, *, born: datetime.date, sex: str) -> str:
    """A CCCD registered in Thanh Hóa, its century/sex and year digits matching."""
    century = (born.year // 100 - 19) * 2 + (1 if sex == Sex.FEMALE else 0)
    return f"{PROVINCE_CODE}{century}{born.year % 100:02d}{rng.randrange(10**6):06d}"


def _one_year_later(day: datetime.date) -> datetime.date:
    """The official date after the twelve-month probation (29/02 gives 28/02)."""
    if day.month == 2 and day.day == 29:
        return day.replace(year=day.year + 1, day=28)
    return day.replace(year=day.year + 1)


class Planner:
    """Draws every person from one seeded generator, before touching the database."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.citizen_ids: set[str] = set()
        self.phones: set[str] = set()

    def person(
        self,
        *,
        rank: str,
        post: str,
        agency: str | None,
        mix: str,
        female: float,
        birth_years: tuple[int, int] | None = None,
    ) -> Planned:
        rng = self.rng
        sex = Sex.FEMALE if rng.random() < female else Sex.MALE
        ethnicity = weighted(rng, ETHNIC_MIX[mix])
        family, middle, given = random_name(rng, sex=sex, ethnicity=ethnicity)
        born = random_day(rng, rng.randint(*(birth_years or BIRTH_YEARS[rank])))
        joined = self._party_joined(born=born, always=rank != "staff")
        theory = weighted(rng, THEORY[rank])
        if "chính" in post and theory in {"SC", "CHUA"}:
            theory = "TC"  # a principal grade (chuyên viên chính…) needs TC LLCT
        home = rng.choice(COMMUNES)
        return Planned(
            values={
                "family_name": family,
                "middle_name": middle,
                "given_name": given,
                "sex": sex,
                "date_of_birth": born,
                "birthplace": f"{home[1].capitalize()} {home[0]}, tỉnh Thanh Hóa",
                "place_of_birth": f"{home[1].capitalize()} {home[0]}, tỉnh Thanh Hóa",
                "citizen_id": self._unique(
                    self.citizen_ids, lambda: citizen_id(rng, born=born, sex=sex)
                ),
                "phone": self._unique(
                    self.phones,
                    lambda: rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}",
                ),
                "party_joined_on": joined,
                "party_official_on": _one_year_later(joined) if joined else None,
                "current_post": post,
            },
            agency=agency,
            ethnicity=ethnicity,
            # Party members are almost all without religion; others follow the area.
            religion="00"
            if joined
            else weighted(rng, RELIGIONS["plain" if mix == "plain" else "other"]),
            education=weighted(rng, EDUCATION[rank]),
            theory=theory,
        )

    @staticmethod
    def _unique(seen: set[str], draw: Any) -> str:
        value = draw()
        while value in seen:
            value = draw()
        seen.add(value)
        return value

    def _party_joined(
        self, *, born: datetime.date, always: bool
    ) -> datetime.date | None:
        """Admission between 20 and 32; leaders and lecturers are all members."""
        if not always and self.rng.random() >= 0.82:
            return None
        joined = born + datetime.timedelta(days=self.rng.randint(20 * 365, 32 * 365))
        if joined <= PARTY_CUTOFF:
            return joined
        return PARTY_CUTOFF - datetime.timedelta(days=self.rng.randrange(700))

    def agency_people(
        self, *, agency: str, posts: str, size: int, mix: str, commune_kind: str = ""
    ) -> list[Planned]:
        leaders, middle, staff = POSTS[posts]
        middle_count = min(len(middle), max(1, size // 4))
        titles = [
            *leaders,
            *self.rng.sample(middle, middle_count),
            *(self.rng.choice(staff) for _ in range(size)),
        ][:size]
        female = 0.9 if "Phụ nữ" in agency else 0.4
        planned = []
        for index, title in enumerate(titles):
            rank = (
                "leader"
                if index < len(leaders)
                else "middle"
                if index < len(leaders) + middle_count
                else "staff"
            )
            post = title.format(k=commune_kind)
            share = (
                0.95 if "Phụ nữ" in post else female * (0.6 if rank == "leader" else 1)
            )
            planned.append(
                self.person(rank=rank, post=post, agency=agency, mix=mix, female=share)
            )
        return planned

    def lecturers(self) -> list[Planned]:
        planned = []
        for name, abbreviation, *_ in UNITS:
            for index in range(LECTURERS_PER_FACULTY.get(abbreviation, 0)):
                title = (
                    ["Trưởng khoa", "Phó Trưởng khoa"][index]
                    if index < 2
                    else self.rng.choice(["Giảng viên chính", "Giảng viên"])
                )
                person = self.person(
                    rank="lecturer",
                    post=f"{title}, {name}",
                    agency=None,
                    mix="plain",
                    female=0.55,
                    birth_years=BIRTH_YEARS["leader"] if index < 2 else None,
                )
                person.unit = abbreviation
                planned.append(person)
        return planned


def agency_sizes(rng: random.Random, bodies: list[tuple[str, tuple[int, int]]]) -> dict:
    """People per agency, drawn in each body's range, then evened to CADRE_COUNT."""
    sizes = {name: rng.randint(*bounds) for name, bounds in bodies}
    names = sorted(sizes)
    while (total := sum(sizes.values())) != CADRE_COUNT:
        name = rng.choice(names)
        if total < CADRE_COUNT:
            sizes[name] += 1
        elif sizes[name] > 5:
            sizes[name] -= 1
    return sizes


def commune_agency_names() -> list[tuple[str, str, str, str, tuple[int, int]]]:
    """(agency name, commune name, kind, posts, size range) for every commune body."""
    return [
        (pattern.format(k=kind, n=name), name, agency_kind, posts, bounds)
        for name, kind, _mix in COMMUNES
        for pattern, agency_kind, posts, bounds in COMMUNE_BODIES
    ]


def plan_people() -> tuple[list[Planned], list[Planned], random.Random]:
    planner = Planner()
    commune_mix = {name: mix for name, _kind, mix in COMMUNES}
    commune_kind = {name: kind for name, kind, _mix in COMMUNES}
    bodies = [(name, (8, 13)) for name, *_ in PROVINCIAL_AGENCIES]
    bodies += [(name, bounds) for name, *_, bounds in commune_agency_names()]
    sizes = agency_sizes(planner.rng, bodies)
    cadres: list[Planned] = []
    for name, _short, _kind, posts in PROVINCIAL_AGENCIES:
        cadres += planner.agency_people(
            agency=name, posts=posts, size=sizes[name], mix="province"
        )
    for name, commune, _kind, posts, _bounds in commune_agency_names():
        cadres += planner.agency_people(
            agency=name,
            posts=posts,
            size=sizes[name],
            mix=commune_mix[commune],
            commune_kind=commune_kind[commune],
        )
    return cadres, planner.lecturers(), planner.rng

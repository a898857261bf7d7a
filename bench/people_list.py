"""P2 for the person list (/can-bo/): 100,000 persons in ~200 agencies of one school.

Times the first page, a search, a deep page and a bare one-query view of the same
rows through the full middleware stack; reports p50/p95, ours/bare and the query
count of the first page. Run alone: `.venv/bin/python bench/people_list.py`.
"""

from __future__ import annotations

import datetime
import random
import sys
import time
from pathlib import Path
from typing import Any

PERSONS = 100_000
AGENCIES = 200
REQUESTS = 200
WARMUP = 20
BATCH = 5_000
EXTRA_COMMUNES = (
    "Quảng Xương Nông Cống Thiệu Hóa Vĩnh Lộc Hà Trung Như Thanh Như Xuân Quan Hóa "
    "Quan Sơn Lang Chánh Thạch Thành Đông Tiến Quảng Phú Nguyệt Viên Tĩnh Gia "
    "Trúc Lâm Hải Lĩnh Ngọc Sơn Tân Dân Hải Bình Đào Duy Từ Quang Trung Xuân Lập "
    "Thọ Lập Hoằng Tiến Hoằng Thanh Đa Lộc Nga Thắng Tân Ninh Kim Tân Vân Du "
    "Thạch Quảng Điền Lư Cổ Lũng Pù Luông Trung Hạ Yên Nhân Lương Sơn Bát Mọt"
)


def _agency_rows(school: Any, province: Any) -> list[Any]:
    from daotao.core.text import collation_key, search_key
    from daotao.demo import data as demo
    from daotao.org.models import Agency

    specs = [
        (name, kind, "province") for name, _s, kind, _p in demo.PROVINCIAL_AGENCIES
    ]
    communes = [name for name, *_ in demo.COMMUNES]
    extra = EXTRA_COMMUNES.split()
    communes += [" ".join(extra[i : i + 2]) for i in range(0, len(extra) - 1, 2)]
    for commune in communes:
        for pattern, kind, _posts, _bounds in demo.COMMUNE_BODIES:
            specs.append((pattern.format(k="xã", n=commune), kind, "commune"))
    return [
        Agency(
            school=school,
            name=name,
            kind=kind,
            level=level,
            area=province if level == "province" else None,
            sort_key=collation_key(name)[:255],
            search_key=search_key(name)[:255],
        )
        for name, kind, level in specs[:AGENCIES]
    ]


def _person_rows(school: Any, agencies: list[Any], rng: random.Random) -> Any:
    """Person rows with the derived keys Person.save() would have set."""
    from daotao.core.text import join_name, name_sort_key, search_key
    from daotao.demo import data as demo
    from daotao.demo.planning import random_name, weighted
    from daotao.org.models import Ethnicity, TheoryLevel
    from daotao.people.models import Person, Sex

    ethnicities = dict(Ethnicity.objects.values_list("code", "id"))
    theory_levels = list(TheoryLevel.objects.values_list("id", flat=True))
    mix = demo.ETHNIC_MIX["province"]
    posts = ["Chuyên viên", "Chuyên viên chính", "Trưởng phòng", "Phó Trưởng phòng"]
    keys: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    for index in range(PERSONS):
        sex = Sex.FEMALE if rng.random() < 0.42 else Sex.MALE
        ethnicity = weighted(rng, mix)
        family, middle, given = random_name(rng, sex=sex, ethnicity=ethnicity)
        born = datetime.date(rng.randint(1966, 2000), 1, 1) + datetime.timedelta(
            days=rng.randrange(365)
        )
        parts = (family, middle, given)
        if parts not in keys:  # names repeat: compute each one's keys once
            full_name = join_name(
                family_name=family, middle_name=middle, given_name=given
            )
            keys[parts] = (
                full_name,
                name_sort_key(family_name=family, middle_name=middle, given_name=given),
                search_key(full_name)[:255],
            )
        full_name, sort_key, search = keys[parts]
        century = (born.year // 100 - 19) * 2 + (sex == Sex.FEMALE)
        yield Person(
            school_id=school.pk,
            family_name=family,
            middle_name=middle,
            given_name=given,
            full_name=full_name,
            sort_key=sort_key,
            search_key=search,
            sex=sex,
            date_of_birth=born,
            ethnicity_id=ethnicities[ethnicity],
            theory_level_id=rng.choice(theory_levels),
            citizen_id=f"038{century}{born.year % 100:02d}{index:06d}",
            current_post=rng.choice(posts),
            agency_id=rng.choice(agencies).pk,
        )


def generate() -> tuple[Any, Any]:
    """One school, its agencies and persons, and a training-office user."""
    from django.db import transaction

    from daotao.accounts.models import User
    from daotao.accounts.services import membership_grant
    from daotao.core.access import Role
    from daotao.org.models import Agency, Area, School
    from daotao.people.models import Person

    rng = random.Random(2026)
    with transaction.atomic():
        province = Area.objects.get(level="province", code="038")
        school = School.objects.create(
            name="Trường Chính trị tỉnh Thanh Hóa",
            short_name="TRƯỜNG CHÍNH TRỊ",
            abbreviation="TrCT",
            governing_body="TỈNH ỦY THANH HÓA",
            province=province,
            place_name="Thanh Hóa",
        )
        agencies = Agency.objects.bulk_create(_agency_rows(school, province))
        rows = _person_rows(school, agencies, rng)
        while batch := [row for _, row in zip(range(BATCH), rows, strict=False)]:
            Person.objects.bulk_create(batch)
        user = User.objects.create_user(username="bench", password=None)
        membership_grant(
            actor=None, user=user, role=Role.TRAINING_OFFICE, school_id=school.pk
        )
    _refresh_statistics()
    return school, user


def _refresh_statistics() -> None:
    """What autovacuum does to a production table after a bulk load: without fresh
    statistics (and, on PostgreSQL, the visibility map) the planner scans the heap."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )


def _page_timer(client: Any, url: str, expected: str):
    def call() -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert expected in response.content.decode(), url

    return call


def run() -> list[dict[str, Any]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from bench import figure, throwaway_database, time_calls
    from daotao.accounts.tests.second_factor import verify_second_factor
    from daotao.people.models import Person

    figures = []
    with (
        override_settings(
            ROOT_URLCONF="bench.urls",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        throwaway_database() as vendor,
    ):
        started = time.perf_counter()
        school, user = generate()
        figures.append(
            figure("people_list.generate", time.perf_counter() - started, "s")
        )
        figures.append(figure("people_list.persons", Person.objects.count(), "rows"))
        client = Client()
        client.force_login(user)
        verify_second_factor(client, user)  # the office's role needs a second factor
        first = Person.objects.order_by("sort_key", "id").first()
        deep = Person.objects.order_by("sort_key", "id")[999 * 50]
        matches = Person.objects.filter(search_key__contains="nguyen van")
        figures.append(figure("people_list.search.matches", matches.count(), "rows"))
        searched = matches.order_by("sort_key", "id").first()
        pages = {
            "first_page": _page_timer(client, "/can-bo/", first.full_name),
            "search": _page_timer(
                client, "/can-bo/?q=nguyen%20van", searched.full_name
            ),
            "deep_page": _page_timer(client, "/can-bo/?page=1000", deep.full_name),
            "bare": _page_timer(
                client, f"/bench/bare/?school={school.pk}", first.full_name
            ),
        }
        timings = {
            name: time_calls(call, repeat=REQUESTS, warmup=WARMUP)
            for name, call in pages.items()
        }
        with CaptureQueriesContext(connection) as queries:
            pages["first_page"]()
    bare_p95 = timings["bare"][1]
    for name, (p50, p95) in timings.items():
        figures.append(figure(f"people_list.{name}.p50", p50, "ms", database=vendor))
        figures.append(figure(f"people_list.{name}.p95", p95, "ms", database=vendor))
        if name != "bare":
            figures.append(
                figure(f"people_list.{name}.p95_vs_bare", p95 / bare_p95, "x")
            )
    figures.append(figure("people_list.first_page.queries", len(queries), "queries"))
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import bench

    bench.configure()
    for row in run():
        print(f"{row['name']:<44} {row['value']:>12,.2f} {row['unit']}")

"""The demo school's training cycle: the programme catalogue, a campus, and an
approved plan for 2027 whose classes give places to the demo agencies."""

from __future__ import annotations

import datetime
from typing import Any

from daotao.org.models import Site
from daotao.planning import services as planning
from daotao.planning.models import TrainingPlan
from daotao.programs.catalogue import program_catalogue_ensure
from daotao.programs.models import ProgramVersion

YEAR = 2027
CAMPUS = "Cơ sở chính, Trường Chính trị tỉnh Thanh Hóa"
# An off-site class (lớp mở tại địa phương) studies in a commune's hall.
OFF_SITE = "Hội trường Đảng ủy xã Thọ Xuân"
CLASSES = [
    # code, name, programme code, mode, size, start, end, target group, site
    (
        "TC-2027-01",
        "Trung cấp lý luận chính trị K63A (tập trung)",
        "TCLLCT",
        "full_time",
        60,
        datetime.date(2027, 3, 1),
        datetime.date(2027, 8, 31),
        "Cán bộ lãnh đạo, quản lý cấp xã và cấp phòng",
        CAMPUS,
    ),
    (
        "TC-2027-02",
        "Trung cấp lý luận chính trị K63B (không tập trung)",
        "TCLLCT",
        "part_time",
        50,
        datetime.date(2027, 4, 5),
        datetime.date(2028, 10, 5),
        "Cán bộ trong quy hoạch cấp xã",
        CAMPUS,
    ),
    (
        "TC-2027-03",
        "Trung cấp lý luận chính trị K63C (tập trung, mở tại xã Thọ Xuân)",
        "TCLLCT",
        "full_time",
        45,
        datetime.date(2027, 3, 15),
        datetime.date(2027, 9, 15),
        "Cán bộ, công chức cấp xã khu vực phía tây",
        OFF_SITE,
    ),
]
QUOTAS = {"Đảng ủy phường Hạc Thành": 4, "UBND xã Thọ Xuân": 3, "Sở Nội vụ": 2}
# The off-site class of the western communes also takes cadres of their own
# bodies: the three agencies above have too few cadres without TC LLCT to fill
# three classes (nobody who already holds the level is admitted).
EXTRA_QUOTAS = {
    "TC-2027-02": {"Đảng ủy xã Hoằng Hóa": 3},
    "TC-2027-03": {"Đảng ủy xã Thọ Xuân": 3, "UBND xã Ngọc Lặc": 3},
}


def ensure_cycle(
    *, school: Any, office: Any, board: Any, agencies: dict[str, Any]
) -> int:
    """Catalogue, campus and the approved 2027 plan (created once); returns how many
    rows of consequence it created."""
    created = program_catalogue_ensure(school=school)
    sites = {}
    for name, kind, address in (
        (CAMPUS, Site.Kind.CAMPUS, "Phường Hạc Thành, tỉnh Thanh Hóa"),
        (OFF_SITE, Site.Kind.OFF_SITE, "Xã Thọ Xuân, tỉnh Thanh Hóa"),
    ):
        sites[name], is_new = Site.objects.get_or_create(
            school=school, name=name, defaults={"kind": kind, "address": address}
        )
        created += is_new
    if TrainingPlan.objects.filter(school=school, year=YEAR).exists():
        return created
    plan = planning.plan_create(
        actor=office,
        school_id=school.pk,
        year=YEAR,
        title=f"Kế hoạch đào tạo, bồi dưỡng cán bộ năm {YEAR}",
    )
    for code, name, program, mode, size, starts, ends, target, site in CLASSES:
        version = ProgramVersion.objects.filter(
            program__school=school, program__code=program, mode=mode
        ).first() or ProgramVersion.objects.get(
            program__school=school, program__code=program
        )
        planned = planning.planned_class_add(
            actor=office,
            plan=plan,
            data=planning.PlannedClassData(
                code=code,
                name=name,
                program_version_id=version.pk,
                mode=mode,
                site_id=sites[site].pk,
                planned_size=size,
                starts_on=starts,
                ends_on=ends,
                target_group=target,
            ),
        )
        for agency_name, places in (QUOTAS | EXTRA_QUOTAS.get(code, {})).items():
            planning.quota_set(
                actor=office,
                planned_class=planned,
                agency_id=agencies[agency_name].pk,
                places=places,
            )
    submit_and_approve(office=office, board=board, plan=plan, number=1)
    return created + 1


def submit_and_approve(*, office: Any, board: Any, plan: Any, number: int) -> None:
    """The demo school's plans go through the province (docs/adr/0037): the
    training office submits, the province's board approves by its Công văn."""
    planning.plan_submit(actor=office, plan=plan)
    planning.plan_approve(
        actor=board,
        plan=plan,
        approval_number=f"{100 + number}-CV/BTCTU",
        approval_date=datetime.date(plan.year - 1, 12, 10 + number),
    )

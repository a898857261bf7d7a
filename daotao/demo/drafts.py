"""Work in progress in the demo, so the pages that edit drafts have something to
show: a new version of the chuyên viên programme being revised (a draft copied
from the version in use, its structure still editable), a supplementary plan
(kế hoạch bổ sung) to the approved 2027 plan, still a draft, with one class, and
a second one with one class submitted and waiting for the Ban Tổ chức Tỉnh ủy
(its review panel and the board's to-do item).

Written through the programs and planning services; found first by their natural
keys (the version by its label, the supplement by its class code), so a second
run creates nothing. Nothing else in the demo refers to either: no class is
planned with the draft version, and a draft plan gives no places to agencies.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import replace
from typing import Any

from daotao.demo.cycle import CAMPUS
from daotao.demo.cycle import YEAR as PLAN_YEAR
from daotao.org.models import Agency, Site
from daotao.planning import services as planning
from daotao.planning.models import PlannedClass, TrainingPlan
from daotao.programs.models import ProgramVersion
from daotao.programs.services import program_version_copy

REVISED_PROGRAM = "BD-CV"
DRAFT_LABEL = "2027 (dự thảo)"
SUPPLEMENT_CLASS = planning.PlannedClassData(
    code="BD-2027-CV01",
    name="Bồi dưỡng quản lý nhà nước ngạch chuyên viên năm 2027",
    program_version_id=0,  # the BD-CV version in use, found when seeding
    mode="full_time",
    site_id=0,  # the campus, found when seeding
    planned_size=50,
    starts_on=datetime.date(2027, 10, 4),
    ends_on=datetime.date(2027, 10, 29),
    target_group="Công chức cấp xã mới tuyển dụng, chưa qua bồi dưỡng ngạch",
)
SUBMITTED_CLASS = replace(
    SUPPLEMENT_CLASS,
    code="BD-2027-CV02",
    name="Bồi dưỡng quản lý nhà nước ngạch chuyên viên năm 2027 (lớp 2)",
    planned_size=45,
    starts_on=datetime.date(2027, 11, 8),
    ends_on=datetime.date(2027, 12, 3),
)
SUBMITTED_PLACES = (20, 15, 10)


def ensure_drafts(*, school: Any, office: Any) -> Counter[str]:
    """The draft programme version and the draft supplementary plan; returns what
    it created, by kind."""
    created: Counter[str] = Counter()
    in_use = ProgramVersion.objects.get(
        program__school=school,
        program__code=REVISED_PROGRAM,
        status=ProgramVersion.Status.IN_USE,
    )
    if not ProgramVersion.objects.filter(
        program=in_use.program, label=DRAFT_LABEL
    ).exists():
        program_version_copy(actor=office, version=in_use, label=DRAFT_LABEL)
        created["phiên bản chương trình dự thảo"] += 1
    if not PlannedClass.objects.filter(
        school=school, plan__year=PLAN_YEAR, code=SUPPLEMENT_CLASS.code
    ).exists():
        _supplement_with(school, office, SUPPLEMENT_CLASS, in_use)
        created[f"kế hoạch bổ sung năm {PLAN_YEAR} (dự thảo)"] += 1
    if not PlannedClass.objects.filter(
        school=school, plan__year=PLAN_YEAR, code=SUBMITTED_CLASS.code
    ).exists():
        planned = _supplement_with(school, office, SUBMITTED_CLASS, in_use)
        supplement = planned.plan
        # The school proposes the places; the board may adjust them.
        for agency, places in zip(
            Agency.objects.filter(school=school, valid_to__isnull=True).order_by(
                "sort_key", "pk"
            )[:3],
            SUBMITTED_PLACES,
            strict=False,
        ):
            planning.quota_set(
                actor=office, planned_class=planned, agency_id=agency.pk, places=places
            )
        planning.plan_submit(actor=office, plan=supplement)
        created[f"kế hoạch bổ sung năm {PLAN_YEAR} chờ Ban Tổ chức thẩm định"] += 1
    return created


def _supplement_with(school, office, data, version) -> PlannedClass:
    """A new supplementary plan to the year's main plan, holding one class of
    `data` on `version` at the main campus (a draft)."""
    main = TrainingPlan.objects.get(
        school=school, year=PLAN_YEAR, main_plan__isnull=True
    )
    supplement = planning.plan_supplement_create(actor=office, main_plan=main)
    return planning.planned_class_add(
        actor=office,
        plan=supplement,
        data=replace(
            data,
            program_version_id=version.pk,
            site_id=Site.objects.get(school=school, name=CAMPUS).pk,
        ),
    )

"""Writes on the annual plan: classes, quotas and the approval workflow."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from daotao.core.access import require_scope, scope_for
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.core.text import format_date, format_number
from daotao.documents import drafting
from daotao.documents import services as documents
from daotao.documents.annexes import AnnexTable
from daotao.documents.models import DocumentTemplate
from daotao.org.models import Agency
from daotao.org.selectors import drafting_unit_for
from daotao.planning.models import PlannedClass, PlanReviewStep, Quota, TrainingPlan

Status = TrainingPlan.Status


def _lock_draft(plan: TrainingPlan) -> TrainingPlan:
    current = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    if current.status != Status.DRAFT:
        raise ValidationError(
            _("Kế hoạch năm %(year)s đã trình duyệt; không sửa được nữa.")
            % {"year": current.year},
            code="not_draft",
        )
    return current


def plan_create(*, actor: Actor, school_id: int, year: int, title: str) -> TrainingPlan:
    require_scope(actor, "planning.manage_plan", school_id=school_id)
    with transaction.atomic():
        if TrainingPlan.objects.filter(
            school_id=school_id, year=year, main_plan__isnull=True
        ).exists():
            raise ValidationError(
                {
                    "year": [
                        _(
                            "Đã có kế hoạch năm %(year)s. Lớp mở thêm trong năm "
                            "đưa vào một kế hoạch bổ sung của kế hoạch đó."
                        )
                        % {"year": year}
                    ]
                }
            )
        plan = TrainingPlan.objects.create(school_id=school_id, year=year, title=title)
        audit_record(actor=actor, action="planning.plan_create", instance=plan)
    return plan


# The title of a supplementary plan left untitled.
SUPPLEMENT_TITLE = gettext_noop(
    "Kế hoạch bổ sung số %(number)d về đào tạo, bồi dưỡng cán bộ năm %(year)d"
)


def plan_supplement_create(
    *, actor: Actor, main_plan: TrainingPlan, title: str = ""
) -> TrainingPlan:
    """A supplementary plan (kế hoạch bổ sung) of the year's approved main plan,
    numbered after the supplements it already has; it starts as a draft and goes
    through the same approval. Refused, writing nothing, while the main plan is
    not approved."""
    require_scope(actor, "planning.manage_plan", school_id=main_plan.school_id)
    with transaction.atomic():
        main = TrainingPlan.objects.select_for_update().get(pk=main_plan.pk)
        if main.is_supplementary:
            raise ValidationError(
                _("Kế hoạch bổ sung chỉ lập cho kế hoạch năm."),
                code="not_main",
            )
        if main.status != Status.APPROVED:
            raise ValidationError(
                _(
                    "Kế hoạch năm %(year)s chưa được phê duyệt: hãy thêm lớp vào "
                    "chính kế hoạch đó; kế hoạch bổ sung chỉ lập sau khi kế hoạch "
                    "năm đã được phê duyệt."
                )
                % {"year": main.year},
                code="main_not_approved",
            )
        number = (
            main.supplements.order_by("-supplement_number")
            .values_list("supplement_number", flat=True)
            .first()
            or 0
        ) + 1
        plan = TrainingPlan.objects.create(
            school_id=main.school_id,
            year=main.year,
            main_plan=main,
            supplement_number=number,
            title=title.strip()
            or _(SUPPLEMENT_TITLE) % {"number": number, "year": main.year},
        )
        audit_record(
            actor=actor,
            action="planning.plan_supplement_create",
            instance=plan,
            changes={"main_plan": [None, main.pk], "number": [None, number]},
        )
    return plan


@dataclass(frozen=True)
class PlannedClassData:
    code: str
    name: str
    program_version_id: int
    mode: str
    site_id: int
    planned_size: int
    starts_on: datetime.date
    ends_on: datetime.date
    target_group: str = ""
    # A class that opened in an earlier year and still runs in the plan's year.
    is_carried_over: bool = False


def _check_class_dates(data: PlannedClassData, *, year: int) -> None:
    """A class opens in the plan's year, or opened earlier and is explicitly carried
    over and still runs in it; it may run on into later years."""
    if data.ends_on < data.starts_on:
        raise ValidationError(
            {"ends_on": [_("Ngày kết thúc phải sau ngày khai giảng.")]}
        )
    dates = {"year": year, "starts": format_date(data.starts_on)}
    if data.starts_on.year > year:
        raise ValidationError(
            {
                "starts_on": [
                    _("Ngày khai giảng %(starts)s không thuộc năm kế hoạch %(year)d.")
                    % dates
                ]
            }
        )
    if data.starts_on.year < year and not data.is_carried_over:
        raise ValidationError(
            {
                "starts_on": [
                    _(
                        "Lớp khai giảng ngày %(starts)s, trước năm kế hoạch %(year)d: "
                        "chỉ đưa vào kế hoạch nếu là lớp chuyển tiếp từ năm trước và "
                        "còn học trong năm %(year)d."
                    )
                    % dates
                ]
            }
        )
    if data.ends_on.year < year:
        raise ValidationError(
            {
                "ends_on": [
                    _(
                        "Lớp chuyển tiếp phải còn học trong năm %(year)d; ngày kết "
                        "thúc nhập là %(ends)s."
                    )
                    % {"year": year, "ends": format_date(data.ends_on)}
                ]
            }
        )


def _check_code_free(
    plan: TrainingPlan, code: str, *, exclude_pk: int | None = None
) -> None:
    """A class code is used once in a year: in the main plan and its supplements."""
    main_id = plan.main_plan_id or plan.pk
    taken = PlannedClass.objects.filter(
        Q(plan_id=main_id) | Q(plan__main_plan_id=main_id), code=code
    ).exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(
            {
                "code": [
                    _("Mã lớp %(code)s đã có trong kế hoạch năm %(year)s.")
                    % {"code": code, "year": plan.year}
                ]
            }
        )


def planned_class_add(
    *, actor: Actor, plan: TrainingPlan, data: PlannedClassData
) -> PlannedClass:
    """Add a class to a draft plan; its dates must lie in the plan's year or run
    across it (`_check_class_dates`)."""
    require_scope(actor, "planning.manage_plan", school_id=plan.school_id)
    _check_class_dates(data, year=plan.year)
    with transaction.atomic():
        current = _lock_draft(plan)
        _check_code_free(current, data.code)
        fields = asdict(data)
        fields.pop("is_carried_over")
        planned = PlannedClass.objects.create(
            school_id=current.school_id,
            plan=current,
            position=current.classes.count() + 1,
            **fields,
        )
        audit_record(
            actor=actor,
            action="planning.planned_class_add",
            instance=planned,
            changes={k: [None, str(v)] for k, v in asdict(data).items()},
        )
    return planned


CLASS_FIELDS = [
    "code",
    "name",
    "program_version_id",
    "mode",
    "site_id",
    "target_group",
    "planned_size",
    "starts_on",
    "ends_on",
]


def planned_class_update(
    *, actor: Actor, planned_class: PlannedClass, data: PlannedClassData
) -> PlannedClass:
    """Correct a class of a draft plan. Refused, writing nothing, once the plan is
    submitted, or when the new size is below the places already given out."""
    require_scope(actor, "planning.manage_plan", school_id=planned_class.school_id)
    with transaction.atomic():
        plan = _lock_draft(planned_class.plan)
        current = PlannedClass.objects.select_for_update().get(pk=planned_class.pk)
        _check_class_dates(data, year=plan.year)
        _check_code_free(plan, data.code, exclude_pk=current.pk)
        given = current.quotas.aggregate(total=Sum("places"))["total"] or 0
        if data.planned_size < given:
            raise ValidationError(
                {
                    "planned_size": [
                        _(
                            "Các cơ quan đã được giao %(given)s chỉ tiêu; số lượng "
                            "dự kiến không được nhỏ hơn số đó."
                        )
                        % {"given": given}
                    ]
                }
            )
        before = {name: str(getattr(current, name)) for name in CLASS_FIELDS}
        values = asdict(data)
        for name in CLASS_FIELDS:
            setattr(current, name, values[name])
        current.save()
        after = {name: str(getattr(current, name)) for name in CLASS_FIELDS}
        audit_record(
            actor=actor,
            action="planning.planned_class_update",
            instance=current,
            changes={
                k: [before[k], after[k]] for k in CLASS_FIELDS if before[k] != after[k]
            },
        )
    return current


def planned_class_delete(*, actor: Actor, planned_class: PlannedClass) -> None:
    """Take a class out of a draft plan, with the places given in it. Refused,
    writing nothing, once the plan is submitted or while anything (a nomination,
    a cohort) refers to the class."""
    require_scope(actor, "planning.manage_plan", school_id=planned_class.school_id)
    with transaction.atomic():
        plan = _lock_draft(planned_class.plan)
        current = PlannedClass.objects.select_for_update().get(pk=planned_class.pk)
        quotas = {
            str(q.agency_id): q.places for q in current.quotas.order_by("agency_id")
        }
        code, name = current.code, current.name
        try:
            with transaction.atomic():
                current.delete()
        except ProtectedError:
            raise ValidationError(
                _("Lớp %(code)s đã có hồ sơ cử đi học hoặc đã mở lớp; không xóa được.")
                % {"code": code},
                code="in_use",
            ) from None
        audit_record(
            actor=actor,
            action="planning.planned_class_delete",
            instance=plan,
            changes={"class": [f"{code} — {name}", None], "quotas": [quotas, None]},
        )


def _write_quota(
    *, actor: Actor, planned_class: PlannedClass, agency_id: int, places: int
) -> tuple[Quota | None, int]:
    """Set the places (0 removes the quota) within the class size; returns the
    quota and the places before. The caller holds the plan's lock."""
    others = (
        Quota.objects.filter(planned_class=planned_class)
        .exclude(agency_id=agency_id)
        .aggregate(total=Sum("places"))["total"]
        or 0
    )
    if others + places > planned_class.planned_size:
        raise ValidationError(
            {
                "places": [
                    _(
                        "Tổng chỉ tiêu %(total)s vượt số lượng dự kiến của lớp "
                        "(%(size)s)."
                    )
                    % {"total": others + places, "size": planned_class.planned_size}
                ]
            }
        )
    existing = Quota.objects.filter(
        planned_class=planned_class, agency_id=agency_id
    ).first()
    old = existing.places if existing else 0
    if places == 0:
        if existing:
            existing.delete()
        quota = None
    else:
        quota, _created = Quota.objects.update_or_create(
            planned_class=planned_class,
            agency_id=agency_id,
            defaults={"places": places},
        )
    audit_record(
        actor=actor,
        action="planning.quota_set",
        instance=planned_class,
        changes={f"quota:{agency_id}": [old, places]},
    )
    return quota, old


def quota_set(
    *, actor: Actor, planned_class: PlannedClass, agency_id: int, places: int
) -> Quota | None:
    """Set an agency's places in a class of a draft plan (0 removes the quota).
    The places of all agencies may not exceed the class size."""
    require_scope(actor, "planning.manage_plan", school_id=planned_class.school_id)
    with transaction.atomic():
        _lock_draft(planned_class.plan)
        quota, _old = _write_quota(
            actor=actor,
            planned_class=planned_class,
            agency_id=agency_id,
            places=places,
        )
    return quota


# --- The way to approval (docs/adr/0037) ----------------------------------------------

APPROVE = "planning.approve_plan"  # leadership, in the school
REVIEW = "planning.review_plan"  # the province's board (Ban Tổ chức Tỉnh ủy)
Kind = PlanReviewStep.Kind


def approving_permission(plan: TrainingPlan) -> str:
    """Who returns and approves the plan: the province's board when the school's
    plans go to the province, else the school's leadership."""
    return REVIEW if plan.school.plans_approved_by_province else APPROVE


def _require_reviewer(actor: Actor, plan: TrainingPlan) -> str:
    """Refuse (PermissionDenied) an actor who reaches neither way of approving the
    plan's school; refuse (ValidationError) the one whose way is not the school's:
    leadership when the province approves, the board when it does not."""
    school_id = plan.school_id
    reaches = [
        permission
        for permission in (APPROVE, REVIEW)
        if school_id in (scope_for(actor, permission).schools or {})
        or scope_for(actor, permission).all_schools
    ]
    if not reaches:
        raise PermissionDenied
    needed = approving_permission(plan)
    if needed not in reaches:
        raise ValidationError(
            _(
                "Kế hoạch của Trường do Ban Tổ chức Tỉnh ủy thẩm định và phê duyệt; "
                "Ban Giám hiệu không trả lại, không phê duyệt được."
            )
            if needed == REVIEW
            else _(
                "Kế hoạch của Trường do Ban Giám hiệu phê duyệt; Ban Tổ chức Tỉnh ủy "
                "không thẩm định kế hoạch này."
            ),
            code="not_the_approver",
        )
    require_scope(actor, needed, school_id=school_id)
    return needed


def _step(
    *, actor: Actor, plan: TrainingPlan, kind: str, by_province: bool, **fields: Any
) -> PlanReviewStep:
    return PlanReviewStep.objects.create(
        school_id=plan.school_id,
        plan=plan,
        kind=kind,
        actor=actor,
        by_province=by_province,
        at=timezone.now(),
        **fields,
    )


def _transition(
    *,
    actor: Actor,
    plan: TrainingPlan,
    source: str,
    target: str,
    kind: str,
    by_province: bool,
    step: dict[str, Any] | None = None,
) -> TrainingPlan:
    with transaction.atomic():
        current = (
            TrainingPlan.objects.select_for_update()
            .select_related("school")
            .get(pk=plan.pk)
        )
        if current.status != source:
            raise ValidationError(
                _("Kế hoạch đang ở trạng thái “%(status)s”.")
                % {"status": current.get_status_display()},
                code="invalid_transition",
            )
        if target == Status.SUBMITTED and not current.classes.exists():
            raise ValidationError(_("Kế hoạch chưa có lớp nào."), code="empty")
        current.status = target
        fields = ["status", "version", "updated_at"]
        if target == Status.APPROVED:
            current.approved_by = actor
            current.approved_at = timezone.now()
            fields += ["approved_by", "approved_at"]
        current.version += 1
        current.save(update_fields=fields)
        written = _step(
            actor=actor,
            plan=current,
            kind=kind,
            by_province=by_province,
            **(step or {}),
        )
        changes: dict[str, Any] = {"status": [source, target]}
        if written.comment:
            changes["comment"] = [None, written.comment]
        if written.approval_number:
            changes["approval"] = [None, written.approval_reference]
        audit_record(
            actor=actor,
            action=f"planning.plan_{target}",
            instance=current,
            changes=changes,
        )
    return current


def plan_submit(*, actor: Actor, plan: TrainingPlan) -> TrainingPlan:
    """The training office submits its draft to whoever approves the school's
    plans (leadership, or the province's board)."""
    require_scope(actor, "planning.manage_plan", school_id=plan.school_id)
    return _transition(
        actor=actor,
        plan=plan,
        source=Status.DRAFT,
        target=Status.SUBMITTED,
        kind=Kind.SUBMITTED,
        by_province=False,
    )


def plan_return(*, actor: Actor, plan: TrainingPlan, comment: str = "") -> TrainingPlan:
    """Send a submitted plan back to draft with the reviewer's comment, shown on
    the plan while the school revises it. The province's board must say why;
    leadership may. Refused, writing nothing, to whoever does not approve this
    school's plans."""
    plan = TrainingPlan.objects.select_related("school").get(pk=plan.pk)
    needed = _require_reviewer(actor, plan)
    comment = comment.strip()
    if needed == REVIEW and not comment:
        raise ValidationError(
            {"comment": [_("Hãy ghi ý kiến của Ban để Trường chỉnh sửa kế hoạch.")]},
            code="comment_required",
        )
    return _transition(
        actor=actor,
        plan=plan,
        source=Status.SUBMITTED,
        target=Status.DRAFT,
        kind=Kind.RETURNED,
        by_province=needed == REVIEW,
        step={"comment": comment or _("Trả lại để chỉnh sửa.")},
    )


def plan_approve(
    *,
    actor: Actor,
    plan: TrainingPlan,
    approval_number: str = "",
    approval_date: datetime.date | None = None,
    comment: str = "",
) -> TrainingPlan:
    """Approve a submitted plan; the province's board may record its approving
    Công văn (number, and date: the day of approval when left out). Refused,
    writing nothing, to whoever does not approve this school's plans."""
    plan = TrainingPlan.objects.select_related("school").get(pk=plan.pk)
    needed = _require_reviewer(actor, plan)
    number = approval_number.strip()
    if approval_date is not None and not number:
        raise ValidationError(
            {"approval_number": [_("Hãy ghi số, ký hiệu văn bản phê duyệt.")]},
            code="number_required",
        )
    if number and approval_date is None:
        approval_date = timezone.localdate()
    return _transition(
        actor=actor,
        plan=plan,
        source=Status.SUBMITTED,
        target=Status.APPROVED,
        kind=Kind.APPROVED,
        by_province=needed == REVIEW,
        step={
            "comment": comment.strip(),
            "approval_number": number,
            "approval_date": approval_date,
        },
    )


def plan_quota_adjust(
    *,
    actor: Actor,
    planned_class: PlannedClass,
    agency_id: int,
    places: int,
    reason: str,
) -> Quota | None:
    """The province's board sets an agency's places in a class of a submitted
    plan (0 removes them), within the class size, saying why; the plan's history
    keeps the change. Refused, writing nothing, on a plan not submitted, without
    a reason, or on a school whose plans the board does not approve."""
    plan = TrainingPlan.objects.select_related("school").get(pk=planned_class.plan_id)
    require_scope(actor, REVIEW, school_id=plan.school_id)
    if approving_permission(plan) != REVIEW:
        raise ValidationError(
            _(
                "Kế hoạch của Trường do Ban Giám hiệu phê duyệt; Ban Tổ chức Tỉnh ủy "
                "không thẩm định kế hoạch này."
            ),
            code="not_the_approver",
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": [_("Hãy ghi lý do điều chỉnh chỉ tiêu.")]},
            code="reason_required",
        )
    with transaction.atomic():
        current = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
        if current.status != Status.SUBMITTED:
            raise ValidationError(
                _(
                    "Chỉ điều chỉnh chỉ tiêu khi kế hoạch đang trình duyệt; kế hoạch "
                    "đang ở trạng thái “%(status)s”."
                )
                % {"status": current.get_status_display()},
                code="not_submitted",
            )
        planned = PlannedClass.objects.select_for_update().get(pk=planned_class.pk)
        agency = Agency.objects.filter(
            pk=agency_id, school_id=current.school_id
        ).first()
        if agency is None:
            raise PermissionDenied
        quota, old = _write_quota(
            actor=actor, planned_class=planned, agency_id=agency.pk, places=places
        )
        if old != places:
            _step(
                actor=actor,
                plan=current,
                kind=Kind.QUOTA_CHANGED,
                by_province=True,
                comment=reason,
                detail=f"{planned.code} — {agency.name}: {old} → {places}"[:500],
            )
    return quota


def plan_attach_document(
    *, actor: Actor, plan: TrainingPlan, document_id: int
) -> TrainingPlan:
    """Link the Kế hoạch document that issues the plan (drafted by the caller)."""
    require_scope(actor, "planning.manage_plan", school_id=plan.school_id)
    with transaction.atomic():
        current = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
        current.document_id = document_id
        current.save(update_fields=["document", "updated_at"])
        audit_record(
            actor=actor,
            action="planning.plan_attach_document",
            instance=current,
            changes={"document": [None, document_id]},
        )
    return current


def _plan_annex(classes: list[PlannedClass]) -> tuple[AnnexTable, ...]:
    """The classes, then the places of each sending agency in each class (the
    headings, columns and the total's label are the template's)."""
    class_rows = tuple(
        (
            c.name,
            c.target_group,
            str(c.planned_size),
            f"{format_date(c.starts_on)} - {format_date(c.ends_on)}",
            c.site.name,
        )
        for c in classes
    )
    quota_rows: list[tuple[str, ...]] = []
    for planned in classes:
        quotas = sorted(planned.quotas.all(), key=lambda q: q.agency.sort_key)
        for index, quota in enumerate(quotas):
            quota_rows.append(
                (
                    planned.name if index == 0 else "",
                    quota.agency.name,
                    str(quota.places),
                )
            )
    total = sum(int(row[2]) for row in quota_rows)
    return (
        AnnexTable(rows=class_rows),
        AnnexTable(
            rows=tuple(quota_rows), total=("", str(total)) if quota_rows else None
        ),
    )


def _supplement_values(plan: TrainingPlan) -> dict[str, Any]:
    """What a supplementary plan's document cites: its number and the main plan's
    Kế hoạch once that is signed (left out of the căn cứ until then)."""
    if not plan.is_supplementary:
        return {}
    values: dict[str, Any] = {"supplement_number": plan.supplement_number}
    main_document = plan.main_plan.document if plan.main_plan else None
    if main_document is not None and main_document.symbol and main_document.issued_on:
        values["main_symbol"] = main_document.symbol
        values["main_issued_on"] = format_date(main_document.issued_on)
    return values


def _approval_values(plan: TrainingPlan) -> dict[str, str]:
    """What the căn cứ cites of the approval: the province's board's Công văn
    ("province_reference") or the day it approved ("province_approved_on"), or
    the day leadership approved ("approved_on"); nothing before approval."""
    if plan.status != Status.APPROVED or plan.approved_at is None:
        return {}
    step = plan.review_steps.filter(kind=Kind.APPROVED).order_by("-at", "-id").first()
    day = format_date(timezone.localtime(plan.approved_at).date())
    if step is None or not step.by_province:
        return {"approved_on": day}
    if step.approval_number:
        return {"province_reference": str(step.approval_reference)}
    return {"province_approved_on": day}


def plan_document_draft(*, actor: Actor, plan: TrainingPlan) -> Any:
    """Draft the Kế hoạch document of the plan at any stage (the approval cited once
    there is one), or draft its unsigned document again from the current data;
    the classes and the agencies' places are its annex."""
    require_scope(actor, "planning.manage_plan", school_id=plan.school_id)
    plan = TrainingPlan.objects.select_related(
        "school", "document", "main_plan__document"
    ).get(pk=plan.pk)
    classes = list(
        plan.classes.select_related("site", "program_version__program")
        .prefetch_related("quotas__agency")
        .order_by("position", "starts_on")
    )
    if not classes:
        raise ValidationError(_("Kế hoạch chưa có lớp nào."))
    existing = plan.document
    template = DocumentTemplate.objects.get(
        code="ke-hoach-bo-sung" if plan.is_supplementary else "ke-hoach-nam"
    )
    unit_id = (
        existing.drafting_unit_id
        if existing
        else drafting_unit_for(actor=actor, school_id=plan.school_id)
    )
    values = (
        drafting.unit_values(school=plan.school, unit_id=unit_id)
        | {
            "plan_title": plan.title,
            "year": plan.year,
            "count": len(classes),
            "size": format_number(sum(c.planned_size for c in classes)),
        }
        | _approval_values(plan)
        | _supplement_values(plan)
    )
    draft = drafting.DataDraft(
        template=template,
        values=values,
        drafting_unit_id=unit_id,
        annex_tables=_plan_annex(classes),
    )
    with transaction.atomic():
        document = drafting.document_draft_from_data(
            actor=actor,
            school_id=plan.school_id,
            issuer=existing.issuer
            if existing
            else documents.issuer_ensure_default(school=plan.school),
            draft=draft,
            document=existing,
        )
        if existing is None:
            plan_attach_document(actor=actor, plan=plan, document_id=document.pk)
    return document

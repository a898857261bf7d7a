"""Writes of lecturer development: the dossier, field practice, rotation, contests,
the annual evaluation and the rule set. Each is atomic, re-checks the permission on
the lecturer's row (a faculty head manages their own faculty's lecturers) and is
audited on the lecturer's history.

A field practice or a rotation keeps its days in the lecturer's unavailability
(`Unavailability`, owned by it): the scheduler and the session editor, which read
unavailability, leave the lecturer out on those days without knowing why."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.core.text import format_date
from daotao.documents import drafting as documents_drafting
from daotao.documents.annexes import RosterLine, roster
from daotao.documents.models import DocumentTemplate
from daotao.faculty import rules
from daotao.faculty.development import evaluation as sources
from daotao.faculty.development.selectors import rule_set_in_force
from daotao.faculty.models import (
    AnnualEvaluation,
    DevelopmentRuleSet,
    EvaluationDecision,
    FieldPractice,
    Lecturer,
    Qualification,
    Rotation,
    TeachingContest,
    Unavailability,
)

MANAGE = "faculty.manage_development"
EVALUATE = "faculty.evaluate_lecturer"
MANAGE_RULES = "faculty.manage_rules"
DECISION_TEMPLATE = "qd-cong-nhan-danh-gia-vien-chuc"
PROPOSAL_TEMPLATE = "ttr-de-nghi-luan-chuyen-giang-vien"


def require_lecturer(actor: Actor, permission: str, lecturer: Lecturer) -> None:
    """Refuse unless the actor reaches this lecturer's row through `permission`
    (the school, and the unit for a unit-bound role)."""
    require_scope(actor, permission, school_id=lecturer.school_id)
    if (
        not Lecturer.objects.visible_to(actor, permission)
        .filter(pk=lecturer.pk)
        .exists()
    ):
        raise PermissionDenied


def _dates(starts_on: datetime.date, ends_on: datetime.date) -> None:
    if ends_on < starts_on:
        raise ValidationError(
            {"ends_on": [_("Ngày kết thúc phải từ ngày bắt đầu trở đi.")]}
        )


def _refuse_busy(lecturer: Lecturer, first: datetime.date, last: datetime.date) -> None:
    """Refuse days the lecturer already teaches on the published schedule: those
    sessions are moved to another lecturer first (the schedule's editor)."""
    messages = sources.busy(lecturer, first, last)
    if messages:
        first_line = _(
            "Giảng viên đã có lịch giảng trong những ngày này; hãy phân công lại trước:"
        )
        raise ValidationError([first_line, *messages])


def _keep_days(
    item: FieldPractice | Rotation, *, kind: str, owner: str, note: str
) -> None:
    """Make the record's unavailability match its dates (created the first time)."""
    absence = item.unavailability or Unavailability(lecturer=item.lecturer)
    absence.starts_on = item.starts_on
    absence.ends_on = item.ends_on
    absence.part = Unavailability.Part.WHOLE_DAY
    absence.kind = kind
    absence.note = note[:255]
    absence.owned_by = owner
    absence.save()
    if item.unavailability_id != absence.pk:
        item.unavailability = absence
        item.save(update_fields=["unavailability", "updated_at"])


def _drop_days(item: FieldPractice | Rotation) -> None:
    if item.unavailability_id:
        Unavailability.objects.filter(pk=item.unavailability_id).delete()


# --- Dossier --------------------------------------------------------------------


@dataclass(frozen=True)
class QualificationData:
    kind: str
    name: str
    level: str = ""
    issuer: str = ""
    issued_on: datetime.date | None = None
    expires_on: datetime.date | None = None


def qualification_add(
    *, actor: Actor, lecturer: Lecturer, data: QualificationData, evidence: Any = None
) -> Qualification:
    """Add a line to the lecturer's dossier, with its evidence file if given."""
    require_lecturer(actor, MANAGE, lecturer)
    errors: dict[str, list[str]] = {}
    if data.kind not in Qualification.Kind.values:
        errors["kind"] = [_("Loại văn bằng không hợp lệ.")]
    if not data.name.strip():
        errors["name"] = [_("Hãy nhập tên văn bằng, chứng chỉ.")]
    if data.issued_on and data.expires_on and data.expires_on < data.issued_on:
        errors["expires_on"] = [_("Ngày hết hạn phải sau ngày cấp.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item = Qualification(
            lecturer=lecturer,
            kind=data.kind,
            name=data.name.strip(),
            level=data.level.strip(),
            issuer=data.issuer.strip(),
            issued_on=data.issued_on,
            expires_on=data.expires_on,
        )
        if evidence is not None:
            item.evidence.save(evidence.name, evidence, save=False)
        item.save()
        audit_record(
            actor=actor,
            action="faculty.qualification_add",
            instance=lecturer,
            changes={"qualification": [None, str(item)]},
        )
    return item


def qualification_delete(*, actor: Actor, qualification: Qualification) -> None:
    lecturer = qualification.lecturer
    require_lecturer(actor, MANAGE, lecturer)
    with transaction.atomic():
        described = str(qualification)
        qualification.delete()
        audit_record(
            actor=actor,
            action="faculty.qualification_delete",
            instance=lecturer,
            changes={"qualification": [described, None]},
        )


# --- Field practice -------------------------------------------------------------


@dataclass(frozen=True)
class FieldPracticeData:
    place: str
    topic: str
    starts_on: datetime.date
    ends_on: datetime.date


def field_practice_plan(
    *, actor: Actor, lecturer: Lecturer, data: FieldPracticeData
) -> FieldPractice:
    """Plan a field practice; its days are kept free of teaching."""
    require_lecturer(actor, MANAGE, lecturer)
    _dates(data.starts_on, data.ends_on)
    if not data.place.strip() or not data.topic.strip():
        raise ValidationError(_("Hãy nhập địa điểm và nội dung đi thực tế."))
    _refuse_busy(lecturer, data.starts_on, data.ends_on)
    with transaction.atomic():
        item = FieldPractice.objects.create(
            lecturer=lecturer,
            place=data.place.strip(),
            topic=data.topic.strip(),
            starts_on=data.starts_on,
            ends_on=data.ends_on,
        )
        _keep_days(
            item,
            kind=Unavailability.Kind.FIELD_PRACTICE,
            owner="field_practice",
            note=item.place,
        )
        audit_record(
            actor=actor,
            action="faculty.field_practice_plan",
            instance=lecturer,
            changes={
                "field_practice": [
                    None,
                    f"{item.place} {item.starts_on}–{item.ends_on}",
                ]
            },
        )
    return item


def field_practice_report(
    *,
    actor: Actor,
    field_practice: FieldPractice,
    submitted_on: datetime.date,
    summary: str,
) -> FieldPractice:
    """Record the report of a field practice: it then counts as done. Refused
    before the practice has begun."""
    require_lecturer(actor, MANAGE, field_practice.lecturer)
    if submitted_on < field_practice.starts_on:
        raise ValidationError(
            {"submitted_on": [_("Báo cáo không thể nộp trước khi đi thực tế.")]}
        )
    with transaction.atomic():
        item = FieldPractice.objects.select_for_update().get(pk=field_practice.pk)
        before = str(item.report_submitted_on or "")
        item.report_submitted_on = submitted_on
        item.report_summary = summary.strip()
        item.save(update_fields=["report_submitted_on", "report_summary", "updated_at"])
        audit_record(
            actor=actor,
            action="faculty.field_practice_report",
            instance=item.lecturer,
            changes={"field_practice_report": [before, str(submitted_on)]},
        )
    return item


def field_practice_delete(*, actor: Actor, field_practice: FieldPractice) -> None:
    """Cancel a planned field practice (and free its days)."""
    lecturer = field_practice.lecturer
    require_lecturer(actor, MANAGE, lecturer)
    with transaction.atomic():
        described = f"{field_practice.place} {field_practice.starts_on}"
        _drop_days(field_practice)
        field_practice.delete()
        audit_record(
            actor=actor,
            action="faculty.field_practice_delete",
            instance=lecturer,
            changes={"field_practice": [described, None]},
        )


# --- Rotation ---------------------------------------------------------------------


@dataclass(frozen=True)
class RotationData:
    post: str
    host: str
    level: str
    starts_on: datetime.date
    ends_on: datetime.date
    decision_number: str = ""
    decision_on: datetime.date | None = None


def rotation_create(
    *, actor: Actor, lecturer: Lecturer, data: RotationData
) -> Rotation:
    """Record a rotation; from its first to its last day the scheduler leaves the
    lecturer out. Refused when it overlaps another rotation of theirs."""
    require_lecturer(actor, MANAGE, lecturer)
    _dates(data.starts_on, data.ends_on)
    if data.level not in Rotation.Level.values:
        raise ValidationError({"level": [_("Cấp không hợp lệ.")]})
    if not data.post.strip() or not data.host.strip():
        raise ValidationError(_("Hãy nhập chức vụ và nơi đến."))
    _refuse_busy(lecturer, data.starts_on, data.ends_on)
    with transaction.atomic():
        Lecturer.objects.select_for_update().filter(pk=lecturer.pk).first()
        if lecturer.rotations.filter(
            starts_on__lte=data.ends_on, ends_on__gte=data.starts_on
        ).exists():
            raise ValidationError(
                _("Giảng viên đã có một đợt luân chuyển trùng thời gian này.")
            )
        item = Rotation.objects.create(
            lecturer=lecturer,
            post=data.post.strip(),
            host=data.host.strip(),
            level=data.level,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            decision_number=data.decision_number.strip(),
            decision_on=data.decision_on,
        )
        _keep_days(
            item,
            kind=Unavailability.Kind.ROTATION,
            owner="rotation",
            note=f"{item.post}, {item.host}",
        )
        audit_record(
            actor=actor,
            action="faculty.rotation_create",
            instance=lecturer,
            changes={"rotation": [None, f"{item} {item.starts_on}–{item.ends_on}"]},
        )
    return item


def rotation_report(
    *, actor: Actor, rotation: Rotation, submitted_on: datetime.date, report: str
) -> Rotation:
    """The report on return; refused before the rotation has ended."""
    require_lecturer(actor, MANAGE, rotation.lecturer)
    if submitted_on < rotation.ends_on:
        raise ValidationError(
            {"submitted_on": [_("Báo cáo khi về nộp từ ngày kết thúc luân chuyển.")]}
        )
    if not report.strip():
        raise ValidationError({"report": [_("Hãy nhập nội dung báo cáo.")]})
    with transaction.atomic():
        item = Rotation.objects.select_for_update().get(pk=rotation.pk)
        item.return_report_on = submitted_on
        item.return_report = report.strip()
        item.save(update_fields=["return_report_on", "return_report", "updated_at"])
        audit_record(
            actor=actor,
            action="faculty.rotation_report",
            instance=item.lecturer,
            changes={"rotation_report": [None, str(submitted_on)]},
        )
    return item


def rotation_delete(*, actor: Actor, rotation: Rotation) -> None:
    lecturer = rotation.lecturer
    require_lecturer(actor, MANAGE, lecturer)
    with transaction.atomic():
        described = f"{rotation} {rotation.starts_on}–{rotation.ends_on}"
        _drop_days(rotation)
        rotation.delete()
        audit_record(
            actor=actor,
            action="faculty.rotation_delete",
            instance=lecturer,
            changes={"rotation": [described, None]},
        )


def rotation_proposal_draft(
    *, actor: Actor, rotation: Rotation, issuer: Any, drafting_unit_id: int
) -> Rotation:
    """The school's Tờ trình đề nghị luân chuyển giảng viên to the Party committee's
    Ban Tổ chức, drafted from the rotation (or drafted again while still a draft).
    Needs the manage right on the lecturer and `documents.draft_document`."""
    lecturer = rotation.lecturer
    require_lecturer(actor, MANAGE, lecturer)
    if not has_permission(actor, "documents.draft_document"):
        raise PermissionDenied
    with transaction.atomic():
        item = (
            Rotation.objects.select_for_update(of=("self",))
            .select_related("lecturer__person", "lecturer__unit", "lecturer__school")
            .get(pk=rotation.pk)
        )
        document = documents_drafting.document_draft_from_data(
            actor=actor,
            school_id=lecturer.school_id,
            issuer=issuer,
            draft=_proposal_draft(item, drafting_unit_id),
            document=item.proposal_document,
        )
        before = item.proposal_document_id
        item.proposal_document = document
        if before != document.pk:
            item.save(update_fields=["proposal_document", "updated_at"])
        audit_record(
            actor=actor,
            action="faculty.rotation_proposal_draft",
            instance=item.lecturer,
            changes={"rotation_proposal": [before, document.pk]},
        )
    return item


def _proposal_draft(rotation: Rotation, drafting_unit_id: int) -> Any:
    lecturer = rotation.lecturer
    school = lecturer.school
    province = school.province
    committee = "Thành ủy" if province.kind == "thành phố" else "Tỉnh ủy"
    values = documents_drafting.unit_values(school=school, unit_id=drafting_unit_id)
    values |= {
        "committee": f"{committee} {province.name}",
        "lecturer_name": lecturer.person.full_name,
        "lecturer_title": lecturer.get_title_display().lower(),
        "unit_name": lecturer.unit.name if lecturer.unit else school.name,
        "post": rotation.post,
        "host": rotation.host,
        "level": rotation.get_level_display().lower(),
        "starts_on": format_date(rotation.starts_on),
        "ends_on": format_date(rotation.ends_on),
    }
    return documents_drafting.DataDraft(
        template=DocumentTemplate.objects.get(code=PROPOSAL_TEMPLATE),
        values=values,
        drafting_unit_id=drafting_unit_id,
    )


# --- Contests -----------------------------------------------------------------------


def contest_add(
    *,
    actor: Actor,
    lecturer: Lecturer,
    year: int,
    level: str,
    result: str,
    note: str = "",
) -> TeachingContest:
    require_lecturer(actor, MANAGE, lecturer)
    errors = {}
    if level not in TeachingContest.Level.values:
        errors["level"] = [_("Cấp hội thi không hợp lệ.")]
    if result not in TeachingContest.Result.values:
        errors["result"] = [_("Kết quả không hợp lệ.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item = TeachingContest.objects.create(
            lecturer=lecturer, year=year, level=level, result=result, note=note.strip()
        )
        audit_record(
            actor=actor,
            action="faculty.contest_add",
            instance=lecturer,
            changes={"contest": [None, f"{year} {level} {result}"]},
        )
    return item


def contest_delete(*, actor: Actor, contest: TeachingContest) -> None:
    lecturer = contest.lecturer
    require_lecturer(actor, MANAGE, lecturer)
    with transaction.atomic():
        described = f"{contest.year} {contest.level} {contest.result}"
        contest.delete()
        audit_record(
            actor=actor,
            action="faculty.contest_delete",
            instance=lecturer,
            changes={"contest": [described, None]},
        )


# --- Annual evaluation --------------------------------------------------------------


def field_practice_days(lecturer_ids: list[int], year: int) -> dict[int, int]:
    """Days of field practice done (report submitted) in `year`, per lecturer."""
    days: dict[int, int] = dict.fromkeys(lecturer_ids, 0)
    done = FieldPractice.objects.filter(
        lecturer_id__in=lecturer_ids,
        report_submitted_on__isnull=False,
        starts_on__lte=datetime.date(year, 12, 31),
        ends_on__gte=datetime.date(year, 1, 1),
    ).values_list("lecturer_id", "starts_on", "ends_on")
    for lecturer_id, first, last in done:
        days[lecturer_id] += rules.days_in_year(first, last, year)
    return days


def evaluation_inputs(
    lecturer_ids: list[int], year: int, parameters: dict[str, Any]
) -> dict[int, tuple[rules.EvaluationInputs, dict[str, Any]]]:
    """Per lecturer: the inputs of the rules and the same figures as stored."""
    hours = sources.figures(
        sources.HOURS, lecturer_ids, rules.hours_school_year(year, parameters)
    )
    research = sources.figures(sources.RESEARCH, lecturer_ids, year)
    observed = sources.figures(sources.OBSERVATION, lecturer_ids, year)
    practice = field_practice_days(lecturer_ids, year)
    result = {}
    for pk in lecturer_ids:
        done, norm = hours.get(pk, (0, None))
        # Nothing in the school year's ledger for them (not counted, or no ledger
        # kept that year): a band is not proposed from zero hours.
        recorded = Decimal(done) > 0
        percent = rules.hours_percent(done, norm)
        days = practice.get(pk, 0)
        inputs = rules.EvaluationInputs(
            hours_percent=percent,
            research=int(research.get(pk, 0)),
            observation=observed.get(pk),
            field_practice_done=rules.field_practice_due(days, parameters) == 0,
        )
        stored = {
            "school_year": rules.hours_school_year(year, parameters),
            "hours": str(done),
            "hours_recorded": recorded,
            "norm": None if norm is None else str(norm),
            "hours_percent": None if percent is None else str(percent),
            "research": inputs.research,
            "observation": None
            if inputs.observation is None
            else str(inputs.observation),
            "field_practice_days": days,
            "field_practice_done": inputs.field_practice_done,
        }
        result[pk] = (inputs, stored)
    return result


def evaluation_compute(*, actor: Actor, school_id: int, year: int) -> int:
    """Count the year's figures for every active lecturer of the school and propose
    each one's band by the rule set in force on 31/12 of the year (none for a
    lecturer without giờ chuẩn in the ledger read: `inputs["hours_recorded"]`); a
    band already decided is kept. Returns how many evaluations were written."""
    require_scope(actor, MANAGE, school_id=school_id)
    rule_set = rule_set_in_force(datetime.date(year, 12, 31))
    lecturers = list(
        Lecturer.objects.visible_to(actor, MANAGE)
        .filter(school_id=school_id, is_active=True, is_visiting=False)
        .values_list("pk", flat=True)
    )
    figures = evaluation_inputs(lecturers, year, rule_set.parameters)
    with transaction.atomic():
        existing = {
            e.lecturer_id: e
            for e in AnnualEvaluation.objects.select_for_update().filter(
                lecturer_id__in=lecturers, year=year
            )
        }
        for pk in lecturers:
            inputs, stored = figures[pk]
            band = (
                rules.classify(inputs, rule_set.parameters)["code"]
                if stored["hours_recorded"]
                else ""
            )
            item = existing.get(pk) or AnnualEvaluation(lecturer_id=pk, year=year)
            item.inputs = stored
            item.rule_set = rule_set
            item.proposed_band = band
            item.save()
        audit_record(
            actor=actor,
            action="faculty.evaluation_compute",
            instance=rule_set,
            school_id=school_id,
            changes={"year": [None, year], "lecturers": [None, len(lecturers)]},
        )
    return len(lecturers)


def evaluation_decide(
    *,
    actor: Actor,
    evaluation: AnnualEvaluation,
    band: str,
    note: str = "",
    decided_on: datetime.date,
) -> AnnualEvaluation:
    """The school's band for the lecturer's year (may differ from the proposal)."""
    require_lecturer(actor, EVALUATE, evaluation.lecturer)
    codes = [b["code"] for b in evaluation.rule_set.parameters["evaluation_bands"]]
    if band not in codes:
        raise ValidationError({"band": [_("Mức xếp loại không hợp lệ.")]})
    with transaction.atomic():
        item = AnnualEvaluation.objects.select_for_update().get(pk=evaluation.pk)
        before = item.band
        item.band = band
        item.note = note.strip()
        item.decided_on = decided_on
        item.save(update_fields=["band", "note", "decided_on", "updated_at"])
        audit_record(
            actor=actor,
            action="faculty.evaluation_decide",
            instance=item.lecturer,
            changes={f"evaluation_{item.year}": [before, band]},
        )
    return item


def evaluation_decision_draft(
    *, actor: Actor, school: Any, year: int, issuer: Any, drafting_unit_id: int
) -> EvaluationDecision:
    """The school's decision recognising the year's results drafted (or drafted
    again while still a draft) from the evaluation list, the list annexed. Only once
    leadership has decided every lecturer's band."""
    require_scope(actor, MANAGE, school_id=school.pk)
    if not has_permission(actor, "documents.draft_document"):
        raise PermissionDenied
    with transaction.atomic():
        items = list(
            AnnualEvaluation.objects.select_for_update(of=("self",))
            .filter(lecturer__school_id=school.pk, year=year)
            .select_related("lecturer__person", "lecturer__unit", "rule_set")
            .order_by("lecturer__person__sort_key", "id")
        )
        if not items:
            raise ValidationError(
                _("Chưa tính đánh giá, xếp loại năm %s.") % year, code="empty"
            )
        undecided = sum(1 for item in items if not item.band)
        if undecided:
            raise ValidationError(
                _(
                    "Còn %(n)s giảng viên chưa được Ban Giám hiệu quyết định mức xếp "
                    "loại năm %(year)s; chưa thể soạn quyết định công nhận."
                )
                % {"n": undecided, "year": year},
                code="undecided",
            )
        decision = (
            EvaluationDecision.objects.select_for_update()
            .filter(school_id=school.pk, year=year)
            .first()
        )
        document = documents_drafting.document_draft_from_data(
            actor=actor,
            school_id=school.pk,
            issuer=issuer,
            draft=_decision_draft(school, year, items, drafting_unit_id),
            document=decision.document if decision else None,
        )
        if decision is None:
            decision = EvaluationDecision.objects.create(
                school_id=school.pk, year=year, document=document
            )
            before = None
        else:
            before = decision.document_id
            decision.document = document
            decision.save(update_fields=["document", "updated_at"])
        audit_record(
            actor=actor,
            action="faculty.evaluation_decision_draft",
            instance=decision,
            school_id=school.pk,
            changes={"document": [before, document.pk]},
        )
    return decision


def _decision_draft(
    school: Any, year: int, items: list[AnnualEvaluation], drafting_unit_id: int
) -> Any:
    parameters = items[0].rule_set.parameters
    summary = "; ".join(
        f"{rules.band_label(code, parameters)}: {number}"
        for code in [b["code"] for b in parameters["evaluation_bands"]]
        if (number := sum(1 for item in items if item.band == code))
    )
    values = documents_drafting.unit_values(school=school, unit_id=drafting_unit_id) | {
        "year": year,
        "count": len(items),
        "counts": summary,
    }
    table = roster(
        RosterLine(
            full_name=item.lecturer.person.full_name,
            date_of_birth=item.lecturer.person.date_of_birth,
            cells=(
                ", ".join(
                    part
                    for part in (
                        item.lecturer.get_title_display(),
                        item.lecturer.unit.name if item.lecturer.unit else "",
                    )
                    if part
                ),
                item.band_label,
            ),
        )
        for item in items
    )
    return documents_drafting.DataDraft(
        template=DocumentTemplate.objects.get(code=DECISION_TEMPLATE),
        values=values,
        drafting_unit_id=drafting_unit_id,
        annex_tables=(table,),
    )


# --- The rule set ---------------------------------------------------------------


def rule_set_update(
    *,
    actor: Actor,
    rule_set: DevelopmentRuleSet,
    parameters: dict[str, Any],
    is_confirmed: bool,
) -> DevelopmentRuleSet:
    """Change the numbers of a rule set; refused when the rules cannot use them."""
    # A rule set belongs to no school: whoever holds the permission edits it.
    if not has_permission(actor, MANAGE_RULES):
        raise PermissionDenied
    rules.validate_parameters(parameters)
    with transaction.atomic():
        item = DevelopmentRuleSet.objects.select_for_update().get(pk=rule_set.pk)
        before = {"parameters": item.parameters, "is_confirmed": item.is_confirmed}
        item.parameters = parameters
        item.is_confirmed = is_confirmed
        item.save(update_fields=["parameters", "is_confirmed", "updated_at"])
        audit_record(
            actor=actor,
            action="faculty.rule_set_update",
            instance=item,
            changes={
                "parameters": [before["parameters"], parameters],
                "is_confirmed": [before["is_confirmed"], is_confirmed],
            },
        )
    return item

"""A school's period report to the Academy (PeriodReport): draft its figures of a
year or half-year (a frozen copy of the school's column of the comparison),
submit it, draft its statistical report (báo cáo thống kê) through the
documents app. Writes are keyword-only, atomic and audited; a draft after a
submission is a new version, the submitted ones stay."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.core.text import format_number
from daotao.documents import services as documents
from daotao.documents.annexes import AnnexTable
from daotao.documents.drafting import DataDraft, document_draft_from_data, unit_values
from daotao.documents.models import DocumentTemplate
from daotao.org.selectors import drafting_unit_for
from daotao.reports.comparison import period_of, snapshot
from daotao.reports.models import PeriodReport

MANAGE = "reports.submit_period_report"
VIEW = "reports.view_period_report"
TEMPLATE_CODE = "bao-cao-thong-ke-dinh-ky"


# --- Reads ---


def _in_reach(actor: Actor, permission: str) -> QuerySet[PeriodReport]:
    """The reports in reach: a reader who does not submit them (the supervisor)
    sees the submitted ones only."""
    reports = PeriodReport.objects.visible_to(actor, permission)
    if not has_permission(actor, MANAGE):
        reports = reports.filter(status=PeriodReport.Status.SUBMITTED)
    return reports


def period_report_list(*, actor: Actor) -> QuerySet[PeriodReport]:
    """The reports in reach, newest period first, each period's versions newest
    first."""
    return (
        _in_reach(actor, VIEW)
        .select_related("school", "submitted_by", "created_by", "document")
        .defer("figures")
        .order_by("-year", "period", "school__name", "-version")
    )


def get_period_report(actor: Actor, pk: int, permission: str = VIEW) -> PeriodReport:
    """One report in reach (404 for another school's)."""
    report = (
        _in_reach(actor, permission)
        .select_related("school", "submitted_by", "created_by", "document")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    return report


def submitted_figures(
    *, actor: Actor, year: int, period: str, school_ids: list[int]
) -> dict[int, PeriodReport]:
    """The latest submitted report of the period per school. One query."""
    latest: dict[int, PeriodReport] = {}
    for report in (
        PeriodReport.objects.visible_to(actor, VIEW)
        .filter(
            year=year,
            period=period,
            status=PeriodReport.Status.SUBMITTED,
            school_id__in=school_ids,
        )
        .select_related("submitted_by")
        .order_by("school_id", "-version")
    ):
        latest.setdefault(report.school_id, report)
    return latest


# --- Writes ---


@transaction.atomic
def period_report_draft(
    *, actor: Actor, school_id: int, year: int, period: str
) -> PeriodReport:
    """The school's figures of the period as they are now: the draft refreshed,
    or a new version when there is none (the first, or after a submission)."""
    require_scope(actor, MANAGE, school_id=school_id)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Năm báo cáo phải từ 2000 đến 2100.")})
    if period not in PeriodReport.Period.values:
        raise ValidationError({"period": _("Kỳ báo cáo không hợp lệ.")})
    figures = snapshot(
        actor=actor,
        period=period_of(year, period),
        school=SimpleNamespace(pk=school_id, name=""),
    )
    now = timezone.now()
    latest = (
        PeriodReport.objects.select_for_update()
        .filter(school_id=school_id, year=year, period=period)
        .order_by("-version")
        .first()
    )
    if latest is not None and latest.status == PeriodReport.Status.DRAFT:
        latest.figures = figures
        latest.figures_at = now
        latest.save(update_fields=["figures", "figures_at", "updated_at"])
        audit_record(
            actor=actor,
            action="reports.period_report_update",
            instance=latest,
            changes={"figures_at": [None, now.isoformat()]},
        )
        return latest
    report = PeriodReport.objects.create(
        school_id=school_id,
        year=year,
        period=period,
        version=latest.version + 1 if latest else 1,
        figures=figures,
        figures_at=now,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="reports.period_report_create",
        instance=report,
        changes={
            "year": [None, year],
            "period": [None, period],
            "version": [None, report.version],
        },
    )
    return report


@transaction.atomic
def period_report_submit(*, actor: Actor, report: PeriodReport) -> PeriodReport:
    """Send the draft to the Academy as it stands (its figures stay frozen);
    refused for a report already sent."""
    report = PeriodReport.objects.select_for_update().get(pk=report.pk)
    require_scope(actor, MANAGE, school_id=report.school_id)
    if report.status != PeriodReport.Status.DRAFT:
        raise ValidationError(
            _("Báo cáo này đã gửi; lập lại số liệu để gửi một lần mới.")
        )
    report.status = PeriodReport.Status.SUBMITTED
    report.submitted_by = actor
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    audit_record(
        actor=actor,
        action="reports.period_report_submit",
        instance=report,
        changes={"status": [PeriodReport.Status.DRAFT, PeriodReport.Status.SUBMITTED]},
    )
    return report


@transaction.atomic
def period_report_attach_document(
    *, actor: Actor, report: PeriodReport, document_id: int
) -> None:
    require_scope(actor, MANAGE, school_id=report.school_id)
    PeriodReport.objects.filter(pk=report.pk).update(document_id=document_id)
    audit_record(
        actor=actor,
        action="reports.period_report_attach_document",
        instance=report,
        changes={"document": [None, document_id]},
    )


# --- The statistical report (báo cáo thống kê) ---


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):  # a Decimal kept as text in the JSON
        return format_number(Decimal(value))
    return format_number(value)


def _first(figures: dict[str, Any], key: str, index: int = 0) -> str:
    lines = figures.get(key, {}).get("lines", [])
    return _text(lines[index][1]) if len(lines) > index else "0"


def report_values(report: PeriodReport) -> dict[str, Any]:
    """What the template's wording names: the period and the headline figures."""
    figures = report.figures
    return {
        "year": report.year,
        "period_label": period_of(report.year, report.period).label,
        "period_label_upper": period_of(report.year, report.period).label.upper(),
        "classes": _first(figures, "so-lop"),
        "learners": _first(figures, "so-hoc-vien"),
        "finished": _first(figures, "tot-nghiep", 0),
        "graduates": _first(figures, "tot-nghiep", 1),
        "lecturers": _first(figures, "giang-vien-chuc-danh"),
        "topics": _first(figures, "nghien-cuu", 0),
        "conferences": _first(figures, "nghien-cuu", 2),
    }


def report_annex(
    report: PeriodReport, words: list[dict[str, Any]]
) -> tuple[AnnexTable, ...]:
    """One annex table per table the wording lists (by its "key"): the report's
    lines, label and figure; a table the report lacks, or whose every figure is
    unknown (no self-assessment that year), has no rows (the wording's "empty")."""
    tables = []
    for word in words:
        lines = report.figures.get(word.get("key", ""), {}).get("lines", [])
        if all(value is None for _label, value in lines):
            lines = []
        tables.append(
            AnnexTable(rows=tuple((str(label), _text(value)) for label, value in lines))
        )
    return tuple(tables)


def period_report_document_draft(*, actor: Actor, report: PeriodReport) -> Any:
    """Draft the period's statistical report from the report's frozen figures,
    or draft its unsigned document again (the office's own lines are kept:
    documents.drafting)."""
    require_scope(actor, MANAGE, school_id=report.school_id)
    report = PeriodReport.objects.select_related("school", "document").get(pk=report.pk)
    existing = report.document
    template = DocumentTemplate.objects.get(code=TEMPLATE_CODE)
    unit_id = (
        existing.drafting_unit_id
        if existing
        else drafting_unit_for(actor=actor, school_id=report.school_id)
    )
    wording = template.wording or {}
    draft = DataDraft(
        template=template,
        values=unit_values(school=report.school, unit_id=unit_id)
        | report_values(report),
        drafting_unit_id=unit_id,
        annex_tables=report_annex(report, wording.get("annex_tables", [])),
    )
    with transaction.atomic():
        document = document_draft_from_data(
            actor=actor,
            school_id=report.school_id,
            issuer=existing.issuer
            if existing
            else documents.issuer_ensure_default(school=report.school),
            draft=draft,
            document=existing,
        )
        if existing is None:
            period_report_attach_document(
                actor=actor, report=report, document_id=document.pk
            )
    return document

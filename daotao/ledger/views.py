"""Ledger pages: the report per unit, recompute and close, XLSX export, a
lecturer's ledger (and one's own), and the hour rule sets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import (
    has_permission,
    home_school_id,
    log_personal_data_export,
    permission_required,
)
from daotao.core.forms import handle_action, handle_form
from daotao.core.listing import xlsx_response
from daotao.ledger import report_rows, rules, selectors, services
from daotao.ledger.forms import EntryForm, NormForm, RuleSetForm

MANAGE = "ledger.manage_ledger"
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _school_year(data: Any) -> int:
    """The year asked for (?nam=2026), else the current school year."""
    raw = str(data.get("nam", ""))
    if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw)
    return rules.school_year_of(timezone.localdate())


def _report_url(school_year: int) -> str:
    return f"{reverse('ledger:ledger-report')}?nam={school_year}"


def _lecturer_url(pk: int, school_year: int) -> str:
    return f"{reverse('ledger:ledger-lecturer', args=[pk])}?nam={school_year}"


@permission_required("ledger.view_ledger")
def ledger_report_view(request: HttpRequest) -> HttpResponse:
    school_year = _school_year(request.GET)
    return render(
        request,
        "ledger/report.html",
        {
            "report": report_rows.with_html(
                selectors.ledger_report(actor=request.user, school_year=school_year)
            ),
            "years": selectors.ledger_years(
                actor=request.user, today=timezone.localdate()
            ),
            "can_manage": has_permission(request.user, MANAGE),
        },
    )


@permission_required(MANAGE, methods=("POST",))
def ledger_recompute_view(request: HttpRequest) -> HttpResponse:
    school_year = _school_year(request.POST)
    return handle_action(
        request,
        lambda: services.ledger_recompute(
            actor=request.user,
            school_id=home_school_id(request.user, MANAGE),
            school_year=school_year,
        ),
        success=lambda result: (
            _(
                "Đã tính lại: %(sessions)s buổi giảng và %(practices)s đợt đi "
                "thực tế của %(lecturers)s giảng viên."
            )
            % {
                "sessions": result.sessions,
                "practices": result.field_practices,
                "lecturers": result.lecturers,
            }
        ),
        redirect_to=_report_url(school_year),
    )


@permission_required(MANAGE, methods=("POST",))
def ledger_close_view(request: HttpRequest) -> HttpResponse:
    school_year = _school_year(request.POST)
    period = selectors.ledger_period_for_manage(
        actor=request.user,
        school_id=home_school_id(request.user, MANAGE),
        school_year=school_year,
    )
    if period is None:
        messages.error(
            request, _("Năm học này chưa được tính giờ; hãy tính lại trước.")
        )
        return redirect(_report_url(school_year))
    return handle_action(
        request,
        lambda: services.ledger_period_close(actor=request.user, period=period),
        success=_("Đã chốt sổ giờ chuẩn năm học."),
        redirect_to=_report_url(school_year),
    )


EXPORT_HEADERS = [
    _("Khoa, phòng"),
    _("Họ và tên"),
    _("Chức danh"),
    _("Định mức theo chức danh"),
    _("Điều chỉnh (%)"),
    _("Giảm định mức"),
    _("Định mức năm"),
]


def _export_rows(report: selectors.LedgerReport) -> Iterator[list[Any]]:
    codes = report.activity_codes
    for unit in report.units:
        for row in unit.rows:
            norm = row.norm
            yield [
                unit.name,
                row.lecturer.person.full_name,
                row.lecturer.get_title_display(),
                float(norm.base) if norm else None,
                norm.adjustment_percent if norm else None,
                float(norm.reduction_hours) if norm else None,
                float(norm.hours) if norm else None,
                *(float(hours) for hours in row.hours_in(codes)),
                float(row.total),
                float(row.difference) if row.difference is not None else None,
                _status_label(row.status),
            ]
        yield [
            _("Cộng %(unit)s") % {"unit": unit.name},
            "",
            "",
            None,
            None,
            None,
            float(unit.norm),
            *(float(hours) for hours in unit.hours_in(codes)),
            float(unit.total),
            None,
            "",
        ]


def _status_label(status: str) -> str:
    return {rules.OVER: _("Vượt giờ"), rules.UNDER: _("Thiếu giờ")}.get(status, "")


@permission_required("ledger.view_ledger")
def ledger_export_view(request: HttpRequest) -> HttpResponse:
    school_year = _school_year(request.GET)
    report = selectors.ledger_report(actor=request.user, school_year=school_year)
    log_personal_data_export(
        actor=request.user,
        object_type="ledger.ledger",
        filters={"nam": school_year},
        request=request,
    )
    label = f"{school_year}-{school_year + 1}"
    return xlsx_response(
        filename=f"so-gio-chuan-{label}",
        title=_("Sổ giờ chuẩn năm học %(year)s") % {"year": label},
        headers=[
            *EXPORT_HEADERS,
            *(label for _code, label in report.activities),
            _("Tổng giờ chuẩn"),
            _("Chênh lệch"),
            _("Đánh giá"),
        ],
        rows=_export_rows(report),
    )


def _render_lecturer(
    request: HttpRequest,
    lecturer: Any,
    *,
    is_own: bool = False,
    school_year: int | None = None,
    norm_form: NormForm | None = None,
    entry_form: EntryForm | None = None,
) -> HttpResponse:
    school_year = school_year or _school_year(request.GET)
    ledger = selectors.lecturer_ledger(lecturer=lecturer, school_year=school_year)
    can_manage = (
        not is_own
        and has_permission(request.user, MANAGE)
        and not (ledger.period and ledger.period.is_closed)
    )
    return render(
        request,
        "ledger/lecturer.html",
        {
            "lecturer": lecturer,
            "ledger": ledger,
            "is_own": is_own,
            "can_manage": can_manage,
            "norm_form": norm_form or _norm_form(ledger.row.year_norm),
            "entry_form": entry_form or EntryForm(),
            "manual_activities": rules.MANUAL_ACTIVITIES,
        },
    )


def _norm_form(year_norm: Any) -> NormForm:
    if year_norm is None:
        return NormForm()
    return NormForm(
        initial={name: getattr(year_norm, name) for name in services.NORM_FIELDS}
    )


@permission_required("ledger.view_ledger")
def ledger_lecturer_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_lecturer(
        request, selectors.get_lecturer_for_ledger(request.user, pk)
    )


@permission_required("ledger.view_own_ledger")
def ledger_own_view(request: HttpRequest) -> HttpResponse:
    lecturer = selectors.lecturer_for_user(request.user)
    if lecturer is None:
        return render(request, "ledger/own_missing.html")
    return _render_lecturer(request, lecturer, is_own=True)


@permission_required(MANAGE, methods=("POST",))
def ledger_norm_set_view(request: HttpRequest, pk: int) -> HttpResponse:
    lecturer = selectors.get_lecturer_for_ledger(request.user, pk, MANAGE)
    school_year = _school_year(request.POST)
    return handle_form(
        request,
        NormForm(request.POST),
        action=lambda data: services.lecturer_norm_set(
            actor=request.user,
            lecturer=lecturer,
            school_year=school_year,
            adjustment_percent=data["adjustment_percent"],
            reason=data["adjustment_reason"],
            reduction_hours=data["reduction_hours"],
            reduction_reason=data["reduction_reason"],
        ),
        success=_("Đã ghi định mức năm của giảng viên."),
        redirect_to=_lecturer_url(pk, school_year),
        render=lambda form: _render_lecturer(
            request, lecturer, school_year=school_year, norm_form=form
        ),
    )


@permission_required(MANAGE, methods=("POST",))
def ledger_entry_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    lecturer = selectors.get_lecturer_for_ledger(request.user, pk, MANAGE)
    school_year = _school_year(request.POST)
    form = EntryForm(request.POST)
    return handle_form(
        request,
        form,
        action=lambda data: services.ledger_entry_add(
            actor=request.user, lecturer=lecturer, data=form.to_data()
        ),
        success=_("Đã thêm dòng vào sổ giờ chuẩn."),
        redirect_to=lambda entry: _lecturer_url(pk, entry.period.school_year),
        render=lambda form: _render_lecturer(
            request, lecturer, school_year=school_year, entry_form=form
        ),
    )


@permission_required(MANAGE, methods=("POST",))
def ledger_entry_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.get_ledger_entry_for_manage(request.user, pk)
    return handle_action(
        request,
        lambda: services.ledger_entry_delete(actor=request.user, entry=entry),
        success=_("Đã xóa dòng khỏi sổ giờ chuẩn."),
        redirect_to=_lecturer_url(entry.lecturer_id, entry.period.school_year),
    )


@permission_required("ledger.view_ledger")
def hour_rule_set_list_view(request: HttpRequest) -> HttpResponse:
    in_force = selectors.hour_rule_set_in_force(on=timezone.localdate())
    return render(
        request,
        "ledger/rule_sets.html",
        {
            "summaries": [
                selectors.rule_set_summary(rule_set)
                for rule_set in selectors.hour_rule_set_list()
            ],
            "in_force": in_force,
            "can_manage": has_permission(request.user, MANAGE),
        },
    )


@permission_required(MANAGE)
def hour_rule_set_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    rule_set = selectors.get_hour_rule_set(pk)
    form = RuleSetForm(
        request.POST or None,
        parameters=rule_set.parameters,
        initial={"is_confirmed": rule_set.is_confirmed},
    )
    return handle_form(
        request,
        form,
        action=lambda data: services.hour_rule_set_update(
            actor=request.user,
            rule_set=rule_set,
            parameters=form.to_parameters(),
            is_confirmed=data["is_confirmed"],
        ),
        success=lambda result: (
            _("Đã lưu bộ định mức; đã tính lại %(n)s năm học chưa chốt.")
            % {"n": result.periods_recomputed}
        ),
        redirect_to="ledger:hour-rule-set-list",
        template="ledger/rule_set_form.html",
        context={"rule_set": rule_set},
    )

"""Calendar data pages: public holidays by year and travel times between sites."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, permission_required
from daotao.core.forms import handle_action, handle_form
from daotao.teaching.forms.calendar import HolidayForm, TravelForm
from daotao.teaching.models import Holiday
from daotao.teaching.selectors import calendar as selectors
from daotao.teaching.selectors.timetables import WEEKDAY_NAMES
from daotao.teaching.services import calendar as services

VIEW, MANAGE = "teaching.view_schedule", "teaching.manage_schedule"
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _initial(holiday: Holiday) -> dict[str, Any]:
    return {name: getattr(holiday, name) for name in services.HOLIDAY_FIELDS}


def _year(data: Any) -> int:
    """The year asked for (?nam=2027), else this year."""
    raw = str(data.get("nam", ""))
    if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw)
    return timezone.localdate().year


def _list_url(year: int) -> str:
    return f"{reverse('teaching:holiday-list')}?nam={year}"


def _warn_sessions(request: HttpRequest, holiday: Holiday) -> None:
    count = selectors.published_session_count_on(actor=request.user, date=holiday.date)
    if count:
        messages.warning(
            request,
            _(
                "Lịch đã công bố có %(count)s buổi học vào ngày nghỉ này; "
                "hãy dời các buổi đó sang ngày khác."
            )
            % {"count": count},
        )


def _warned_list_url(request: HttpRequest, holiday: Holiday) -> str:
    """The list of the holiday's year, after the warning about its sessions."""
    _warn_sessions(request, holiday)
    return _list_url(holiday.date.year)


def _render_list(
    request: HttpRequest, year: int, form: HolidayForm | None = None
) -> HttpResponse:
    can_manage = has_permission(request.user, MANAGE)
    holidays = selectors.holidays_of_year(year=year)
    return render(
        request,
        "teaching/calendar_holidays.html",
        {
            "year": year,
            "years": selectors.holiday_years(today=timezone.localdate()),
            "rows": [(h, WEEKDAY_NAMES[h.date.weekday()]) for h in holidays],
            "can_manage": can_manage,
            "form": form or (HolidayForm() if can_manage else None),
        },
    )


@permission_required(VIEW)
def holiday_list_view(request: HttpRequest) -> HttpResponse:
    return _render_list(request, _year(request.GET))


@permission_required(MANAGE, methods=("POST",))
def holiday_create_view(request: HttpRequest) -> HttpResponse:
    form = HolidayForm(request.POST)
    return handle_form(
        request,
        form,
        action=lambda data: services.holiday_create(
            actor=request.user, data=form.to_data()
        ),
        success=lambda holiday: _("Đã thêm ngày nghỉ %s.") % holiday,
        redirect_to=lambda holiday: _warned_list_url(request, holiday),
        render=lambda form: _render_list(request, _year(request.POST), form),
    )


@permission_required(MANAGE)
def holiday_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    holiday = selectors.get_holiday(pk)
    form = HolidayForm(request.POST or None, initial=_initial(holiday))
    return handle_form(
        request,
        form,
        action=lambda data: services.holiday_update(
            actor=request.user, holiday=holiday, data=form.to_data()
        ),
        success=lambda saved: _("Đã lưu ngày nghỉ %s.") % saved,
        redirect_to=lambda saved: _warned_list_url(request, saved),
        template="teaching/calendar_holiday_form.html",
        context={"holiday": holiday},
    )


@permission_required(MANAGE, methods=("POST",))
def holiday_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    holiday = services.holiday_confirm(
        actor=request.user, holiday=selectors.get_holiday(pk)
    )
    messages.success(request, _("Đã xác nhận ngày nghỉ %s.") % holiday)
    return redirect(_list_url(holiday.date.year))


@permission_required(MANAGE, methods=("POST",))
def holiday_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    holiday = selectors.get_holiday(pk)
    services.holiday_delete(actor=request.user, holiday=holiday)
    messages.success(request, _("Đã xóa ngày nghỉ %s.") % holiday)
    return redirect(_list_url(holiday.date.year))


@permission_required(VIEW)
def site_travel_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "teaching/calendar_travel.html",
        {
            "schools": selectors.site_travel_table(actor=request.user),
            "can_manage": has_permission(request.user, MANAGE),
            "travel_range": services.TRAVEL_HALF_DAYS,
        },
    )


@permission_required(MANAGE, methods=("POST",))
def site_travel_set_view(request: HttpRequest) -> HttpResponse:
    form = TravelForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("teaching:site-travel-list")
    data = form.cleaned_data
    from_site = selectors.get_site_for_manage(request.user, data["from_site"])
    to_site = selectors.get_site_for_manage(request.user, data["to_site"])
    return handle_action(
        request,
        lambda: services.site_travel_set(
            actor=request.user,
            from_site=from_site,
            to_site=to_site,
            half_days=data["half_days"],
        ),
        success=_("Đã lưu thời gian đi giữa %(a)s và %(b)s: %(n)s buổi.")
        % {"a": from_site.name, "b": to_site.name, "n": data["half_days"]},
        redirect_to="teaching:site-travel-list",
    )

"""Timetable pages of the published schedule: a week per cohort, lecturer or room
(on screen, printable with ?dang=in, XLSX with ?dang=xlsx), the user's own
timetable, and the secret iCalendar feeds."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, permission_required, public
from daotao.core.listing import int_param, query_string_without, xlsx_response
from daotao.core.text import format_date
from daotao.teaching import ical
from daotao.teaching.models import CalendarFeed, TeachingSession
from daotao.teaching.selectors import timetables as selectors
from daotao.teaching.services import feeds as feed_services

XLSX_HEADERS = (
    "Ngày",
    "Thứ",
    "Buổi",
    "Lớp",
    "Chuyên đề",
    "Hình thức",
    "Số tiết",
    "Giảng viên",
    "Phòng",
    "Địa điểm",
)


@dataclass(frozen=True)
class Subject:
    """Whose timetable a page shows, and how its own links are made."""

    kind: str  # "cohort" | "lecturer" | "room"
    title: str
    sessions: QuerySet[TeachingSession]
    url: str
    obj: Any = None


def _today() -> datetime.date:
    return timezone.localdate()


def _render(
    request: HttpRequest, subject: Subject, extra: dict | None = None
) -> HttpResponse:
    week = selectors.week_of(request.GET.get("tuan"), today=_today())
    grid = selectors.week_grid(subject.sessions, week)
    period = f"{format_date(week.monday)} – {format_date(week.sunday)}"
    if request.GET.get("dang") == "xlsx":
        return xlsx_response(
            filename=f"lich {subject.title} {week.monday.isoformat()}",
            # A sheet name may not hold "/", so the dates take dots here.
            title=f"{subject.title} ({week.monday:%d.%m.%Y} – {week.sunday:%d.%m.%Y})",
            headers=XLSX_HEADERS,
            rows=[_xlsx_row(session) for session in grid.sessions],
        )
    template = "timetable_print" if request.GET.get("dang") == "in" else "timetable"
    context = {
        "subject": subject,
        "links": _week_links(subject.url, week),
        "grid": grid,
        "week": week,
        "period": period,
        "can_move": subject.kind == "cohort"
        and has_permission(request.user, "teaching.manage_schedule"),
        # A link to the session's attendance grid (learning) for those who record
        # attendance, on the days already come; the grid checks the session itself.
        "can_take_attendance": subject.kind in {"cohort", "lecturer"}
        and has_permission(request.user, "learning.record_attendance"),
        "today": _today(),
        "links_to_staff": subject.kind in {"cohort", "lecturer", "room"}
        and has_permission(request.user, "teaching.view_schedule"),
        "school_name": _school_name(subject.obj),
        "nearest_week": None if grid.sessions else _nearest_week(subject, week),
        # "danh-sach" (a list by day), "bang" (the week grid), or neither: the
        # grid on a wide screen and the list on a phone (app.css).
        "view_mode": request.GET.get("xem", ""),
        "query_without_mode": query_string_without(request, "xem"),
        **(extra or {}),
    }
    return render(request, f"teaching/{template}.html", context)


def _nearest_week(subject: Subject, week: selectors.Week) -> dict[str, Any] | None:
    """The next week with sessions (else the last one before), for an empty week."""
    day = selectors.nearest_session_day(subject.sessions, week)
    if day is None:
        return None
    return {"url": _week_url(subject.url, day), "day": day}


def _school_name(obj: Any) -> str:
    school = getattr(obj, "school", None) or getattr(obj.site, "school", None)
    return school.name if school else ""


def _week_url(url: str, day: datetime.date, **params: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}{urlencode({'tuan': day.isoformat(), **params})}"


def _week_links(url: str, week: selectors.Week) -> dict[str, str]:
    return {
        "base": url,
        "previous": _week_url(url, week.previous),
        "next": _week_url(url, week.next),
        "this_week": _week_url(url, _today()),
        "print": _week_url(url, week.monday, dang="in"),
        "xlsx": _week_url(url, week.monday, dang="xlsx"),
    }


def _xlsx_row(session: TeachingSession) -> list[Any]:
    return [
        session.date,
        str(selectors.WEEKDAY_NAMES[session.date.weekday()]),
        session.get_half_day_display(),
        session.cohort.code,
        session.topic.name,
        session.get_kind_display(),
        session.periods,
        session.lecturer.person.full_name if session.lecturer else "",
        session.room.name if session.room else "",
        session.room.site.name if session.room else session.cohort.site.name,
    ]


def _feed_context(
    request: HttpRequest, *, lecturer: Any = None, cohort: Any = None
) -> dict[str, Any]:
    feed = selectors.live_feed(lecturer=lecturer, cohort=cohort)
    return {
        "feed": feed,
        "feed_url": request.build_absolute_uri(
            reverse("teaching:calendar-feed", args=[feed.token])
        )
        if feed
        else "",
        "can_manage_feed": feed_services.can_manage_feed(
            request.user, lecturer=lecturer, cohort=cohort
        ),
    }


# --- Staff timetables ----------------------------------------------------------------


@permission_required("teaching.view_schedule")
def cohort_timetable_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_timetable(request.user, pk)
    subject = Subject(
        kind="cohort",
        title=_("Lớp %(code)s") % {"code": cohort.code},
        sessions=selectors.published_sessions().filter(cohort=cohort),
        url=reverse("teaching:cohort-timetable", args=[pk]),
        obj=cohort,
    )
    feed = _feed_context(request, cohort=cohort)
    feed["feed_create_url"] = reverse("teaching:cohort-feed-create", args=[pk])
    # Staff pages post to the training office's routes, whoever the lecturer is.
    feed["can_manage_feed"] = has_permission(request.user, "teaching.manage_schedule")
    return _render(request, subject, feed)


@permission_required("teaching.view_schedule")
def lecturer_timetable_view(request: HttpRequest, pk: int) -> HttpResponse:
    lecturer = selectors.get_lecturer_for_timetable(request.user, pk)
    subject = Subject(
        kind="lecturer",
        title=_("Giảng viên %(name)s") % {"name": lecturer.person.full_name},
        sessions=selectors.published_sessions().filter(lecturer=lecturer),
        url=reverse("teaching:lecturer-timetable", args=[pk]),
        obj=lecturer,
    )
    feed = _feed_context(request, lecturer=lecturer)
    feed["feed_create_url"] = reverse("teaching:lecturer-feed-create", args=[pk])
    # Staff pages post to the training office's routes, whoever the lecturer is.
    feed["can_manage_feed"] = has_permission(request.user, "teaching.manage_schedule")
    return _render(request, subject, feed)


@permission_required("teaching.view_schedule")
def room_timetable_view(request: HttpRequest, pk: int) -> HttpResponse:
    room = selectors.get_room_for_timetable(request.user, pk)
    subject = Subject(
        kind="room",
        title=_("%(room)s (%(site)s)") % {"room": room.name, "site": room.site.name},
        sessions=selectors.published_sessions().filter(room=room),
        url=reverse("teaching:room-timetable", args=[pk]),
        obj=room,
    )
    return _render(request, subject)


# --- One's own timetable -------------------------------------------------------------


@permission_required("teaching.view_own_timetable")
def my_timetable_view(request: HttpRequest) -> HttpResponse:
    own = selectors.own_timetable(request.user, cohort_pk=int_param(request, "lop"))
    if own.is_empty:
        return render(request, "teaching/timetable_empty.html")
    url = reverse("teaching:my-timetable")
    if own.lecturer is not None:
        subject = Subject(
            kind="lecturer",
            title=_("Lịch giảng của tôi — %(name)s")
            % {"name": own.lecturer.person.full_name},
            sessions=selectors.published_sessions().filter(lecturer=own.lecturer),
            url=url,
            obj=own.lecturer,
        )
        extra = _feed_context(request, lecturer=own.lecturer)
        extra["feed_create_url"] = reverse("teaching:my-feed-create")
    else:
        subject = Subject(
            kind="own-cohort",
            title=_("Lịch học của lớp %(code)s") % {"code": own.cohort.code},
            sessions=selectors.published_sessions().filter(cohort=own.cohort),
            url=f"{url}?lop={own.cohort.pk}",
            obj=own.cohort,
        )
        extra = _feed_context(request, cohort=own.cohort)
        extra["can_manage_feed"] = False  # learners may use the link, not change it
    extra.update(own=own, is_own=True)
    return _render(request, subject, extra)


# --- Calendar feeds ------------------------------------------------------------------


@public
def calendar_feed_view(request: HttpRequest, token: str) -> HttpResponse:
    feed = selectors.get_feed_by_token(token)
    host = request.get_host().split(":")[0]
    if feed.lecturer_id is not None:
        name = _("Lịch giảng — %(name)s") % {"name": feed.lecturer.person.full_name}
    else:
        name = _("Lịch học — lớp %(code)s") % {"code": feed.cohort.code}
    events = (
        _event(session, host)
        for session in selectors.feed_sessions(feed, today=_today())
    )
    response = HttpResponse(
        ical.calendar_text(events, name=name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="lich.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def _event(session: TeachingSession, host: str) -> ical.Event:
    starts, ends = ical.half_day_span(session.date, session.half_day)
    room = session.room
    location = f"{room.name}, {room.site.name}" if room else session.cohort.site.name
    lecturer = session.lecturer.person.full_name if session.lecturer else ""
    description = "\n".join(
        [
            f"{_('Hình thức')}: {session.get_kind_display()}",
            f"{_('Số tiết')}: {session.periods}",
            f"{_('Giảng viên')}: {lecturer}",
        ]
    )
    return ical.Event(
        uid=f"teaching-session-{session.pk}@{host}",
        sequence=session.version - 1,
        stamp=session.updated_at,
        starts=starts,
        ends=ends,
        summary=f"{session.topic.name} — {session.cohort.code}",
        location=location,
        description=description,
    )


@permission_required("teaching.view_own_timetable", methods=("POST",))
def my_feed_create_view(request: HttpRequest) -> HttpResponse:
    lecturer = selectors.own_lecturer(request.user)
    if lecturer is None:
        messages.error(request, _("Chỉ giảng viên mới có liên kết lịch giảng riêng."))
    else:
        feed_services.calendar_feed_create(actor=request.user, lecturer=lecturer)
        messages.success(request, _("Đã tạo liên kết lịch mới."))
    return _back(request, "teaching:my-timetable")


@permission_required("teaching.manage_schedule", methods=("POST",))
def cohort_feed_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_timetable(request.user, pk)
    feed_services.calendar_feed_create(actor=request.user, cohort=cohort)
    messages.success(request, _("Đã tạo liên kết lịch mới."))
    return _back(request, "teaching:cohort-timetable", pk)


@permission_required("teaching.manage_schedule", methods=("POST",))
def lecturer_feed_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    lecturer = selectors.get_lecturer_for_timetable(request.user, pk)
    feed_services.calendar_feed_create(actor=request.user, lecturer=lecturer)
    messages.success(request, _("Đã tạo liên kết lịch mới."))
    return _back(request, "teaching:lecturer-timetable", pk)


@permission_required("teaching.view_own_timetable", methods=("POST",))
def my_feed_revoke_view(request: HttpRequest) -> HttpResponse:
    lecturer = selectors.own_lecturer(request.user)
    feed = selectors.live_feed(lecturer=lecturer) if lecturer else None
    if feed is not None:
        feed_services.calendar_feed_revoke(actor=request.user, feed=feed)
        messages.success(request, _("Đã thu hồi liên kết lịch."))
    return _back(request, "teaching:my-timetable")


@permission_required("teaching.manage_schedule", methods=("POST",))
def feed_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke any link of the actor's school (others answer 404)."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("lecturer", "cohort"), pk=pk
    )
    if not feed_services.can_manage_feed(
        request.user, lecturer=feed.lecturer, cohort=feed.cohort
    ):
        raise Http404
    feed_services.calendar_feed_revoke(actor=request.user, feed=feed)
    messages.success(request, _("Đã thu hồi liên kết lịch."))
    if feed.cohort_id is not None:
        return _back(request, "teaching:cohort-timetable", feed.cohort_id)
    return _back(request, "teaching:lecturer-timetable", feed.lecturer_id)


def _back(request: HttpRequest, name: str, *args: int) -> HttpResponse:
    """Back to the timetable page, on the week the form was posted from."""
    url = reverse(name, args=args)
    week = request.POST.get("tuan", "")
    try:
        return redirect(_week_url(url, datetime.date.fromisoformat(week)))
    except ValueError:
        return redirect(url)

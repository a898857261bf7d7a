"""The lecturer's card on the start page: the sessions they are assigned on the
published schedule."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from daotao.core import todo
from daotao.core.access import LECTURER_ROLES, has_permission, user_roles
from daotao.core.actors import Actor
from daotao.core.text import format_date
from daotao.core.todo import Summary
from daotao.teaching.models import TeachingSession

OWN = "teaching.view_own_timetable"


def own_teaching(actor: Actor) -> list[Summary]:
    """How many sessions the actor teaches, how many are still to come and the
    next one (two queries); the empty state only when they teach none."""
    person_id = getattr(actor, "person_id", None)
    if not has_permission(actor, OWN) or not (user_roles(actor) & LECTURER_ROLES):
        return []
    title = _("Lịch giảng của tôi")
    today = timezone.localdate()
    sessions = TeachingSession.objects.published().filter(
        lecturer__person_id=person_id or 0
    )
    counts = sessions.aggregate(
        total=Count("id"), coming=Count("id", filter=Q(date__gte=today))
    )
    if not counts["total"]:
        return [
            Summary(
                key="teaching.own",
                title=title,
                lines=(
                    _(
                        "Bạn chưa được phân công giảng dạy lớp nào. Phòng Quản lý đào"
                        " tạo phân công giảng viên khi xếp lịch cho lớp."
                    ),
                ),
                is_empty=True,
            )
        ]
    if counts["coming"]:
        first = ngettext(
            "%(total)d buổi giảng trên lịch, %(coming)d buổi sắp tới",
            "%(total)d buổi giảng trên lịch, %(coming)d buổi sắp tới",
            counts["total"],
        )
    else:
        first = ngettext(
            "%(total)d buổi giảng trên lịch; chưa có buổi nào sắp tới",
            "%(total)d buổi giảng trên lịch; chưa có buổi nào sắp tới",
            counts["total"],
        )
    lines = [first % counts]
    upcoming = (
        sessions.filter(date__gte=today)
        .select_related("cohort", "topic")
        .order_by("date", "half_day")
        .first()
    )
    if upcoming is not None:
        lines.append(
            _("Buổi tới: %(half)s %(day)s, lớp %(cohort)s — %(topic)s")
            % {
                "half": upcoming.get_half_day_display().lower(),
                "day": format_date(upcoming.date),
                "cohort": upcoming.cohort.code,
                "topic": upcoming.topic,
            }
        )
    return [
        Summary(
            key="teaching.own",
            title=title,
            lines=tuple(lines),
            url=reverse("teaching:my-timetable"),
            link_label=_("Xem lịch của tôi"),
        )
    ]


def register() -> None:
    """Install this app's providers (from its AppConfig.ready())."""
    todo.register_summary("teaching.own", own_teaching)

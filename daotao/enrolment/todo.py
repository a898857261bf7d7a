"""What waits for someone in the enrolment app: nominations to check and classes
about to start (the training office), places still open (a sending agency)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from daotao.core import todo
from daotao.core.access import Role, has_permission, user_roles
from daotao.core.actors import Actor
from daotao.core.text import format_date
from daotao.core.todo import ToDo
from daotao.enrolment.models import Cohort, Nomination
from daotao.enrolment.selectors import open_classes
from daotao.planning.models import PlannedClass, TrainingPlan

REVIEW = "enrolment.review_nomination"
ADMIT = "enrolment.admit"
NOMINATE = "enrolment.nominate"
# How far ahead a class "about to start" is: the summons goes out two weeks before.
STARTS_WITHIN = datetime.timedelta(days=14)


def nominations_to_check(actor: Actor) -> list[ToDo]:
    """Per planned class, the nominations submitted and not yet checked (one query)."""
    if not has_permission(actor, REVIEW):
        return []
    rows = (
        Nomination.objects.visible_to(actor, REVIEW)
        .filter(status=Nomination.Status.SUBMITTED)
        .values("planned_class_id", "planned_class__code", "planned_class__name")
        .annotate(n=Count("id"), last=Max("id"))
        .order_by("planned_class__starts_on", "planned_class__code")
    )
    return [
        ToDo(
            key=f"enrolment.check:{row['planned_class_id']}.{row['last']}",
            group=_("Hồ sơ cử đi học chờ xét"),
            title=f"{row['planned_class__code']} — {row['planned_class__name']}",
            url=reverse("enrolment:class-detail", args=[row["planned_class_id"]]),
            note=ngettext(
                "%(count)d hồ sơ chờ xét", "%(count)d hồ sơ chờ xét", row["n"]
            )
            % {"count": row["n"]},
        )
        for row in rows
    ]


def classes_about_to_start(actor: Actor) -> list[ToDo]:
    """Classes opening within two weeks: planned classes of approved plans not yet
    admitted, and cohorts not yet studying (two queries)."""
    if not has_permission(actor, ADMIT):
        return []
    today = timezone.localdate()
    window = (today, today + STARTS_WITHIN)
    group = _("Lớp sắp khai giảng")
    planned = (
        PlannedClass.objects.visible_to(actor, ADMIT)
        .filter(
            plan__status=TrainingPlan.Status.APPROVED,
            starts_on__range=window,
            cohort__isnull=True,
        )
        .order_by("starts_on", "code")
        .only("pk", "code", "name", "starts_on")
    )
    items = [
        ToDo(
            key=f"enrolment.admit:{row.pk}",
            group=group,
            title=f"{row.code} — {row.name}",
            url=reverse("enrolment:class-detail", args=[row.pk]),
            note=_("Khai giảng %(day)s, chưa lập lớp")
            % {"day": format_date(row.starts_on)},
        )
        for row in planned
    ]
    cohorts = (
        Cohort.objects.visible_to(actor, ADMIT)
        .filter(status=Cohort.Status.OPEN, starts_on__range=window)
        .order_by("starts_on", "code")
        .only("pk", "code", "name", "starts_on")
    )
    items += [
        ToDo(
            key=f"enrolment.start:{row.pk}",
            group=group,
            title=f"{row.code} — {row.name}",
            url=reverse("enrolment:cohort-detail", args=[row.pk]),
            note=_("Khai giảng %(day)s") % {"day": format_date(row.starts_on)},
        )
        for row in cohorts
    ]
    return items


def places_left(actor: Actor) -> list[ToDo]:
    """For a sending agency: the classes not yet admitted, starting today or later,
    where its places outnumber its nominations (one query)."""
    if Role.AGENCY_COORDINATOR not in user_roles(actor) or not has_permission(
        actor, NOMINATE
    ):
        return []
    classes = open_classes(actor=actor).filter(
        starts_on__gte=timezone.localdate(), cohort__isnull=True
    )
    return [
        ToDo(
            key=f"enrolment.places:{row.pk}.{row.places - row.nominated}",
            group=_("Chỉ tiêu còn trống"),
            title=f"{row.code} — {row.name}",
            url=reverse("enrolment:class-detail", args=[row.pk]),
            note=ngettext(
                "còn %(count)d chỉ tiêu",
                "còn %(count)d chỉ tiêu",
                row.places - row.nominated,
            )
            % {"count": row.places - row.nominated},
        )
        for row in classes
        if row.places > row.nominated
    ]


def register() -> None:
    """Install this app's providers (from its AppConfig.ready())."""
    todo.register("enrolment.check", nominations_to_check)
    todo.register("enrolment.start", classes_about_to_start)
    todo.register("enrolment.places", places_left)

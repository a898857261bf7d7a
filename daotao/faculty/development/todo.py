"""What lecturer development has waiting for those who manage it: field practice
back without its report, rotations ended without the report on return (two
queries, in the actor's row scope)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core import todo
from daotao.core.access import has_permission
from daotao.core.actors import Actor
from daotao.core.text import format_date
from daotao.core.todo import ToDo
from daotao.faculty.models import FieldPractice, Rotation

MANAGE = "faculty.manage_development"


def reports_missing(actor: Actor) -> list[ToDo]:
    if not has_permission(actor, MANAGE):
        return []
    today = timezone.localdate()
    items = []
    for item in (
        FieldPractice.objects.visible_to(actor, MANAGE)
        .filter(ends_on__lt=today, report_submitted_on__isnull=True)
        .select_related("lecturer__person")
        .order_by("ends_on", "id")
    ):
        items.append(
            ToDo(
                key=f"faculty.field_practice_report:{item.pk}",
                group=_("Báo cáo đi thực tế chưa nộp"),
                title=item.lecturer.person.full_name,
                url=reverse("faculty:dossier", args=[item.lecturer_id]),
                note=_("%(place)s, về từ %(day)s")
                % {"place": item.place, "day": format_date(item.ends_on)},
            )
        )
    for item in (
        Rotation.objects.visible_to(actor, MANAGE)
        .filter(ends_on__lt=today, return_report_on__isnull=True)
        .select_related("lecturer__person")
        .order_by("ends_on", "id")
    ):
        items.append(
            ToDo(
                key=f"faculty.rotation_report:{item.pk}",
                group=_("Báo cáo luân chuyển chưa nộp"),
                title=item.lecturer.person.full_name,
                url=reverse("faculty:dossier", args=[item.lecturer_id]),
                note=_("%(post)s, kết thúc %(day)s")
                % {"post": item.post, "day": format_date(item.ends_on)},
            )
        )
    return items


def register() -> None:
    todo.register("faculty.development", reports_missing)

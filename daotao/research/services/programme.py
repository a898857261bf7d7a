"""Writes on the programme: sessions (phiên) in the conference's parts, with their
times, chairs and speakers, and the accepted papers ordered in them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.core.text import normalize
from daotao.research.models import ConferencePart, Paper, ProgrammeSession

MANAGE = "research.manage_paper"
SESSION_FIELDS = [
    "part",
    "title",
    "starts_at",
    "ends_at",
    "venue",
    "chairs",
    "speakers",
]


@dataclass(frozen=True)
class SessionData:
    part_id: int
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue: str = ""
    chairs: str = ""
    speakers: str = ""


def _lines(text: str) -> str:
    return "\n".join(normalize(line) for line in text.splitlines() if line.strip())


def _apply(session: ProgrammeSession, part: ConferencePart, data: SessionData) -> None:
    title = normalize(data.title)
    if not title:
        raise ValidationError({"title": _("Chưa nhập tên phiên.")})
    if data.ends_at <= data.starts_at:
        raise ValidationError({"ends_at": _("Giờ kết thúc phải sau giờ bắt đầu.")})
    if data.starts_at < part.starts_at or data.ends_at > part.ends_at:
        raise ValidationError(
            {
                "starts_at": _(
                    "Phiên phải nằm trong thời gian của phần “%(part)s” "
                    "(%(start)s – %(end)s)."
                )
                % {
                    "part": part.name,
                    "start": _clock(part.starts_at),
                    "end": _clock(part.ends_at),
                }
            }
        )
    session.part = part
    session.title = title
    session.starts_at = data.starts_at
    session.ends_at = data.ends_at
    session.venue = normalize(data.venue) or part.venue
    session.chairs = _lines(data.chairs)
    session.speakers = _lines(data.speakers)


def _clock(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


def _part(conference_id: int, part_id: int) -> ConferencePart:
    part = (
        ConferencePart.objects.select_related("conference")
        .filter(pk=part_id, conference_id=conference_id)
        .first()
    )
    if part is None:
        raise ValidationError({"part": _("Phần không thuộc hội thảo này.")})
    return part


def session_create(
    *, actor: Actor, conference: Any, data: SessionData
) -> ProgrammeSession:
    """A new session in one of the conference's parts."""
    require_scope(actor, MANAGE, school_id=conference.school_id)
    part = _part(conference.pk, data.part_id)
    session = ProgrammeSession()
    _apply(session, part, data)
    with transaction.atomic():
        session.save()
        audit_record(
            actor=actor,
            action="research.session_create",
            instance=conference,
            changes={
                k: [None, v] for k, v in snapshot(session, SESSION_FIELDS).items()
            },
        )
    return session


def session_update(
    *, actor: Actor, session: ProgrammeSession, data: SessionData
) -> ProgrammeSession:
    """Change a session's part, title, times, venue, chairs or speakers."""
    with transaction.atomic():
        current = (
            ProgrammeSession.objects.select_for_update()
            .select_related("part__conference")
            .get(pk=session.pk)
        )
        conference = current.part.conference
        require_scope(actor, MANAGE, school_id=conference.school_id)
        before = snapshot(current, SESSION_FIELDS)
        _apply(current, _part(conference.pk, data.part_id), data)
        current.save()
        audit_record(
            actor=actor,
            action="research.session_update",
            instance=conference,
            changes=diff(before, snapshot(current, SESSION_FIELDS)),
        )
    return current


def session_delete(*, actor: Actor, session: ProgrammeSession) -> None:
    """Remove a session; its papers go back to the unplaced accepted papers."""
    with transaction.atomic():
        current = ProgrammeSession.objects.select_related("part__conference").get(
            pk=session.pk
        )
        conference = current.part.conference
        require_scope(actor, MANAGE, school_id=conference.school_id)
        Paper.objects.filter(session=current).update(session=None, position=None)
        audit_record(
            actor=actor,
            action="research.session_delete",
            instance=conference,
            changes={"session": [current.title, None]},
        )
        current.delete()


def programme_place(
    *,
    actor: Actor,
    paper: Paper,
    session: ProgrammeSession | None,
    position: int | None = None,
) -> Paper:
    """Put an accepted paper at `position` (1-based; the end when None) in `session`,
    renumbering the others; `session=None` takes it out of the programme."""
    with transaction.atomic():
        current = Paper.objects.select_for_update().get(pk=paper.pk)
        require_scope(actor, MANAGE, school_id=current.school_id)
        if current.status != Paper.Status.ACCEPTED:
            raise ValidationError(
                _("Chỉ xếp vào chương trình tham luận đã được chấp nhận."),
                code="not_accepted",
            )
        if session is not None and session.part.conference_id != current.conference_id:
            raise ValidationError({"session": _("Phiên không thuộc hội thảo này.")})
        old = (current.session_id, current.position)
        old_session_id = current.session_id
        Paper.objects.filter(pk=current.pk).update(session=None, position=None)
        if old_session_id and (session is None or old_session_id != session.pk):
            renumber_session(old_session_id)
        if session is not None:
            ordered = list(
                Paper.objects.select_for_update()
                .filter(session=session)
                .exclude(pk=current.pk)
                .order_by("position", "id")
                .values_list("pk", flat=True)
            )
            index = len(ordered) if position is None else max(position - 1, 0)
            ordered.insert(min(index, len(ordered)), current.pk)
            renumber_session(session.pk, ordered)
        current.refresh_from_db()
        audit_record(
            actor=actor,
            action="research.programme_place",
            instance=current,
            changes={"programme": [list(old), [current.session_id, current.position]]},
        )
    return current


def renumber_session(session_id: int, ordered: Sequence[int] = ()) -> None:
    """Positions 1..n for `ordered` in the session (the rest of the session's papers
    keep their order after them); two passes keep the unique constraint satisfied."""
    rest = list(
        Paper.objects.filter(session_id=session_id)
        .exclude(pk__in=ordered)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    everything = [*ordered, *rest]
    Paper.objects.filter(session_id=session_id).update(position=None)
    for number, pk in enumerate(everything, 1):
        Paper.objects.filter(pk=pk).update(session_id=session_id, position=number)

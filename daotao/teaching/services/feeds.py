"""Secret iCalendar links: made and revoked by the lecturer themself (their own
link) or by the training office (any lecturer's or cohort's)."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from daotao.core.access import has_permission, require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.enrolment.models import Cohort
from daotao.faculty.models import Lecturer
from daotao.teaching.models import CalendarFeed

TOKEN_BYTES = 32


def can_manage_feed(
    user: Any, *, lecturer: Lecturer | None = None, cohort: Cohort | None = None
) -> bool:
    """A lecturer manages their own link; the training office manages every link
    of its school."""
    owner = lecturer or cohort
    if owner is None:
        return False
    if lecturer is not None and getattr(user, "person_id", None) == lecturer.person_id:
        return has_permission(user, "teaching.view_own_timetable")
    try:
        require_scope(user, "teaching.manage_schedule", school_id=owner.school_id)
    except PermissionDenied:
        return False
    return True


def calendar_feed_create(
    *, actor: Actor, lecturer: Lecturer | None = None, cohort: Cohort | None = None
) -> CalendarFeed:
    """A new secret link for the lecturer or the cohort; the previous live link of
    that owner stops working."""
    if (lecturer is None) == (cohort is None):
        raise ValueError("A feed belongs to exactly one lecturer or one cohort.")
    if not can_manage_feed(actor, lecturer=lecturer, cohort=cohort):
        raise PermissionDenied
    with transaction.atomic():
        owner = {"lecturer": lecturer} if lecturer is not None else {"cohort": cohort}
        for old in CalendarFeed.objects.select_for_update().filter(
            revoked_at__isnull=True, **owner
        ):
            _revoke(actor=actor, feed=old)
        feed = CalendarFeed.objects.create(
            school_id=(lecturer or cohort).school_id,
            token=secrets.token_urlsafe(TOKEN_BYTES),
            created_by=actor,
            **owner,
        )
        audit_record(
            actor=actor,
            action="teaching.calendar_feed_create",
            instance=feed,
            changes={"lecturer": feed.lecturer_id, "cohort": feed.cohort_id},
        )
    return feed


def calendar_feed_revoke(*, actor: Actor, feed: CalendarFeed) -> None:
    """Stop the link from working; revoking twice changes nothing."""
    if not can_manage_feed(actor, lecturer=feed.lecturer, cohort=feed.cohort):
        raise PermissionDenied
    with transaction.atomic():
        locked = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
        if locked.revoked_at is None:
            _revoke(actor=actor, feed=locked)


def _revoke(*, actor: Actor, feed: CalendarFeed) -> None:
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at", "updated_at"])
    audit_record(
        actor=actor,
        action="teaching.calendar_feed_revoke",
        instance=feed,
        changes={"revoked_at": [None, feed.revoked_at.isoformat()]},
    )

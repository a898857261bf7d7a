"""Class observations (dự giờ, thao giảng): recorded with the evaluation form of the
lecturer development rule set in force on the day, scored by its rules."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.faculty import rules
from daotao.faculty.development.selectors import rule_set_in_force
from daotao.faculty.models import Lecturer
from daotao.teaching.models import Observation, TeachingSession

MANAGE = "teaching.manage_observation"


@dataclass(frozen=True)
class ObservationData:
    lecturer_id: int
    kind: str
    observed_on: datetime.date
    lesson: str
    observer_ids: tuple[int, ...]
    scores: dict[str, Any] = field(default_factory=dict)
    comments: str = ""
    session_id: int | None = None


def observation_record(
    *, actor: Actor, school_id: int, data: ObservationData
) -> Observation:
    """Record an observed lesson: at least one observer other than the lecturer,
    every criterion of the form scored on its scale; the average and band come
    from the rule set in force on the day."""
    require_scope(actor, MANAGE, school_id=school_id)
    lecturer = Lecturer.objects.filter(pk=data.lecturer_id, school_id=school_id).first()
    errors: dict[str, list[str]] = {}
    if lecturer is None:
        errors["lecturer"] = [_("Giảng viên không thuộc trường.")]
    if data.kind not in Observation.Kind.values:
        errors["kind"] = [_("Hình thức không hợp lệ.")]
    observers = set(data.observer_ids) - {data.lecturer_id}
    if not observers:
        errors["observers"] = [_("Cần ít nhất một người dự giờ khác người giảng.")]
    elif Lecturer.objects.filter(pk__in=observers, school_id=school_id).count() != len(
        observers
    ):
        errors["observers"] = [_("Có người dự giờ không thuộc trường.")]
    if not data.lesson.strip():
        errors["lesson"] = [_("Hãy nhập tên bài giảng.")]
    session = None
    if data.session_id:
        session = TeachingSession.objects.filter(
            pk=data.session_id, school_id=school_id, lecturer_id=data.lecturer_id
        ).first()
        if session is None:
            errors["session"] = [_("Buổi giảng không phải của giảng viên này.")]
    if errors:
        raise ValidationError(errors)
    rule_set = rule_set_in_force(data.observed_on)
    scored = rules.observation_score(data.scores, rule_set.parameters)
    with transaction.atomic():
        item = Observation.objects.create(
            school_id=school_id,
            lecturer=lecturer,
            session=session,
            kind=data.kind,
            observed_on=data.observed_on,
            lesson=data.lesson.strip(),
            scores={k: str(v) for k, v in data.scores.items()},
            score=scored.average,
            band=scored.band,
            comments=data.comments.strip(),
            rule_set=rule_set,
        )
        item.observers.set(sorted(observers))
        audit_record(
            actor=actor,
            action="teaching.observation_record",
            instance=item,
            changes={"score": [None, str(scored.average)], "band": [None, scored.band]},
        )
    return item


def observation_delete(*, actor: Actor, observation: Observation) -> None:
    require_scope(actor, MANAGE, school_id=observation.school_id)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="teaching.observation_delete",
            instance=observation,
            changes={"score": [str(observation.score), None]},
        )
        observation.delete()


def published_sessions_between(lecturer, first, last) -> list[str]:
    """The lecturer's sessions on the published schedule from `first` to `last`
    (at most five named), for lecturer development's busy check."""
    sessions = list(
        TeachingSession.objects.published()
        .filter(lecturer=lecturer, date__gte=first, date__lte=last)
        .select_related("cohort")
        .order_by("date", "half_day")[:6]
    )
    named = [
        _("%(half)s %(day)s, lớp %(cohort)s")
        % {
            "half": s.get_half_day_display(),
            "day": s.date.strftime("%d/%m/%Y"),
            "cohort": s.cohort.code,
        }
        for s in sessions[:5]
    ]
    if len(sessions) > 5:
        named.append(_("và các buổi khác"))
    return named

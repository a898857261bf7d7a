"""Writes on research topics and outputs: atomic, permission re-checked, audited."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.faculty.models import Lecturer
from daotao.research.models import ResearchOutput, ResearchTopic

MANAGE = "research.manage_topic"
TRACKED = [
    "code",
    "title",
    "level",
    "leader_id",
    "starts_on",
    "ends_on",
    "budget",
    "status",
    "result",
    "accepted_on",
]
Status = ResearchTopic.Status
# status → the statuses it may move to (acceptance has its own service)
TRANSITIONS = {
    Status.REGISTERED: {Status.APPROVED},
    Status.APPROVED: {Status.IN_PROGRESS},
    Status.IN_PROGRESS: set(),
    Status.ACCEPTED: set(),
}


@dataclass(frozen=True)
class TopicData:
    code: str
    title: str
    level: str
    leader_id: int
    starts_on: datetime.date
    ends_on: datetime.date
    budget: int = 0
    member_ids: tuple[int, ...] = ()


def _clean(data: TopicData, *, school_id: int, topic: ResearchTopic | None) -> None:
    errors: dict[str, list[str]] = {}
    if data.level not in ResearchTopic.Level.values:
        errors["level"] = [_("Cấp đề tài không hợp lệ.")]
    if data.ends_on < data.starts_on:
        errors["ends_on"] = [_("Ngày kết thúc phải sau ngày bắt đầu.")]
    if data.budget < 0:
        errors["budget"] = [_("Kinh phí không được âm.")]
    lecturer_ids = {data.leader_id, *data.member_ids}
    known = Lecturer.objects.filter(pk__in=lecturer_ids, school_id=school_id)
    if known.count() != len(lecturer_ids):
        errors["leader"] = [_("Chủ nhiệm, thành viên phải là giảng viên của trường.")]
    clash = ResearchTopic.objects.filter(school_id=school_id, code=data.code)
    if topic is not None:
        clash = clash.exclude(pk=topic.pk)
    if clash.exists():
        errors["code"] = [_("Mã đề tài %s đã có trong trường.") % data.code]
    if errors:
        raise ValidationError(errors)


def topic_create(*, actor: Actor, school_id: int, data: TopicData) -> ResearchTopic:
    """Register a new topic (status: registered)."""
    require_scope(actor, MANAGE, school_id=school_id)
    _clean(data, school_id=school_id, topic=None)
    with transaction.atomic():
        topic = ResearchTopic.objects.create(
            school_id=school_id,
            code=data.code,
            title=data.title,
            level=data.level,
            leader_id=data.leader_id,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            budget=data.budget,
        )
        topic.members.set(set(data.member_ids) - {data.leader_id})
        audit_record(
            actor=actor,
            action="research.topic_create",
            instance=topic,
            changes=snapshot(topic, TRACKED),
        )
    return topic


def topic_update(
    *, actor: Actor, topic: ResearchTopic, data: TopicData
) -> ResearchTopic:
    """Change a topic's particulars (not its status)."""
    require_scope(actor, MANAGE, school_id=topic.school_id)
    _clean(data, school_id=topic.school_id, topic=topic)
    with transaction.atomic():
        topic = ResearchTopic.objects.select_for_update().get(pk=topic.pk)
        before = snapshot(topic, TRACKED)
        for name in ("code", "title", "level", "leader_id", "starts_on", "ends_on"):
            setattr(topic, name, getattr(data, name))
        topic.budget = data.budget
        topic.save()
        topic.members.set(set(data.member_ids) - {data.leader_id})
        audit_record(
            actor=actor,
            action="research.topic_update",
            instance=topic,
            changes=diff(before, snapshot(topic, TRACKED)),
        )
    return topic


def _locked(topic: ResearchTopic) -> ResearchTopic:
    return ResearchTopic.objects.select_for_update().get(pk=topic.pk)


def topic_transition(
    *, actor: Actor, topic: ResearchTopic, status: str, reason: str = ""
) -> ResearchTopic:
    """Move a topic one step: registered → approved → in progress. A wrong step is
    refused with a ValidationError and changes nothing."""
    require_scope(actor, MANAGE, school_id=topic.school_id)
    with transaction.atomic():
        topic = _locked(topic)
        if status not in TRANSITIONS.get(topic.status, set()):
            raise ValidationError(
                _("Không thể chuyển đề tài %(code)s từ “%(old)s” sang “%(new)s”.")
                % {
                    "code": topic.code,
                    "old": topic.get_status_display(),
                    "new": Status(status).label if status in Status.values else status,
                }
            )
        before = snapshot(topic, TRACKED)
        topic.status = status
        topic.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="research.topic_transition",
            instance=topic,
            changes=diff(before, snapshot(topic, TRACKED)),
            reason=reason,
        )
    return topic


def topic_accept(
    *,
    actor: Actor,
    topic: ResearchTopic,
    result: str,
    accepted_on: datetime.date,
    reason: str = "",
) -> ResearchTopic:
    """Record the acceptance (nghiệm thu) of a topic in progress, with its result."""
    require_scope(actor, MANAGE, school_id=topic.school_id)
    if result not in ResearchTopic.Result.values:
        raise ValidationError({"result": [_("Kết quả nghiệm thu không hợp lệ.")]})
    with transaction.atomic():
        topic = _locked(topic)
        if topic.status != Status.IN_PROGRESS:
            raise ValidationError(
                _(
                    "Chỉ nghiệm thu được đề tài đang thực hiện; đề tài %(code)s "
                    "đang ở trạng thái “%(old)s”."
                )
                % {"code": topic.code, "old": topic.get_status_display()}
            )
        if accepted_on < topic.starts_on:
            raise ValidationError(
                {"accepted_on": [_("Ngày nghiệm thu phải sau ngày bắt đầu đề tài.")]}
            )
        before = snapshot(topic, TRACKED)
        topic.status = Status.ACCEPTED
        topic.result = result
        topic.accepted_on = accepted_on
        topic.save(update_fields=["status", "result", "accepted_on", "updated_at"])
        audit_record(
            actor=actor,
            action="research.topic_accept",
            instance=topic,
            changes=diff(before, snapshot(topic, TRACKED)),
            reason=reason,
        )
    return topic


@dataclass(frozen=True)
class OutputData:
    kind: str
    title: str
    year: int
    author_ids: tuple[int, ...]
    venue: str = ""


def output_add(
    *,
    actor: Actor,
    school_id: int,
    data: OutputData,
    topic: ResearchTopic | None = None,
) -> ResearchOutput:
    """Record an article, report or book; its authors are the school's lecturers."""
    require_scope(actor, MANAGE, school_id=school_id)
    errors: dict[str, list[str]] = {}
    if data.kind not in ResearchOutput.Kind.values:
        errors["kind"] = [_("Loại công trình không hợp lệ.")]
    authors = set(data.author_ids)
    if not authors:
        errors["authors"] = [_("Công trình phải có ít nhất một tác giả.")]
    elif Lecturer.objects.filter(pk__in=authors, school_id=school_id).count() != len(
        authors
    ):
        errors["authors"] = [_("Tác giả phải là giảng viên của trường.")]
    if not 1900 <= data.year <= 2100:
        errors["year"] = [_("Năm công bố không hợp lệ.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        output = ResearchOutput.objects.create(
            school_id=school_id,
            topic=topic,
            kind=data.kind,
            title=data.title,
            venue=data.venue,
            year=data.year,
        )
        output.authors.set(authors)
        audit_record(
            actor=actor,
            action="research.output_add",
            instance=output,
            changes={"title": data.title, "authors": sorted(authors)},
        )
    return output

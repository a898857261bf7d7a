"""Writes on conferences, their parts and theme groups."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.core.text import search_key
from daotao.research.models import (
    Conference,
    ConferencePart,
    GuestSpeech,
    ThemeGroup,
)

MANAGE = "research.manage_conference"


@dataclass(frozen=True)
class ConferenceData:
    title: str
    host: str
    starts_on: datetime.date
    ends_on: datetime.date
    venue: str
    co_organisers: str = ""
    basis_number: str = ""
    basis_date: datetime.date | None = None
    basis_issuer: str = ""
    basis_summary: str = ""
    budget: int = 0
    registration_opens_at: datetime.datetime | None = None
    registration_closes_at: datetime.datetime | None = None
    description: str = ""
    experience: str = ""
    report_recipients: str = ""


TRACKED = [f.name for f in fields(ConferenceData)]


def _clean(data: ConferenceData) -> None:
    errors: dict[str, list[str]] = {}
    if data.ends_on < data.starts_on:
        errors["ends_on"] = [_("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")]
    opens, closes = data.registration_opens_at, data.registration_closes_at
    if (opens is None) != (closes is None):
        errors["registration_closes_at"] = [
            _("Hãy nhập cả thời điểm mở và đóng đăng ký, hoặc để trống cả hai.")
        ]
    elif opens and closes and closes <= opens:
        errors["registration_closes_at"] = [
            _("Thời điểm đóng đăng ký phải sau thời điểm mở đăng ký.")
        ]
    if data.budget < 0:
        errors["budget"] = [_("Kinh phí không được âm.")]
    if errors:
        raise ValidationError(errors)


def _unique_slug(title: str, year: int) -> str:
    base = slugify(search_key(title))[:60].rstrip("-") or "hoi-thao"
    base = f"{base}-{year}"
    slug, counter = base, 2
    while Conference.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def conference_create(
    *, actor: Actor, school_id: int, data: ConferenceData
) -> Conference:
    require_scope(actor, MANAGE, school_id=school_id)
    _clean(data)
    with transaction.atomic():
        conference = Conference.objects.create(
            school_id=school_id,
            slug=_unique_slug(data.title, data.starts_on.year),
            **{name: getattr(data, name) for name in TRACKED},
        )
        audit_record(
            actor=actor,
            action="research.conference_create",
            instance=conference,
            changes=snapshot(conference, TRACKED),
        )
    return conference


def conference_update(
    *, actor: Actor, conference: Conference, data: ConferenceData
) -> Conference:
    require_scope(actor, MANAGE, school_id=conference.school_id)
    _clean(data)
    with transaction.atomic():
        conference = Conference.objects.select_for_update().get(pk=conference.pk)
        before = snapshot(conference, TRACKED)
        for name in TRACKED:
            setattr(conference, name, getattr(data, name))
        conference.save()
        audit_record(
            actor=actor,
            action="research.conference_update",
            instance=conference,
            changes=diff(before, snapshot(conference, TRACKED)),
        )
    return conference


def part_add(
    *,
    actor: Actor,
    conference: Conference,
    name: str,
    kind: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    venue: str = "",
) -> ConferencePart:
    """Add a part (hội thảo, tọa đàm) after the existing ones."""
    require_scope(actor, MANAGE, school_id=conference.school_id)
    if kind not in ConferencePart.Kind.values:
        raise ValidationError({"kind": [_("Hình thức không hợp lệ.")]})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": [_("Giờ kết thúc phải sau giờ bắt đầu.")]})
    with transaction.atomic():
        order = conference.parts.count() + 1
        part = ConferencePart.objects.create(
            conference=conference,
            name=name,
            kind=kind,
            order=order,
            starts_at=starts_at,
            ends_at=ends_at,
            venue=venue,
        )
        audit_record(
            actor=actor,
            action="research.part_add",
            instance=conference,
            changes={"part": [None, name]},
        )
    return part


def theme_add(
    *, actor: Actor, conference: Conference, name: str, description: str = ""
) -> ThemeGroup:
    """Add a theme group after the existing ones; names are unique per conference."""
    require_scope(actor, MANAGE, school_id=conference.school_id)
    if conference.themes.filter(name=name).exists():
        raise ValidationError({"name": [_("Nhóm chủ đề “%s” đã có.") % name]})
    with transaction.atomic():
        theme = ThemeGroup.objects.create(
            conference=conference,
            name=name,
            order=conference.themes.count() + 1,
            description=description,
        )
        audit_record(
            actor=actor,
            action="research.theme_add",
            instance=conference,
            changes={"theme": [None, name]},
        )
    return theme


def speech_add(
    *, actor: Actor, conference: Conference, speaker: str, post: str, gist: str
) -> GuestSpeech:
    """Record a guest's speech (who, their post, the gist) after the existing ones."""
    require_scope(actor, MANAGE, school_id=conference.school_id)
    speaker, post, gist = (" ".join(v.split()) for v in (speaker, post, gist))
    errors = {
        name: [message]
        for name, value, message in (
            ("speaker", speaker, _("Hãy nhập người phát biểu.")),
            ("post", post, _("Hãy nhập chức vụ người phát biểu.")),
            ("gist", gist, _("Hãy nhập nội dung chính của bài phát biểu.")),
        )
        if not value
    }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        speech = GuestSpeech.objects.create(
            conference=conference,
            speaker=speaker,
            post=post,
            gist=gist,
            order=conference.speeches.count() + 1,
        )
        audit_record(
            actor=actor,
            action="research.speech_add",
            instance=conference,
            changes={"speech": [None, f"{speaker}, {post}"]},
        )
    return speech

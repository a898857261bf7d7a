"""A small conference with delegations and lecturers, for the tests of topics,
delegates, badges, check-in and the public form."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

from daotao.faculty.tests.factories import LecturerFactory
from daotao.research.models import (
    Conference,
    Delegate,
    Delegation,
    InvitedOrganisation,
)

Group = InvitedOrganisation.Group


_SLUGS = itertools.count(1)


def make_conference(school: Any, *, open_registration: bool = True) -> Conference:
    now = timezone.now()
    conference = Conference.objects.create(
        school=school,
        title="Đổi mới công tác quản lý đào tạo, bồi dưỡng cán bộ",
        slug=f"doi-moi-quan-ly-{next(_SLUGS)}",
        host="Trường Chính trị tỉnh Thanh Hóa",
        basis_number="Kế hoạch số 48/KH-HVCT-HCQG",
        basis_date=datetime.date(2013, 12, 20),
        starts_on=datetime.date(2027, 4, 7),
        ends_on=datetime.date(2027, 4, 7),
        venue="Hội trường A",
        registration_opens_at=now - datetime.timedelta(days=1)
        if open_registration
        else None,
        registration_closes_at=now + datetime.timedelta(days=1)
        if open_registration
        else None,
    )
    for name, group in (
        ("Trường Chính trị tỉnh Nghệ An", Group.REGIONAL_SCHOOL),
        ("Trường Chính trị tỉnh Ninh Bình", Group.PARTNER_SCHOOL),
        ("Học viện Chính trị quốc gia Hồ Chí Minh", Group.ACADEMY),
    ):
        organisation, _created = InvitedOrganisation.objects.get_or_create(
            school=school, name=name, defaults={"group": group}
        )
        Delegation.objects.create(conference=conference, organisation=organisation)
    return conference


def delegation(conference: Conference, name_start: str) -> Delegation:
    return conference.delegations.get(organisation__name__startswith=name_start)


def add_delegate(
    conference: Conference, name_start: str, full_name: str, **extra: Any
) -> Delegate:
    return Delegate.objects.create(
        school=conference.school,
        conference=conference,
        delegation=delegation(conference, name_start),
        full_name=full_name,
        **extra,
    )


def research_objects(school: Any) -> dict[str, int]:
    """The records the role matrix walks research's routes with: by default a
    conference with one delegate; a topic, a delegation and a delegate by name."""
    from daotao.research.models import ResearchTopic

    conference = make_conference(school)
    delegate = add_delegate(conference, "Trường Chính trị tỉnh Nghệ An", "Lê Văn An")
    topic = ResearchTopic.objects.create(
        school=school,
        code="ĐT-01",
        title="Đổi mới quản lý học viên",
        level=ResearchTopic.Level.SCHOOL,
        leader=LecturerFactory(school=school),
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    topic_routes = ("detail", "update", "transition", "accept")
    return {
        "research": conference.pk,
        **{f"research:topic-{name}": topic.pk for name in topic_routes},
        "research:output-add": topic.pk,
        "research:liaison-edit": delegate.delegation_id,
        "research:delegate-update": delegate.pk,
    }

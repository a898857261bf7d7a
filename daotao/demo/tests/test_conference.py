"""The demo conference is shaped like the seed report and made once."""

import datetime

import pytest
from django.db.models import Count

from daotao.core.access import Role
from daotao.demo.conference import (
    PARTNER_SCHOOLS,
    PROVINCE_BODIES,
    REGIONAL_SCHOOLS,
    ensure_conference,
)
from daotao.faculty.tests.factories import LecturerFactory
from daotao.org.models import Agency
from daotao.research.models import Conference, Delegate, Liaison, ResearchTopic

pytestmark = pytest.mark.django_db


def registry(school) -> None:
    """The agency registry's current bodies the demo conference invites."""
    for name in PROVINCE_BODIES:
        Agency.objects.create(school=school, name=name, kind="party", level="province")


def test_four_hundred_delegates_ten_schools_ten_liaisons_once(make_user, school):
    for _ in range(12):
        LecturerFactory(school=school)
    registry(school)
    office = make_user(Role.RESEARCH_OFFICE)
    conference = ensure_conference(school=school, office=office)
    assert conference.basis_line == (
        "Kế hoạch số 48/KH-HVCTQG ngày 20/12/2025 của Giám đốc Học viện Chính trị "
        "quốc gia Hồ Chí Minh"
    )
    assert conference.speeches.count() == 3
    assert conference.experience.splitlines()[0].startswith("Một là, ")
    assert [p.kind for p in conference.parts.all()] == ["conference", "roundtable"]
    assert conference.themes.count() == 4
    by_group = dict(
        Delegate.objects.filter(conference=conference)
        .values_list("delegation__organisation__group")
        .annotate(n=Count("id"))
    )
    assert by_group == {
        "academy": 10,
        "province_leaders": 8,
        "province_bodies": 60,
        "regional_school": 44,
        "partner_school": 36,
        "host_school": 162,
        "learners": 80,
    }
    schools = conference.delegations.filter(
        organisation__group__in=["regional_school", "partner_school"]
    )
    assert schools.count() == 10
    assert Liaison.objects.filter(delegation__in=schools).count() == 10
    assert conference.delegates.filter(role="leader").count() == 28
    checked_in = conference.delegates.filter(checked_in_at__isnull=False).count()
    assert 360 < checked_in < 400
    assert list(
        ResearchTopic.objects.order_by("code").values_list("code", "status")
    ) == [
        ("ĐT-2025-01", "accepted"),
        ("ĐT-2026-01", "in_progress"),
        ("ĐT-2026-02", "approved"),
        ("ĐT-2026-03", "registered"),
    ]
    again = ensure_conference(school=school, office=office)
    assert again.pk == conference.pk
    assert Delegate.objects.count() == 400


def test_the_invited_bodies_come_from_the_registry(make_user, school):
    registry(school)
    Agency.objects.filter(name="Ban Tuyên giáo và Dân vận Tỉnh ủy").update(
        valid_to=datetime.date(2025, 12, 31)
    )
    office = make_user(Role.RESEARCH_OFFICE)
    with pytest.raises(ValueError, match="Ban Tuyên giáo và Dân vận Tỉnh ủy"):
        ensure_conference(school=school, office=office)
    assert not Conference.objects.exists()


def test_the_schools_keep_the_conferences_order(make_user, school):
    registry(school)
    office = make_user(Role.RESEARCH_OFFICE)
    conference = ensure_conference(school=school, office=office)
    for group, names in (
        ("regional_school", REGIONAL_SCHOOLS),
        ("partner_school", PARTNER_SCHOOLS),
    ):
        assert (
            list(
                conference.delegations.filter(organisation__group=group)
                .order_by("position")
                .values_list("organisation__name", flat=True)
            )
            == names
        )

"""The demo conference is shaped like the seed report and made once."""

import pytest
from django.db.models import Count

from daotao.core.access import Role
from daotao.demo.conference import ensure_conference
from daotao.faculty.tests.factories import LecturerFactory
from daotao.research.models import Delegate, Liaison, ResearchTopic

pytestmark = pytest.mark.django_db


def test_four_hundred_delegates_ten_schools_ten_liaisons_once(make_user, school):
    for _ in range(12):
        LecturerFactory(school=school)
    office = make_user(Role.RESEARCH_OFFICE)
    conference = ensure_conference(school=school, office=office)
    assert conference.basis_number == "Kế hoạch số 48/KH-HVCT-HCQG"
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
        "regional_school": 50,
        "partner_school": 30,
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

"""Numbers past what a column can hold are refused by the form with a Vietnamese
message, never sent to the database (where they were a 500)."""

import pytest
from django import forms
from django.urls import reverse

from daotao.core.access import Role
from daotao.faculty.tests.factories import LecturerFactory
from daotao.portal.models import Banner
from daotao.research.models import Conference, ResearchTopic

HUGE = "99999999999999999999999"
TOO_LARGE = "Số quá lớn hoặc quá nhỏ để lưu."


def test_every_form_number_field_is_bounded_by_the_widest_column():
    class AnyForm(forms.Form):
        amount = forms.IntegerField()
        ratio = forms.DecimalField()

    form = AnyForm(data={"amount": HUGE, "ratio": "-" + HUGE})
    assert not form.is_valid()
    assert form.errors == {"amount": [TOO_LARGE], "ratio": [TOO_LARGE]}
    assert AnyForm(data={"amount": str(2**63 - 1), "ratio": "1"}).is_valid()


@pytest.mark.django_db
def test_a_huge_conference_budget_is_refused(client, make_user):
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    response = client.post(
        reverse("research:conference-create"),
        {
            "title": "Hội thảo khoa học khu vực Bắc Trung bộ",
            "host": "Trường Chính trị tỉnh Thanh Hóa",
            "starts_on": "07/04/2027",
            "ends_on": "07/04/2027",
            "venue": "Hội trường lớn",
            "budget": HUGE,
        },
    )
    assert response.status_code == 200
    assert TOO_LARGE in response.content.decode()
    assert not Conference.objects.exists()


@pytest.mark.django_db
def test_a_huge_topic_budget_is_refused(client, make_user, school):
    leader = LecturerFactory(school=school)
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    response = client.post(
        reverse("research:topic-create"),
        {
            "code": "ĐT-2026-01",
            "title": "Đổi mới quản lý học viên",
            "level": ResearchTopic.Level.PROVINCE,
            "leader": leader.pk,
            "starts_on": "01/01/2026",
            "ends_on": "31/12/2026",
            "budget": HUGE,
        },
    )
    assert response.status_code == 200
    assert TOO_LARGE in response.content.decode()
    assert not ResearchTopic.objects.exists()


@pytest.mark.django_db
def test_a_huge_banner_position_is_refused(client, make_user):
    client.force_login(make_user(Role.COMMUNICATIONS))
    response = client.post(
        reverse("portal:banner-create"),
        {
            "title": "Hưởng ứng Ngày Sách",
            "starts_on": "21/04/2026",
            "ends_on": "23/04/2026",
            "position": "40000",
        },
    )
    assert response.status_code == 200
    assert "32767" in response.content.decode()
    assert not Banner.objects.exists()

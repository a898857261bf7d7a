"""The research office sets up a conference from the pages: create, parts,
themes, delegations, a delegate, liaisons; others only read."""

import datetime

from django.urls import reverse
from django.utils import timezone

from daotao.accounts.models import Role
from daotao.research.models import Conference, Delegate, Delegation


def test_the_office_sets_up_a_conference_from_the_pages(client, make_user, lecturers):
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    response = client.post(
        reverse("research:conference-create"),
        {
            "title": "Hội thảo khoa học khu vực Bắc Trung bộ",
            "host": "Trường Chính trị tỉnh Thanh Hóa",
            "basis_number": "Kế hoạch số 48/KH-HVCT-HCQG",
            "basis_date": "20/12/2025",
            "starts_on": "07/04/2027",
            "ends_on": "07/04/2027",
            "venue": "Hội trường lớn",
            "budget": "250000000",
            "registration_opens_at": "01/03/2027 08:00",
            "registration_closes_at": "03/04/2027 17:00",
        },
    )
    conference = Conference.objects.get()
    assert response.url == reverse("research:conference-detail", args=[conference.pk])
    assert conference.slug == "hoi-thao-khoa-hoc-khu-vuc-bac-trung-bo-2027"
    assert conference.basis_line == "Kế hoạch số 48/KH-HVCT-HCQG ngày 20/12/2025"
    pk = conference.pk
    client.post(
        reverse("research:part-add", args=[pk]),
        {
            "name": "Phần hội thảo",
            "kind": "conference",
            "starts_at": "07/04/2027 07:30",
            "ends_at": "07/04/2027 11:30",
        },
    )
    client.post(reverse("research:theme-add", args=[pk]), {"name": "Quản lý học viên"})
    client.post(
        reverse("research:delegation-add", args=[pk]),
        {
            "name": "Trường Chính trị tỉnh Nghệ An",
            "group": "regional_school",
            "expected_count": "10",
        },
    )
    delegation = Delegation.objects.get()
    response = client.post(
        reverse("research:delegate-create", args=[pk]),
        {
            "full_name": "nguyễn  văn bình",
            "position": "Hiệu trưởng",
            "delegation": delegation.pk,
            "role": "leader",
            "phone": "0912 345 678",
            "arrives_at": "06/04/2027 15:00",
            "departs_at": "07/04/2027 17:00",
            "needs_lodging": "on",
            "meals": "3",
        },
    )
    assert response.status_code == 302
    delegate = Delegate.objects.get()
    assert (delegate.full_name, delegate.phone, delegate.meals, delegate.role) == (
        "Nguyễn Văn Bình",
        "0912345678",
        3,
        "leader",
    )
    assert timezone.localtime(delegate.arrives_at).replace(
        tzinfo=None
    ) == datetime.datetime(2027, 4, 6, 15, 0)
    client.post(
        reverse("research:liaison-edit", args=[delegation.pk]),
        {"lecturers": [lecturers[0].pk]},
    )
    page = client.get(reverse("research:conference-detail", args=[pk]))
    assert [p.name for p in page.context["parts"]] == ["Phần hội thảo"]
    assert [t.name for t in page.context["themes"]] == ["Quản lý học viên"]
    row = page.context["delegations"][0]
    assert (row.delegate_count, row.expected_count) == (1, 10)
    assert [r.lecturer_id for r in row.liaison_rows.all()] == [lecturers[0].pk]


def test_a_bad_part_is_refused_next_to_its_field(client, make_user, conference):
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    response = client.post(
        reverse("research:part-add", args=[conference.pk]),
        {
            "name": "Phần tọa đàm",
            "kind": "roundtable",
            "starts_at": "07/04/2027 16:00",
            "ends_at": "07/04/2027 13:30",
        },
    )
    assert response.status_code == 200
    assert response.context["part_form"].errors["ends_at"] == [
        "Giờ kết thúc phải sau giờ bắt đầu."
    ]
    assert conference.parts.count() == 0


def test_leadership_reads_but_may_not_add(client, make_user, conference):
    client.force_login(make_user(Role.LEADERSHIP))
    page = client.get(reverse("research:conference-detail", args=[conference.pk]))
    assert page.status_code == 200
    assert "part_form" not in page.context
    response = client.post(
        reverse("research:theme-add", args=[conference.pk]), {"name": "Chủ đề"}
    )
    assert response.status_code == 403
    assert conference.themes.count() == 0


def test_the_office_records_speeches_lessons_and_the_delegations_order(
    client, make_user, conference
):
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    pk = conference.pk
    client.post(
        reverse("research:speech-add", args=[pk]),
        {
            "speaker": "Lê Văn Minh",
            "post": "Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh",
            "gist": "đánh giá cao sự chuẩn bị của Nhà trường.",
        },
    )
    client.post(
        reverse("research:delegation-add", args=[pk]),
        {
            "name": "Trường Chính trị tỉnh Nghệ An",
            "group": "regional_school",
            "expected_count": "10",
            "position": "2",
        },
    )
    refused = client.post(
        reverse("research:speech-add", args=[pk]),
        {"speaker": "", "post": "", "gist": ""},
    )
    assert refused.context["speech_form"].errors["speaker"] == [
        "Trường này là bắt buộc."
    ]
    assert [(s.speaker, s.order) for s in conference.speeches.all()] == [
        ("Lê Văn Minh", 1)
    ]
    assert (
        Delegation.objects.get(
            conference=conference, organisation__name="Trường Chính trị tỉnh Nghệ An"
        ).position
        == 2
    )
    page = client.get(reverse("research:conference-detail", args=[pk]))
    assert "Lê Văn Minh</strong>, Phó Giám đốc Học viện" in page.content.decode()


def test_leadership_may_not_record_a_speech(client, make_user, conference):
    client.force_login(make_user(Role.LEADERSHIP))
    response = client.post(
        reverse("research:speech-add", args=[conference.pk]),
        {"speaker": "A", "post": "B", "gist": "C"},
    )
    assert response.status_code == 403
    assert conference.speeches.count() == 0

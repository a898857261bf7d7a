"""Reviewers enter their own reviews ("Bài cần phản biện"): a lecturer assigned as
reviewer sees the papers assigned to them, scores on the conference's scale, sees
the other reviewers' scores only after submitting; someone else's review, a second
submission and a conflict of interest are refused and change nothing; the research
office can still enter on the reviewer's behalf, recorded as such."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.research.models import Paper, PaperAuthor, Review
from daotao.research.services import papers as services
from daotao.research.tests.paper_setup import (
    MINIMAL_PDF,
    Group,
    conference_setup,
    submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    return make_user(Role.RESEARCH_OFFICE)


@pytest.fixture
def setup(school):
    return conference_setup(school)


@pytest.fixture
def paper(office, setup):
    return submit(
        office,
        setup,
        title="Quản lý giảng dạy ở Nghệ An",
        file=SimpleUploadedFile("bai.pdf", MINIMAL_PDF),
    )


def _reviewer_user(make_user, lecturer, role=Role.LECTURER):
    user = make_user(role)
    user.person_id = lecturer.person_id
    user.save(update_fields=["person"])
    return user


@pytest.fixture
def mine(office, setup, paper, make_user):
    """The paper assigned to lecturer 0 (the signed-in reviewer) and to an Academy
    expert whose review the office has entered."""
    own = services.review_assign(actor=office, paper=paper, lecturer=setup.lecturers[0])
    expert = services.review_assign(
        actor=office,
        paper=paper,
        reviewer_name="TS. Đỗ Văn Chuyên",
        organisation=setup.org(Group.ACADEMY),
    )
    services.review_record(
        actor=office,
        review=expert,
        score="7",
        comments="Cần bổ sung số liệu",
        recommendation="revise",
    )
    return {
        "review": own,
        "expert": expert,
        "user": _reviewer_user(make_user, setup.lecturers[0]),
    }


def _submit(actor, review, score="8", recommendation="accept", comments=""):
    return services.review_submit(
        actor=actor,
        review=review,
        score=score,
        comments=comments,
        recommendation=recommendation,
    )


def _state():
    return (
        list(
            Review.objects.order_by("pk").values_list(
                "pk", "score", "comments", "recommendation", "reviewed_at", "entered_by"
            )
        ),
        list(Paper.objects.values_list("status", flat=True)),
        AuditEvent.objects.count(),
    )


def test_the_reviewer_submits_their_own_review(mine):
    done = _submit(mine["user"], mine["review"], score="8,5", comments=" Bài tốt ")
    assert (done.score, done.comments, done.recommendation) == (
        Decimal("8.5"),
        "Bài tốt",
        "accept",
    )
    assert (done.entered_by, done.entered_on_behalf) == (mine["user"], False)
    event = AuditEvent.objects.filter(action="research.review_submit").get()
    assert event.actor == mine["user"]
    assert event.changes["on_behalf"] == [None, False]
    assert event.changes["score"] == [None, "8.5"]


def test_the_office_entry_is_recorded_as_on_behalf(mine, office):
    expert = Review.objects.get(pk=mine["expert"].pk)
    assert (expert.entered_by, expert.entered_on_behalf) == (office, True)
    event = AuditEvent.objects.get(action="research.review_record")
    assert event.changes["on_behalf"] == [None, True]


def test_a_score_off_the_scale_is_refused_and_nothing_changes(mine):
    before = _state()
    with pytest.raises(ValidationError) as refused:
        _submit(mine["user"], mine["review"], score="8,3")
    assert refused.value.message_dict["score"] == [
        "Điểm phải từ 0 đến 10, theo bước 0,5."
    ]
    assert _state() == before


def test_a_review_is_submitted_once(mine):
    _submit(mine["user"], mine["review"])
    before = _state()
    with pytest.raises(ValidationError, match="Phản biện đã được gửi ngày"):
        _submit(mine["user"], mine["review"], score="3", recommendation="reject")
    assert _state() == before


def test_someone_elses_review_is_refused(mine, setup, make_user):
    other = _reviewer_user(make_user, setup.lecturers[1])
    before = _state()
    for review in (mine["review"], mine["expert"]):
        with pytest.raises(PermissionDenied):
            _submit(other, review)
    assert _state() == before


def test_a_reviewer_in_conflict_with_an_author_is_refused(mine, setup):
    """Should an author of the host school be added behind the rule's back, the
    reviewer's submission is refused all the same (ADR 0009)."""
    PaperAuthor.objects.create(
        paper=mine["review"].paper,
        full_name="Lê Văn Đồng Nghiệp",
        organisation=setup.org(Group.HOST_SCHOOL),
        position=2,
    )
    before = _state()
    with pytest.raises(ValidationError, match="xung đột lợi ích"):
        _submit(mine["user"], mine["review"])
    assert _state() == before


# --- pages -------------------------------------------------------------------------


def test_the_page_hides_other_scores_until_the_reviewer_submits(client, mine):
    client.force_login(mine["user"])
    url = reverse("research:my-reviews")
    assert url == "/nghien-cuu/bai-can-phan-bien/"
    page = client.get(url).content.decode()
    assert "Quản lý giảng dạy ở Nghệ An" in page
    assert "thang 0 đến 10, bước 0,5" in page
    assert "TS. Đỗ Văn Chuyên" not in page
    assert reverse("research:my-review-file", args=[mine["review"].pk]) in page
    response = client.post(
        reverse("research:my-review-submit", args=[mine["review"].pk]),
        {"score": "9", "recommendation": "accept", "comments": "Rõ ràng"},
        follow=True,
    )
    page = response.content.decode()
    assert "Đã gửi phản biện" in page
    assert "TS. Đỗ Văn Chuyên: 7 — Chấp nhận, cần sửa" in page
    assert "Phản biện của bạn: 9 điểm" in page


def test_the_file_is_served_to_the_reviewer_only(client, mine, setup, make_user):
    url = reverse("research:my-review-file", args=[mine["review"].pk])
    client.force_login(mine["user"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(_reviewer_user(make_user, setup.lecturers[1]))
    assert client.get(url).status_code == 404


def test_a_refused_submission_on_the_page_changes_nothing(
    client, mine, setup, make_user
):
    client.force_login(_reviewer_user(make_user, setup.lecturers[1]))
    before = _state()
    response = client.post(
        reverse("research:my-review-submit", args=[mine["review"].pk]),
        {"score": "9", "recommendation": "accept"},
    )
    assert response.status_code == 404
    client.force_login(mine["user"])
    response = client.post(
        reverse("research:my-review-submit", args=[mine["review"].pk]),
        {"score": "11", "recommendation": "accept"},
        follow=True,
    )
    assert "Điểm phải từ 0 đến 10" in response.content.decode()
    assert _state() == before


def test_only_lecturer_roles_reach_the_page(client, make_user):
    for role, status in (
        (Role.LECTURER, 200),
        (Role.HOMEROOM_LECTURER, 200),
        (Role.FACULTY_HEAD, 200),
        (Role.RESEARCH_OFFICE, 403),
        (Role.LEARNER, 403),
    ):
        client.force_login(make_user(role))
        assert client.get(reverse("research:my-reviews")).status_code == status, role


def test_a_lecturer_without_assignments_reads_so(client, make_user):
    client.force_login(make_user(Role.LECTURER))
    page = client.get(reverse("research:my-reviews")).content.decode()
    assert "Bạn chưa được phân công phản biện tham luận nào." in page

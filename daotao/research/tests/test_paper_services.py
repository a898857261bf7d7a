"""Papers: submission and its file guards, review with the conflict-of-interest rule
and the conference's scale, decisions, and the programme's order."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.research.models import Paper, PaperAuthor, ProgrammeSession, Review
from daotao.research.services import papers as services
from daotao.research.services import programme
from daotao.research.tests.paper_setup import (
    MINIMAL_PDF,
    Group,
    _at,
    accept,
    conference_setup,
    docx_bytes,
    submit,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    return make_user(Role.RESEARCH_OFFICE)


@pytest.fixture
def setup(school):
    return conference_setup(school)


def _state():
    return (
        Paper.objects.count(),
        PaperAuthor.objects.count(),
        Review.objects.count(),
        AuditEvent.objects.count(),
        list(Paper.objects.values_list("status", flat=True)),
    )


def test_submit_keeps_authors_in_order_and_the_file_under_a_random_name(office, setup):
    paper = services.paper_submit(
        actor=office,
        conference=setup.conference,
        data=services.PaperData(
            title="  Đổi mới   quản lý học viên ",
            theme_group_id=setup.themes[2].pk,
            authors=(
                services.AuthorData(
                    full_name="Trần Thị Hoa",
                    organisation_id=setup.org(Group.REGIONAL_SCHOOL).pk,
                    is_presenter=True,
                ),
                services.AuthorData(
                    full_name="Lê Văn Nam", organisation_name="Huyện ủy Đông Sơn"
                ),
            ),
        ),
        upload=upload("Tham luận Nghệ An.docx", docx_bytes("Quản lý học viên")),
    )
    assert paper.title == "Đổi mới quản lý học viên"
    assert paper.status == Paper.Status.SUBMITTED
    assert paper.file_kind == "docx"
    assert paper.file_name == "Tham luận Nghệ An.docx"
    assert "Nghệ An" not in paper.file.name and paper.file.name.endswith(".docx")
    authors = list(paper.authors.order_by("position"))
    assert [
        (a.position, a.full_name, a.organisation_label, a.is_presenter) for a in authors
    ] == [
        (1, "Trần Thị Hoa", "Trường Chính trị tỉnh Nghệ An", True),
        (2, "Lê Văn Nam", "Huyện ủy Đông Sơn", False),
    ]
    event = AuditEvent.objects.get(action="research.paper_submit")
    assert event.changes["authors"] == [None, ["Trần Thị Hoa", "Lê Văn Nam"]]


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tham-luan.txt", b"van ban", "Chỉ nhận tệp .pdf hoặc .docx"),
        ("tham-luan.exe", b"MZ\x90\x00", "Chỉ nhận tệp .pdf hoặc .docx"),
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "không phải là tệp PDF hợp lệ"),
        ("so-lieu.docx", b"%PDF-1.4 renamed", "không phải là tệp Word .docx hợp lệ"),
        ("bang-tinh.docx", _zip({"xl/workbook.xml": b"<x/>"}), "Word .docx hợp lệ"),
        ("rong.pdf", b"", "rỗng"),
        ("lon.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024), "lớn hơn giới hạn 20 MB"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_written(
    office, setup, name, data, message
):
    before = _state()
    with pytest.raises(ValidationError) as refused:
        submit(office, setup, title="Tham luận", file=upload(name, data))
    assert message in " ".join(refused.value.message_dict["file"])
    assert _state() == before


def test_a_lecturer_of_the_host_school_may_not_review_a_host_paper(office, setup):
    host = setup.org(Group.HOST_SCHOOL)
    paper = submit(
        office, setup, title="Vai trò tham mưu của Nhà trường", organisation=host
    )
    before = _state()
    with pytest.raises(ValidationError) as refused:
        services.review_assign(actor=office, paper=paper, lecturer=setup.lecturers[0])
    message = refused.value.messages[0]
    assert message == (
        f"Không phân công được: người phản biện {setup.lecturers[0].person.full_name} "
        "thuộc Trường Chính trị tỉnh Thanh Hóa, cùng đơn vị với tác giả Trần Thị Tác "
        "Giả của tham luận “Vai trò tham mưu của Nhà trường” (xung đột lợi ích). Hãy "
        "chọn người phản biện của đơn vị khác."
    )
    assert _state() == before
    assert Paper.objects.get(pk=paper.pk).status == Paper.Status.SUBMITTED


def test_an_author_typed_with_the_reviewers_organisation_name_is_a_conflict(
    office, setup
):
    paper = services.paper_submit(
        actor=office,
        conference=setup.conference,
        data=services.PaperData(
            title="Kinh nghiệm của Học viện",
            theme_group_id=setup.themes[0].pk,
            authors=(
                services.AuthorData(
                    full_name="Phạm Văn Khách",
                    organisation_name="hoc vien chinh tri quoc gia ho chi minh",
                ),
            ),
        ),
    )
    before = _state()
    with pytest.raises(ValidationError, match="xung đột lợi ích"):
        services.review_assign(
            actor=office,
            paper=paper,
            reviewer_name="TS. Đỗ Văn Chuyên",
            organisation=setup.org(Group.ACADEMY),
        )
    assert _state() == before


def test_a_host_lecturer_reviews_another_schools_paper_on_the_conference_scale(
    office, setup
):
    paper = submit(office, setup, title="Quản lý giảng dạy ở Nghệ An")
    review = services.review_assign(
        actor=office, paper=paper, lecturer=setup.lecturers[0]
    )
    assert review.organisation == setup.org(Group.HOST_SCHOOL)
    assert Paper.objects.get(pk=paper.pk).status == Paper.Status.UNDER_REVIEW
    with pytest.raises(ValidationError) as refused:
        services.review_record(
            actor=office,
            review=review,
            score="11",
            comments="",
            recommendation="accept",
        )
    assert refused.value.message_dict["score"] == [
        "Điểm phải từ 0 đến 10, theo bước 0,5."
    ]
    rule = services.review_rule_for(setup.conference)
    rule.score_max, rule.score_step = Decimal("100"), Decimal("1")
    rule.save()
    done = services.review_record(
        actor=office,
        review=review,
        score="85",
        comments=" Tốt ",
        recommendation="accept",
    )
    assert (done.score, done.comments, done.is_done) == (Decimal("85"), "Tốt", True)


def test_decision_needs_a_finished_review_and_a_refused_move_changes_nothing(
    office, setup
):
    paper = submit(office, setup, title="Đề xuất với Học viện")
    services.review_assign(
        actor=office,
        paper=paper,
        reviewer_name="TS. Đỗ Văn Chuyên",
        organisation=setup.org(Group.ACADEMY),
    )
    before = _state()
    with pytest.raises(ValidationError, match="Chưa có phản biện nào được nhập"):
        services.paper_decide(actor=office, paper=paper, accept=True)
    assert _state() == before
    rejected = Paper.objects.get(pk=accept(office, paper, setup).pk)
    assert rejected.status == Paper.Status.ACCEPTED
    with pytest.raises(ValidationError, match="Không chuyển được"):
        services.paper_decide(actor=office, paper=rejected, accept=False)
    assert Paper.objects.get(pk=paper.pk).status == Paper.Status.ACCEPTED


def test_other_roles_may_not_submit(make_user, setup):
    from django.core.exceptions import PermissionDenied

    before = _state()
    with pytest.raises(PermissionDenied):
        submit(make_user(Role.LECTURER), setup, title="Không được")
    assert _state() == before


def test_programme_orders_accepted_papers_and_a_withdrawal_closes_the_gap(
    office, setup
):
    session = programme.session_create(
        actor=office,
        conference=setup.conference,
        data=programme.SessionData(
            part_id=setup.parts[0].pk,
            title="Phiên 1",
            starts_at=_at(8),
            ends_at=_at(10),
            chairs="PGS.TS Trương Thị Thông\nĐỗ Trọng Hưng",
        ),
    )
    assert session.chair_names == ["PGS.TS Trương Thị Thông", "Đỗ Trọng Hưng"]
    assert session.venue == ""
    papers = [
        accept(office, submit(office, setup, title=f"Bài {n}"), setup) for n in "ABC"
    ]
    for paper in papers:
        programme.programme_place(actor=office, paper=paper, session=session)
    programme.programme_place(
        actor=office, paper=papers[2], session=session, position=1
    )
    order = lambda: list(  # noqa: E731
        session.papers.order_by("position").values_list("title", "position")
    )
    assert order() == [("Bài C", 1), ("Bài A", 2), ("Bài B", 3)]
    services.paper_withdraw(actor=office, paper=papers[0], reason="Tác giả xin rút")
    assert order() == [("Bài C", 1), ("Bài B", 2)]
    programme.programme_place(
        actor=office, paper=papers[2], session=session, position=9
    )
    assert order() == [("Bài B", 1), ("Bài C", 2)]
    withdrawn = Paper.objects.get(pk=papers[0].pk)
    assert (withdrawn.status, withdrawn.session_id, withdrawn.position) == (
        "withdrawn",
        None,
        None,
    )
    assert withdrawn.decision_note == "Tác giả xin rút"


def test_a_session_outside_its_part_is_refused(office, setup):
    with pytest.raises(ValidationError, match="Phiên phải nằm trong thời gian"):
        programme.session_create(
            actor=office,
            conference=setup.conference,
            data=programme.SessionData(
                part_id=setup.parts[0].pk,
                title="Phiên chiều",
                starts_at=_at(13),
                ends_at=_at(15),
            ),
        )
    assert ProgrammeSession.objects.count() == 0


def test_a_submitted_paper_cannot_be_placed(office, setup):
    paper = submit(office, setup, title="Chưa duyệt")
    session = ProgrammeSession.objects.create(
        part=setup.parts[0], title="Phiên 1", starts_at=_at(8), ends_at=_at(9)
    )
    with pytest.raises(ValidationError, match="đã được chấp nhận"):
        programme.programme_place(actor=office, paper=paper, session=session)
    assert Paper.objects.get(pk=paper.pk).session_id is None


def test_pdf_papers_are_accepted_by_their_bytes(office, setup):
    paper = submit(office, setup, title="PDF", file=upload("bai.PDF", MINIMAL_PDF))
    assert (paper.file_kind, paper.file.name.endswith(".pdf")) == ("pdf", True)


def test_an_author_edit_that_conflicts_with_an_assigned_reviewer_is_refused(
    office, setup
):
    paper = submit(office, setup, title="Bài của Nghệ An")
    services.review_assign(
        actor=office,
        paper=paper,
        reviewer_name="TS. Đỗ Văn Chuyên",
        organisation=setup.org(Group.ACADEMY),
    )
    before = (_state(), list(PaperAuthor.objects.values_list("full_name", flat=True)))
    with pytest.raises(ValidationError) as refused:
        services.paper_update(
            actor=office,
            paper=paper,
            data=services.PaperData(
                title="Bài của Nghệ An",
                theme_group_id=setup.themes[0].pk,
                authors=(
                    services.AuthorData(
                        full_name="Cán Bộ Học Viện",
                        organisation_id=setup.org(Group.ACADEMY).pk,
                    ),
                ),
            ),
        )
    assert "xung đột lợi ích" in refused.value.message_dict["authors"][0]
    after = (_state(), list(PaperAuthor.objects.values_list("full_name", flat=True)))
    assert after == before

"""Writes on papers (tham luận): submission by staff on behalf of the authors, the
file guards, reviewer assignment with the conflict-of-interest rule, review entry
and the decision. Each one atomic, permission re-checked, audited."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.core.pdf_safety import validate_pdf_is_passive
from daotao.core.text import format_number, normalize, search_key
from daotao.research.models import (
    Conference,
    InvitedOrganisation,
    Paper,
    PaperAuthor,
    Review,
    ReviewRule,
)
from daotao.research.services.programme import renumber_session

MANAGE = "research.manage_paper"
REVIEW = "research.review_paper"
Status = Paper.Status

# A paper is a text of some pages with a few pictures; a scanned book is not.
MAX_PAPER_BYTES = 20 * 1024 * 1024
MAX_DOCX_UNPACKED_BYTES = 100 * 1024 * 1024
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_DOCX_PARTS = ("[Content_Types].xml", "word/document.xml")

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SUBMITTED: frozenset({Status.UNDER_REVIEW, Status.WITHDRAWN}),
    Status.UNDER_REVIEW: frozenset(
        {Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN}
    ),
    Status.ACCEPTED: frozenset({Status.WITHDRAWN}),
    Status.REJECTED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}
TRACKED = ["title", "theme_group", "abstract", "file_name", "status", "decision_note"]


@dataclass(frozen=True)
class AuthorData:
    full_name: str
    organisation_id: int | None = None
    organisation_name: str = ""
    is_presenter: bool = False


@dataclass(frozen=True)
class PaperData:
    title: str
    theme_group_id: int
    abstract: str = ""
    authors: tuple[AuthorData, ...] = ()


# --- The file ------------------------------------------------------------------------


def check_paper_file(data: bytes, *, filename: str) -> str:
    """The kind ("pdf" or "docx") of an uploaded paper, judged by its bytes as well
    as its name; ValidationError in Vietnamese for anything else."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise ValidationError(
            {
                "file": _("Chỉ nhận tệp .pdf hoặc .docx; tệp “%s” không phải loại này.")
                % filename
            },
            code="file_extension",
        )
    if not data:
        raise ValidationError({"file": _("Tệp “%s” rỗng.") % filename})
    if len(data) > MAX_PAPER_BYTES:
        raise ValidationError(
            {
                "file": _("Tệp “%(name)s” lớn hơn giới hạn %(limit)s MB.")
                % {"name": filename, "limit": format_number(MAX_PAPER_BYTES >> 20)}
            },
            code="file_too_large",
        )
    if suffix == ".pdf":
        if not data.startswith(_PDF_MAGIC):
            raise _not_what_it_says(filename, "PDF")
        validate_pdf_is_passive(data, filename=filename, field="file")
        return Paper.FileKind.PDF
    _check_docx(data, filename)
    return Paper.FileKind.DOCX


def _not_what_it_says(filename: str, kind: str) -> ValidationError:
    return ValidationError(
        {
            "file": _(
                "Tệp “%(name)s” không phải là tệp %(kind)s hợp lệ (có thể là loại tệp "
                "khác bị đổi tên)."
            )
            % {"name": filename, "kind": kind}
        },
        code="file_content",
    )


def _check_docx(data: bytes, filename: str) -> None:
    if not data.startswith(_ZIP_MAGIC):
        raise _not_what_it_says(filename, "Word .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception:  # zipfile raises more than BadZipFile on a crafted directory
        raise _not_what_it_says(filename, "Word .docx") from None
    names = {member.filename for member in members}
    if not all(part in names for part in _DOCX_PARTS):
        raise _not_what_it_says(filename, "Word .docx")
    if sum(member.file_size for member in members) > MAX_DOCX_UNPACKED_BYTES:
        raise ValidationError(
            {"file": _("Tệp “%s” khi giải nén quá lớn; không mở tệp này.") % filename},
            code="file_unpacked_too_large",
        )


# --- Submission ----------------------------------------------------------------------


def _clean_authors(conference: Conference, authors: tuple[AuthorData, ...]):
    rows = [a for a in authors if normalize(a.full_name)]
    if not rows:
        raise ValidationError({"authors": _("Tham luận phải có ít nhất một tác giả.")})
    known = set(
        InvitedOrganisation.objects.filter(school_id=conference.school_id).values_list(
            "pk", flat=True
        )
    )
    for number, author in enumerate(rows, 1):
        if author.organisation_id is None and not normalize(author.organisation_name):
            raise ValidationError(
                {
                    "authors": _(
                        "Tác giả thứ %(n)s (%(name)s) chưa có đơn vị: chọn đơn vị được "
                        "mời hoặc nhập tên đơn vị khác."
                    )
                    % {"n": number, "name": normalize(author.full_name)}
                }
            )
        if author.organisation_id is not None and author.organisation_id not in known:
            raise ValidationError({"authors": _("Đơn vị của tác giả không hợp lệ.")})
    return rows


def _check_theme(conference: Conference, theme_group_id: int) -> None:
    if not conference.themes.filter(pk=theme_group_id).exists():
        raise ValidationError(
            {"theme_group": _("Nhóm chủ đề không thuộc hội thảo này.")}
        )


def _save_authors(paper: Paper, rows: list[AuthorData]) -> None:
    paper.authors.all().delete()
    PaperAuthor.objects.bulk_create(
        PaperAuthor(
            paper=paper,
            position=number,
            full_name=normalize(author.full_name),
            organisation_id=author.organisation_id,
            organisation_name=""
            if author.organisation_id
            else normalize(author.organisation_name),
            is_presenter=author.is_presenter,
        )
        for number, author in enumerate(rows, 1)
    )


def _attach(paper: Paper, upload: Any) -> None:
    name = PurePath(getattr(upload, "name", "") or "").name
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_PAPER_BYTES + 1)
    paper.file_kind = check_paper_file(data, filename=name)
    paper.file_name = name[:255]
    paper.file.save(name, ContentFile(data), save=False)


def paper_submit(
    *, actor: Actor, conference: Conference, data: PaperData, upload: Any = None
) -> Paper:
    """Record a paper for its authors; nothing is written if a field is wrong."""
    require_scope(actor, MANAGE, school_id=conference.school_id)
    title = normalize(data.title)
    if not title:
        raise ValidationError({"title": _("Chưa nhập tên tham luận.")})
    _check_theme(conference, data.theme_group_id)
    rows = _clean_authors(conference, data.authors)
    with transaction.atomic():
        paper = Paper(
            school_id=conference.school_id,
            conference=conference,
            theme_group_id=data.theme_group_id,
            title=title,
            abstract=data.abstract.strip(),
            submitted_by=actor,
        )
        if upload is not None:
            _attach(paper, upload)
        paper.save()
        _save_authors(paper, rows)
        audit_record(
            actor=actor,
            action="research.paper_submit",
            instance=paper,
            changes={k: [None, v] for k, v in snapshot(paper, TRACKED).items() if v}
            | {"authors": [None, [a.full_name for a in rows]]},
        )
    return paper


def paper_update(
    *, actor: Actor, paper: Paper, data: PaperData, upload: Any = None
) -> Paper:
    """Correct a paper's title, theme, abstract, authors or file before the decision."""
    with transaction.atomic():
        current = Paper.objects.select_for_update().get(pk=paper.pk)
        require_scope(actor, MANAGE, school_id=current.school_id)
        if current.status not in (Status.SUBMITTED, Status.UNDER_REVIEW):
            raise ValidationError(
                _("Chỉ sửa được tham luận chưa có quyết định."), code="decided"
            )
        title = normalize(data.title)
        if not title:
            raise ValidationError({"title": _("Chưa nhập tên tham luận.")})
        _check_theme(current.conference, data.theme_group_id)
        rows = _clean_authors(current.conference, data.authors)
        before = snapshot(current, TRACKED)
        current.title = title
        current.theme_group_id = data.theme_group_id
        current.abstract = data.abstract.strip()
        if upload is not None:
            _attach(current, upload)
        current.save()
        _save_authors(current, rows)
        _refuse_new_conflicts(current)
        audit_record(
            actor=actor,
            action="research.paper_update",
            instance=current,
            changes=diff(before, snapshot(current, TRACKED))
            | {"authors": [None, [a.full_name for a in rows]]},
        )
    return current


# --- Review --------------------------------------------------------------------------


def host_organisation(conference: Conference) -> InvitedOrganisation:
    """The organisation the school's own lecturers belong to (group "Nhà trường")."""
    host = (
        InvitedOrganisation.objects.filter(
            school_id=conference.school_id,
            group=InvitedOrganisation.Group.HOST_SCHOOL,
        )
        .order_by("id")
        .first()
    )
    if host is None:
        raise ValidationError(
            _(
                "Chưa khai báo đơn vị của Nhà trường (nhóm “Nhà trường”) trong danh "
                "sách cơ quan, đơn vị được mời nên chưa phân công được giảng viên "
                "phản biện."
            ),
            code="no_host",
        )
    return host


def conflicting_author(
    paper: Paper, organisation: InvitedOrganisation
) -> PaperAuthor | None:
    """The first author of `paper` from `organisation` (chosen or typed), if any."""
    key = search_key(organisation.name)
    for author in paper.authors.all():
        if author.organisation_id == organisation.pk:
            return author
        if (
            author.organisation_id is None
            and search_key(author.organisation_name) == key
        ):
            return author
    return None


def _refuse_new_conflicts(paper: Paper) -> None:
    """An edit of the authors may not put an assigned reviewer in conflict."""
    for review in paper.reviews.select_related("organisation"):
        author = conflicting_author(paper, review.organisation)
        if author is not None:
            raise ValidationError(
                {
                    "authors": _(
                        "Tác giả %(author)s cùng đơn vị %(organisation)s với người "
                        "phản biện %(reviewer)s đã được phân công (xung đột lợi ích); "
                        "không lưu được."
                    )
                    % {
                        "author": author.full_name,
                        "organisation": review.organisation.name,
                        "reviewer": review.reviewer_name,
                    }
                },
                code="conflict_of_interest",
            )


def review_assign(
    *,
    actor: Actor,
    paper: Paper,
    lecturer: Any = None,
    reviewer_name: str = "",
    organisation: InvitedOrganisation | None = None,
) -> Review:
    """Assign a reviewer: a lecturer of the school, or an outside expert with their
    organisation. Refused (nothing written) when the reviewer's organisation is an
    author's organisation."""
    with transaction.atomic():
        current = Paper.objects.select_for_update().get(pk=paper.pk)
        require_scope(actor, MANAGE, school_id=current.school_id)
        if current.status not in (Status.SUBMITTED, Status.UNDER_REVIEW):
            raise ValidationError(
                _("Tham luận đã có quyết định hoặc đã rút; không phân công phản biện."),
                code="decided",
            )
        if lecturer is not None:
            if lecturer.school_id != current.school_id:
                raise ValidationError({"lecturer": _("Giảng viên không thuộc trường.")})
            organisation = host_organisation(current.conference)
            reviewer_name = lecturer.person.full_name
        reviewer_name = normalize(reviewer_name)
        if not reviewer_name or organisation is None:
            raise ValidationError(
                _("Chọn giảng viên, hoặc nhập họ tên và đơn vị của người phản biện.")
            )
        if organisation.school_id != current.school_id:
            raise ValidationError({"organisation": _("Đơn vị không hợp lệ.")})
        author = conflicting_author(current, organisation)
        if author is not None:
            raise ValidationError(
                _(
                    "Không phân công được: người phản biện %(reviewer)s thuộc "
                    "%(organisation)s, cùng đơn vị với tác giả %(author)s của tham "
                    "luận “%(title)s” (xung đột lợi ích). Hãy chọn người phản biện "
                    "của đơn vị khác."
                )
                % {
                    "reviewer": reviewer_name,
                    "organisation": organisation.name,
                    "author": author.full_name,
                    "title": current.title,
                },
                code="conflict_of_interest",
            )
        if current.reviews.filter(reviewer_name=reviewer_name).exists():
            raise ValidationError(
                _("%s đã được phân công phản biện tham luận này.") % reviewer_name,
                code="duplicate",
            )
        review = Review.objects.create(
            paper=current,
            lecturer=lecturer,
            reviewer_name=reviewer_name,
            organisation=organisation,
            assigned_by=actor,
        )
        if current.status == Status.SUBMITTED:
            _move(actor, current, Status.UNDER_REVIEW)
        audit_record(
            actor=actor,
            action="research.review_assign",
            instance=current,
            changes={"reviewer": [None, reviewer_name]},
        )
    return review


def review_rule_for(conference: Conference) -> ReviewRule:
    """The conference's review scale, created with the default scale on first use."""
    rule, _created = ReviewRule.objects.get_or_create(conference=conference)
    return rule


def _score(rule: ReviewRule, raw: Any) -> Decimal:
    try:
        score = Decimal(str(raw).replace(",", "."))
    except InvalidOperation:
        score = None
    steps = None if score is None else (score - rule.score_min) / rule.score_step
    if (
        score is None
        or not rule.score_min <= score <= rule.score_max
        or steps != steps.to_integral_value()
    ):
        raise ValidationError(
            {
                "score": _("Điểm phải từ %(low)s đến %(high)s, theo bước %(step)s.")
                % {
                    "low": format_number(rule.score_min.normalize()),
                    "high": format_number(rule.score_max.normalize()),
                    "step": format_number(rule.score_step.normalize()),
                }
            }
        )
    return score


REVIEW_FIELDS = ["score", "comments", "recommendation"]


def _write_review(
    *,
    actor: Actor,
    paper: Paper,
    review: Review,
    score: Any,
    comments: str,
    recommendation: str,
    on_behalf: bool,
    action: str,
) -> Review:
    """Check and write the review (inside the caller's transaction, the paper
    locked): the paper under review, a recommendation, the score on the
    conference's scale; who typed it is kept with the review and in the history."""
    if paper.status != Status.UNDER_REVIEW:
        raise ValidationError(
            _("Chỉ nhập phản biện cho tham luận đang phản biện."), code="decided"
        )
    if recommendation not in Review.Recommendation.values:
        raise ValidationError({"recommendation": _("Chưa chọn đề nghị.")})
    value = _score(review_rule_for(paper.conference), score)
    current = Review.objects.select_for_update().get(pk=review.pk)
    before = snapshot(current, REVIEW_FIELDS)
    current.score = value
    current.comments = comments.strip()
    current.recommendation = recommendation
    current.reviewed_at = timezone.now()
    current.entered_by = actor
    current.entered_on_behalf = on_behalf
    current.save()
    audit_record(
        actor=actor,
        action=action,
        instance=paper,
        changes=diff(before, snapshot(current, REVIEW_FIELDS))
        | {
            "reviewer": [current.reviewer_name, current.reviewer_name],
            "on_behalf": [None, on_behalf],
        },
    )
    return current


def review_record(
    *, actor: Actor, review: Review, score: Any, comments: str, recommendation: str
) -> Review:
    """The research office enters a reviewer's score (on the conference's scale),
    comments and recommendation on their behalf (recorded as such); refused once
    the paper is decided."""
    with transaction.atomic():
        paper = Paper.objects.select_for_update().get(pk=review.paper_id)
        require_scope(actor, MANAGE, school_id=paper.school_id)
        return _write_review(
            actor=actor,
            paper=paper,
            review=review,
            score=score,
            comments=comments,
            recommendation=recommendation,
            on_behalf=True,
            action="research.review_record",
        )


def review_submit(
    *, actor: Actor, review: Review, score: Any, comments: str, recommendation: str
) -> Review:
    """A lecturer assigned as reviewer submits their own review, once: refused
    (nothing written) for someone else's review, a review already entered (a
    correction goes through the research office), a decided paper, a score off
    the conference's scale, or a reviewer now in conflict with an author (ADR
    0009)."""
    with transaction.atomic():
        paper = Paper.objects.select_for_update().get(pk=review.paper_id)
        require_scope(actor, REVIEW, school_id=paper.school_id)
        current = Review.objects.select_related("lecturer", "organisation").get(
            pk=review.pk
        )
        person_id = getattr(actor, "person_id", None)
        if (
            current.lecturer is None
            or person_id is None
            or current.lecturer.person_id != person_id
        ):
            raise PermissionDenied
        if current.reviewed_at is not None:
            raise ValidationError(
                _(
                    "Phản biện đã được gửi ngày %(day)s; muốn sửa, đề nghị Phòng "
                    "Nghiên cứu khoa học sửa giúp."
                )
                % {"day": timezone.localtime(current.reviewed_at).strftime("%d/%m/%Y")},
                code="already_reviewed",
            )
        author = conflicting_author(paper, current.organisation)
        if author is not None:
            raise ValidationError(
                _(
                    "Không gửi được: tác giả %(author)s cùng đơn vị %(organisation)s "
                    "với người phản biện (xung đột lợi ích)."
                )
                % {
                    "author": author.full_name,
                    "organisation": current.organisation.name,
                },
                code="conflict_of_interest",
            )
        return _write_review(
            actor=actor,
            paper=paper,
            review=current,
            score=score,
            comments=comments,
            recommendation=recommendation,
            on_behalf=False,
            action="research.review_submit",
        )


# --- Decision and withdrawal ----------------------------------------------------


def _move(actor: Actor, paper: Paper, status: str, note: str = "") -> None:
    if status not in TRANSITIONS[paper.status]:
        raise ValidationError(
            _("Không chuyển được tham luận từ “%(old)s” sang “%(new)s”.")
            % {"old": paper.get_status_display(), "new": Status(status).label},
            code="transition",
        )
    old = paper.status
    paper.status = status
    fields = ["status", "updated_at"]
    if note:
        paper.decision_note = note
        fields.append("decision_note")
    left_session = paper.session_id if status != Status.ACCEPTED else None
    if left_session:
        paper.session = None
        paper.position = None
        fields += ["session", "position"]
    paper.save(update_fields=fields)
    if left_session:
        renumber_session(left_session)
    audit_record(
        actor=actor,
        action="research.paper_status",
        instance=paper,
        changes={"status": [old, status]},
        reason=note,
    )


def paper_decide(*, actor: Actor, paper: Paper, accept: bool, note: str = "") -> Paper:
    """Accept or reject a paper under review; it needs at least one finished review."""
    with transaction.atomic():
        current = Paper.objects.select_for_update().get(pk=paper.pk)
        require_scope(actor, MANAGE, school_id=current.school_id)
        if (
            current.status == Status.UNDER_REVIEW
            and not current.reviews.filter(reviewed_at__isnull=False).exists()
        ):
            raise ValidationError(
                _("Chưa có phản biện nào được nhập; chưa quyết định được."),
                code="no_review",
            )
        _move(actor, current, Status.ACCEPTED if accept else Status.REJECTED, note)
    return current


def paper_withdraw(*, actor: Actor, paper: Paper, reason: str) -> Paper:
    """Withdraw a paper at the authors' request, with the reason; it leaves the
    programme."""
    reason = normalize(reason)
    if not reason:
        raise ValidationError({"reason": _("Chưa nhập lý do rút tham luận.")})
    with transaction.atomic():
        current = Paper.objects.select_for_update().get(pk=paper.pk)
        require_scope(actor, MANAGE, school_id=current.school_id)
        _move(actor, current, Status.WITHDRAWN, reason)
    return current

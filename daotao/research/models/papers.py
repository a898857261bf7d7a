"""Papers (tham luận) of a conference, their authors and reviews, the programme's
sessions they are ordered into, and the official documents drafted from the
conference's data (invitations, the post-event report)."""

from __future__ import annotations

import secrets
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopedQuerySet, ScopePath
from daotao.core.models import SchoolScopedModel, TimeStampedModel
from daotao.core.text import format_number, search_key


def paper_upload_to(instance: Paper, filename: str) -> str:
    """A random stored name; the original name is kept on the row."""
    suffix = PurePath(filename).suffix.lower()
    return f"research/papers/{instance.conference_id}/{secrets.token_hex(16)}{suffix}"


class ReviewRule(TimeStampedModel):
    """The conference's scoring rule: the scale reviewers score on. Defaults are the
    common 10-point scale, editable per conference."""

    conference = models.OneToOneField(
        "research.Conference",
        on_delete=models.CASCADE,
        related_name="review_rule",
        verbose_name=_("hội thảo"),
    )
    score_min = models.DecimalField(
        _("điểm thấp nhất"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    score_max = models.DecimalField(
        _("điểm cao nhất"), max_digits=5, decimal_places=2, default=Decimal("10")
    )
    score_step = models.DecimalField(
        _("bước điểm"), max_digits=4, decimal_places=2, default=Decimal("0.5")
    )

    class Meta:
        verbose_name = _("thang điểm phản biện")
        verbose_name_plural = _("thang điểm phản biện")
        constraints = [
            models.CheckConstraint(
                condition=Q(score_max__gt=F("score_min")) & Q(score_step__gt=0),
                name="research_review_rule_scale_sane",
            )
        ]

    def __str__(self) -> str:
        return f"{self.score_min}–{self.score_max}"


class ProgrammeSession(TimeStampedModel):
    """A session (phiên) of one part of the conference, with its chairs and times."""

    scope_path = ScopePath(school="part__conference__school_id")
    objects = ScopedQuerySet.as_manager()

    part = models.ForeignKey(
        "research.ConferencePart",
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("phần"),
    )
    title = models.CharField(_("tên phiên"), max_length=300)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    venue = models.CharField(_("địa điểm"), max_length=200, blank=True)
    chairs = models.TextField(
        _("chủ trì"), blank=True, help_text=_("Mỗi dòng một người.")
    )
    speakers = models.TextField(
        _("phát biểu khác"),
        blank=True,
        help_text=_("Phát biểu không kèm tham luận (khai mạc, chỉ đạo); mỗi dòng một."),
    )

    class Meta:
        verbose_name = _("phiên")
        verbose_name_plural = _("phiên")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="research_session_times_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def chair_names(self) -> list[str]:
        return [line.strip() for line in self.chairs.splitlines() if line.strip()]

    @property
    def speaker_lines(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class Paper(SchoolScopedModel):
    """A paper submitted to a conference, from submission to its place in the
    programme (accepted papers only)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Đã nộp")
        UNDER_REVIEW = "under_review", _("Đang phản biện")
        ACCEPTED = "accepted", _("Được chấp nhận")
        REJECTED = "rejected", _("Không chấp nhận")
        WITHDRAWN = "withdrawn", _("Đã rút")

    class FileKind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    conference = models.ForeignKey(
        "research.Conference",
        on_delete=models.PROTECT,
        related_name="papers",
        verbose_name=_("hội thảo"),
    )
    theme_group = models.ForeignKey(
        "research.ThemeGroup",
        on_delete=models.PROTECT,
        related_name="papers",
        verbose_name=_("nhóm chủ đề"),
    )
    title = models.CharField(_("tên tham luận"), max_length=500)
    search_key = models.CharField(max_length=1000, editable=False, default="")
    abstract = models.TextField(_("tóm tắt"), blank=True)
    file = models.FileField(_("tệp tham luận"), upload_to=paper_upload_to, blank=True)
    file_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    file_kind = models.CharField(
        _("loại tệp"), max_length=4, choices=FileKind.choices, blank=True
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    decision_note = models.TextField(_("ý kiến quyết định"), blank=True)
    session = models.ForeignKey(
        ProgrammeSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="papers",
        verbose_name=_("phiên"),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự trong phiên"), null=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người nhập"),
    )

    class Meta:
        verbose_name = _("tham luận")
        verbose_name_plural = _("tham luận")
        ordering = ["theme_group_id", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(session__isnull=True) | Q(status="accepted"),
                name="research_paper_programme_only_accepted",
            ),
            models.UniqueConstraint(
                fields=["session", "position"],
                condition=Q(session__isnull=False),
                name="research_paper_position_unique_in_session",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.search_key = search_key(self.title)[:1000]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)


class PaperAuthor(models.Model):
    """One author of a paper, in order: an invited organisation or a free-text one."""

    paper = models.ForeignKey(
        Paper,
        on_delete=models.CASCADE,
        related_name="authors",
        verbose_name=_("tham luận"),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    full_name = models.CharField(_("họ và tên"), max_length=200)
    organisation = models.ForeignKey(
        "research.InvitedOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="paper_authors",
        verbose_name=_("đơn vị được mời"),
    )
    organisation_name = models.CharField(_("đơn vị khác"), max_length=255, blank=True)
    is_presenter = models.BooleanField(_("trình bày tại hội thảo"), default=False)

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
        ordering = ["paper_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "position"], name="research_author_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(organisation_name=""),
                name="research_author_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def organisation_label(self) -> str:
        return (
            self.organisation.name if self.organisation_id else self.organisation_name
        )


class Review(TimeStampedModel):
    """One reviewer's review of a paper: assigned first, scored later."""

    # A lecturer reviewer reaches only the reviews assigned to their own person.
    scope_path = ScopePath(school="paper__school_id", lecturer=("lecturer__person_id",))
    objects = ScopedQuerySet.as_manager()

    class Recommendation(models.TextChoices):
        ACCEPT = "accept", _("Chấp nhận")
        REVISE = "revise", _("Chấp nhận, cần sửa")
        REJECT = "reject", _("Không chấp nhận")

    paper = models.ForeignKey(
        Paper,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("tham luận"),
    )
    # A lecturer of the school, or an outside expert named with their organisation.
    lecturer = models.ForeignKey(
        "faculty.Lecturer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="paper_reviews",
        verbose_name=_("giảng viên phản biện"),
    )
    reviewer_name = models.CharField(_("người phản biện"), max_length=200)
    organisation = models.ForeignKey(
        "research.InvitedOrganisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị của người phản biện"),
    )
    score = models.DecimalField(
        _("điểm"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    comments = models.TextField(_("nhận xét"), blank=True)
    recommendation = models.CharField(
        _("đề nghị"), max_length=8, choices=Recommendation.choices, blank=True
    )
    reviewed_at = models.DateTimeField(_("phản biện lúc"), null=True, blank=True)
    # Who typed the review: the reviewer (a lecturer, from "Bài cần phản biện"), or
    # the research office on the reviewer's behalf (`entered_on_behalf`).
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhập phản biện"),
    )
    entered_on_behalf = models.BooleanField(
        _("Phòng nhập thay người phản biện"), default=False
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người phân công"),
    )

    class Meta:
        verbose_name = _("phản biện")
        verbose_name_plural = _("phản biện")
        ordering = ["paper_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "reviewer_name"],
                name="research_review_one_per_reviewer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.paper} — {self.reviewer_name}"

    @property
    def is_done(self) -> bool:
        return self.reviewed_at is not None

    @property
    def score_label(self) -> str:
        """The score as printed: "8,5", "7" (not "7,00")."""
        if self.score is None:
            return ""
        return format_number(self.score.normalize())


class ConferenceDocument(TimeStampedModel):
    """An official document drafted from a conference's data: an invitation to one
    organisation, or the post-event report."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Giấy mời")
        REPORT = "report", _("Báo cáo kết quả")

    conference = models.ForeignKey(
        "research.Conference",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("hội thảo"),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    organisation = models.ForeignKey(
        "research.InvitedOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị được mời"),
    )
    document = models.OneToOneField(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("văn bản"),
    )
    figures = models.JSONField(_("số liệu khi soạn"), default=dict, blank=True)
    # The text as drafted from the data, so a refresh can tell the office's own
    # lines from the generated ones.
    generated_text = models.TextField(_("nội dung soạn từ số liệu"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người soạn"),
    )

    class Meta:
        verbose_name = _("văn bản hội thảo")
        verbose_name_plural = _("văn bản hội thảo")
        ordering = ["conference_id", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "kind", "organisation"],
                name="research_document_one_invitation_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["conference", "kind"],
                condition=Q(organisation__isnull=True),
                name="research_document_one_report",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.conference}"

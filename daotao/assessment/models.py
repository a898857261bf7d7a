"""Assessment: the rule set scores are checked against, exams per module and
cohort, their score sheets (open → submitted → locked), the scores and the
amendments made to locked scores.

Module results and the overall result are computed from locked scores by
`rules.py` (through `selectors.py`), not stored: a stored copy would be a second
truth that an amendment could leave behind.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopedQuerySet, ScopePath
from daotao.core.models import SchoolScopedModel, TimeStampedModel
from daotao.org.models import DatedRuleSet

SCORE_DIGITS = {"max_digits": 4, "decimal_places": 1}


class AssessmentRuleSet(DatedRuleSet):
    """The numbers of a training regulation (quy chế đào tạo), dated.

    `parameters` holds every number; `rules.py` only knows what each one means.
    """

    name = models.CharField(_("tên quy chế"), max_length=200)
    program_kinds = models.JSONField(
        _("áp dụng cho loại chương trình"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("quy chế đánh giá")
        verbose_name_plural = _("quy chế đánh giá")
        ordering = ["-valid_from"]


class Exam(SchoolScopedModel):
    """One sitting of a module's assessment by a cohort (lần thi)."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Thi lần đầu")
        RETAKE = "retake", _("Thi lại")

    cohort = models.ForeignKey(
        "enrolment.Cohort",
        on_delete=models.PROTECT,
        related_name="exams",
        verbose_name=_("lớp"),
    )
    module = models.ForeignKey(
        "programs.Module",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("học phần"),
    )
    rule_set = models.ForeignKey(
        AssessmentRuleSet,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("quy chế áp dụng"),
    )
    kind = models.CharField(
        _("loại"), max_length=10, choices=Kind.choices, default=Kind.REGULAR
    )
    held_on = models.DateField(_("ngày thi"))
    attempt = models.PositiveSmallIntegerField(_("lần thi"), default=1)

    class Meta:
        verbose_name = _("kỳ thi học phần")
        verbose_name_plural = _("kỳ thi học phần")
        ordering = ["cohort", "module", "attempt"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "module", "attempt"], name="exam_attempt_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cohort.code} — {self.module} (lần {self.attempt})"


class ScoreSheet(TimeStampedModel):
    """The scores of one exam (bảng điểm); open → submitted → locked."""

    scope_path = ScopePath(school="exam__school_id", lecturer_via="exam__cohort")
    objects = ScopedQuerySet.as_manager()

    class Status(models.TextChoices):
        OPEN = "open", _("Đang nhập điểm")
        SUBMITTED = "submitted", _("Đã nộp")
        LOCKED = "locked", _("Đã khóa")

    exam = models.OneToOneField(
        Exam, on_delete=models.PROTECT, related_name="sheet", verbose_name=_("kỳ thi")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nộp"),
    )
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người khóa"),
    )
    locked_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("bảng điểm")
        verbose_name_plural = _("bảng điểm")

    def __str__(self) -> str:
        return str(self.exam)

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.LOCKED


class Score(TimeStampedModel):
    """One learner's line of a score sheet: the three components and the result.

    A database trigger refuses any change while the sheet is locked, except inside
    `services.score_amend`.
    """

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.PROTECT, related_name="scores"
    )
    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("học viên"),
    )
    attendance = models.DecimalField(
        _("chuyên cần"), null=True, blank=True, **SCORE_DIGITS
    )
    test = models.DecimalField(_("kiểm tra"), null=True, blank=True, **SCORE_DIGITS)
    exam = models.DecimalField(_("thi"), null=True, blank=True, **SCORE_DIGITS)
    result = models.DecimalField(
        _("điểm học phần"), null=True, blank=True, **SCORE_DIGITS
    )
    is_absent = models.BooleanField(_("vắng thi"), default=False)
    # Set when the sheet is submitted and locked, from the attendance the rule set
    # asks for; `note` then carries the rule set's label and the reason.
    is_barred = models.BooleanField(_("không đủ điều kiện dự thi"), default=False)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("điểm")
        verbose_name_plural = _("điểm")
        ordering = ["sheet", "enrollment__person__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "enrollment"], name="score_once_per_sheet"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment}: {self.result}"


class ScoreAmendment(models.Model):
    """A change to a locked score, by decision (quyết định điều chỉnh điểm)."""

    score = models.ForeignKey(
        Score, on_delete=models.PROTECT, related_name="amendments"
    )
    old_values = models.JSONField(_("giá trị cũ"))
    new_values = models.JSONField(_("giá trị mới"))
    reason = models.TextField(_("lý do"))
    decision_number = models.CharField(_("số quyết định"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("điều chỉnh điểm")
        verbose_name_plural = _("điều chỉnh điểm")
        ordering = ["score", "at", "id"]

    def __str__(self) -> str:
        return f"{self.decision_number}: {self.score}"


class Examiner(SchoolScopedModel):
    """A lecturer the training office assigned to set and mark a module's exams
    for one cohort (cán bộ chấm thi), besides the lecturers who teach it there."""

    cohort = models.ForeignKey(
        "enrolment.Cohort",
        on_delete=models.CASCADE,
        related_name="examiners",
        verbose_name=_("lớp"),
    )
    module = models.ForeignKey(
        "programs.Module",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("học phần"),
    )
    lecturer = models.ForeignKey(
        "faculty.Lecturer",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("giảng viên"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người phân công"),
    )

    class Meta:
        verbose_name = _("cán bộ chấm thi")
        verbose_name_plural = _("cán bộ chấm thi")
        ordering = ["cohort", "module", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "module", "lecturer"], name="examiner_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.lecturer} — {self.module}"


class AmendmentGate(models.Model):
    """Holds a row only inside `score_amend`'s transaction: the SQLite trigger
    lets a locked score change only while the row exists (PostgreSQL uses a
    transaction-local setting instead)."""

    class Meta:
        verbose_name = _("cổng điều chỉnh điểm")
        verbose_name_plural = _("cổng điều chỉnh điểm")

    def __str__(self) -> str:
        return f"gate #{self.pk}"


class GraduationReview(TimeStampedModel):
    """What graduation needs beyond module results, per learner: the graduation
    exam, the final essay and the field study (recorded by the training office)."""

    enrollment = models.OneToOneField(
        "enrolment.Enrollment",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("học viên"),
    )
    is_exam_passed = models.BooleanField(_("đạt thi tốt nghiệp"), default=False)
    is_essay_passed = models.BooleanField(_("đạt tiểu luận cuối khóa"), default=False)
    is_field_study_done = models.BooleanField(
        _("đã đi nghiên cứu thực tế"), default=False
    )

    class Meta:
        verbose_name = _("xét tốt nghiệp")
        verbose_name_plural = _("xét tốt nghiệp")

    def __str__(self) -> str:
        return str(self.enrollment)


class GraduationDecision(TimeStampedModel):
    """The cohort's graduation decision (quyết định công nhận tốt nghiệp) and the
    list it was drafted with: credentials are issued for exactly that list."""

    cohort = models.OneToOneField(
        "enrolment.Cohort",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lớp"),
    )
    document = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("quyết định"),
    )
    # [{"enrollment_id": 1, "classification": "Khá"}, …] in Vietnamese name order.
    graduates = models.JSONField(_("danh sách tốt nghiệp"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người soạn"),
    )

    class Meta:
        verbose_name = _("quyết định công nhận tốt nghiệp")
        verbose_name_plural = _("quyết định công nhận tốt nghiệp")

    def __str__(self) -> str:
        return str(self.document)

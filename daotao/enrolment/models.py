"""Nominations, the eligibility rule sets they are checked against, and the cohorts
(lớp) that admission creates with their rosters."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopedQuerySet, ScopePath
from daotao.core.models import SchoolScopedModel, TimeStampedModel
from daotao.org.models import DatedRuleSet


class EligibilityRuleSet(DatedRuleSet):
    """The thresholds of an eligibility regulation (e.g. Quy định 350-QĐ/TW), dated.

    `parameters` holds every number; the code only knows what each rule compares.
    """

    name = models.CharField(_("tên bộ tiêu chuẩn"), max_length=200)
    program_kinds = models.JSONField(
        _("áp dụng cho loại chương trình"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("bộ tiêu chuẩn tuyển sinh")
        verbose_name_plural = _("bộ tiêu chuẩn tuyển sinh")
        ordering = ["-valid_from"]


class RetirementRuleSet(DatedRuleSet):
    """The retirement-age roadmap (NĐ 135/2020/NĐ-CP), dated: `parameters` holds the
    first year and, per sex, the starting age, yearly step and final age in months.
    Eligibility rule sets switch the check on with `check_retirement`."""

    name = models.CharField(_("tên quy định"), max_length=200)

    class Meta:
        verbose_name = _("quy định tuổi nghỉ hưu")
        verbose_name_plural = _("quy định tuổi nghỉ hưu")
        ordering = ["-valid_from"]


class Rating(models.TextChoices):
    """Annual evaluation of a cadre (xếp loại chất lượng)."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    DONE = "done", _("Hoàn thành nhiệm vụ")
    NOT_DONE = "not_done", _("Không hoàn thành nhiệm vụ")


class Nomination(SchoolScopedModel):
    """An agency's proposal to send a cadre to a planned class (đề nghị cử đi học)."""

    scope_path = ScopePath(agency="agency_id")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Đã gửi")
        CHECKED = "checked", _("Đã xét")
        ADMITTED = "admitted", _("Trúng tuyển")
        REJECTED = "rejected", _("Không đủ điều kiện")
        WITHDRAWN = "withdrawn", _("Rút hồ sơ")

    class Source(models.TextChoices):
        ONLINE = "online", _("Đăng ký trực tuyến")
        SHEET = "sheet", _("Nhập từ tệp Excel")

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("cán bộ"),
    )
    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("cơ quan cử"),
    )
    planned_class = models.ForeignKey(
        "planning.PlannedClass",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("lớp"),
    )
    sending_document_number = models.CharField(
        _("số văn bản cử đi học"), max_length=64, blank=True
    )
    sending_document_date = models.DateField(
        _("ngày văn bản cử đi học"), null=True, blank=True
    )
    post = models.CharField(_("chức vụ khi cử đi học"), max_length=255, blank=True)
    is_post_qualifying = models.BooleanField(
        _("đương chức hoặc trong quy hoạch chức danh thuộc đối tượng"), default=False
    )
    rating_previous_year = models.CharField(
        _("xếp loại năm trước"), max_length=12, choices=Rating.choices, blank=True
    )
    rating_year_before = models.CharField(
        _("xếp loại năm liền trước đó"),
        max_length=12,
        choices=Rating.choices,
        blank=True,
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=Status.choices,
        default=Status.SUBMITTED,
    )
    source = models.CharField(
        _("nguồn"), max_length=8, choices=Source.choices, default=Source.ONLINE
    )
    rule_set = models.ForeignKey(
        EligibilityRuleSet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bộ tiêu chuẩn đã áp dụng"),
    )
    eligibility = models.JSONField(_("kết quả xét điều kiện"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("đề nghị cử đi học")
        verbose_name_plural = _("đề nghị cử đi học")
        ordering = ["planned_class", "person__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["planned_class", "person"],
                condition=~Q(status="withdrawn"),
                name="nomination_once_per_class",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.planned_class}"


class EligibilityOverride(TimeStampedModel):
    """The training office accepting a nominee who fails a rule, with the reason."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="overrides"
    )
    rule = models.CharField(_("tiêu chuẩn"), max_length=40)
    reason = models.TextField(_("lý do (trường hợp đặc biệt)"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("chấp thuận trường hợp đặc biệt")
        verbose_name_plural = _("chấp thuận trường hợp đặc biệt")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "rule"], name="override_once_per_rule"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nomination}: {self.rule}"


def default_study_weekdays() -> list[int]:
    return [0, 1, 2, 3, 4]


class Cohort(SchoolScopedModel):
    """A running class (lớp, khóa — K52A) created at admission."""

    # A lecturer's own cohorts: taught (a published session), examined, or theirs
    # as homeroom lecturer.
    scope_path = ScopePath(
        agency="enrollments__agency_id",
        lecturer=(
            ("sessions__lecturer__person_id", {"sessions__run__isnull": True}),
            "examiners__lecturer__person_id",
            "homeroom_lecturer__person_id",
        ),
    )

    class Status(models.TextChoices):
        OPEN = "open", _("Đã lập lớp")
        STUDYING = "studying", _("Đang học")
        FINISHED = "finished", _("Đã kết thúc")

    code = models.CharField(_("mã lớp"), max_length=32)
    name = models.CharField(_("tên lớp"), max_length=200)
    planned_class = models.OneToOneField(
        "planning.PlannedClass",
        on_delete=models.PROTECT,
        related_name="cohort",
        verbose_name=_("lớp dự kiến"),
    )
    program_version = models.ForeignKey(
        "programs.ProgramVersion",
        on_delete=models.PROTECT,
        related_name="cohorts",
        verbose_name=_("chương trình"),
    )
    mode = models.CharField(_("hệ"), max_length=10)
    site = models.ForeignKey(
        "org.Site",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("địa điểm"),
    )
    starts_on = models.DateField(_("ngày khai giảng"))
    ends_on = models.DateField(_("ngày kết thúc"))
    summons_document = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quyết định triệu tập"),
    )
    homeroom_lecturer = models.ForeignKey(
        "faculty.Lecturer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="homeroom_cohorts",
        verbose_name=_("giảng viên chủ nhiệm"),
    )
    status = models.CharField(
        _("tình trạng"),
        max_length=10,
        choices=Status.choices,
        default=Status.OPEN,
    )
    # Weekdays the cohort studies on (0 = Monday … 6 = Sunday): the working week
    # for full-time cohorts, weekends or chosen days for part-time ones.
    study_weekdays = models.JSONField(
        _("ngày học trong tuần"), default=default_study_weekdays
    )

    class Meta:
        verbose_name = _("lớp học")
        verbose_name_plural = _("lớp học")
        ordering = ["-starts_on", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "code"], name="cohort_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Enrollment(TimeStampedModel):
    """A person studying in a cohort: one line of its roster."""

    scope_path = ScopePath(school="cohort__school_id", agency="agency_id")
    objects = ScopedQuerySet.as_manager()

    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="enrollments"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="enrollments"
    )
    nomination = models.OneToOneField(
        Nomination, on_delete=models.PROTECT, related_name="enrollment"
    )
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    learner_code = models.CharField(_("mã học viên"), max_length=32)
    position = models.PositiveSmallIntegerField(_("số thứ tự"))
    # The supplementary decision (QĐ bổ sung) that added a late learner; empty for
    # the learners of the cohort's own summons decision.
    summons_document = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quyết định triệu tập bổ sung"),
    )

    class Meta:
        verbose_name = _("học viên")
        verbose_name_plural = _("học viên")
        ordering = ["cohort", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "person"], name="enrollment_person_once"
            ),
            models.UniqueConstraint(
                fields=["cohort", "learner_code"], name="enrollment_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_code} {self.person}"

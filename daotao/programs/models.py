"""The programme catalogue: programmes, their dated versions, blocks, modules and
topics with their teaching hours (tiết)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopedQuerySet, ScopePath
from daotao.core.models import SchoolScopedModel, TimeStampedModel
from daotao.core.text import collation_key, search_key

DEGREE_KINDS = frozenset({"tc_llct", "tc_llct_hc", "cc_llct"})


class Program(SchoolScopedModel):
    class Kind(models.TextChoices):
        TC_LLCT = "tc_llct", _("Trung cấp lý luận chính trị")
        TC_LLCT_HC = (
            "tc_llct_hc",
            _("Trung cấp lý luận chính trị - hành chính (chương trình cũ)"),
        )
        CC_LLCT = "cc_llct", _("Cao cấp lý luận chính trị (liên kết)")
        SO_CAP = "so_cap", _("Sơ cấp lý luận chính trị")
        CHUYEN_VIEN = "chuyen_vien", _("Bồi dưỡng ngạch chuyên viên")
        CHUYEN_VIEN_CHINH = "chuyen_vien_chinh", _("Bồi dưỡng ngạch chuyên viên chính")
        LANH_DAO_PHONG = "lanh_dao_phong", _("Bồi dưỡng lãnh đạo cấp phòng")
        DANG_DOAN_THE = "dang_doan_the", _("Bồi dưỡng công tác Đảng, đoàn thể")
        CAN_BO_NGUON = "can_bo_nguon", _("Bồi dưỡng cán bộ nguồn")
        DANG_VIEN_MOI = "dang_vien_moi", _("Bồi dưỡng đảng viên mới")
        CAM_TINH_DANG = "cam_tinh_dang", _("Bồi dưỡng nhận thức về Đảng")
        CAP_UY_VIEN = "cap_uy_vien", _("Bồi dưỡng cấp ủy viên")
        CUSTOM = "custom", _("Khác")

    code = models.CharField(_("mã"), max_length=32)
    name = models.CharField(_("tên chương trình"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    sort_key = models.CharField(max_length=255, editable=False, default="")
    search_key = models.CharField(max_length=255, editable=False, default="")

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")
        ordering = ["sort_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["school", "code"], name="program_code")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Name-derived keys stay in step with the name whoever saves the row.
        self.sort_key = collation_key(self.name)[:255]
        self.search_key = search_key(f"{self.code} {self.name}")[:255]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"sort_key", "search_key"}
        super().save(*args, **kwargs)

    @property
    def is_degree(self) -> bool:
        """Trung cấp and cao cấp end in a diploma (bằng); the rest in a certificate."""
        return self.kind in DEGREE_KINDS


class ProgramVersion(TimeStampedModel):
    scope_path = ScopePath(school="program__school_id")
    objects = ScopedQuerySet.as_manager()

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        IN_USE = "in_use", _("Đang áp dụng")
        RETIRED = "retired", _("Ngừng áp dụng")

    class Mode(models.TextChoices):
        FULL_TIME = "full_time", _("Tập trung")
        PART_TIME = "part_time", _("Không tập trung")

    program = models.ForeignKey(
        Program,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("chương trình"),
    )
    label = models.CharField(_("phiên bản"), max_length=40)
    mode = models.CharField(
        _("hình thức"), max_length=10, choices=Mode.choices, default=Mode.FULL_TIME
    )
    legal_basis = models.ForeignKey(
        "org.LegalBasis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản ban hành"),
    )
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    stated_total_periods = models.PositiveSmallIntegerField(
        _("tổng số tiết theo quy định"),
        null=True,
        blank=True,
        help_text=_("Tổng số tiết ghi trong văn bản ban hành; để trống khi chưa rõ."),
    )
    duration = models.CharField(_("thời gian đào tạo"), max_length=100, blank=True)
    is_confirmed = models.BooleanField(
        _("đã đối chiếu văn bản gốc"),
        default=False,
        help_text=_("Bỏ chọn: giao diện ghi “cần xác nhận”."),
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sao chép từ"),
    )

    class Meta:
        verbose_name = _("phiên bản chương trình")
        verbose_name_plural = _("phiên bản chương trình")
        ordering = ["program", "-valid_from", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "label"], name="program_version_label"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="program_version_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program.name} ({self.label})"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Block(models.Model):
    """A knowledge block (khối kiến thức, phần) of a version."""

    version = models.ForeignKey(
        ProgramVersion,
        on_delete=models.CASCADE,
        related_name="blocks",
        verbose_name=_("phiên bản"),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("khối kiến thức"), max_length=255)

    class Meta:
        verbose_name = _("khối kiến thức")
        verbose_name_plural = _("khối kiến thức")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="block_position"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Module(models.Model):
    """A học phần: the unit that is taught and, usually, assessed."""

    block = models.ForeignKey(
        Block,
        on_delete=models.CASCADE,
        related_name="modules",
        verbose_name=_("khối kiến thức"),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    code = models.CharField(_("mã học phần"), max_length=32, blank=True)
    name = models.CharField(_("học phần"), max_length=255)
    is_assessed = models.BooleanField(_("có đánh giá"), default=True)
    assessment_note = models.CharField(
        _("hình thức đánh giá"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: thi viết 180 phút, viết tiểu luận."),
    )

    class Meta:
        verbose_name = _("học phần")
        verbose_name_plural = _("học phần")
        ordering = ["block", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["block", "position"], name="module_position"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    """A chuyên đề with its periods (tiết) by kind of teaching."""

    module = models.ForeignKey(
        Module,
        on_delete=models.CASCADE,
        related_name="topics",
        verbose_name=_("học phần"),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("chuyên đề"), max_length=255)
    lecture_periods = models.PositiveSmallIntegerField(_("lý thuyết"), default=0)
    discussion_periods = models.PositiveSmallIntegerField(_("thảo luận"), default=0)
    practice_periods = models.PositiveSmallIntegerField(_("thực hành"), default=0)
    field_study_periods = models.PositiveSmallIntegerField(_("thực tế"), default=0)
    # Declared here, not on the lecturer: `faculty` sits below this app.
    lecturers = models.ManyToManyField(
        "faculty.Lecturer",
        blank=True,
        related_name="topics",
        verbose_name=_("giảng viên được giảng"),
    )
    preferred_by = models.ManyToManyField(
        "faculty.Lecturer",
        blank=True,
        related_name="preferred_topics",
        verbose_name=_("giảng viên muốn giảng"),
    )

    class Meta:
        verbose_name = _("chuyên đề")
        verbose_name_plural = _("chuyên đề")
        ordering = ["module", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "position"], name="topic_position"
            ),
            models.CheckConstraint(
                condition=Q(lecture_periods__gte=0)
                & Q(discussion_periods__gte=0)
                & Q(practice_periods__gte=0)
                & Q(field_study_periods__gte=0),
                name="topic_periods_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def total_periods(self) -> int:
        return (
            self.lecture_periods
            + self.discussion_periods
            + self.practice_periods
            + self.field_study_periods
        )

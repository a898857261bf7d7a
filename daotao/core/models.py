"""Shared base models and the audit trail every app writes to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopedQuerySet, ScopePath


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class SchoolScopedModel(TimeStampedModel):
    """A domain row: it belongs to one school, the tenant of every query."""

    school = models.ForeignKey(
        "org.School",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("trường"),
    )

    # Its school; no unit, no agency unless the model declares them (core.access).
    scope_path = ScopePath()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """Who did what to which record, with the old and new values and the reason."""

    occurred_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    school = models.ForeignKey(
        "org.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trường"),
    )
    action = models.CharField(_("thao tác"), max_length=64)
    object_type = models.CharField(_("loại đối tượng"), max_length=64)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        # Events of one transaction share a timestamp on PostgreSQL (now() is the
        # transaction's start), so the id breaks the tie in the order they were written.
        ordering = ("occurred_at", "id")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}#{self.object_id}"


class ImportBatch(models.Model):
    """One committed import: which file went into what, by whom, with what result.

    The unique (kind, scope_key, sha256) makes importing the same file into the
    same place twice a no-op.
    """

    school = models.ForeignKey(
        "org.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trường"),
    )
    kind = models.CharField(_("loại dữ liệu"), max_length=64)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    filename = models.CharField(_("tên tệp"), max_length=255)
    scope_key = models.CharField(_("nhập vào"), max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    row_count = models.PositiveIntegerField(_("số dòng"), default=0)
    created_count = models.PositiveIntegerField(_("số dòng thêm mới"), default=0)
    matched_count = models.PositiveIntegerField(_("số dòng đã có"), default=0)
    committed_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)
    summary = models.JSONField(_("tóm tắt"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lần nhập tệp")
        verbose_name_plural = _("lần nhập tệp")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "scope_key", "sha256"],
                name="core_importbatch_unique_file_per_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.filename} ({self.scope_key})"


class BackgroundJob(models.Model):
    """What every long background job records, so every job looks and recovers the
    same way (core.jobs): its progress, when its worker last said it was alive,
    when it started and finished. The owning app adds its status and result."""

    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    heartbeat_at = models.DateTimeField(
        _("tiến trình nền báo lần cuối"), null=True, blank=True
    )
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    class Meta:
        abstract = True


class GeneratedFile(BackgroundJob):
    """A file built by the task worker for the person who asked (an export over
    `core.exporting.SYNC_ROWS` rows, a PDF of many pages): what to build (`kind`,
    registered in `core.generated`, and its `params`), for whom, its progress and
    heartbeat (core.jobs), then the file or the reason it failed. Only the person
    who asked downloads it, while they hold the kind's permission."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Thất bại")

    school = models.ForeignKey(
        "org.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trường"),
    )
    kind = models.CharField(_("loại tệp"), max_length=100)
    title = models.CharField(_("tên"), max_length=255)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    back_url = models.CharField(_("trang gốc"), max_length=1000, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("người yêu cầu"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status, default=Status.QUEUED
    )
    file = models.FileField(_("tệp"), upload_to="generated/%Y/%m/", blank=True)
    filename = models.CharField(_("tên tệp tải về"), max_length=255, blank=True)
    content_type = models.CharField(_("kiểu tệp"), max_length=100, blank=True)
    row_count = models.PositiveIntegerField(_("số dòng, số trang"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("tệp tạo nền")
        verbose_name_plural = _("tệp tạo nền")
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class TodoMark(models.Model):
    """What became of one to-do item for one user: opened (an item to read once
    is then gone) or sent in the daily digest (never sent again)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("người dùng"),
    )
    key = models.CharField(_("việc"), max_length=120)
    read_at = models.DateTimeField(_("mở lúc"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc đã mở, đã gửi")
        verbose_name_plural = _("việc đã mở, đã gửi")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="todo_mark_once")
        ]

    def __str__(self) -> str:
        return self.key


class DigestSubscription(models.Model):
    """A user who asked for the daily e-mail of what is waiting for them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("người dùng"),
    )
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đăng ký thư tóm tắt hằng ngày")
        verbose_name_plural = _("đăng ký thư tóm tắt hằng ngày")

    def __str__(self) -> str:
        return str(self.user_id)

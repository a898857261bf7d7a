"""Research topics (đề tài khoa học) and research outputs (công trình)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from daotao.core.models import SchoolScopedModel
from daotao.core.text import search_key


class ResearchTopic(SchoolScopedModel):
    """A research topic from registration to acceptance (nghiệm thu)."""

    class Level(models.TextChoices):
        SCHOOL = "school", _("Cấp trường")
        PROVINCE = "province", _("Cấp tỉnh")
        MINISTRY = "ministry", _("Cấp bộ, ngành")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Đã đăng ký")
        APPROVED = "approved", _("Đã phê duyệt")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        ACCEPTED = "accepted", _("Đã nghiệm thu")

    class Result(models.TextChoices):
        EXCELLENT = "excellent", _("Xuất sắc")
        GOOD = "good", _("Khá")
        PASS = "pass", pgettext_lazy("kết quả nghiệm thu", "Đạt")
        FAIL = "fail", _("Không đạt")

    code = models.CharField(_("mã đề tài"), max_length=32)
    title = models.CharField(_("tên đề tài"), max_length=500)
    search_key = models.CharField(max_length=500, editable=False, default="")
    level = models.CharField(_("cấp đề tài"), max_length=10, choices=Level.choices)
    leader = models.ForeignKey(
        "faculty.Lecturer",
        on_delete=models.PROTECT,
        related_name="led_research_topics",
        verbose_name=_("chủ nhiệm đề tài"),
    )
    members = models.ManyToManyField(
        "faculty.Lecturer",
        blank=True,
        related_name="research_topics",
        verbose_name=_("thành viên"),
    )
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    budget = models.PositiveBigIntegerField(_("kinh phí (đồng)"), default=0)
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=Status.choices,
        default=Status.REGISTERED,
    )
    result = models.CharField(
        _("kết quả nghiệm thu"), max_length=10, choices=Result.choices, blank=True
    )
    accepted_on = models.DateField(_("ngày nghiệm thu"), null=True, blank=True)

    class Meta:
        verbose_name = _("đề tài khoa học")
        verbose_name_plural = _("đề tài khoa học")
        ordering = ["-starts_on", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "code"], name="research_topic_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="research_topic_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status="accepted", accepted_on__isnull=False)
                & ~Q(result="")
                | ~Q(status="accepted") & Q(result="", accepted_on__isnull=True),
                name="research_topic_result_iff_accepted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.search_key = search_key(f"{self.code} {self.title}")[:500]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)


class ResearchOutput(SchoolScopedModel):
    """An article, report or book by lecturers, from a topic or on its own."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Bài báo khoa học")
        REPORT = "report", _("Báo cáo khoa học")
        PAPER = "paper", _("Tham luận hội thảo")
        BOOK = "book", _("Sách, giáo trình")
        OTHER = "other", _("Khác")

    topic = models.ForeignKey(
        ResearchTopic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outputs",
        verbose_name=_("thuộc đề tài"),
    )
    kind = models.CharField(_("loại công trình"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("tên công trình"), max_length=500)
    venue = models.CharField(_("tạp chí, nơi công bố"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("năm công bố"))
    authors = models.ManyToManyField(
        "faculty.Lecturer",
        related_name="research_outputs",
        verbose_name=_("tác giả"),
    )

    class Meta:
        verbose_name = _("công trình khoa học")
        verbose_name_plural = _("công trình khoa học")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

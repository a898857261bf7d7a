"""The public site: categories, articles, static pages, campaign banners and the
daily visit counts flushed from the cache."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from daotao.core.models import SchoolScopedModel


class Category(SchoolScopedModel):
    name = models.CharField(_("tên chuyên mục"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=140)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_in_menu = models.BooleanField(_("hiện trên menu"), default=True)

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "slug"], name="portal_category_unique_slug"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Article(SchoolScopedModel):
    """A news article; visible to the public once published (or scheduled) and its
    published time has come."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        SCHEDULED = "scheduled", _("Hẹn giờ đăng")
        PUBLISHED = "published", _("Đã đăng")

    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("chuyên mục"),
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(_("đường dẫn"), max_length=220)
    summary = models.TextField(_("tóm tắt"), blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    tags = models.CharField(_("từ khóa"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người viết"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True)
    view_count = models.PositiveBigIntegerField(_("lượt xem"), default=0)
    search_key = models.TextField(editable=False, default="")
    cover_large = models.FileField(upload_to="portal/covers/", blank=True)
    cover_medium = models.FileField(upload_to="portal/covers/", blank=True)
    cover_small = models.FileField(upload_to="portal/covers/", blank=True)
    document = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản"),
    )
    attachment = models.FileField(
        _("tệp đính kèm"), upload_to="portal/attachments/", blank=True
    )
    attachment_name = models.CharField(
        _("tên tệp đính kèm"), max_length=200, blank=True
    )

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "slug"], name="portal_article_unique_slug"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="portal_article_published_has_time",
            ),
        ]
        indexes = [models.Index(fields=["school", "status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class Page(SchoolScopedModel):
    """A static page: Giới thiệu, Lịch sử, Cơ cấu tổ chức, Liên hệ."""

    title = models.CharField(_("tiêu đề"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=140)
    body = models.TextField(_("nội dung"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_in_menu = models.BooleanField(_("hiện trên menu"), default=True)
    is_published = models.BooleanField(_("công khai"), default=True)

    class Meta:
        verbose_name = _("trang tĩnh")
        verbose_name_plural = _("trang tĩnh")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "slug"], name="portal_page_unique_slug"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Banner(SchoolScopedModel):
    """A campaign banner shown on every public page between two dates."""

    title = models.CharField(_("nội dung biểu ngữ"), max_length=200)
    link_url = models.CharField(_("liên kết"), max_length=300, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("biểu ngữ")
        verbose_name_plural = _("biểu ngữ")
        ordering = ["position", "-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="portal_banner_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Picture(SchoolScopedModel):
    """An image uploaded for use inside article and page bodies (checked and
    re-encoded like covers)."""

    title = models.CharField(_("chú thích"), max_length=200)
    large = models.FileField(upload_to="portal/pictures/")
    medium = models.FileField(upload_to="portal/pictures/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tải lên"),
    )

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class DailyVisit(models.Model):
    """Visits of the public site on one day (Asia/Ho_Chi_Minh), flushed from the
    cache; unique visitors counted by a salted daily hash that is never stored."""

    school = models.ForeignKey("org.School", on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("ngày"))
    visits = models.PositiveBigIntegerField(_("lượt truy cập"), default=0)
    unique_visitors = models.PositiveBigIntegerField(_("người truy cập"), default=0)

    class Meta:
        verbose_name = _("lượt truy cập trong ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "day"], name="portal_dailyvisit_unique_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.visits}"

"""Official documents (Nghị định 30/2020/NĐ-CP): types, issuers and their number
series, editable templates, and the outgoing register."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daotao.core.models import SchoolScopedModel, TimeStampedModel
from daotao.core.text import search_key


class DocumentType(models.Model):
    """A document type with its abbreviation from Phụ lục III of NĐ 30."""

    class Family(models.TextChoices):
        ADMINISTRATIVE = "administrative", _("Văn bản hành chính")
        COPY = "copy", _("Bản sao")

    name = models.CharField(_("tên loại văn bản"), max_length=100, unique=True)
    printed_name = models.CharField(
        _("tên loại in trên văn bản"),
        max_length=100,
        blank=True,
        help_text=_(
            "Để trống nếu giống tên loại. Ví dụ: “Quyết định” cho loại "
            "“Quyết định (cá biệt)” của Phụ lục III."
        ),
    )
    abbreviation = models.CharField(_("chữ viết tắt"), max_length=8, unique=True)
    family = models.CharField(
        _("nhóm"), max_length=20, choices=Family.choices, default=Family.ADMINISTRATIVE
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})"

    @property
    def title_name(self) -> str:
        """The name printed as the document's type: the table's category label
        ("Quyết định (cá biệt)") is not part of it."""
        return self.printed_name or self.name


class DocumentFormat(models.TextChoices):
    STATE = "state", _("Thể thức Nghị định 30/2020/NĐ-CP")
    PARTY = "party", _("Thể thức văn bản của Đảng (Hướng dẫn 36-HD/VPTW)")


class Issuer(SchoolScopedModel):
    """Who issues under the school's seal: the school itself, or a council, board or
    Party committee with its own number series."""

    name = models.CharField(_("tên cơ quan, tổ chức ban hành"), max_length=200)
    abbreviation = models.CharField(
        _("chữ viết tắt"), max_length=16, help_text=_("Ví dụ: TrCT, HĐTN, ĐU")
    )
    governing_body = models.CharField(
        _("cơ quan chủ quản (dòng trên)"), max_length=200, blank=True
    )
    header_name = models.CharField(
        _("tên ghi ở tiêu đề"), max_length=200, help_text=_("Ví dụ: TRƯỜNG CHÍNH TRỊ")
    )
    format = models.CharField(
        _("thể thức"),
        max_length=8,
        choices=DocumentFormat.choices,
        default=DocumentFormat.STATE,
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "abbreviation"], name="issuer_abbreviation_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class NumberSeries(models.Model):
    """The last number an issuer used in a calendar year (locked when numbering)."""

    issuer = models.ForeignKey(
        Issuer,
        on_delete=models.PROTECT,
        related_name="series",
        verbose_name=_("nơi ban hành"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)

    class Meta:
        verbose_name = _("sổ số văn bản")
        verbose_name_plural = _("sổ số văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year"], name="series_issuer_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer.abbreviation} {self.year}: {self.last_number}"


class DocumentTemplate(TimeStampedModel):
    """The wording of one kind of document, editable by administrators.

    `wording` holds the parts an office changes without code: the default summary,
    căn cứ lines, opening and closing paragraphs, signer lines and recipients.
    """

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên mẫu"), max_length=120)
    document_type = models.ForeignKey(
        DocumentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="templates",
        verbose_name=_("loại văn bản"),
        help_text=_("Để trống cho công văn (không có tên loại)."),
    )
    format = models.CharField(
        _("thể thức"),
        max_length=8,
        choices=DocumentFormat.choices,
        default=DocumentFormat.STATE,
    )
    wording = models.JSONField(_("các phần lời văn"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class OutgoingDocument(SchoolScopedModel):
    """A document the school issues: a draft until signed, then in the register."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SUBMITTED = "submitted", _("Trình ký")
        SIGNED = "signed", _("Đã ký, cấp số")
        PUBLISHED = "published", _("Đã ban hành công khai")

    issuer = models.ForeignKey(
        Issuer,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("nơi ban hành"),
    )
    template = models.ForeignKey(
        DocumentTemplate,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("mẫu"),
    )
    document_type = models.ForeignKey(
        DocumentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("loại văn bản"),
    )
    drafting_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("đơn vị soạn thảo"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    symbol = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=120)
    summary = models.CharField(_("trích yếu"), max_length=500)
    search_key = models.CharField(max_length=600, editable=False, default="")
    decision_heading = models.CharField(
        _("thẩm quyền ban hành (quyết định)"), max_length=200, blank=True
    )
    basis = models.JSONField(_("căn cứ"), default=list, blank=True)
    body = models.JSONField(_("nội dung"), default=list, blank=True)
    body_text = models.TextField(_("nội dung (văn bản soạn)"), blank=True)
    signer_authority = models.CharField(_("quyền hạn ký"), max_length=80, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120)
    signer_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    archive_units = models.JSONField(_("lưu"), default=list, blank=True)
    # The parts as last drafted from a domain app's data ({} for a document typed
    # by hand): a re-draft refreshes a part only where it still equals this.
    generated = models.JSONField(
        _("phần soạn từ dữ liệu"), default=dict, blank=True, editable=False
    )
    docx_file = models.FileField(_("tệp DOCX"), upload_to="documents/%Y/", blank=True)
    pdf_file = models.FileField(_("tệp PDF"), upload_to="documents/%Y/", blank=True)
    signed_scan = models.FileField(
        _("bản quét có chữ ký, đóng dấu"), upload_to="documents/scans/%Y/", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người soạn"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("văn bản đi")
        ordering = ["-year", "-number", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number"],
                condition=Q(number__isnull=False),
                name="document_number_unique_per_issuer_year",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted"])
                | (Q(number__isnull=False) & Q(issued_on__isnull=False)),
                name="document_signed_has_number",
            ),
        ]
        indexes = [models.Index(fields=["school", "year", "number"])]

    def __str__(self) -> str:
        return f"{self.symbol or _('Dự thảo')} — {self.summary}"

    def save(self, *args, **kwargs):
        self.search_key = search_key(f"{self.symbol} {self.summary}")[:600]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"search_key"}
        super().save(*args, **kwargs)

    @property
    def is_numbered(self) -> bool:
        return self.number is not None

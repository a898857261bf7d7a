"""Diplomas and certificates: the blank forms they are printed on, the master
register (sổ gốc cấp văn bằng) they are entered in, and their history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from daotao.core.models import SchoolScopedModel


class Kind(models.TextChoices):
    """The three papers a school issues: a bằng ends a TC/CC LLCT programme, a chứng
    chỉ a standard bồi dưỡng programme (ngạch, chức vụ), a giấy chứng nhận the
    other short courses (which programme ends in which: assessment.credential_kind).
    """

    DIPLOMA = "diploma", _("Bằng tốt nghiệp trung cấp lý luận chính trị")
    CERTIFICATE = "certificate", _("Chứng chỉ bồi dưỡng")
    COMPLETION = "completion", _("Giấy chứng nhận")


def format_serial(prefix: str, number: int, width: int) -> str:
    """The serial as printed on the blank: prefix and zero-padded number."""
    return f"{prefix}{number:0{width}d}"


class BlankStock(SchoolScopedModel):
    """A range of numbered blank forms (phôi) received; each serial in it is unused,
    used by a credential or spoiled, derived from those rows."""

    kind = models.CharField(_("loại phôi"), max_length=12, choices=Kind.choices)
    serial_prefix = models.CharField(_("ký hiệu số hiệu"), max_length=16, blank=True)
    number_width = models.PositiveSmallIntegerField(
        _("số chữ số của số hiệu"), default=6
    )
    first_number = models.PositiveIntegerField(_("từ số"))
    last_number = models.PositiveIntegerField(_("đến số"))
    received_on = models.DateField(_("ngày nhận"))
    note = models.TextField(_("ghi chú"), blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người nhập"),
    )

    class Meta:
        verbose_name = _("lô phôi văn bằng")
        verbose_name_plural = _("lô phôi văn bằng")
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_number__gte=F("first_number")),
                name="blank_stock_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_serial} – {self.last_serial}"

    @property
    def first_serial(self) -> str:
        return format_serial(self.serial_prefix, self.first_number, self.number_width)

    @property
    def last_serial(self) -> str:
        return format_serial(self.serial_prefix, self.last_number, self.number_width)

    @property
    def size(self) -> int:
        return self.last_number - self.first_number + 1


class SpoiledBlank(models.Model):
    """A blank of a stock that can no longer be used (misprinted, torn, lost)."""

    stock = models.ForeignKey(
        BlankStock, on_delete=models.PROTECT, related_name="spoiled"
    )
    serial_number = models.PositiveIntegerField(_("số"))
    reason = models.TextField(_("lý do hỏng"))
    spoiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người ghi"),
    )
    spoiled_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phôi hỏng")
        verbose_name_plural = _("phôi hỏng")
        ordering = ["stock", "serial_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["stock", "serial_number"], name="spoiled_blank_once"
            )
        ]

    def __str__(self) -> str:
        return format_serial(
            self.stock.serial_prefix, self.serial_number, self.stock.number_width
        )


class Register(SchoolScopedModel):
    """The master register of one kind for one year (sổ gốc cấp văn bằng)."""

    kind = models.CharField(_("loại văn bằng"), max_length=12, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    book_number = models.CharField(_("số sổ"), max_length=32)
    last_entry_number = models.PositiveIntegerField(_("số vào sổ cuối"), default=0)

    class Meta:
        verbose_name = _("sổ gốc cấp văn bằng")
        verbose_name_plural = _("sổ gốc cấp văn bằng")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "kind", "year"], name="register_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.book_number}"


class Credential(SchoolScopedModel):
    """One diploma or certificate as entered in the register. The holder's name and
    date of birth are copied at issue: the record does not follow later edits of the
    person."""

    class Status(models.TextChoices):
        VALID = "valid", _("Còn hiệu lực")
        REVOKED = "revoked", _("Đã thu hồi")
        REPLACED = "replaced", _("Đã được cấp lại")

    kind = models.CharField(_("loại văn bằng"), max_length=12, choices=Kind.choices)
    register = models.ForeignKey(
        Register,
        on_delete=models.PROTECT,
        related_name="credentials",
        verbose_name=_("sổ gốc"),
    )
    entry_number = models.PositiveIntegerField(_("số vào sổ"))
    # Blank, enrolment: empty only on a credential imported from the school's old
    # registers (docs/adr/0019), which was printed before DaoTao kept its blanks
    # and its learners; it keeps the holder's class and sex as written instead.
    stock = models.ForeignKey(
        BlankStock,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credentials",
        verbose_name=_("lô phôi"),
    )
    serial_number = models.PositiveIntegerField(_("số trong lô"), null=True, blank=True)
    serial = models.CharField(_("số hiệu"), max_length=40)
    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credentials",
        verbose_name=_("học viên"),
    )
    holder_sex = models.CharField(_("giới tính"), max_length=10, blank=True)
    class_name = models.CharField(_("lớp"), max_length=120, blank=True)
    imported_from = models.CharField(
        _("nhập từ tệp"),
        max_length=255,
        blank=True,
        help_text=_("Tên tệp sổ gốc cũ mà văn bằng được nhập từ đó."),
    )
    import_batch = models.ForeignKey(
        "core.ImportBatch",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lần nhập"),
    )
    holder_name = models.CharField(_("họ và tên người được cấp"), max_length=180)
    holder_sort_key = models.CharField(max_length=255, editable=False, default="")
    holder_search_key = models.CharField(max_length=255, editable=False, default="")
    holder_date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    programme_name = models.CharField(_("chương trình"), max_length=255)
    classification_label = models.CharField(_("xếp loại"), max_length=80, blank=True)
    # Copied at issue like the holder's name: the paper and the register keep what
    # was true when it was signed.
    course_starts_on = models.DateField(_("khóa học từ ngày"), null=True, blank=True)
    course_ends_on = models.DateField(_("khóa học đến ngày"), null=True, blank=True)
    decision_number = models.CharField(
        _("số quyết định công nhận"), max_length=64, blank=True
    )
    decision_date = models.DateField(
        _("ngày quyết định công nhận"), null=True, blank=True
    )
    issued_on = models.DateField(_("ngày cấp"))
    signer = models.CharField(_("người ký"), max_length=200)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    verification_code = models.CharField(
        _("mã xác minh"), max_length=64, unique=True, editable=False
    )
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("được thay bằng"),
    )
    revoke_reason = models.TextField(_("lý do thu hồi"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người lập"),
    )

    class Meta:
        verbose_name = _("văn bằng, chứng chỉ")
        verbose_name_plural = _("văn bằng, chứng chỉ")
        ordering = ["register", "entry_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "entry_number"], name="credential_entry_once"
            ),
            models.UniqueConstraint(
                fields=["school", "kind", "serial"], name="credential_serial_once"
            ),
            models.UniqueConstraint(
                fields=["stock", "serial_number"], name="credential_blank_once"
            ),
            models.UniqueConstraint(
                fields=["enrollment", "kind"],
                condition=Q(status="valid"),
                name="credential_one_valid_per_enrollment",
            ),
            # Only a credential imported from an old register lacks an enrolment.
            models.CheckConstraint(
                condition=Q(enrollment__isnull=False) | ~Q(imported_from=""),
                name="credential_enrolled_or_imported",
            ),
            models.CheckConstraint(
                condition=Q(stock__isnull=True, serial_number__isnull=True)
                | Q(stock__isnull=False, serial_number__isnull=False),
                name="credential_blank_whole",
            ),
        ]
        indexes = [
            models.Index(fields=["register", "holder_sort_key", "id"]),
            # The public look-up by số hiệu and date of birth.
            models.Index(fields=["serial"], name="credential_serial_lookup"),
        ]

    def __str__(self) -> str:
        return f"{self.serial} — {self.holder_name}"

    @property
    def is_imported(self) -> bool:
        """Entered from the school's old registers, not issued through DaoTao."""
        return bool(self.imported_from)


class CredentialEvent(models.Model):
    """One step in a credential's life, with the old and new values and the reason."""

    class Action(models.TextChoices):
        ISSUE = "issue", _("Cấp")
        CORRECT = "correct", _("Đính chính")
        REVOKE = "revoke", _("Thu hồi")
        REISSUE = "reissue", _("Cấp lại")

    credential = models.ForeignKey(
        Credential, on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    occurred_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("lịch sử văn bằng")
        verbose_name_plural = _("lịch sử văn bằng")
        ordering = ["credential", "occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.credential_id}"


class CredentialTemplate(SchoolScopedModel):
    """The wording printed on one kind of credential, edited by the training office.

    Only the words are data; the A4 landscape layout is fixed in
    `credentials.printing`, so every credential stays on exactly one page and the
    holder's data, serial, register entry and QR code are always where the blank
    form expects them. The real layout is issued by HVCTQG and is UNCONFIRMED
    (domain.md §3): a template stays "cần xác nhận" until someone confirms it."""

    kind = models.CharField(_("loại văn bằng"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("tên mẫu"), max_length=200)
    issuer_lines = models.TextField(
        _("cơ quan cấp (góc trái, mỗi dòng một hàng)"), blank=True
    )
    national_title = models.CharField(_("quốc hiệu"), max_length=200)
    motto = models.CharField(_("tiêu ngữ"), max_length=200)
    grantor = models.CharField(_("người cấp (dòng trên tên văn bằng)"), max_length=300)
    title = models.CharField(_("tên văn bằng"), max_length=200)
    subtitle = models.CharField(_("dòng dưới tên văn bằng"), max_length=300, blank=True)
    recognition = models.CharField(
        _("câu công nhận"),
        max_length=300,
        help_text=_("{chuong_trinh} được thay bằng tên chương trình của học viên."),
    )
    holder_label = models.CharField(_("nhãn họ tên"), max_length=80)
    is_holder_first = models.BooleanField(
        _("in họ tên trước câu công nhận"),
        default=True,
        help_text=_(
            "Chứng chỉ, giấy chứng nhận: “Chứng nhận ông (bà)…” đứng trước "
            "“Đã hoàn thành chương trình…”."
        ),
    )
    course_dates = models.CharField(
        _("dòng thời gian khóa học"),
        max_length=300,
        blank=True,
        help_text=_(
            "{tu_ngay}, {den_ngay}: ngày khai giảng và kết thúc của lớp; "
            "để trống thì không in."
        ),
    )
    classification_label = models.CharField(_("nhãn xếp loại"), max_length=80)
    register_label = models.CharField(
        _("nhãn số vào sổ"),
        max_length=120,
        help_text=_("Ví dụ “Số vào sổ cấp chứng chỉ:”; số vào sổ in ngay sau."),
    )
    signer_title = models.CharField(_("chức danh người ký"), max_length=200)
    is_confirmed = models.BooleanField(_("đã xác nhận đúng mẫu"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người sửa"),
    )

    # The fields that hold the wording, in the order the form shows them; the
    # printed ones are every text among them but the template's own name.
    WORDING_FIELDS = (
        "name",
        "issuer_lines",
        "national_title",
        "motto",
        "grantor",
        "title",
        "subtitle",
        "recognition",
        "holder_label",
        "is_holder_first",
        "course_dates",
        "classification_label",
        "register_label",
        "signer_title",
    )
    # Filled with the school and programme ({truong}, {chuong_trinh}) when printed;
    # the course dates have their own rule (credentials.printing).
    PRINTED_TEXT_FIELDS = tuple(
        name
        for name in WORDING_FIELDS
        if name not in ("name", "is_holder_first", "course_dates")
    )

    class Meta:
        verbose_name = _("mẫu văn bằng, chứng chỉ")
        verbose_name_plural = _("mẫu văn bằng, chứng chỉ")
        ordering = ["school", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "kind"], name="credential_template_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return self.name


# The wording a school starts from, per kind; UNCONFIRMED (domain.md §3). Migration
# 0002 seeds a frozen copy of it for the schools that already exist, 0004 the fields
# and the kind added later.
_COMMON_WORDING = {
    "issuer_lines": "{co_quan_chu_quan}\n{truong}",
    "national_title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "grantor": "HIỆU TRƯỞNG {truong}",
    "is_holder_first": True,
    "course_dates": "Khóa học từ ngày {tu_ngay} đến ngày {den_ngay}",
    "signer_title": "HIỆU TRƯỞNG",
}
DEFAULT_WORDING: dict[str, dict[str, object]] = {
    Kind.DIPLOMA: {
        **_COMMON_WORDING,
        "name": "Bằng tốt nghiệp trung cấp lý luận chính trị (mẫu mặc định)",
        "title": "BẰNG TỐT NGHIỆP",
        "subtitle": "TRUNG CẤP LÝ LUẬN CHÍNH TRỊ",
        "recognition": "Công nhận tốt nghiệp {chuong_trinh}",
        "holder_label": "Cho ông (bà):",
        "classification_label": "Xếp loại tốt nghiệp:",
        "register_label": "Số vào sổ cấp bằng:",
    },
    Kind.CERTIFICATE: {
        **_COMMON_WORDING,
        "name": "Chứng chỉ bồi dưỡng (mẫu mặc định)",
        "title": "CHỨNG CHỈ",
        "subtitle": "",
        "recognition": "Đã hoàn thành chương trình {chuong_trinh}",
        "holder_label": "Chứng nhận ông (bà):",
        "classification_label": "Xếp loại:",
        "register_label": "Số vào sổ cấp chứng chỉ:",
    },
    Kind.COMPLETION: {
        **_COMMON_WORDING,
        "name": "Giấy chứng nhận (mẫu mặc định)",
        "title": "GIẤY CHỨNG NHẬN",
        "subtitle": "",
        "recognition": "Đã hoàn thành chương trình {chuong_trinh}",
        "holder_label": "Chứng nhận ông (bà):",
        "classification_label": "Xếp loại:",
        "register_label": "Số vào sổ cấp giấy chứng nhận:",
    },
}

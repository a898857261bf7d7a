"""Schools and their units, administrative areas, sending agencies, legal bases and
the reference lists (ethnic groups, religions, education and theory levels)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopedQuerySet, ScopePath
from daotao.core.models import SchoolScopedModel, TimeStampedModel
from daotao.core.text import collation_key, search_key


class NotInForce(ValidationError):
    """No row of a dated kind (a rule set, an area…) is in force on the day asked;
    the message names the kind and the day."""

    def __init__(
        self,
        model: type[models.Model],
        day: datetime.date,
        *,
        program_kind: str | None = None,
    ) -> None:
        message = (
            gettext("Chưa có %(kind)s có hiệu lực vào ngày %(day)s.")
            if program_kind is None
            else gettext(
                "Chưa có %(kind)s cho loại chương trình này có hiệu lực vào ngày "
                "%(day)s."
            )
        )
        super().__init__(
            message % {"kind": model._meta.verbose_name, "day": f"{day:%d/%m/%Y}"},
            code="not_in_force",
        )


class InForce:
    """The one meaning of "in force on a day" for dated rows: `valid_from <= day <=
    valid_to`, an empty end open. With several rows in force the newest wins (latest
    `valid_from`, then the highest id). A row that lists the programme kinds it
    applies to (`program_kinds`) applies to those only, or to all when empty."""

    valid_from: datetime.date | None
    valid_to: datetime.date | None

    def is_in_force_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def applies_to(self, program_kind: str | None) -> bool:
        kinds = getattr(self, "program_kinds", None)
        return program_kind is None or not kinds or program_kind in kinds

    @classmethod
    def in_force_among(
        cls, rows: Iterable[Any], day: datetime.date, *, program_kind: str | None = None
    ) -> Any:
        """Of `rows` loaded once and ordered newest first (`DatedQuerySet
        .newest_first()`), the one in force on `day`; `NotInForce` if none is."""
        for row in rows:
            if row.is_in_force_on(day) and row.applies_to(program_kind):
                return row
        raise NotInForce(cls, day, program_kind=program_kind)


class DatedQuerySet(ScopedQuerySet):
    """Lookups by date with the semantics of `InForce`: `in_force_on` and
    `in_force_during` narrow the rows, `for_date` gives the one in force or raises
    `NotInForce` (a `ValidationError`); a caller for whom "none" is a normal answer
    catches it."""

    def in_force_on(self, day):
        """Rows whose validity interval contains `day` (open ends allowed)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def in_force_during(self, first, last):
        """Rows in force on at least one day from `first` to `last`."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=last),
            Q(valid_to__isnull=True) | Q(valid_to__gte=first),
        )

    def newest_first(self):
        return self.order_by(F("valid_from").desc(nulls_last=True), "-id")

    def for_date(self, day, *, program_kind=None):
        """The row in force on `day` (for `program_kind`, where rows name kinds)."""
        return self.model.in_force_among(
            self.in_force_on(day).newest_first(), day, program_kind=program_kind
        )


class Dated(InForce, models.Model):
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True


class LegalBasis(Dated, TimeStampedModel):
    """An issuing document behind a rule set (văn bản căn cứ)."""

    number = models.CharField(_("số, ký hiệu"), max_length=64)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    title = models.CharField(_("trích yếu"), max_length=500)
    url = models.URLField(_("nguồn"), max_length=500, blank=True)
    is_confirmed = models.BooleanField(
        _("đã xác minh"),
        default=True,
        help_text=_("Bỏ chọn khi chưa đối chiếu được văn bản gốc."),
    )
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("được thay thế bởi"),
    )

    class Meta:
        verbose_name = _("văn bản căn cứ")
        verbose_name_plural = _("văn bản căn cứ")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="legalbasis_number_unique")
        ]

    def __str__(self) -> str:
        return self.number


class DatedRuleSet(InForce, TimeStampedModel):
    """The numbers of one regulation, dated, with its legal basis: what every rule
    set (eligibility, assessment, teaching hours) shares. `parameters` holds every
    number; the owning app's rules know what each one means. A subclass adds its
    `name` (and what else it needs) and its Meta."""

    legal_basis = models.ForeignKey(
        LegalBasis,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("văn bản căn cứ"),
    )
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    parameters = models.JSONField(_("tham số"), default=dict)
    is_confirmed = models.BooleanField(
        _("đã đối chiếu văn bản gốc"),
        default=False,
        help_text=_("Bỏ chọn nếu các con số chưa được đối chiếu với văn bản gốc."),
    )

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return str(getattr(self, "name", ""))


class Area(Dated, TimeStampedModel):
    """An administrative unit (tỉnh, xã/phường/đặc khu, huyện before 7/2025)."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        DISTRICT = "district", _("Cấp huyện (trước 01/7/2025)")
        COMMUNE = "commune", _("Cấp xã")

    code = models.CharField(_("mã"), max_length=8, blank=True)
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(
        _("loại"), max_length=32, help_text=_("tỉnh, thành phố, xã, phường, đặc khu…")
    )
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("trực thuộc"),
    )
    predecessors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="successors",
        verbose_name=_("đơn vị trước sắp xếp"),
    )
    sort_key = models.CharField(max_length=255, editable=False, default="")

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=~Q(code=""),
                name="area_level_code_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind.capitalize()} {self.name}"

    def save(self, *args, **kwargs):
        self.sort_key = collation_key(self.name)
        super().save(*args, **kwargs)


class School(TimeStampedModel):
    """The provincial political school: the tenant of every domain row."""

    name = models.CharField(_("tên trường"), max_length=200)
    short_name = models.CharField(
        _("tên ngắn trong tiêu đề văn bản"),
        max_length=120,
        help_text=_("Ví dụ: TRƯỜNG CHÍNH TRỊ"),
    )
    abbreviation = models.CharField(
        _("chữ viết tắt trong ký hiệu văn bản"), max_length=16, help_text="TrCT"
    )
    governing_body = models.CharField(
        _("cơ quan chủ quản"),
        max_length=200,
        help_text=_("Dòng trên tên trường, ví dụ: TỈNH ỦY THANH HÓA"),
    )
    province = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="schools",
        verbose_name=_("tỉnh, thành phố"),
    )
    place_name = models.CharField(
        _("địa danh ghi trên văn bản"), max_length=120, help_text="Thanh Hóa"
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang thông tin"), blank=True)
    # Whether the province's board (Ban Tổ chức Tỉnh ủy) approves the school's
    # training plans; otherwise its leadership does (docs/adr/0037).
    plans_approved_by_province = models.BooleanField(
        _("kế hoạch đào tạo do Ban Tổ chức Tỉnh ủy phê duyệt"),
        default=False,
        help_text=_(
            "Chọn khi Trường trình kế hoạch đào tạo, bồi dưỡng năm lên Ban Tổ chức "
            "Tỉnh ủy; Ban trả lại hoặc phê duyệt và điều chỉnh chỉ tiêu. Bỏ chọn: "
            "Ban Giám hiệu phê duyệt."
        ),
    )

    class Meta:
        verbose_name = _("trường")
        verbose_name_plural = _("trường")

    def __str__(self) -> str:
        return self.name


class Unit(Dated, SchoolScopedModel):
    """A faculty (khoa) or office (phòng) of the school; names are dated."""

    scope_path = ScopePath(unit="id")

    class Kind(models.TextChoices):
        FACULTY = "faculty", _("Khoa")
        OFFICE = "office", _("Phòng")

    name = models.CharField(_("tên đơn vị"), max_length=200)
    abbreviation = models.CharField(_("viết tắt"), max_length=16)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    is_teaching = models.BooleanField(
        _("đơn vị giảng dạy, nghiên cứu"),
        default=False,
        help_text=_("Tính vào tỷ lệ cán bộ giảng dạy, nghiên cứu."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("khoa, phòng")
        verbose_name_plural = _("khoa, phòng")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "abbreviation"],
                condition=Q(valid_to__isnull=True),
                name="unit_current_abbreviation_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Agency(Dated, SchoolScopedModel):
    """A body that sends cadres to study (cơ quan, đơn vị cử đi học)."""

    scope_path = ScopePath(agency="id")

    class Kind(models.TextChoices):
        PARTY = "party", _("Cơ quan Đảng")
        GOVERNMENT = "government", _("Cơ quan chính quyền")
        FRONT = "front", _("Mặt trận Tổ quốc, đoàn thể")
        PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp")
        ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
        ENTERPRISE = "enterprise", _("Doanh nghiệp nhà nước")
        OTHER = "other", _("Khác")

    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        DISTRICT = "district", _("Cấp huyện (trước 01/7/2025)")
        COMMUNE = "commune", _("Cấp xã")

    name = models.CharField(_("tên cơ quan, đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("cơ quan cấp trên"),
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("địa bàn"),
    )
    predecessors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="successors",
        verbose_name=_("cơ quan trước sắp xếp"),
    )
    sort_key = models.CharField(max_length=255, editable=False, default="")
    search_key = models.CharField(max_length=255, editable=False, default="")

    class Meta:
        verbose_name = _("cơ quan cử đi học")
        verbose_name_plural = _("cơ quan cử đi học")
        ordering = ["sort_key"]
        indexes = [models.Index(fields=["school", "sort_key"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Derived keys are kept in step with the name whoever saves the row.
        self.sort_key = collation_key(self.name)[:255]
        self.search_key = search_key(self.name)[:255]
        super().save(*args, **kwargs)


class ReferenceItem(models.Model):
    """A coded entry of a national list, with the decision that issued the list."""

    code = models.CharField(_("mã"), max_length=8, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    legal_basis = models.ForeignKey(
        LegalBasis,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản căn cứ"),
    )

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class Ethnicity(ReferenceItem):
    other_names = models.CharField(_("tên gọi khác"), max_length=255, blank=True)
    is_minority = models.BooleanField(_("dân tộc thiểu số"), default=True)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("dân tộc")
        verbose_name_plural = _("dân tộc")


class Religion(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("tôn giáo")
        verbose_name_plural = _("tôn giáo")


class EducationLevel(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("trình độ học vấn, chuyên môn")
        verbose_name_plural = _("trình độ học vấn, chuyên môn")


class TheoryLevel(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("trình độ lý luận chính trị")
        verbose_name_plural = _("trình độ lý luận chính trị")


class Site(SchoolScopedModel):
    """Where teaching happens: a campus of the school or an off-site location."""

    class Kind(models.TextChoices):
        CAMPUS = "campus", _("Cơ sở của Trường")
        OFF_SITE = "off_site", _("Địa điểm ngoài Trường")

    name = models.CharField(_("tên địa điểm"), max_length=200)
    kind = models.CharField(
        _("loại"), max_length=10, choices=Kind.choices, default=Kind.CAMPUS
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("địa bàn"),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("địa điểm học")
        verbose_name_plural = _("địa điểm học")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="site_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Room(TimeStampedModel):
    """A room at a site where a cohort can be taught; retired rooms are kept for
    the sessions that name them."""

    scope_path = ScopePath(school="site__school_id")
    objects = ScopedQuerySet.as_manager()

    class Kind(models.TextChoices):
        CLASSROOM = "classroom", _("Phòng học")
        HALL = "hall", _("Hội trường")
        DISCUSSION = "discussion", _("Phòng thảo luận")
        COMPUTER = "computer", _("Phòng máy tính")
        OTHER = "other", _("Khác")

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("địa điểm")
    )
    name = models.CharField(_("tên phòng"), max_length=100)
    kind = models.CharField(
        _("loại phòng"), max_length=12, choices=Kind.choices, default=Kind.CLASSROOM
    )
    capacity = models.PositiveSmallIntegerField(
        _("sức chứa"), default=0, help_text=_("Số chỗ ngồi cho học viên.")
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    sort_key = models.CharField(max_length=255, editable=False, default="")
    search_key = models.CharField(max_length=255, editable=False, default="")

    class Meta:
        verbose_name = _("phòng học")
        verbose_name_plural = _("phòng học")
        ordering = ["site", "sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="room_name_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.site})"

    def save(self, *args, **kwargs):
        # The derived keys follow the name whoever saves the row.
        self.sort_key = collation_key(self.name)[:255]
        self.search_key = search_key(self.name)[:255]
        super().save(*args, **kwargs)


class RoomClosure(TimeStampedModel):
    """Days a room cannot be used (repairs, a conference held in it)."""

    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="closures", verbose_name=_("phòng")
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    reason = models.CharField(_("lý do"), max_length=200)

    class Meta:
        verbose_name = _("ngày phòng không dùng được")
        verbose_name_plural = _("ngày phòng không dùng được")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="roomclosure_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.room.name}: {self.starts_on} – {self.ends_on}"

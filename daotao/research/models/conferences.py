"""Conferences (hội thảo khoa học): parts, theme groups, invited organisations,
their delegations and delegates, and the liaison lecturers of each delegation."""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from daotao.core.access import ScopedQuerySet, ScopePath
from daotao.core.models import SchoolScopedModel, TimeStampedModel
from daotao.core.text import (
    collation_key,
    name_sort_key,
    search_key,
    split_full_name,
)


def new_badge_token() -> str:
    """An unguessable token printed in the badge's QR code."""
    return secrets.token_urlsafe(18)


class Conference(SchoolScopedModel):
    """One conference the school hosts or co-organises."""

    title = models.CharField(_("tên hội thảo"), max_length=500)
    slug = models.SlugField(_("đường dẫn công khai"), max_length=80, unique=True)
    host = models.CharField(_("đơn vị chủ trì"), max_length=300)
    co_organisers = models.TextField(
        _("đơn vị phối hợp"), blank=True, help_text=_("Mỗi đơn vị một dòng.")
    )
    basis_number = models.CharField(_("số văn bản căn cứ"), max_length=64, blank=True)
    basis_date = models.DateField(_("ngày văn bản căn cứ"), null=True, blank=True)
    basis_issuer = models.CharField(
        _("cơ quan ban hành văn bản căn cứ"), max_length=300, blank=True
    )
    basis_summary = models.CharField(
        _("trích yếu văn bản căn cứ"), max_length=500, blank=True
    )
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    venue = models.CharField(_("địa điểm"), max_length=300)
    budget = models.PositiveBigIntegerField(_("kinh phí (đồng)"), default=0)
    registration_opens_at = models.DateTimeField(
        _("mở đăng ký từ"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        _("đóng đăng ký lúc"), null=True, blank=True
    )
    description = models.TextField(_("giới thiệu"), blank=True)
    experience = models.TextField(
        _("một số kinh nghiệm bước đầu"),
        blank=True,
        help_text=_(
            "Những kinh nghiệm rút ra từ Hội thảo, mỗi ý một dòng; báo cáo kết quả "
            "lấy phần 4 từ đây."
        ),
    )
    report_recipients = models.TextField(
        _("nơi nhận báo cáo kết quả"),
        blank=True,
        help_text=_("Mỗi nơi nhận một dòng. Để trống: danh sách mặc định."),
    )

    class Meta:
        verbose_name = _("hội thảo khoa học")
        verbose_name_plural = _("hội thảo khoa học")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="conference_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="conference_registration_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def basis_line(self) -> str:
        """ "Kế hoạch số 48/KH-HVCT-HCQG ngày 20/12/2013 của …" as far as known."""
        parts = [self.basis_number]
        if self.basis_date:
            parts.append(_("ngày %s") % self.basis_date.strftime("%d/%m/%Y"))
        if self.basis_issuer:
            parts.append(_("của %s") % self.basis_issuer)
        return " ".join(str(p) for p in parts if p)

    def is_registration_open(self, at) -> bool:
        return bool(
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_opens_at <= at < self.registration_closes_at
        )


class ConferencePart(TimeStampedModel):
    """A part of the conference: the conference session proper or a round table."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Hội thảo")
        ROUNDTABLE = "roundtable", _("Tọa đàm")

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="parts"
    )
    name = models.CharField(_("tên phần"), max_length=300)
    kind = models.CharField(_("hình thức"), max_length=12, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    venue = models.CharField(_("địa điểm"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("phần hội thảo")
        verbose_name_plural = _("phần hội thảo")
        ordering = ["conference", "order", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="conference_part_times_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ThemeGroup(TimeStampedModel):
    """A theme (nhóm chủ đề) papers are grouped under."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="themes"
    )
    name = models.CharField(_("nhóm chủ đề"), max_length=300)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    description = models.TextField(_("mô tả"), blank=True)

    class Meta:
        verbose_name = _("nhóm chủ đề")
        verbose_name_plural = _("nhóm chủ đề")
        ordering = ["conference", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "name"], name="theme_group_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class InvitedOrganisation(SchoolScopedModel):
    """An organisation the school invites to its conferences; its group is what the
    post-event report counts delegates by."""

    class Group(models.TextChoices):
        ACADEMY = "academy", _("Học viện")
        PROVINCE_LEADERS = "province_leaders", _("Lãnh đạo tỉnh")
        PROVINCE_BODIES = "province_bodies", _("Ban, ngành, địa phương trong tỉnh")
        REGIONAL_SCHOOL = "regional_school", _("Trường chính trị trong khu vực")
        PARTNER_SCHOOL = "partner_school", _("Trường bạn")
        HOST_SCHOOL = "host_school", _("Nhà trường")
        LEARNERS = "learners", _("Học viên")
        OTHER = "other", _("Khác")

    name = models.CharField(_("tên cơ quan, đơn vị"), max_length=300)
    search_key = models.CharField(max_length=300, editable=False, default="")
    sort_key = models.CharField(max_length=600, editable=False, default="")
    group = models.CharField(_("nhóm"), max_length=20, choices=Group.choices)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("cơ quan, đơn vị được mời")
        verbose_name_plural = _("cơ quan, đơn vị được mời")
        ordering = ["group", "sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "name"], name="invited_organisation_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_key = search_key(self.name)[:300]
        self.sort_key = collation_key(self.name)[:600]
        super().save(*args, **kwargs)


class Delegation(TimeStampedModel):
    """The delegation (đoàn) of one organisation at one conference."""

    scope_path = ScopePath(school="conference__school_id")
    objects = ScopedQuerySet.as_manager()

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="delegations"
    )
    organisation = models.ForeignKey(
        InvitedOrganisation,
        on_delete=models.PROTECT,
        related_name="delegations",
        verbose_name=_("cơ quan, đơn vị"),
    )
    expected_count = models.PositiveIntegerField(_("số đại biểu dự kiến"), default=0)
    position = models.PositiveSmallIntegerField(
        _("thứ tự"),
        default=0,
        help_text=_("Thứ tự của đoàn trong giấy mời và báo cáo của hội thảo."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    liaisons = models.ManyToManyField(
        "faculty.Lecturer",
        through="Liaison",
        related_name="liaison_delegations",
        verbose_name=_("liên lạc viên"),
    )

    class Meta:
        verbose_name = _("đoàn đại biểu")
        verbose_name_plural = _("đoàn đại biểu")
        ordering = [
            "conference",
            "organisation__group",
            "position",
            "organisation__sort_key",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organisation"],
                name="delegation_once_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class GuestSpeech(TimeStampedModel):
    """A guest's speech at the conference: who spoke, their post, the gist; the
    report's paragraphs "Tại Hội thảo, đồng chí … " are drawn from these."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="speeches"
    )
    speaker = models.CharField(_("người phát biểu"), max_length=180)
    post = models.CharField(_("chức vụ"), max_length=300)
    gist = models.TextField(
        _("nội dung chính"),
        help_text=_(
            "Viết tiếp sau tên và chức vụ, ví dụ: “đánh giá cao sự cố gắng của các "
            "trường…”."
        ),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)

    class Meta:
        verbose_name = _("phát biểu của khách mời")
        verbose_name_plural = _("phát biểu của khách mời")
        ordering = ["conference", "order", "id"]

    def __str__(self) -> str:
        return f"{self.speaker}, {self.post}"


class Liaison(TimeStampedModel):
    """A lecturer assigned as liaison (liên lạc viên) to a delegation."""

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="liaison_rows"
    )
    lecturer = models.ForeignKey(
        "faculty.Lecturer",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("giảng viên"),
    )

    class Meta:
        verbose_name = _("liên lạc viên")
        verbose_name_plural = _("liên lạc viên")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "lecturer"], name="liaison_once_per_delegation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.lecturer} → {self.delegation}"


class Delegate(SchoolScopedModel):
    """A person attending the conference in a delegation."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Trưởng đoàn")
        GUEST = "guest", _("Khách mời")
        SPEAKER = "speaker", _("Báo cáo viên")
        DELEGATE = "delegate", pgettext_lazy("vai trò", "Đại biểu")

    class Source(models.TextChoices):
        STAFF = "staff", _("Cán bộ nhập")
        IMPORT = "import", _("Nhập từ tệp")
        PUBLIC = "public", _("Tự đăng ký")

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="delegates"
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.PROTECT,
        related_name="delegates",
        verbose_name=_("đoàn"),
    )
    full_name = models.CharField(_("họ và tên"), max_length=180)
    sort_key = models.CharField(max_length=255, editable=False, default="")
    search_key = models.CharField(max_length=255, editable=False, default="")
    position = models.CharField(_("chức danh, chức vụ"), max_length=300, blank=True)
    role = models.CharField(
        _("vai trò"), max_length=10, choices=Role.choices, default=Role.DELEGATE
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    arrives_at = models.DateTimeField(_("thời gian đến"), null=True, blank=True)
    departs_at = models.DateTimeField(_("thời gian về"), null=True, blank=True)
    needs_lodging = models.BooleanField(_("cần bố trí nơi nghỉ"), default=False)
    lodging = models.CharField(_("nơi nghỉ"), max_length=300, blank=True)
    meals = models.PositiveSmallIntegerField(_("số suất ăn"), default=0)
    checked_in_at = models.DateTimeField(_("điểm danh lúc"), null=True, blank=True)
    badge_token = models.CharField(
        max_length=40, unique=True, default=new_badge_token, editable=False
    )
    source = models.CharField(
        _("nguồn"), max_length=8, choices=Source.choices, default=Source.STAFF
    )

    class Meta:
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")
        ordering = ["sort_key", "id"]
        indexes = [models.Index(fields=["conference", "sort_key", "id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation"],
                condition=Q(role="leader"),
                name="delegate_one_leader_per_delegation",
            ),
            models.CheckConstraint(
                condition=Q(arrives_at__isnull=True)
                | Q(departs_at__isnull=True)
                | Q(departs_at__gte=F("arrives_at")),
                name="delegate_stay_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def set_keys(self) -> None:
        """Fill the sort and search keys from the full name."""
        parts = split_full_name(self.full_name)
        self.sort_key = name_sort_key(
            family_name=parts.family_name,
            middle_name=parts.middle_name,
            given_name=parts.given_name,
        )
        self.search_key = search_key(self.full_name)[:255]

    def save(self, *args, **kwargs) -> None:
        self.set_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key", "search_key"}
        super().save(*args, **kwargs)

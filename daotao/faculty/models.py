"""The school's lecturers (giảng viên): title, unit, and when they cannot teach."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopedQuerySet, ScopePath
from daotao.core.models import SchoolScopedModel, TimeStampedModel


class Lecturer(SchoolScopedModel):
    """A lecturer's teaching profile; the person record holds name and contacts.

    What the lecturer may teach (`topics`) and would like to (`preferred_topics`)
    are declared on `programs.Topic`, above this app; these are their reverse
    accessors."""

    scope_path = ScopePath(unit="unit_id")

    class Title(models.TextChoices):
        TRAINEE = "trainee", _("Giảng viên tập sự")
        LECTURER = "lecturer", _("Giảng viên")
        PRINCIPAL = "principal", _("Giảng viên chính")
        SENIOR = "senior", _("Giảng viên cao cấp")

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="lecturer",
        verbose_name=_("cán bộ"),
    )
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lecturers",
        verbose_name=_("khoa, phòng"),
    )
    title = models.CharField(
        _("chức danh"), max_length=10, choices=Title.choices, default=Title.LECTURER
    )
    is_visiting = models.BooleanField(_("giảng viên thỉnh giảng"), default=False)
    is_concurrent = models.BooleanField(_("giảng viên kiêm chức"), default=False)
    is_active = models.BooleanField(_("đang giảng dạy"), default=True)

    class Meta:
        verbose_name = _("giảng viên")
        verbose_name_plural = _("giảng viên")
        ordering = ["person__sort_key", "id"]

    def __str__(self) -> str:
        return self.person.full_name


class Unavailability(TimeStampedModel):
    """Days a lecturer cannot teach: field practice, a work trip, leave."""

    scope_path = ScopePath(school="lecturer__school_id", unit="lecturer__unit_id")
    objects = ScopedQuerySet.as_manager()

    class Kind(models.TextChoices):
        FIELD_PRACTICE = "field_practice", _("Đi thực tế")
        TRIP = "trip", _("Công tác")
        LEAVE = "leave", _("Nghỉ phép")
        STUDY = "study", _("Đi học, bồi dưỡng")
        OTHER = "other", _("Lý do khác")

    class Part(models.TextChoices):
        WHOLE_DAY = "all", _("Cả ngày")
        MORNING = "morning", _("Buổi sáng")
        AFTERNOON = "afternoon", _("Buổi chiều")

    lecturer = models.ForeignKey(
        Lecturer,
        on_delete=models.CASCADE,
        related_name="unavailabilities",
        verbose_name=_("giảng viên"),
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    part = models.CharField(
        _("buổi"), max_length=10, choices=Part.choices, default=Part.WHOLE_DAY
    )
    kind = models.CharField(_("lý do"), max_length=16, choices=Kind.choices)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("lịch bận của giảng viên")
        verbose_name_plural = _("lịch bận của giảng viên")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="unavailability_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.lecturer} {self.starts_on}–{self.ends_on}"

"""Persons (cadres) across all their courses, and their post history."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopePath
from daotao.core.models import SchoolScopedModel, TimeStampedModel
from daotao.core.text import (
    join_name,
    name_sort_key,
    normalize_tone_placement,
    search_key,
)
from daotao.core.validators import citizen_id_format_validator, phone_validator


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Person(SchoolScopedModel):
    scope_path = ScopePath(agency="agency_id")

    family_name = models.CharField(_("họ"), max_length=50)
    middle_name = models.CharField(_("tên đệm"), max_length=80, blank=True)
    given_name = models.CharField(_("tên"), max_length=50)
    full_name = models.CharField(_("họ và tên"), max_length=180, editable=False)
    sort_key = models.CharField(max_length=255, editable=False, default="")
    search_key = models.CharField(max_length=255, editable=False, default="")
    sex = models.CharField(_("giới tính"), max_length=8, choices=Sex.choices)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    birthplace = models.CharField(_("quê quán"), max_length=255, blank=True)
    # Nơi sinh (the register of diplomas asks for it) is not quê quán.
    place_of_birth = models.CharField(_("nơi sinh"), max_length=255, blank=True)
    ethnicity = models.ForeignKey(
        "org.Ethnicity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dân tộc"),
    )
    religion = models.ForeignKey(
        "org.Religion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tôn giáo"),
    )
    citizen_id = models.CharField(
        _("số CCCD"),
        max_length=12,
        blank=True,
        validators=[citizen_id_format_validator],
    )
    phone = models.CharField(
        _("điện thoại"), max_length=11, blank=True, validators=[phone_validator]
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    party_joined_on = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    party_official_on = models.DateField(_("ngày chính thức"), null=True, blank=True)
    education_level = models.ForeignKey(
        "org.EducationLevel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trình độ chuyên môn"),
    )
    theory_level = models.ForeignKey(
        "org.TheoryLevel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trình độ lý luận chính trị"),
    )
    current_post = models.CharField(_("chức vụ hiện nay"), max_length=255, blank=True)
    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("cơ quan công tác"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "citizen_id"],
                condition=~Q(citizen_id=""),
                name="person_citizen_id_unique_per_school",
            ),
            models.CheckConstraint(
                condition=Q(party_official_on__isnull=True)
                | Q(party_joined_on__isnull=False),
                name="person_party_official_needs_joined",
            ),
        ]
        indexes = [
            models.Index(fields=["school", "sort_key", "id"]),
            models.Index(fields=["school", "agency", "sort_key"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    def derive_keys(self) -> None:
        """Put the name parts in the stored tone placement ("Hoà" → "Hòa", ADR
        0014) and set the full name, sort key and search key from them."""
        self.family_name = normalize_tone_placement(self.family_name)
        self.middle_name = normalize_tone_placement(self.middle_name)
        self.given_name = normalize_tone_placement(self.given_name)
        self.full_name = join_name(
            family_name=self.family_name,
            middle_name=self.middle_name,
            given_name=self.given_name,
        )
        self.sort_key = name_sort_key(
            family_name=self.family_name,
            middle_name=self.middle_name,
            given_name=self.given_name,
        )
        self.search_key = search_key(self.full_name)[:255]

    def save(self, *args, **kwargs):
        # Name-derived keys stay in step with the name parts whoever saves the row.
        self.derive_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {
                "full_name",
                "sort_key",
                "search_key",
            }
        super().save(*args, **kwargs)

    @property
    def is_party_member(self) -> bool:
        return self.party_joined_on is not None


class PostHistory(TimeStampedModel):
    """A post the person held, closed when the post or agency changes."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="post_history",
        verbose_name=_("cán bộ"),
    )
    post = models.CharField(_("chức vụ"), max_length=255)
    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan"),
    )
    agency_name = models.CharField(_("tên cơ quan lúc đó"), max_length=255, blank=True)
    started_on = models.DateField(_("từ ngày"), null=True, blank=True)
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.post} — {self.agency_name}"

"""Official documents (Nghị định 30/2020/NĐ-CP). This issue seeds the type list only."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.Model):
    """A document type with its abbreviation from Phụ lục III of NĐ 30."""

    class Family(models.TextChoices):
        ADMINISTRATIVE = "administrative", _("Văn bản hành chính")
        COPY = "copy", _("Bản sao")

    name = models.CharField(_("tên loại văn bản"), max_length=100, unique=True)
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

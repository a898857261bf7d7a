"""An application that reads (and, for nominations, writes) through the open API
(docs/adr/0036): it acts as one user account, through the permissions it was given
(`scopes`), never more than that account holds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daotao.core.models import TimeStampedModel


class ApiClient(TimeStampedModel):
    name = models.CharField(_("tên ứng dụng"), max_length=120, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tài khoản đại diện"),
    )
    # The first characters of the token, to tell tokens apart in the admin and the
    # history; the token itself is kept only as its SHA-256.
    token_prefix = models.CharField(_("đầu mã truy cập"), max_length=12)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("quyền được cấp"), default=list, blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("ứng dụng dùng API")
        verbose_name_plural = _("ứng dụng dùng API")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

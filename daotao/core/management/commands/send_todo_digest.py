"""Send each user who asked for it the day's e-mail of the to-do items they were
not sent before (run daily by the housekeeping timer, deploy/systemd)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from daotao.core.models import DigestSubscription
from daotao.core.todo import digest_items, digest_sent, grouped


class Command(BaseCommand):
    help = "Gửi thư tóm tắt việc cần làm hằng ngày cho người dùng đã đăng ký."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = 0
        subscriptions = DigestSubscription.objects.filter(
            user__is_active=True
        ).select_related("user")
        with translation.override(settings.LANGUAGE_CODE):
            for subscription in subscriptions:
                user = subscription.user
                if not user.email:
                    continue
                items = digest_items(user)
                if not items:
                    continue
                body = render_to_string(
                    "core/todo_digest.txt",
                    {
                        "user": user,
                        "groups": grouped(items),
                        "site_url": settings.SITE_URL.rstrip("/"),
                    },
                )
                # The record and the mail together: a failed send records nothing.
                with transaction.atomic():
                    digest_sent(user=user, items=items, at=timezone.now())
                    send_mail(
                        _("Việc cần làm của bạn (%(count)d việc mới)")
                        % {"count": len(items)},
                        body,
                        settings.DEFAULT_FROM_EMAIL,
                        [user.email],
                    )
                sent += 1
        self.stdout.write(_("Đã gửi %(count)d thư.") % {"count": sent})

"""Issue 18: the base layout shows each message level in its own style and names
it in words, so an error never reads as a success."""

import re

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.template.loader import render_to_string
from django.test import RequestFactory

from daotao.core.access import Role

pytestmark = pytest.mark.django_db


def _page_with(user, level: int, text: str) -> str:
    request = RequestFactory().get("/quan-ly/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    messages.add_message(request, level, text)
    return render_to_string("base.html", request=request)


def _message_items(html: str) -> list[str]:
    return re.findall(r'<ul class="messages">(.*?)</ul>', html, flags=re.S)


@pytest.mark.parametrize(
    ("level", "tag", "word", "role"),
    [
        (messages.ERROR, "error", "Lỗi:", ' role="alert"'),
        (messages.WARNING, "warning", "Lưu ý:", ""),
        (messages.SUCCESS, "success", "Thành công:", ""),
        (messages.INFO, "info", "Thông tin:", ""),
    ],
)
def test_each_level_has_its_class_and_its_word(make_user, level, tag, word, role):
    html = _page_with(make_user(Role.TRAINING_OFFICE), level, "Nội dung thông báo.")
    assert _message_items(html) == [
        f'<li class="message {tag}"{role}><strong class="message-level">{word}'
        "</strong> Nội dung thông báo.</li>"
    ]


def test_the_stylesheet_styles_every_level_differently():
    from pathlib import Path

    from django.conf import settings

    css = (
        Path(settings.BASE_DIR) / "daotao" / "core" / "static" / "core" / "app.css"
    ).read_text(encoding="utf-8")
    rules = {
        tag: re.search(rf"\.messages li\.{tag} \{{([^}}]*)\}}", css).group(1)
        for tag in ("error", "warning", "success", "info")
    }
    backgrounds = {
        re.search(r"background: ([^;]+);", rule).group(1) for rule in rules.values()
    }
    assert len(backgrounds) == 4

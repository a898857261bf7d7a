"""The news editor in a real browser (ADR 0031): an editor types three paragraphs
and puts in an image through the editor's upload, publishes, and the public article
shows the three paragraphs and the image; no console error (the CSP holds).
Screenshots go to $ARTIFACTS_DIR/drafts (default: artifacts/)."""

import io
import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image

from daotao.accounts.tests.factories import PASSWORD
from daotao.accounts.tests.second_factor import pass_second_factor_in_browser
from daotao.core.access import Role
from daotao.portal.models import Article, Picture
from daotao.tests.support.browser import leave, screenshot, sign_in

SAVED = re.compile(r"/bien-tap/\d+/$")
SHOTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "drafts"

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

PARAGRAPHS = [
    "Sáng nay, Trường Chính trị tỉnh khai giảng lớp Trung cấp lý luận chính trị K63A.",
    "Dự lễ khai giảng có đại diện lãnh đạo Ban Tổ chức Tỉnh ủy.",
    "Lớp học gồm 62 học viên của các xã, phường trong tỉnh.",
]


def _png(path: Path) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), (160, 30, 30)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_an_editor_writes_three_paragraphs_and_an_image(
    browser, live_server, school, make_user, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    SHOTS.mkdir(parents=True, exist_ok=True)
    writer = make_user(Role.COMMUNICATIONS)
    page = sign_in(browser, live_server, writer)
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(live_server.url + reverse("portal:article-create"))
    page.fill("#id_title", "Khai giảng lớp Trung cấp lý luận chính trị K63A")
    editor = page.locator("[contenteditable=true].ProseMirror")
    editor.wait_for()
    assert page.locator("#id_body").is_hidden()
    # The editable area is named by the field's label (a textbox with no name
    # was a serious axe violation).
    assert page.get_by_role("textbox", name="Nội dung").count() == 1
    # The toolbar speaks Vietnamese, by the buttons' own content.
    assert page.get_by_role("button", name="In đậm").count() == 1
    assert page.get_by_role("button", name="bold").count() == 0
    editor.click()
    for index, text in enumerate(PARAGRAPHS):
        page.keyboard.type(text)
        if index < len(PARAGRAPHS) - 1:
            page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    box = page.locator("[data-editor-image]")
    box.locator("input[type=file]").set_input_files(str(_png(tmp_path / "le.png")))
    box.locator("input[type=text]").fill("Quang cảnh lễ khai giảng")
    box.locator("button").click()
    box.locator("[role=status]", has_text="Đã chèn ảnh vào bài.").wait_for()
    assert editor.locator("img").count() == 1
    screenshot(page, SHOTS / "editor-1-soan-bai.png", full_page=True)
    page.click("form.card button.primary:has-text('Lưu')")
    page.wait_for_url(SAVED)

    article = Article.objects.get()
    picture = Picture.objects.get()
    assert picture.title == "Quang cảnh lễ khai giảng"
    assert article.body.count("<p>") == 3
    assert f'src="{picture.large.url}"' in article.body
    page.click("text=Đăng / hẹn giờ đăng")
    page.wait_for_load_state("networkidle")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    page.goto(live_server.url + reverse("portal:article", args=[article.slug]))
    body = page.locator(".body")
    assert body.locator("p").all_inner_texts() == PARAGRAPHS
    assert body.locator("img").get_attribute("alt") == "Quang cảnh lễ khai giảng"
    screenshot(page, SHOTS / "editor-2-bai-da-dang.png", full_page=True)
    assert problems == []
    leave(page)


def test_without_javascript_typed_paragraphs_stay_paragraphs(
    browser, live_server, school, make_user
):
    writer = make_user(Role.COMMUNICATIONS)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", writer.username)
    page.fill("#id_password", PASSWORD)
    page.click("form:has(#id_username) button[type=submit]")
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    pass_second_factor_in_browser(page, writer)
    page.goto(live_server.url + reverse("portal:article-create"))
    assert page.locator("#id_body").is_visible()
    assert page.locator("[data-editor-image]").is_hidden()
    page.fill("#id_title", "Tin không dùng trình soạn thảo")
    page.fill("#id_body", "\n\n".join(PARAGRAPHS))
    screenshot(page, SHOTS / "editor-3-khong-javascript.png", full_page=True)
    page.click("form.card button.primary:has-text('Lưu')")
    page.wait_for_url(SAVED)
    body = Article.objects.get().body
    assert body == "\n".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    context.close()

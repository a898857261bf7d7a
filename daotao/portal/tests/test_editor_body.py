"""The news editor's server side (ADR 0031): a body typed without JavaScript keeps
its paragraphs, HTML from the editor is still sanitised, and the editor's image
upload goes through the pictures' checks (refusals store nothing)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.portal.content import body_html
from daotao.portal.models import Picture


def test_plain_paragraphs_typed_with_blank_lines_become_paragraphs():
    typed = "Đoạn một.\r\n\r\nĐoạn hai,\r\ndòng hai.\r\n\r\n\r\nĐoạn ba."
    assert body_html(typed) == (
        "<p>Đoạn một.</p>\n<p>Đoạn hai,<br>dòng hai.</p>\n<p>Đoạn ba.</p>"
    )


def test_html_from_the_editor_is_kept_and_still_sanitised():
    html = (
        '<p>Một</p><p onclick="x()">Hai <script>alert(1)</script></p>'
        '<img src="/media/portal/pictures/a.jpg" alt="Lễ" style="width:9px">'
    )
    assert body_html(html) == (
        '<p>Một</p><p>Hai </p><img src="/media/portal/pictures/a.jpg" alt="Lễ">'
    )
    assert body_html("   ") == ""


def _png(size=(800, 500)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_the_editor_uploads_an_image_and_gets_its_address(
    client, editor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    url = reverse("portal:picture-upload")
    assert client.get(url).status_code == 405
    response = client.post(
        url, {"title": "Lễ khai giảng", "image": SimpleUploadedFile("a.png", _png())}
    )
    assert response.status_code == 201
    picture = Picture.objects.get()
    assert response.json() == {"src": picture.large.url, "alt": "Lễ khai giảng"}
    assert AuditEvent.objects.filter(action="portal.picture_upload").count() == 1


@pytest.mark.django_db
def test_a_refused_upload_stores_nothing(client, editor, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("portal:picture-upload")
    client.force_login(editor)
    response = client.post(
        url,
        {"title": "Không phải ảnh", "image": SimpleUploadedFile("a.png", b"%PDF-1.4")},
    )
    assert response.status_code == 400
    assert response.json()["error"]
    client.force_login(make_user(Role.LECTURER))
    response = client.post(
        url, {"title": "Ảnh", "image": SimpleUploadedFile("b.png", _png())}
    )
    assert response.status_code == 403
    assert (Picture.objects.count(), AuditEvent.objects.count()) == (0, 0)
    assert list(tmp_path.rglob("*.jpg")) == []

"""An upload larger than any form accepts is stopped while it streams in (413),
before a view or validator reads it whole; nothing is saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.uploads import SizeLimitUploadHandler, UploadTooLarge
from daotao.portal.models import Article


def test_the_handler_stops_at_the_limit_while_receiving(settings):
    settings.FILE_UPLOAD_MAX_BYTES = 100
    handler = SizeLimitUploadHandler()
    handler.new_file("cover", "bia.png", "image/png", 1000)
    assert handler.receive_data_chunk(b"x" * 60, 0) == b"x" * 60
    with pytest.raises(UploadTooLarge):
        handler.receive_data_chunk(b"x" * 60, 60)


def test_a_body_announced_too_large_is_refused_before_reading(settings):
    settings.FILE_UPLOAD_MAX_BYTES = 100
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    handler = SizeLimitUploadHandler()
    with pytest.raises(UploadTooLarge):
        handler.handle_raw_input(None, {}, 201, b"b")
    assert handler.handle_raw_input(None, {}, 200, b"b") is None


@pytest.mark.django_db
def test_an_oversized_cover_is_answered_413_and_nothing_is_saved(
    client, make_user, settings
):
    settings.FILE_UPLOAD_MAX_BYTES = 64 * 1024
    client.force_login(make_user(Role.COMMUNICATIONS))
    client.raise_request_exception = False
    response = client.post(
        reverse("portal:article-create"),
        {
            "title": "Tin có ảnh quá lớn",
            "summary": "Tóm tắt",
            "body": "<p>Nội dung</p>",
            "cover": SimpleUploadedFile("bia.png", b"\x89PNG" + b"0" * 200_000),
        },
    )
    assert response.status_code == 413
    assert "Tệp tải lên quá lớn" in response.content.decode()
    assert not Article.objects.exists()

"""Cover uploads are checked by content, size and pixels, and come
out as three re-encoded JPEG sizes under random names."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from daotao.portal import images


def _image(kind="PNG", size=(1600, 900), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "white").save(buffer, kind)
    return buffer.getvalue()


def _message(upload) -> str:
    with pytest.raises(ValidationError) as caught:
        images.cover_files(upload)
    return " ".join(caught.value.message_dict["cover"])


def test_a_good_image_gives_three_sizes():
    files = images.cover_files(SimpleUploadedFile("anh-bia.png", _image()))
    widths = {}
    for size in ("large", "medium", "small"):
        content = getattr(files, size)
        opened = Image.open(io.BytesIO(content.read()))
        assert opened.format == "JPEG"
        widths[size] = opened.size
        assert content.name.endswith(f"-{size}.jpg")
        assert "anh-bia" not in content.name
    assert widths == {"large": (1200, 675), "medium": (600, 338), "small": (300, 169)}


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("anh.png", b"<?php echo 1; ?>"),
        ("anh.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("anh.png", _image("GIF")),
        ("anh.jpg", b"%PDF-1.4\n%%EOF\n"),
        ("anh.html", _image("PNG")),  # the content is fine, the name is not
        ("anh.jpg", _image("PNG")),  # a PNG calling itself a JPEG
    ],
)
def test_wrong_type_by_content_is_refused(name, data):
    message = _message(SimpleUploadedFile(name, data))
    assert message == (
        f"Tệp “{name}” không phải ảnh JPEG, PNG hoặc WebP (kiểm tra theo nội dung tệp)."
    )


def test_too_big_is_refused():
    upload = SimpleUploadedFile("anh.png", b"\x89PNG" + b"0" * (5 * 1024 * 1024))
    assert _message(upload) == "Ảnh bìa “anh.png” nặng 5,0 MB; tối đa 5 MB."


def test_image_bomb_is_refused_before_decoding():
    bomb = _image("PNG", size=(10_000, 5_000), mode="1")  # 50 Mpx in a few KB
    assert len(bomb) < 100_000
    upload = SimpleUploadedFile("bom.png", bomb)
    assert _message(upload) == "Ảnh “bom.png” quá lớn: tối đa 40 triệu điểm ảnh."


def test_truncated_image_is_refused():
    data = _image("JPEG")
    upload = SimpleUploadedFile("hong.jpg", data[: len(data) // 3])
    assert _message(upload) == "Không đọc được ảnh “hong.jpg”: tệp bị hỏng."

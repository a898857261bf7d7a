"""Cover images: checked by their content (not their name), limited in bytes and
pixels, and re-encoded into the sizes the site shows, under random names."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from daotao.core.text import format_number

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: larger is refused before decoding
ALLOWED = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
# Width of each size the site shows: the article header, lists, side boxes.
SIZES = {"large": 1200, "medium": 600, "small": 300}


@dataclass(frozen=True)
class CoverFiles:
    large: ContentFile
    medium: ContentFile
    small: ContentFile


def _refuse(message: str) -> ValidationError:
    return ValidationError({"cover": message})


def picture_files(upload) -> CoverFiles:
    """Like `cover_files`, for an image inside a body: errors on the `image` field."""
    try:
        return cover_files(upload)
    except ValidationError as error:
        raise ValidationError({"image": error.message_dict["cover"]}) from None


def _too_many_pixels(name: str) -> str:
    return _("Ảnh “%(name)s” quá lớn: tối đa 40 triệu điểm ảnh.") % {"name": name}


def _open_checked(upload) -> Image.Image:
    name = (upload.name or "").lower()
    if upload.size > MAX_BYTES:
        raise _refuse(
            _("Ảnh bìa “%(name)s” nặng %(size)s MB; tối đa 5 MB.")
            % {
                "name": upload.name,
                "size": format_number(upload.size / 1048576, decimals=1),
            }
        )
    upload.seek(0)
    data = upload.read()
    try:
        image = Image.open(io.BytesIO(data))
        kind = image.format
    except Image.DecompressionBombError:
        raise _refuse(_too_many_pixels(upload.name)) from None
    except (UnidentifiedImageError, OSError):
        kind = None
    if kind not in ALLOWED or not name.endswith(ALLOWED[kind]):
        raise _refuse(
            _(
                "Tệp “%(name)s” không phải ảnh JPEG, PNG hoặc WebP "
                "(kiểm tra theo nội dung tệp)."
            )
            % {"name": upload.name}
        )
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _refuse(_too_many_pixels(upload.name))
    try:
        image.load()
    except (OSError, Image.DecompressionBombError):
        raise _refuse(
            _("Không đọc được ảnh “%(name)s”: tệp bị hỏng.") % {"name": upload.name}
        ) from None
    return image


def cover_files(upload) -> CoverFiles:
    """The checked upload re-encoded as JPEG in every size (metadata dropped);
    ValidationError on the `cover` field otherwise."""
    image = _open_checked(upload).convert("RGB")
    stem = uuid.uuid4().hex
    files = {}
    for size, width in SIZES.items():
        copy = image.copy()
        copy.thumbnail((width, width * 4))
        buffer = io.BytesIO()
        copy.save(buffer, "JPEG", quality=82, optimize=True)
        files[size] = ContentFile(buffer.getvalue(), name=f"{stem}-{size}.jpg")
    return CoverFiles(**files)

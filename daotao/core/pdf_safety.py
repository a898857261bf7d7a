"""Uploaded PDFs carry pages, not programs: one with JavaScript, actions that launch
or open other files, embedded files or interactive media is refused.

The whole object graph is walked through pypdf (names are decoded, object streams
opened), so hex-escaped names (``/J#61vaScript``) and compressed objects are seen;
a file pypdf cannot read is refused as well, since a reader that opens it anyway
would run whatever a check could not see.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# Keys and name values that make a PDF do something rather than show something.
_ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile"})
_ACTIVE_NAMES = frozenset(
    {"/JavaScript", "/Launch", "/EmbeddedFile", "/FileAttachment", "/RichMedia"}
    | {"/ImportData", "/SubmitForm", "/GoToE", "/Sound", "/Movie"}
)
# A PDF with more objects than this is not a paper or a scan.
MAX_OBJECTS = 200_000


class _Unreadable(Exception):
    pass


def _active_parts(root: Any) -> set[str]:
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack = [root]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise _Unreadable
        if isinstance(item, DictionaryObject):
            for name, value in item.items():
                if name in _ACTIVE_KEYS:
                    found.add(name)
                if isinstance(value, NameObject) and value in _ACTIVE_NAMES:
                    found.add(str(value))
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return found


def pdf_active_content(data: bytes) -> set[str]:
    """The active features found in the PDF `data` (empty for a plain document);
    raises ValueError when the file cannot be read as a PDF."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValueError("encrypted")
        return _active_parts(reader.trailer)
    except _Unreadable:
        raise ValueError("too many objects") from None
    except ValueError:
        raise
    except Exception as error:  # pypdf raises many kinds on a broken file
        raise ValueError(str(error)) from None


def validate_pdf_is_passive(data: bytes, *, filename: str, field: str) -> None:
    """Raise a ValidationError on `field` unless `data` is a readable PDF without
    JavaScript, launch actions or embedded files."""
    try:
        active = pdf_active_content(data)
    except ValueError:
        raise ValidationError(
            {
                field: _("Không đọc được tệp PDF “%s” (hỏng hoặc có mật khẩu).")
                % filename
            },
            code="pdf_unreadable",
        ) from None
    if active:
        raise ValidationError(
            {
                field: _(
                    "Tệp PDF “%s” chứa mã JavaScript, lệnh mở tệp khác hoặc tệp "
                    "nhúng; hãy in lại thành PDF thường rồi tải lên."
                )
                % filename
            },
            code="pdf_active_content",
        )

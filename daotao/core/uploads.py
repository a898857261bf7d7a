"""Uploads are measured while they stream in: one larger than any form accepts is
refused before it is read whole, into memory or onto disk."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class UploadTooLarge(RequestDataTooBig):
    """An uploaded file passed FILE_UPLOAD_MAX_BYTES; answered with 413."""


class SizeLimitUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: counts each file's bytes and stops the request
    at the limit, so the handlers after it never hold more than that."""

    def handle_raw_input(
        self,
        input_data: Any,
        META: Any,
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> None:
        # A body announced larger than one file at the limit plus the form's fields
        # is refused before a byte of it is read.
        ceiling = settings.FILE_UPLOAD_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if content_length and content_length > ceiling:
            raise UploadTooLarge("request body larger than the upload limit")

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.FILE_UPLOAD_MAX_BYTES:
            raise UploadTooLarge(f"{self.file_name} larger than the upload limit")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

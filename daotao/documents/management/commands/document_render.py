"""`manage.py document_render SPEC.json --out FILE.docx|FILE.pdf`: render a spec file.

The output format comes from the extension. Touches no database table.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from daotao.documents.rendering import (
    DocumentSpec,
    RenderError,
    SpecError,
    docx_to_pdf,
    render_docx,
)

FORMATS = (".docx", ".pdf")


class Command(BaseCommand):
    help = (
        "Dựng văn bản từ tệp đặc tả JSON (docs/examples/README.md) thành DOCX hoặc "
        "PDF theo phần mở rộng của tệp đích."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("spec", help="tệp đặc tả văn bản (JSON)")
        parser.add_argument(
            "--out", required=True, help="tệp đích, đuôi .docx hoặc .pdf"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source, target = Path(options["spec"]), Path(options["out"])
        if target.suffix.lower() not in FORMATS:
            raise CommandError(
                f"Tệp đích phải có đuôi .docx hoặc .pdf, nhận được '{target.name}'."
            )
        spec = _read_spec(source)
        try:
            content = render_docx(spec)
            if target.suffix.lower() == ".pdf":
                content = docx_to_pdf(content)
        except RenderError as error:
            raise CommandError(str(error)) from error
        target.write_bytes(content)
        self.stdout.write(f"Đã ghi {target} ({len(content):,} byte).")


def _read_spec(source: Path) -> DocumentSpec:
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CommandError(f"Không tìm thấy tệp đặc tả '{source}'.") from error
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Không đọc được tệp đặc tả '{source}': {error}") from error
    except json.JSONDecodeError as error:
        raise CommandError(
            f"Tệp đặc tả '{source}' không phải JSON hợp lệ: dòng {error.lineno}, "
            f"cột {error.colno}: {error.msg}"
        ) from error
    try:
        return DocumentSpec.from_dict(data)
    except SpecError as error:
        lines = "\n".join(f"  - {message}" for message in error.messages)
        raise CommandError(
            f"Đặc tả văn bản '{source}' không hợp lệ:\n{lines}"
        ) from error

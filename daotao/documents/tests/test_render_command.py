"""`manage.py document_render`: a spec file to DOCX or PDF, clear errors otherwise."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "docs" / "examples" / "bao-cao-104-BC-TrCT-2014.json"


def test_renders_the_seed_report_to_docx(tmp_path):
    target = tmp_path / "bao-cao.docx"
    out = io.StringIO()
    call_command("document_render", str(SEED), "--out", str(target), stdout=out)
    document = Document(str(target))
    header = document.tables[0]
    assert header.cell(1, 0).paragraphs[0].text == "Số: 104/BC-TrCT"
    assert header.cell(1, 1).paragraphs[0].text == "Thanh Hóa, ngày 29 tháng 4 năm 2014"
    assert document.paragraphs[0].text == "BÁO CÁO"
    assert f"Đã ghi {target}" in out.getvalue()


def test_renders_the_seed_report_to_pdf(tmp_path):
    target = tmp_path / "bao-cao.pdf"
    call_command(
        "document_render", str(SEED), "--out", str(target), stdout=io.StringIO()
    )
    reader = PdfReader(str(target))
    assert len(reader.pages) == 6
    first = reader.pages[0].extract_text()
    assert "Số: 104/BC-TrCT" in first and "BÁO CÁO" in first
    assert "- Lưu: VT, PNCKH." in reader.pages[-1].extract_text()


def test_bad_spec_exits_with_code_one_and_the_messages(tmp_path):
    spec = json.loads(SEED.read_text(encoding="utf-8"))
    spec["date"] = "2014-13-01"
    spec["body"][3] = {"kind": "paragraph", "text": ""}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "out.docx"
    finished = subprocess.run(  # noqa: S603 (the test's own interpreter and manage.py)
        [sys.executable, str(ROOT / "manage.py"), "document_render", str(bad),
         "--out", str(target)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )  # fmt: skip
    assert finished.returncode == 1
    assert "không hợp lệ" in finished.stderr
    assert "date: ngày không hợp lệ '2014-13-01'" in finished.stderr
    assert "body[3]: thiếu nội dung đoạn văn" in finished.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("content", "out", "message"),
    [
        (None, "x.docx", "Không tìm thấy tệp đặc tả"),
        ("{not json", "x.docx", "không phải JSON hợp lệ: dòng 1, cột 2"),
        ("{}", "x.odt", "Tệp đích phải có đuôi .docx hoặc .pdf"),
        ("[]", "x.docx", "đặc tả văn bản phải là một đối tượng JSON"),
    ],
)
def test_unreadable_input_is_a_command_error(tmp_path, content, out, message):
    source = tmp_path / "spec.json"
    if content is not None:
        source.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("document_render", str(source), "--out", str(tmp_path / out))
    assert not (tmp_path / out).exists()

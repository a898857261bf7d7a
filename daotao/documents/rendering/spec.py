"""The plain data a document is rendered from, validated once.

`DocumentSpec.from_dict(data)` takes the JSON shape below, checks every field and
raises `SpecError` listing every problem in Vietnamese with its place
("body[3]: thiếu nội dung đoạn văn"); the renderer then trusts the spec. All text is
normalised to NFC with whitespace runs collapsed. Unknown keys are refused, so a
misspelt key is reported instead of silently dropped.

    {
      "format": "state" | "party",        # NĐ 30/2020 or Hướng dẫn 36-HD/VPTW
      "governing_body": "UBND TỈNH THANH HÓA",   # cơ quan chủ quản ("" if none)
      "issuer_name": "TRƯỜNG CHÍNH TRỊ",
      "number": 104,                      # int ≥ 1, or null for a draft
      "type_abbreviation": "BC",          # null for a công văn
      "issuer_abbreviation": "TrCT",
      "unit_abbreviation": "PNCKH",       # drafting unit; required for a công văn
      "type_name": "BÁO CÁO",             # null for a công văn (with the abbreviation)
      "place": "Thanh Hóa",
      "date": "2014-04-29",               # ISO date
      "summary": "Kết quả thực hiện …",   # trích yếu; "V/v …" line of a công văn
      "addressees": ["Sở Nội vụ"],        # optional: "Kính gửi" of a công văn
      "decision_heading": "HIỆU TRƯỞNG …", # optional: authority line of a QĐ
      "basis": ["Căn cứ …;"],             # optional: căn cứ lines
      "body": [block, …],
      "signer": {"authority": "KT. HIỆU TRƯỞNG", "title": "PHÓ HIỆU TRƯỞNG",
                 "name": "Nguyễn Văn A"},  # authority optional, name may be ""
      "recipients": ["GĐ Học viện Chính trị QGHCM;", …],
      "archive_units": ["PNCKH"]          # "- Lưu: VT, PNCKH."
    }

Blocks (`kind`): heading {level 1-3, text}; paragraph {text}; list {items, marker
"-" (default) or "+"}; article {number, text} ("Điều 1. …"); table {header, rows,
widths_mm (optional; without them the columns are sized by their content)};
page_break {}; annex {title ("PHỤ LỤC" or the list's name), name (optional, printed
under the title), subtitle (optional; "[số ký hiệu]" and "[ngày]" in it become the
document's number and date), blocks} (only at the top level; annexes are printed
after the signature, each on a new page).
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from daotao.core.text import date_line, normalize

__all__ = [
    "Annex",
    "Article",
    "Block",
    "DocumentSpec",
    "Heading",
    "ListBlock",
    "PageBreak",
    "Paragraph",
    "Signer",
    "SpecError",
    "Table",
    "block_to_dict",
    "number_text",
]

FORMATS = ("state", "party")
LIST_MARKERS = ("-", "+")
HEADING_LEVELS = (1, 2, 3)
# The enacting line between the căn cứ lines and the articles, by type.
ENACTING_LINES = {"QĐ": "QUYẾT ĐỊNH:", "NQ": "QUYẾT NGHỊ:"}


class SpecError(ValueError):
    """A spec that cannot be rendered; `messages` says where and what, in Vietnamese."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


def number_text(n: int) -> str:
    """The number as printed: below 10 with a leading zero (5 → "05", 104 → "104")."""
    return f"{n:02d}"


# --- Blocks ------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class ListBlock:
    items: tuple[str, ...]
    marker: str = "-"


@dataclass(frozen=True)
class Article:
    number: int
    text: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...] | None = None


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Annex:
    title: str
    blocks: tuple[Block, ...]
    subtitle: str = ""
    name: str = ""


Block = Heading | Paragraph | ListBlock | Article | Table | PageBreak | Annex


def block_to_dict(block: Block) -> dict[str, Any]:
    """The JSON shape of a typed block (the inverse of `DocumentSpec.from_dict`'s
    parsing), as an outgoing document's body keeps it."""
    if isinstance(block, Heading):
        return {"kind": "heading", "level": block.level, "text": block.text}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text}
    if isinstance(block, ListBlock):
        return {"kind": "list", "items": list(block.items), "marker": block.marker}
    if isinstance(block, Article):
        return {"kind": "article", "number": block.number, "text": block.text}
    if isinstance(block, Table):
        table: dict[str, Any] = {
            "kind": "table",
            "header": list(block.header),
            "rows": [list(row) for row in block.rows],
        }
        if block.widths_mm is not None:
            table["widths_mm"] = list(block.widths_mm)
        return table
    if isinstance(block, PageBreak):
        return {"kind": "page_break"}
    annex: dict[str, Any] = {"kind": "annex", "title": block.title}
    if block.name:
        annex["name"] = block.name
    if block.subtitle:
        annex["subtitle"] = block.subtitle
    annex["blocks"] = [block_to_dict(inner) for inner in block.blocks]
    return annex


@dataclass(frozen=True)
class Signer:
    title: str
    name: str
    authority: str = ""


# --- The document ------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentSpec:
    format: Literal["state", "party"]
    governing_body: str
    issuer_name: str
    number: int | None
    type_abbreviation: str | None
    issuer_abbreviation: str
    unit_abbreviation: str
    type_name: str | None
    place: str
    date: datetime.date
    summary: str
    body: tuple[Block, ...]
    signer: Signer
    recipients: tuple[str, ...] = ()
    archive_units: tuple[str, ...] = ()
    basis: tuple[str, ...] = ()
    decision_heading: str = ""
    addressees: tuple[str, ...] = ()

    @property
    def is_letter(self) -> bool:
        """A công văn: no type name; the summary is the "V/v" line of the header."""
        return self.type_abbreviation is None

    @property
    def symbol(self) -> str:
        """Số và ký hiệu without "Số": "104/BC-TrCT", "15/TrCT-QLĐT", "12-NQ/ĐU";
        a draft has blank space where the number goes."""
        shown = number_text(self.number) if self.number is not None else "     "
        if self.is_letter:
            return f"{shown}/{self.issuer_abbreviation}-{self.unit_abbreviation}"
        if self.format == "party":
            return f"{shown}-{self.type_abbreviation}/{self.issuer_abbreviation}"
        return f"{shown}/{self.type_abbreviation}-{self.issuer_abbreviation}"

    @property
    def number_line(self) -> str:
        """ "Số: 104/BC-TrCT" (NĐ 30) or "Số 12-NQ/ĐU" (party, no colon)."""
        if self.format == "party":
            return f"Số {self.symbol}"
        return f"Số: {self.symbol}"

    @property
    def date_line(self) -> str:
        return date_line(place=self.place, on=self.date)

    @property
    def archive_line(self) -> str:
        """The last recipient line: "- Lưu: VT, PNCKH."."""
        return "- Lưu: " + ", ".join(("VT", *self.archive_units)) + "."

    @property
    def enacting_line(self) -> str:
        """ "QUYẾT ĐỊNH:" after the căn cứ of a QĐ ("QUYẾT NGHỊ:" for an NQ), or ""."""
        if not (self.decision_heading or self.basis):
            return ""
        return ENACTING_LINES.get(self.type_abbreviation or "", "")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DocumentSpec:
        """The spec for `data`, or SpecError with every problem found."""
        return _Parser().document(data)


# --- Validation --------------------------------------------------------------------

_FIELDS = {
    "format",
    "governing_body",
    "issuer_name",
    "number",
    "type_abbreviation",
    "issuer_abbreviation",
    "unit_abbreviation",
    "type_name",
    "place",
    "date",
    "summary",
    "addressees",
    "decision_heading",
    "basis",
    "body",
    "signer",
    "recipients",
    "archive_units",
}
_BLOCK_FIELDS = {
    "heading": {"level", "text"},
    "paragraph": {"text"},
    "list": {"items", "marker"},
    "article": {"number", "text"},
    "table": {"header", "rows", "widths_mm"},
    "page_break": set(),
    "annex": {"title", "name", "subtitle", "blocks"},
}
_BLOCK_KIND_NAMES = {
    "heading": "đề mục",
    "paragraph": "đoạn văn",
    "list": "danh sách",
    "article": "điều",
    "annex": "phụ lục",
}
_MISSING = object()


def _clean(text: str) -> str:
    return normalize(unicodedata.normalize("NFC", text))


class _Parser:
    """Collects every message instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    # Scalars ------------------------------------------------------------------

    def text(
        self,
        value: Any,
        where: str,
        *,
        required: bool = True,
        what: str = "nội dung",
    ) -> str:
        if value is _MISSING or value is None:
            if required:
                self.error(where, f"thiếu {what}")
            return ""
        if not isinstance(value, str):
            self.error(where, f"phải là chuỗi ký tự, nhận được {value!r}")
            return ""
        cleaned = _clean(value)
        if required and not cleaned:
            self.error(where, f"thiếu {what}")
        return cleaned

    def optional_text(self, value: Any, where: str) -> str | None:
        if value is _MISSING or value is None:
            return None
        return self.text(value, where) or None

    def texts(self, value: Any, where: str, *, what: str) -> tuple[str, ...]:
        if value is _MISSING or value is None:
            return ()
        if not isinstance(value, list):
            self.error(where, "phải là danh sách chuỗi ký tự")
            return ()
        return tuple(
            self.text(item, f"{where}[{index}]", what=what)
            for index, item in enumerate(value)
        )

    def positive_int(self, value: Any, where: str, *, what: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.error(where, f"{what} phải là số nguyên dương, nhận được {value!r}")
            return None
        return value

    def unknown_keys(
        self, data: Mapping[str, Any], allowed: set[str], where: str
    ) -> None:
        for key in sorted(set(data) - allowed - {"kind"}):
            self.error(where, f"khóa không được hỗ trợ '{key}'")

    # The document -------------------------------------------------------------

    def document(self, data: Mapping[str, Any]) -> DocumentSpec:
        if not isinstance(data, Mapping):
            raise SpecError(["đặc tả văn bản phải là một đối tượng JSON"])

        def get(key: str) -> Any:
            return data.get(key, _MISSING)

        for key in sorted(set(data) - _FIELDS):
            self.errors.append(f"khóa không được hỗ trợ '{key}'")
        document_format = get("format")
        if document_format not in FORMATS:
            self.error(
                "format",
                f"phải là 'state' hoặc 'party', nhận được {document_format!r}",
            )
        number = get("number")
        if number is not _MISSING and number is not None:
            number = self.positive_int(number, "number", what="số văn bản")
        else:
            number = None
        type_abbreviation = self.optional_text(
            get("type_abbreviation"), "type_abbreviation"
        )
        type_name = self.optional_text(get("type_name"), "type_name")
        if (type_abbreviation is None) != (type_name is None):
            self.error(
                "type_name",
                "tên loại và ký hiệu loại văn bản phải cùng có "
                "(văn bản có tên loại) hoặc cùng để trống (công văn)",
            )
        unit_abbreviation = self.text(
            get("unit_abbreviation"),
            "unit_abbreviation",
            required=type_abbreviation is None,
            what="ký hiệu đơn vị soạn thảo (bắt buộc với công văn)",
        )
        spec = DocumentSpec(
            format=document_format if document_format in FORMATS else "state",
            governing_body=self.text(
                get("governing_body"), "governing_body", required=False
            ),
            issuer_name=self.text(
                get("issuer_name"), "issuer_name", what="tên cơ quan ban hành"
            ),
            number=number,
            type_abbreviation=type_abbreviation,
            issuer_abbreviation=self.text(
                get("issuer_abbreviation"),
                "issuer_abbreviation",
                what="ký hiệu cơ quan ban hành",
            ),
            unit_abbreviation=unit_abbreviation,
            type_name=type_name,
            place=self.text(get("place"), "place", what="địa danh"),
            date=self.date(get("date")),
            summary=self.text(get("summary"), "summary", what="trích yếu"),
            addressees=self.texts(get("addressees"), "addressees", what="nơi gửi"),
            decision_heading=self.text(
                get("decision_heading"), "decision_heading", required=False
            ),
            basis=self.texts(get("basis"), "basis", what="căn cứ"),
            body=self.blocks(get("body"), "body", top_level=True),
            signer=self.signer(get("signer")),
            recipients=self.texts(get("recipients"), "recipients", what="nơi nhận"),
            archive_units=self.texts(
                get("archive_units"), "archive_units", what="ký hiệu đơn vị lưu"
            ),
        )
        if self.errors:
            raise SpecError(self.errors)
        return spec

    def date(self, value: Any) -> datetime.date:
        fallback = datetime.date(2000, 1, 1)
        if value is _MISSING or value is None:
            self.error("date", "thiếu ngày ban hành")
            return fallback
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.error("date", f"ngày không hợp lệ '{value}' (cần dạng YYYY-MM-DD)")
            return fallback

    def signer(self, value: Any) -> Signer:
        if not isinstance(value, Mapping):
            self.error("signer", "thiếu thông tin người ký (authority, title, name)")
            return Signer(title="", name="")
        self.unknown_keys(value, {"authority", "title", "name"}, "signer")
        return Signer(
            authority=self.text(
                value.get("authority"), "signer.authority", required=False
            ),
            title=self.text(
                value.get("title", _MISSING), "signer.title", what="chức vụ người ký"
            ),
            name=self.text(value.get("name"), "signer.name", required=False),
        )

    # Blocks -------------------------------------------------------------------

    def blocks(self, value: Any, where: str, *, top_level: bool) -> tuple[Block, ...]:
        if value is _MISSING or value is None:
            self.error(where, "thiếu nội dung văn bản (danh sách khối)")
            return ()
        if not isinstance(value, list):
            self.error(where, "phải là danh sách các khối nội dung")
            return ()
        parsed = []
        for index, item in enumerate(value):
            block = self.block(item, f"{where}[{index}]", top_level=top_level)
            if block is not None:
                parsed.append(block)
        return tuple(parsed)

    def block(self, item: Any, where: str, *, top_level: bool) -> Block | None:
        if not isinstance(item, Mapping):
            self.error(where, "mỗi khối phải là một đối tượng có 'kind'")
            return None
        kind = item.get("kind")
        if kind not in _BLOCK_FIELDS:
            self.error(
                where,
                f"loại khối không hợp lệ {kind!r} (cần một trong: "
                + ", ".join(_BLOCK_FIELDS)
                + ")",
            )
            return None
        self.unknown_keys(item, _BLOCK_FIELDS[kind], where)
        what = _BLOCK_KIND_NAMES.get(kind, "nội dung")
        text = item.get("text", _MISSING)
        if kind == "heading":
            level = item.get("level")
            if level not in HEADING_LEVELS or isinstance(level, bool):
                self.error(
                    where, f"cấp đề mục phải là 1, 2 hoặc 3, nhận được {level!r}"
                )
                level = 1
            return Heading(
                level=level, text=self.text(text, where, what=f"nội dung {what}")
            )
        if kind == "paragraph":
            return Paragraph(text=self.text(text, where, what=f"nội dung {what}"))
        if kind == "list":
            return self.list_block(item, where)
        if kind == "article":
            number = self.positive_int(item.get("number"), where, what="số điều")
            return Article(
                number=number or 1, text=self.text(text, where, what="nội dung điều")
            )
        if kind == "table":
            return self.table(item, where)
        if kind == "page_break":
            return PageBreak()
        if not top_level:
            self.error(where, "phụ lục chỉ được đặt ở cấp ngoài cùng của nội dung")
        return Annex(
            title=self.text(item.get("title", _MISSING), where, what="tên phụ lục"),
            name=self.text(item.get("name"), where, required=False),
            subtitle=self.text(item.get("subtitle"), where, required=False),
            blocks=self.blocks(
                item.get("blocks", []), f"{where}.blocks", top_level=False
            ),
        )

    def list_block(self, item: Mapping[str, Any], where: str) -> ListBlock:
        items = item.get("items")
        if not isinstance(items, list) or not items:
            self.error(where, "danh sách phải có ít nhất một mục ('items')")
            items = []
        marker = item.get("marker", "-")
        if marker not in LIST_MARKERS:
            self.error(
                where, f"dấu đầu dòng phải là '-' hoặc '+', nhận được {marker!r}"
            )
            marker = "-"
        return ListBlock(
            items=tuple(
                self.text(entry, f"{where}.items[{index}]", what="nội dung mục")
                for index, entry in enumerate(items)
            ),
            marker=marker,
        )

    def table(self, item: Mapping[str, Any], where: str) -> Table:
        header = item.get("header")
        if not isinstance(header, list) or not header:
            self.error(where, "bảng phải có dòng tiêu đề ('header') không rỗng")
            header = []
        columns = len(header)
        header_texts = tuple(
            self.text(cell, f"{where}.header[{index}]", required=False)
            for index, cell in enumerate(header)
        )
        rows = item.get("rows", [])
        parsed_rows = []
        if not isinstance(rows, list):
            self.error(where, "'rows' phải là danh sách các dòng")
            rows = []
        for row_index, row in enumerate(rows):
            row_where = f"{where}.rows[{row_index}]"
            if not isinstance(row, list):
                self.error(row_where, "mỗi dòng phải là danh sách ô")
                continue
            if len(row) != columns:
                self.error(row_where, f"có {len(row)} ô, tiêu đề bảng có {columns} cột")
            parsed_rows.append(
                tuple(
                    self.text(cell, f"{row_where}[{index}]", required=False)
                    for index, cell in enumerate(row)
                )
            )
        widths = item.get("widths_mm")
        parsed_widths = None
        if widths is not None:
            valid = isinstance(widths, list) and all(
                isinstance(w, int | float) and not isinstance(w, bool) and w > 0
                for w in widths
            )
            if not valid or len(widths) != columns:
                self.error(
                    f"{where}.widths_mm",
                    f"cần {columns} độ rộng cột dương (mm), nhận được {widths!r}",
                )
            else:
                parsed_widths = tuple(float(w) for w in widths)
        return Table(
            header=header_texts, rows=tuple(parsed_rows), widths_mm=parsed_widths
        )
